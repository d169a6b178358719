// Fetched records per agent, window and filter, refreshed incrementally: a refresh reads only records that
// started since the newest one already held, or since the oldest one that was still running (it may have
// finished), and drops those a sliding window has left behind. The range read always includes the window
// before the current one (same length), so the headline can compare with it in the same pass.
import type { FetchRange, RecordSource } from './sources';
import type { InsightRecord } from './types';

export interface Window {
  from: number;
  to: number;
  /** Relative windows ("last 7 days") slide with the clock; custom ones are fixed and read up to `to`. */
  relative: boolean;
}

export interface LoadResult {
  /** Every record held for the key: the window and the one before it. */
  records: InsightRecord[];
  /** Pages requested by this load. */
  requests: number;
  /** Whether this load read only what was new. */
  incremental: boolean;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Records read so far in this load, and the total the server announced (when it did). */
  onProgress?: (loaded: number, total: number | undefined) => void;
}

interface Entry {
  since: number;
  until: number | undefined;
  records: Map<string, InsightRecord>;
}

export class InsightsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 8) {}

  async load(key: string, window: Window, source: RecordSource, o: LoadOptions = {}): Promise<LoadResult> {
    const since = window.from - (window.to - window.from);
    const until = window.relative ? undefined : window.to;
    const old = this.entries.get(key);
    // Reusable when it covers the new range's start and reads to the same end (a relative window only slides forward).
    const reusable = old && old.since <= since && old.until === until;
    const records = reusable ? new Map([...old.records].filter(([, r]) => r.start >= since)) : new Map<string, InsightRecord>();
    let readFrom = since;
    if (reusable && records.size) {
      let newest = since;
      let oldestRunning = Infinity;
      for (const r of records.values()) {
        if (r.start > newest) newest = r.start;
        if (r.outcome === 'running' && r.start < oldestRunning) oldestRunning = r.start;
      }
      readFrom = Math.min(newest, oldestRunning);
    }
    const range: FetchRange = { since: readFrom, ...(until !== undefined ? { until } : {}) };
    let requests = 0;
    let loaded = 0;
    await source.fetch(range, (items, total) => {
      requests++;
      for (const r of items) records.set(r.id, r);
      loaded += items.length;
      o.onProgress?.(loaded, total);
    }, o.signal);
    // Only a complete load is kept: a cancelled one leaves the previous entry as it was.
    this.entries.delete(key);
    this.entries.set(key, { since, until, records });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return { records: [...records.values()], requests, incremental: !!reusable && readFrom > since };
  }

  clear(): void {
    this.entries.clear();
  }
}
