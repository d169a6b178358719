// Baseline checks: does this execution still choose the same tools as the baseline, and did its tokens, cost or
// duration grow past a tolerance? A small interface on purpose — `compareWithBaseline` is what the compare engine
// (issue 15) can replace; its callers only read BaselineComparison. Pure: no `vscode`.
import type { Step, Trace } from '../types';
import { walk } from '../rollup';

export type GrowthMetric = 'tokens' | 'cost' | 'durationMs';

export interface BaselineComparison {
  /** The first place the tool-choice sequences part; undefined when they are the same. */
  readonly toolDivergence?: { readonly index: number; readonly baseline?: string; readonly current?: string };
  readonly baselineTools: readonly string[];
  readonly currentTools: readonly string[];
  /** Metrics that grew past the tolerance. */
  readonly growth: ReadonlyArray<{ readonly metric: GrowthMetric; readonly baseline: number; readonly current: number; readonly pct: number }>;
}

/** A tool step's identity: its key when the source gives one, else its tool name, else the step's name. */
export function toolId(s: Step): string {
  if (s.detail.kind === 'tool') return s.detail.toolKey ?? s.detail.tool ?? s.name;
  return s.name;
}

/** The tool steps of a trace in the order they started (tree order breaks ties). */
export function toolSteps(t: Trace): Step[] {
  const out: Step[] = [];
  walk(t.roots, (s) => void (s.kind === 'tool' && out.push(s)));
  return out.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || a.i - b.i).map((x) => x.s);
}

export const tokensOf = (t: Trace): number => t.tokens.input + t.tokens.output + t.tokens.thinking;
export const durationOf = (t: Trace): number | undefined => (t.end !== undefined ? Math.max(0, t.end - t.start) : undefined);

export function compareWithBaseline(baseline: Trace, current: Trace, tolerancePct: number): BaselineComparison {
  const baselineTools = toolSteps(baseline).map(toolId);
  const currentTools = toolSteps(current).map(toolId);
  let toolDivergence: BaselineComparison['toolDivergence'];
  const n = Math.max(baselineTools.length, currentTools.length);
  for (let i = 0; i < n; i++) {
    if (baselineTools[i] !== currentTools[i]) {
      toolDivergence = { index: i, ...(baselineTools[i] !== undefined ? { baseline: baselineTools[i] } : {}), ...(currentTools[i] !== undefined ? { current: currentTools[i] } : {}) };
      break;
    }
  }
  const growth: Array<BaselineComparison['growth'][number]> = [];
  const pairs: Array<[GrowthMetric, number | undefined, number | undefined]> = [
    ['tokens', tokensOf(baseline), tokensOf(current)],
    ['cost', baseline.cost.total, current.cost.total],
    ['durationMs', durationOf(baseline), durationOf(current)],
  ];
  for (const [metric, b, c] of pairs) {
    if (b === undefined || c === undefined) continue;
    // Growth from nothing has no percentage; it is growth all the same once there is something.
    const pct = b > 0 ? ((c - b) / b) * 100 : c > 0 ? Infinity : 0;
    if (pct > tolerancePct) growth.push({ metric, baseline: b, current: c, pct });
  }
  return { ...(toolDivergence ? { toolDivergence } : {}), baselineTools, currentTools, growth };
}
