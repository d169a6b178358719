// Summaries of a set of runs: counts, failure rate, duration percentiles, mean tokens and cost; and the
// revision and environment comparisons built from them.
import { p50p95 } from './percentile';
import type { GroupSummary, InsightRecord, Summary } from './types';

/** Accumulates runs one at a time; `summary()` computes the percentiles once at the end. */
export class SummaryBuilder {
  private runs = 0;
  private running = 0;
  private failed = 0;
  private tokens = 0;
  private cost = 0;
  /** Tokens and cost of finished runs only: a running run's are not final, so they would pull the mean down. */
  private finishedTokens = 0;
  private finishedCost = 0;
  private readonly durations: number[] = [];
  private finished = 0;

  add(r: InsightRecord): void {
    this.runs++;
    this.tokens += r.tokens;
    this.cost += r.cost;
    if (r.outcome === 'running') {
      this.running++;
      return;
    }
    this.finished++;
    this.finishedTokens += r.tokens;
    this.finishedCost += r.cost;
    if (r.outcome === 'failed') this.failed++;
    if (r.end !== undefined && r.end >= r.start) this.durations.push(r.end - r.start);
  }

  summary(): Summary {
    const { p50, p95 } = p50p95(this.durations);
    const f = this.finished;
    return {
      runs: this.runs, running: this.running, finished: f, failed: this.failed,
      failureRate: f ? this.failed / f : null, p50, p95,
      meanTokens: f ? this.finishedTokens / f : null, meanCost: f ? this.finishedCost / f : null,
      totalTokens: this.tokens, totalCost: this.cost,
    };
  }
}

export function summarize(records: Iterable<InsightRecord>): Summary {
  const b = new SummaryBuilder();
  for (const r of records) b.add(r);
  return b.summary();
}

const DELTA_KEYS = ['failureRate', 'p50', 'p95', 'meanTokens', 'meanCost'] as const;

/** this − previous for each number both have. */
export function deltaOf(cur: Summary, prev: Summary): NonNullable<GroupSummary['delta']> {
  const d: NonNullable<GroupSummary['delta']> = {};
  for (const k of DELTA_KEYS) {
    const a = cur[k];
    const b = prev[k];
    if (a !== null && b !== null) d[k] = a - b;
  }
  return d;
}

export const NO_REVISION = '(none)';
export const NO_ENVIRONMENT = '(none)';

/** Per revision, oldest first, each with its delta against the revision before it in the window. */
export function byRevision(records: Iterable<InsightRecord>): GroupSummary[] {
  const groups = new Map<number | undefined, SummaryBuilder>();
  for (const r of records) {
    let g = groups.get(r.revision);
    if (!g) groups.set(r.revision, (g = new SummaryBuilder()));
    g.add(r);
  }
  // Array.sort puts undefined last without asking the comparator: runs without a revision go first by hand.
  const numbered = [...groups.keys()].filter((k): k is number => k !== undefined).sort((a, b) => a - b);
  const keys: Array<number | undefined> = groups.has(undefined) ? [undefined, ...numbered] : numbered;
  const out: GroupSummary[] = [];
  let prev: Summary | undefined;
  for (const k of keys) {
    const s = groups.get(k)!.summary();
    const g: GroupSummary = { key: k === undefined ? NO_REVISION : String(k), ...s };
    // Runs without a revision are not "the revision before" the first numbered one.
    if (prev && k !== undefined) g.delta = deltaOf(s, prev);
    if (k !== undefined) prev = s;
    out.push(g);
  }
  return out;
}

/** Per environment, most runs first (ties by name); no deltas: environments have no order. */
export function byEnvironment(records: Iterable<InsightRecord>): GroupSummary[] {
  const groups = new Map<string, SummaryBuilder>();
  for (const r of records) {
    const k = r.environment || NO_ENVIRONMENT;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = new SummaryBuilder()));
    g.add(r);
  }
  return [...groups.entries()].map(([key, b]) => ({ key, ...b.summary() }))
    .sort((a, b) => b.runs - a.runs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
