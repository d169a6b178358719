// Trace search, host-side. Each step gets a bounded lower-case text (name, error, then a prefix of its
// inputs, outputs, messages, parameters and results); all of them are joined into one string so a query is a
// handful of native `indexOf` scans rather than 100k small ones, and each step has a bitmask of the ASCII
// characters it contains, which answers a one-character query (the first keystroke, matching nearly every
// step) without scanning. It runs in the host, not the webview: the
// texts of 100k steps are ~50 MB the webview would otherwise have to receive before its first paint and keep
// on its heap, while one request/response per keystroke costs a millisecond or two.
import { SEARCH_TEXT_LIMIT, searchText } from './searchText';
import type { Step } from './types';

export { SEARCH_TEXT_LIMIT, searchText };

/** More matches than this are cut (the webview shows "first N"). */
export const MAX_MATCHES = 200_000;
const SEP = '\u0000';
/** Printable ASCII (32–127) as 3 × 32 bits per step. */
const MASK_WORDS = 3;
/** Steps indexed per slice of `buildAsync`, between which the extension host's event loop runs. */
const SLICE = 5000;

export interface SearchResult {
  /** Matching pre-order indices as half-open ranges [start0, end0, start1, end1, …], ascending. */
  ranges: number[];
  count: number;
  truncated: boolean;
}

export class SearchIndex {
  /** The previous query's matches and where each first contains it (-1: not known), to narrow the next. */
  private last: { query: string; ranges: number[]; count: number; positions: number[] } | undefined;

  /** Use `build` or `buildAsync`. */
  constructor(
    private readonly text: string,
    /** offsets[i] is where step i's text starts; offsets[n] is text.length. */
    private readonly offsets: Int32Array,
    /** Bit (c - 32) of word i * MASK_WORDS + (c - 32) / 32 is set when step i's text contains char code c. */
    private readonly charMasks: Uint32Array,
  ) {}

  static build(steps: readonly Step[], limit = SEARCH_TEXT_LIMIT): SearchIndex {
    const b = new Builder(steps.length);
    for (let i = 0; i < steps.length; i++) b.add(i, searchText(steps[i]!, limit));
    return b.finish();
  }

  /** The same index, built in slices so a 100k-step trace does not hold the extension host for half a second. */
  static async buildAsync(steps: readonly Step[], limit = SEARCH_TEXT_LIMIT): Promise<SearchIndex> {
    const b = new Builder(steps.length);
    for (let start = 0; start < steps.length; start += SLICE) {
      const end = Math.min(steps.length, start + SLICE);
      for (let i = start; i < end; i++) b.add(i, searchText(steps[i]!, limit));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return b.finish();
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  /** Steps whose text contains the query (case-insensitive). */
  search(query: string, max = MAX_MATCHES): SearchResult {
    const q = query.trim().toLowerCase().replaceAll(SEP, ' ');
    if (q === '') return { ranges: [], count: 0, truncated: false };
    const out = new RangeBuilder(max);
    const prev = this.last;
    const c = q.charCodeAt(0) - 32;
    if (q.length === 1 && c >= 0 && c < MASK_WORDS * 32) this.withChar(c, out);
    // Typing appends to the query: a step can only match where it matched the previous query, so most
    // steps are answered by one startsWith at a known position.
    else if (prev && q.startsWith(prev.query) && prev.positions[0] !== -1) this.extend(q, prev, out);
    // Otherwise, when the previous matches are few, looking inside each of them beats a scan of everything.
    else if (prev && q.includes(prev.query) && prev.count < this.size / 4) this.searchWithin(q, prev.ranges, out);
    else this.scan(q, out);
    this.last = out.truncated ? undefined : { query: q, ranges: out.ranges, count: out.count, positions: out.positions };
    return { ranges: out.ranges, count: out.count, truncated: out.truncated };
  }

  private extend(q: string, prev: { ranges: number[]; positions: number[] }, out: RangeBuilder): void {
    const { text, offsets } = this;
    let k = 0;
    for (let r = 0; r < prev.ranges.length; r += 2) {
      for (let i = prev.ranges[r]!; i < prev.ranges[r + 1]!; i++) {
        const p = prev.positions[k++]!;
        if (text.startsWith(q, p)) {
          if (!out.add(i, p)) return;
          continue;
        }
        const j = text.substring(p + 1, offsets[i + 1]!).indexOf(q);
        if (j >= 0 && !out.add(i, p + 1 + j)) return;
      }
    }
  }

  private scan(q: string, out: RangeBuilder): void {
    const { text, offsets } = this;
    let pos = text.indexOf(q);
    let lo = 0;
    while (pos !== -1) {
      // Matches come in ascending order: the step is at or after the last one, most often the next one.
      if (offsets[lo + 1]! <= pos) {
        if (offsets[lo + 2]! > pos) lo++;
        else {
          let hi = offsets.length - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >>> 1;
            if (offsets[mid]! <= pos) lo = mid;
            else hi = mid - 1;
          }
        }
      }
      if (!out.add(lo, pos)) return;
      pos = text.indexOf(q, offsets[lo + 1]!);
    }
  }

  private withChar(c: number, out: RangeBuilder): void {
    const word = c >>> 5;
    const bit = 1 << (c & 31);
    const masks = this.charMasks;
    for (let i = 0, n = this.size; i < n; i++) {
      if ((masks[i * MASK_WORDS + word]! & bit) !== 0 && !out.add(i, -1)) return;
    }
  }

  private searchWithin(q: string, ranges: number[], out: RangeBuilder): void {
    const { text, offsets } = this;
    for (let r = 0; r < ranges.length; r += 2) {
      for (let i = ranges[r]!; i < ranges[r + 1]!; i++) {
        const j = text.substring(offsets[i]!, offsets[i + 1]!).indexOf(q);
        if (j >= 0 && !out.add(i, offsets[i]! + j)) return;
      }
    }
  }
}

class Builder {
  private readonly parts: string[];
  private readonly offsets: Int32Array;
  private readonly masks: Uint32Array;
  private at = 0;
  constructor(private readonly n: number) {
    this.parts = new Array<string>(n);
    this.offsets = new Int32Array(n + 1);
    this.masks = new Uint32Array(n * MASK_WORDS);
  }
  add(i: number, text: string): void {
    const t = text.replaceAll(SEP, ' ');
    this.parts[i] = t;
    this.offsets[i] = this.at;
    this.at += t.length + 1;
    const base = i * MASK_WORDS;
    for (let k = 0; k < t.length; k++) {
      const c = t.charCodeAt(k) - 32;
      if (c >= 0 && c < MASK_WORDS * 32) this.masks[base + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
  finish(): SearchIndex {
    this.offsets[this.n] = this.at;
    return new SearchIndex(this.parts.join(SEP) + SEP, this.offsets, this.masks);
  }
}

/** Collects ascending indices as half-open ranges, up to a maximum count. */
class RangeBuilder {
  readonly ranges: number[] = [];
  /** Where each match first contains the query, in match order. */
  readonly positions: number[] = [];
  count = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  add(i: number, pos: number): boolean {
    if (this.count >= this.max) {
      this.truncated = true;
      return false;
    }
    const n = this.ranges.length;
    if (n > 0 && this.ranges[n - 1] === i) this.ranges[n - 1] = i + 1;
    else this.ranges.push(i, i + 1);
    this.positions.push(pos);
    this.count++;
    return true;
  }
}

/** Expands ranges into indices (tests, small results). */
export function rangeIndices(ranges: readonly number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < ranges.length; r += 2) for (let i = ranges[r]!; i < ranges[r + 1]!; i++) out.push(i);
  return out;
}
