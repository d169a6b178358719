// The backend-neutral shape insights are computed from, and the shape they are handed to the panel in.
// Pure data: the webview imports these types too (through src/shared/insightsProtocol.ts).

/** What a run means for the charts, whatever its status is called on the wire. */
export type Outcome = 'running' | 'ok' | 'failed' | 'other';

/** One execution, reduced to what insights need. */
export interface InsightRecord {
  readonly id: string;
  /** Unix ms. The record belongs to the bucket its start falls in. */
  readonly start: number;
  /** Unix ms; undefined while running (or when the service never recorded one). */
  readonly end: number | undefined;
  /** As the service sent it, in canonical UPPER_SNAKE spelling (so `Completed` and `COMPLETED` are one series). */
  readonly status: string;
  readonly outcome: Outcome;
  readonly tokens: number;
  /** USD (Fruxon) or credits (Zaia): see InsightsData.costUnit. */
  readonly cost: number;
  readonly revision: number | undefined;
  readonly environment: string | undefined;
}

export type BucketUnit = 'hour' | 'day';

/** Minutes east of UTC in force at an instant (Berlin in summer: 120). */
export type OffsetFn = (t: number) => number;

/** The numbers one set of runs comes to. Null where there is nothing to compute from. */
export interface Summary {
  runs: number;
  running: number;
  finished: number;
  failed: number;
  /** failed / finished. */
  failureRate: number | null;
  p50: number | null;
  p95: number | null;
  meanTokens: number | null;
  meanCost: number | null;
  totalTokens: number;
  totalCost: number;
}

/** A revision's or an environment's summary, and how it moved from the one before it. */
export interface GroupSummary extends Summary {
  key: string;
  /** Differences against the previous revision (revisions only): this minus previous. */
  delta?: Partial<Record<'failureRate' | 'p50' | 'p95' | 'meanTokens' | 'meanCost', number>>;
}

/** Everything the panel draws, columnar (uPlot's data layout): index i of each array is bucket i. */
export interface InsightsData {
  from: number;
  to: number;
  unit: BucketUnit;
  costUnit: 'usd' | 'credits';
  /** Bucket starts (Unix ms); bucket i ends where i + 1 starts, the last one at `to`. */
  starts: number[];
  /** Series of the status stack: finished statuses (known first, then unknown ones as they came), then RUNNING. */
  statuses: string[];
  /** counts[s][i]: runs of statuses[s] starting in bucket i. */
  counts: number[][];
  p50: Array<number | null>;
  p95: Array<number | null>;
  meanTokens: Array<number | null>;
  meanCost: Array<number | null>;
  cost: number[];
  totals: Summary;
  /** The same length of time just before `from`, when it was fetched. */
  previous?: Summary;
  revisions: GroupSummary[];
  environments: GroupSummary[];
}
