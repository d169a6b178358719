// One query's matches, as the search index builds and keeps them: ascending step indices as half-open
// ranges, where each step first contains the query, and the characters that follow it there.
import { Occurrences } from './searchOccurrences';

/** Characters after each match kept next to it, so the next keystroke rarely touches the 40 MB text. */
const AHEAD = 16;

/**
 * Collects ascending indices as half-open ranges, up to a maximum count, with where each match first
 * contains the query (-1 when not known) and the characters that follow it there.
 */
export class RangeBuilder {
  ranges: number[] = [];
  /** The query these are the matches of. */
  query = '';
  /** Every occurrence of the query, as far as listed so far. */
  readonly occ = new Occurrences();
  /** Some positions are -1 (answered from bitsets): the background work finds them. */
  unplaced = false;
  /** The previous query's occurrences (and its length), which the background work filters into `occ`. */
  filterSource: { occ: Occurrences; known: number } | undefined;
  // Typed arrays sized once and reused (see SearchIndex.spare): a keystroke must not feed the garbage
  // collector 100k-element arrays.
  readonly positions: Int32Array;
  private readonly aheadStart: Int32Array;
  private readonly ahead: Uint16Array;
  count = 0;
  truncated = false;
  constructor(
    private max: number,
    readonly capacity: number,
  ) {
    this.positions = new Int32Array(capacity);
    this.aheadStart = new Int32Array(capacity);
    this.ahead = new Uint16Array(capacity * AHEAD);
  }

  /** Empty again, for a new query; `ranges` is a new array (the last result handed out keeps the old one). */
  reset(max: number): this {
    this.max = max;
    this.ranges = [];
    this.query = '';
    this.occ.reset();
    this.unplaced = false;
    this.filterSource = undefined;
    this.count = 0;
    this.truncated = false;
    return this;
  }

  add(i: number, pos: number): boolean {
    if (this.count >= this.max) {
      this.truncated = true;
      return false;
    }
    const n = this.ranges.length;
    if (n > 0 && this.ranges[n - 1] === i) this.ranges[n - 1] = i + 1;
    else this.ranges.push(i, i + 1);
    this.positions[this.count] = pos;
    this.aheadStart[this.count] = -1;
    this.count++;
    return true;
  }

  /** Match k (answered without a position) first contains the query at `pos`. */
  place(k: number, pos: number, text: string): void {
    this.positions[k] = pos;
    const start = pos + this.query.length;
    this.aheadStart[k] = start;
    for (let j = 0; j < AHEAD; j++) this.ahead[k * AHEAD + j] = text.charCodeAt(start + j) || 0;
  }

  /** Right after a scan found the match: those characters are still in cache. */
  recordAhead(text: string, start: number): void {
    const k = this.count - 1;
    this.aheadStart[k] = start;
    for (let j = 0; j < AHEAD; j++) this.ahead[k * AHEAD + j] = text.charCodeAt(start + j) || 0;
  }

  copyAhead(src: RangeBuilder, fromK: number): void {
    const k = this.count - 1;
    this.aheadStart[k] = src.aheadStart[fromK]!;
    const a = src.ahead;
    const b = this.ahead;
    for (let j = 0, x = fromK * AHEAD, y = k * AHEAD; j < AHEAD; j++) b[y + j] = a[x + j]!;
  }

  /** Whether match k, which contains q's first `known` characters at its position, contains all of q there. */
  continues(text: string, q: string, known: number, k: number): boolean {
    const p = this.positions[k]!;
    const base = this.aheadStart[k]!;
    for (let j = known; j < q.length; j++) {
      const w = p + j - base;
      const c = base >= 0 && w >= 0 && w < AHEAD ? this.ahead[k * AHEAD + w]! : text.charCodeAt(p + j);
      if (c !== q.charCodeAt(j)) return false;
    }
    return true;
  }
}

