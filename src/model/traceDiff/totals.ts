// Whole-run figures of A and B, and each row's A → B deltas: numbers the header and the rows show. Pure.
import { errorSteps } from '../rollup';
import type { Step, StepKind, Trace } from '../types';

export const KIND_ORDER: readonly StepKind[] = ['agent', 'flow', 'llm', 'tool', 'hitl', 'retrieval', 'other'];

/** [A, B] pairs; a duration is undefined while its run is still going. */
export interface TotalsDelta {
  cost: [number, number];
  tokens: [number, number];
  durationMs: [number | undefined, number | undefined];
  steps: [number, number];
  errors: [number, number];
  currency: [string, string];
}

const tokenSum = (t: { input: number; output: number; thinking: number }) => t.input + t.output + t.thinking;
const duration = (start: number, end: number | undefined) => (end === undefined ? undefined : Math.max(0, end - start));

export function totalsOf(a: Trace, b: Trace): TotalsDelta {
  return {
    cost: [a.cost.total, b.cost.total],
    tokens: [tokenSum(a.tokens), tokenSum(b.tokens)],
    durationMs: [duration(a.start, a.end), duration(b.start, b.end)],
    steps: [a.stepCount, b.stepCount],
    errors: [errorSteps(a.roots).length, errorSteps(b.roots).length],
    currency: [a.currency, b.currency],
  };
}

/** One step's own figures (its children have their own rows). */
export interface StepFigures {
  durationMs: number | undefined;
  tokens: number;
  cost: number;
  status: Step['status'];
}

export function stepFigures(s: Step | undefined): StepFigures | undefined {
  if (!s) return undefined;
  return { durationMs: duration(s.start, s.end), tokens: tokenSum(s.tokens), cost: s.cost.total, status: s.status };
}

/** B − A and the change relative to A ("+12%"); undefined when either side lacks the figure or A is 0. */
export function delta(a: number | undefined, b: number | undefined): { abs: number; pct: number | undefined } | undefined {
  if (a === undefined || b === undefined) return undefined;
  return { abs: b - a, pct: a === 0 ? undefined : ((b - a) / a) * 100 };
}
