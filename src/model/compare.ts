// Two mappings of one execution side by side (the raw OTel spans mapped here, the server's projection):
// plain counts and their difference, for the panel header. No judgement of which is right.
import type { Trace } from './types';

export interface TraceComparison {
  /** What the trace is compared with: "the server's projection", "the stored trace". */
  against: string;
  /** [this trace, the other]. */
  steps: [number, number];
  tokens: [number, number];
  cost: [number, number];
  currency: string;
}

/** Input + output + thinking, as the tree's Tokens column counts them. */
const tokenSum = (t: Trace): number => t.tokens.input + t.tokens.output + t.tokens.thinking;

export function compareTraces(mine: Trace, other: Trace, against: string): TraceComparison {
  return {
    against,
    steps: [mine.stepCount, other.stepCount],
    tokens: [tokenSum(mine), tokenSum(other)],
    cost: [mine.cost.total, other.cost.total],
    currency: other.currency,
  };
}
