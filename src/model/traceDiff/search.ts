// Search over a comparison, host-side like the trace panel's: one index over both sides' steps (the trace
// search's own SearchIndex, so the same texts and limits), answered as merged rows.
import { SearchIndex, type SearchResult } from '../search';
import { zeroCost, zeroTokens } from '../rollup';
import type { Step } from '../types';
import type { DiffRow } from './diff';

const EMPTY: Step = { id: '', kind: 'other', name: '', status: 'unknown', start: 0, tokens: zeroTokens(), cost: zeroCost(), detail: { kind: 'generic' }, children: [] };

export class CompareSearch {
  private index: Promise<SearchIndex> | undefined;

  constructor(private readonly rows: readonly DiffRow[]) {}

  /** Built on first use, in slices (the extension host keeps running). */
  warm(): Promise<SearchIndex> {
    // Entries 0..n-1 are the rows' A steps, n..2n-1 their B steps (an empty step for a missing side).
    this.index ??= SearchIndex.buildAsync([...this.rows.map((r) => r.a ?? EMPTY), ...this.rows.map((r) => r.b ?? EMPTY)]);
    return this.index;
  }

  async search(query: string): Promise<SearchResult> {
    const n = this.rows.length;
    const hit = new Uint8Array(n);
    const found = (await this.warm()).search(query);
    for (let k = 0; k < found.ranges.length; k += 2) {
      for (let i = found.ranges[k]!; i < found.ranges[k + 1]!; i++) hit[i % n] = 1;
    }
    const ranges: number[] = [];
    let count = 0;
    for (let r = 0; r < n; r++) {
      if (!hit[r]) continue;
      count++;
      if (ranges.length > 0 && ranges[ranges.length - 1] === r) ranges[ranges.length - 1] = r + 1;
      else ranges.push(r, r + 1);
    }
    return { ranges, count, truncated: found.truncated };
  }
}
