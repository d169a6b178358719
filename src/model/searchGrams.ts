// Which steps contain each common two- and three-character string: one bitset over the steps per string.
// The second and third keystrokes of a query ("re", "ref") match most steps and know nothing yet about
// where; answering them by scanning costs one indexOf per step (13 ms at 100k steps), by bitset a walk
// over 3k words. Only strings in at least MIN_SHARE of the first SAMPLE steps get a bitset (rarer ones are
// found quickly by a scan, which skips whole steps between matches), at most MAX_GRAMS of each length:
// at 100k steps that is at most 6.4 MB.

/** Printable ASCII, which the lower-cased search text mostly is. */
const LO = 32;
const SPAN = 96;
const SAMPLE = 2000;
const MIN_SHARE = 1 / 16;
export const MAX_GRAMS = 256;

export interface GramBits {
  bits: Uint32Array;
  /** Bit i of bits[(i / 32) * stride + col] is step i: the words of 32 steps lie together, which is what
   * indexing a step writes to. */
  col: number;
  stride: number;
}

export class GramIndex {
  constructor(
    private readonly table2: Int16Array,
    /** Three-character strings: row of their first two characters, then column by the third. */
    private readonly rows3: Int16Array,
    private readonly table3: Int16Array,
    private readonly bits2: Uint32Array,
    private readonly bits3: Uint32Array,
    private readonly k2: number,
    private readonly k3: number,
  ) {}

  /** The bitset of the steps containing q, when q is an indexed two- or three-character string. */
  find(q: string): GramBits | undefined {
    if (q.length !== 2 && q.length !== 3) return undefined;
    const a = q.charCodeAt(0) - LO;
    const b = q.charCodeAt(1) - LO;
    if (!(a >= 0 && a < SPAN && b >= 0 && b < SPAN)) return undefined;
    if (q.length === 2) {
      const col = this.table2[a * SPAN + b]!;
      return col < 0 ? undefined : { bits: this.bits2, col, stride: this.k2 };
    }
    const c = q.charCodeAt(2) - LO;
    if (!(c >= 0 && c < SPAN)) return undefined;
    const row = this.rows3[a * SPAN + b]!;
    const col = row < 0 ? -1 : this.table3[row * SPAN + c]!;
    return col < 0 ? undefined : { bits: this.bits3, col, stride: this.k3 };
  }
}

/** Fed each step's text in order (as the search index's builder is); picks its strings after SAMPLE steps. */
export class GramBuilder {
  private readonly words: number;
  private readonly table2 = new Int16Array(SPAN * SPAN).fill(-1);
  /** Per two-character string, its row in table3 (-1: no indexed string begins with it). Small: stays in cache. */
  private readonly rows3 = new Int16Array(SPAN * SPAN).fill(-1);
  private table3 = new Int16Array(0);
  private bits2 = new Uint32Array(0);
  private bits3 = new Uint32Array(0);
  private k2 = 0;
  private k3 = 0;
  /** Until the strings are picked: the sampled texts, and per string how many of them contain it. */
  private sample: string[] | undefined = [];
  private df2: Uint16Array | undefined = new Uint16Array(SPAN * SPAN);
  private df3: Uint16Array | undefined = new Uint16Array(SPAN * SPAN * SPAN);
  private seen2: Int32Array | undefined = new Int32Array(SPAN * SPAN);
  private seen3: Int32Array | undefined = new Int32Array(SPAN * SPAN * SPAN);

  constructor(private readonly n: number) {
    this.words = Math.ceil(n / 32);
  }

  add(i: number, t: string): void {
    if (!this.sample) return this.mark(i, t);
    this.count(i, t);
    this.sample.push(t);
    if (this.sample.length === SAMPLE) this.pick();
  }

  finish(): GramIndex {
    if (this.sample) this.pick();
    return new GramIndex(this.table2, this.rows3, this.table3, this.bits2, this.bits3, this.k2, this.k3);
  }

  private count(i: number, t: string): void {
    const df2 = this.df2!;
    const df3 = this.df3!;
    const seen2 = this.seen2!;
    const seen3 = this.seen3!;
    let a = -1;
    let b = t.length > 0 ? t.charCodeAt(0) - LO : -1;
    for (let k = 1; k < t.length; k++) {
      const c = t.charCodeAt(k) - LO;
      if (b >= 0 && b < SPAN && c >= 0 && c < SPAN) {
        const two = b * SPAN + c;
        if (seen2[two] !== i + 1) {
          seen2[two] = i + 1;
          df2[two]!++;
        }
        if (a >= 0 && a < SPAN) {
          const three = a * SPAN * SPAN + two;
          if (seen3[three] !== i + 1) {
            seen3[three] = i + 1;
            df3[three]!++;
          }
        }
      }
      a = b;
      b = c;
    }
  }

  /** Picks the most common strings of each length, then marks the sampled steps. */
  private pick(): void {
    const sample = this.sample!;
    const min = Math.max(2, Math.ceil(sample.length * MIN_SHARE));
    const top = (df: Uint16Array): number[] => {
      const codes: number[] = [];
      for (let code = 0; code < df.length; code++) if (df[code]! >= min) codes.push(code);
      codes.sort((x, y) => df[y]! - df[x]! || x - y);
      return codes.slice(0, MAX_GRAMS);
    };
    const two = top(this.df2!);
    two.forEach((code, col) => (this.table2[code] = col));
    const three = top(this.df3!);
    let rows = 0;
    for (const code of three) if (this.rows3[Math.floor(code / SPAN)] === -1) this.rows3[Math.floor(code / SPAN)] = rows++;
    this.table3 = new Int16Array(rows * SPAN).fill(-1);
    three.forEach((code, col) => (this.table3[this.rows3[Math.floor(code / SPAN)]! * SPAN + (code % SPAN)] = col));
    this.k2 = two.length;
    this.k3 = three.length;
    this.bits2 = new Uint32Array(this.k2 * this.words);
    this.bits3 = new Uint32Array(this.k3 * this.words);
    this.sample = this.df2 = this.df3 = this.seen2 = this.seen3 = undefined;
    sample.forEach((t, i) => this.mark(i, t));
  }

  private mark(i: number, t: string): void {
    const { table2, rows3, table3, bits2, bits3 } = this;
    const at2 = (i >>> 5) * this.k2;
    const at3 = (i >>> 5) * this.k3;
    const bit = 1 << (i & 31);
    // The previous two characters as one code (-1 when either is outside the table).
    let prev = -1;
    let b = t.length > 0 ? t.charCodeAt(0) - LO : -1;
    if (!(b >= 0 && b < SPAN)) b = -1;
    for (let k = 1; k < t.length; k++) {
      let c = t.charCodeAt(k) - LO;
      if (!(c >= 0 && c < SPAN)) c = -1;
      const row = prev >= 0 && c >= 0 ? rows3[prev]! : -1;
      if (row >= 0) {
        const col3 = table3[row * SPAN + c]!;
        if (col3 >= 0) bits3[at3 + col3]! |= bit;
      }
      const two = b >= 0 && c >= 0 ? b * SPAN + c : -1;
      if (two >= 0) {
        const col2 = table2[two]!;
        if (col2 >= 0) bits2[at2 + col2]! |= bit;
      }
      prev = two;
      b = c;
    }
  }
}
