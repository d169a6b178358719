// Baseline checks: does this execution still choose the same tools as the baseline, and did its tokens, cost or
// duration grow past a tolerance? The compare engine (../traceDiff) aligns the two step trees; a tool choice
// diverges where a tool step is on one side only, calls another tool, or moved among its siblings. Differences in
// what an LLM wrote or a tool answered are not a divergence here (they are what `output` checks are for).
// Pure: no `vscode`.
import { walk } from '../rollup';
import { diffTraces } from '../traceDiff/diff';
import type { Step, Trace } from '../types';

export type GrowthMetric = 'tokens' | 'cost' | 'durationMs';

export interface BaselineComparison {
  /** The first place the tool-choice sequences part; undefined when they are the same. */
  readonly toolDivergence?: { readonly index: number; readonly baseline?: string; readonly current?: string; readonly moved?: boolean };
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
  // The engine's merged pre-order; `index` counts the tool rows before the divergence (the Nth tool call).
  let index = 0;
  for (const row of diffTraces(baseline, current).rows) {
    const tool = row.a?.kind === 'tool' || row.b?.kind === 'tool';
    if (!tool) continue;
    const a = row.a?.kind === 'tool' ? toolId(row.a) : undefined;
    const b = row.b?.kind === 'tool' ? toolId(row.b) : undefined;
    const diverges = row.state === 'onlyA' || row.state === 'onlyB' || a !== b || row.moved;
    if (diverges) {
      toolDivergence = { index, ...(a !== undefined ? { baseline: a } : {}), ...(b !== undefined ? { current: b } : {}), ...(row.moved && a === b ? { moved: true } : {}) };
      break;
    }
    index++;
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
