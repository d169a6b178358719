// Trace search, host-side. Each step gets a bounded lower-case text (name, error, then a prefix of its
// inputs, outputs, messages, parameters and results); all of them are joined into one string so a query is a
// handful of native `indexOf` scans rather than 100k small ones. Typing is answered incrementally: the first
// keystroke from per-step masks of the ASCII characters each text contains, the second and third from bitsets
// of the common two- and three-character strings (searchGrams.ts), later ones by narrowing the previous
// matches at the position each first contained the query, or from the list of all its occurrences that the
// index builds between keystrokes (searchOccurrences.ts). It runs beside the trace (in its worker thread, or
// the host), not in the webview: the texts of 100k steps are ~40 MB the webview would otherwise have to receive
// before its first paint and keep on its heap, while one request/response per keystroke costs a millisecond or two.
import { GramBuilder, type GramBits, type GramIndex } from './searchGrams';
import { RangeBuilder } from './searchMatches';
import { SEARCH_TEXT_LIMIT, searchText } from './searchText';
import type { Step } from './types';

export { SEARCH_TEXT_LIMIT, searchText };

/** More matches than this are cut (the webview shows "first N"). */
export const MAX_MATCHES = 200_000;
const SEP = '\u0000';
/** Printable ASCII (32–127) as 3 × 32 bits per step. */
const MASK_WORDS = 3;
/** Steps indexed per slice of `buildAsync`, between which the extension host's event loop runs. */
const SLICE = 2500;
/** Longest run of background work (listing a query's occurrences) before the event loop gets a turn. */
const FILL_SLICE_MS = 2;

export interface SearchResult {
  /** Matching pre-order indices as half-open ranges [start0, end0, start1, end1, …], ascending. */
  ranges: number[];
  count: number;
  truncated: boolean;
}

export class SearchIndex {
  /** The previous query's matches and where each first contains it (-1: not known), to narrow the next. */
  private last: RangeBuilder | undefined;
  /**
   * The builder the next query writes into. Two builders take turns (the next query reads `last` while it
   * writes this one), so typing allocates no per-keystroke typed arrays: 4 MB of fresh buffers a keystroke
   * at 100k steps made the garbage collector a sixth of the search time, and of a large heap.
   */
  private spare: RangeBuilder | undefined;
  /** Bumped per query: a background listing of an older query's occurrences stops at its next slice. */
  private fillJob = 0;
  private filling = false;

  /** Use `build` or `buildAsync`. */
  constructor(
    private readonly text: string,
    /** offsets[i] is where step i's text starts; offsets[n] is text.length. */
    private readonly offsets: Int32Array,
    /** Bit (c - 32) of word i * MASK_WORDS + (c - 32) / 32 is set when step i's text contains char code c. */
    private readonly charMasks: Uint32Array,
    /** How often each char code below 256 occurs in `text` (others count as rare), to pick a search anchor. */
    private readonly charCounts: Uint32Array,
    /** Which steps contain each common two- and three-character string. */
    private readonly grams?: GramIndex,
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
    const prev = this.last;
    const extending = prev !== undefined && q.startsWith(prev.query);
    const out = this.builder(max, extending ? prev.count : this.size);
    const c = q.charCodeAt(0) - 32;
    const gram = q.length <= 3 ? this.grams?.find(q) : undefined;
    if (q.length === 1 && c >= 0 && c < MASK_WORDS * 32) this.withChar(c, out);
    // The second and third keystrokes match most steps: answered from bitsets, positions found later.
    else if (gram) this.withGram(gram, out);
    // Typing appends to the query: a step can only match where it matched the previous query, so most
    // steps are answered by one startsWith at a known position.
    else if (extending) this.extend(q, prev, out);
    // Otherwise, when the previous matches are few, looking inside each of them beats a scan of everything.
    else if (prev && q.includes(prev.query) && prev.count < this.size / 4) this.searchWithin(q, prev.ranges, out);
    else this.scan(q, out);
    out.query = q;
    if (out.truncated) {
      this.last = undefined;
      this.spare = out;
    } else {
      this.spare = prev;
      this.last = out;
    }
    this.fillLater(out);
    return { ranges: out.ranges, count: out.count, truncated: out.truncated };
  }

  /** Resolves once no background work is pending (tests; the answers are the same either way). */
  async settled(): Promise<void> {
    while (this.filling) await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Prepares for the next keystroke in slices between which the event loop runs (the next keystroke, when it
   * comes, is answered first and uses whatever is done): where each match first contains the query, when it
   * was answered without (from bitsets), then every occurrence of it.
   */
  private fillLater(job: RangeBuilder): void {
    const id = ++this.fillJob;
    this.filling = false;
    // One or two characters match nearly everything, and the next keystroke is most often answered from
    // masks or bitsets: not worth the CPU.
    if (this.last !== job || job.query.length < 3 || job.count === 0) return;
    const work = this.prepare(job);
    const slice = () => {
      if (id !== this.fillJob) return;
      this.deadline = performance.now() + this.sliceMs;
      // At least one step of work per slice (each is bounded: 1024 steps, 4096 or 256 occurrences).
      do {
        if (work.next().done) {
          this.filling = false;
          return;
        }
      } while (performance.now() < this.deadline);
      setImmediate(slice);
    };
    this.filling = true;
    setImmediate(slice);
  }

  private deadline = 0;
  /** Length of a background slice; tests set 0 (one bounded step per slice) to see every stage of it. */
  private sliceMs = FILL_SLICE_MS;

  private *prepare(job: RangeBuilder): Generator<void, void, void> {
    const { text, offsets } = this;
    const find = this.finder(job.query);
    const source = job.filterSource;
    if (source) {
      // The source is the previous query's builder, reused by the next search: this job stops before that.
      const { occ, known } = source;
      for (let from = 0; from < occ.length; from += 4096) {
        job.occ.filterSome(occ, text, job.query, known, from, Math.min(occ.length, from + 4096));
        yield;
      }
      if (occ.length === 0) job.occ.coveredTo = occ.coveredTo;
      job.filterSource = undefined;
      occ.release();
    }
    if (job.unplaced) {
      let next = -2;
      let k = 0;
      for (let r = 0; r < job.ranges.length; r += 2) {
        for (let i = job.ranges[r]!; i < job.ranges[r + 1]!; i++, k++) {
          if (job.positions[k] !== -1) continue;
          // Each of these steps contains the query: its first occurrence is the next one from its start.
          if (next === -2 || (next !== -1 && next < offsets[i]!)) next = find(offsets[i]!);
          if (next !== -1 && next < offsets[i + 1]!) job.place(k, next, text);
          if ((k & 1023) === 1023) yield;
        }
      }
      job.unplaced = false;
    }
    while (!job.occ.full && job.occ.coveredTo < text.length && !job.occ.fill(text, job.query, find, this.deadline)) yield;
    job.occ.trim();
  }

  /** An empty builder for up to min(max, capacity) matches, reusing the spare's buffers when they fit. */
  private builder(max: number, capacity: number): RangeBuilder {
    const spare = this.spare;
    this.spare = undefined;
    const n = Math.max(1, Math.min(max, capacity));
    // (Not one much too large: a narrowed query should not keep buffers for every step.)
    if (spare && spare.capacity >= n && spare.capacity <= Math.max(4 * n, 65_536)) return spare.reset(max);
    return new RangeBuilder(max, n);
  }

  private extend(q: string, prev: RangeBuilder, out: RangeBuilder): void {
    const { text, offsets } = this;
    const known = prev.query.length;
    // Steps wholly before `covered` have all their occurrences listed (see searchOccurrences.ts): one whose
    // first occurrence stops matching is answered from its list. The list for this query is filtered later.
    const src = prev.occ;
    const covered = src.coveredTo;
    if (covered > 0) out.filterSource = { occ: src, known };
    let o = 0;
    let find: ((from: number) => number) | undefined;
    // When a step no longer matches where it did, the next occurrence is found with one forward indexOf
    // that later steps reuse: the text is scanned at most once, however many steps fall back.
    let next = -2; // first occurrence at or after `from`; -2 not looked up yet
    let from = 0;
    let k = 0;
    for (let r = 0; r < prev.ranges.length; r += 2) {
      for (let i = prev.ranges[r]!; i < prev.ranges[r + 1]!; i++, k++) {
        const end = offsets[i + 1]!;
        if (end <= covered) {
          // (No characters kept after the match: the next keystroke answers this step from the list too.)
          while (o < src.length && src.at(o) < offsets[i]!) o++;
          let found = -1;
          for (; o < src.length && src.at(o) < end; o++) if (found < 0 && src.continuesAt(o, text, q, known)) found = src.at(o);
          if (found >= 0 && !out.add(i, found)) return;
          continue;
        }
        // Where the step first contains the previous query; -1 when that is not known (yet).
        const p = prev.positions[k]!;
        if (p >= 0 && prev.continues(text, q, known, k)) {
          if (!out.add(i, p)) return;
          out.copyAhead(prev, k);
          continue;
        }
        const start = p >= 0 ? p + 1 : offsets[i]!;
        if (next === -2 || (next !== -1 && next < start)) {
          from = start;
          find ??= this.finder(q);
          next = find(from);
        }
        if (next !== -1 && next < end) {
          if (!out.add(i, next)) return;
          out.recordAhead(text, next + q.length);
        }
      }
    }
  }

  private scan(q: string, out: RangeBuilder): void {
    const { text, offsets } = this;
    const find = this.finder(q);
    let pos = find(0);
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
      out.recordAhead(text, pos + q.length);
      pos = find(offsets[lo + 1]!);
    }
  }

  /**
   * `from => text.indexOf(q, from)`, anchored on q's rarest character. A native indexOf looks for the
   * pattern's first character and checks each hit, so its cost follows how common that character is:
   * "refund s" is found twice as fast by looking for "fund s" ('f' is rarer than 'r') and checking the
   * "re" before it. The separator never occurs in q, so a check cannot match across two steps' texts.
   */
  private finder(q: string): (from: number) => number {
    const { text, charCounts } = this;
    const count = (c: number) => (c < 256 ? charCounts[c]! : 0);
    let j = 0;
    for (let k = 1; k < q.length; k++) if (count(q.charCodeAt(k)) < count(q.charCodeAt(j))) j = k;
    if (j === 0) return (from) => text.indexOf(q, from);
    const head = q.slice(0, j);
    const tail = q.slice(j);
    return (from) => {
      for (let x = text.indexOf(tail, from + j); x !== -1; x = text.indexOf(tail, x + 1)) {
        if (text.startsWith(head, x - j)) return x - j;
      }
      return -1;
    };
  }

  private withGram({ bits, col, stride }: GramBits, out: RangeBuilder): void {
    out.unplaced = true;
    const n = this.size;
    for (let w = 0; w * 32 < n; w++) {
      // Lowest set bit first: ascending step order.
      for (let x = bits[w * stride + col]!; x !== 0; x &= x - 1) {
        const i = w * 32 + 31 - Math.clz32(x & -x);
        if (i >= n || !out.add(i, -1)) return;
      }
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

  private searchWithin(q: string, ranges: readonly number[], out: RangeBuilder): void {
    const { text, offsets } = this;
    for (let r = 0; r < ranges.length; r += 2) {
      for (let i = ranges[r]!; i < ranges[r + 1]!; i++) {
        const j = text.substring(offsets[i]!, offsets[i + 1]!).indexOf(q);
        if (j < 0) continue;
        if (!out.add(i, offsets[i]! + j)) return;
        out.recordAhead(text, offsets[i]! + j + q.length);
      }
    }
  }
}

class Builder {
  private readonly parts: string[];
  private readonly offsets: Int32Array;
  private readonly masks: Uint32Array;
  private readonly counts = new Uint32Array(256);
  private readonly grams: GramBuilder;
  private at = 0;
  constructor(private readonly n: number) {
    this.parts = new Array<string>(n);
    this.offsets = new Int32Array(n + 1);
    this.masks = new Uint32Array(n * MASK_WORDS);
    this.grams = new GramBuilder(n);
  }
  add(i: number, text: string): void {
    const t = text.replaceAll(SEP, ' ');
    this.parts[i] = t;
    this.grams.add(i, t);
    this.offsets[i] = this.at;
    this.at += t.length + 1;
    const base = i * MASK_WORDS;
    for (let k = 0; k < t.length; k++) {
      const code = t.charCodeAt(k);
      if (code < 256) this.counts[code]!++;
      const c = code - 32;
      if (c >= 0 && c < MASK_WORDS * 32) this.masks[base + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
  finish(): SearchIndex {
    this.offsets[this.n] = this.at;
    // One flat string ending in SEP (join with a last empty part): `a + b` would make a cons string, whose
    // character reads are slower.
    this.parts.push('');
    return new SearchIndex(this.parts.join(SEP), this.offsets, this.masks, this.counts, this.grams.finish());
  }
}

/** Expands ranges into indices (tests, small results). */
export function rangeIndices(ranges: readonly number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < ranges.length; r += 2) for (let i = ranges[r]!; i < ranges[r + 1]!; i++) out.push(i);
  return out;
}
