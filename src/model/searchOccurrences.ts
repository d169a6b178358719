// Every place a query occurs in the search text, found in the background between keystrokes. The index
// otherwise knows only where each step first contains the query; when the next keystroke breaks that first
// occurrence ("refund " → "refund s"), finding a later one means scanning the rest of the text. With the
// full list the next keystroke is a filter of it, and the filtered list is again complete for the longer
// query, so a typed query gets cheaper with each keystroke.
//
// Each occurrence keeps the WINDOW characters that follow it (as Latin-1 bytes, 255 = "read the text"):
// filtering 300k occurrences by reading the 40 MB text would miss the cache on almost every one.

/** Occurrences kept at most (13 bytes each, 6.8 MB): a common short query in a huge trace stops short of a full list. */
export const MAX_OCCURRENCES = 1 << 19;
const WINDOW = 8;
const INITIAL = 4096;
const UNKNOWN = 255;

export class Occurrences {
  private pos: Int32Array;
  /** The query length each window starts after (the characters before it are known to match). */
  private base: Uint8Array;
  /** WINDOW bytes per occurrence, in two 32-bit words. */
  private win: Uint32Array;
  length = 0;
  /** Every occurrence that starts before this text position is in the list (ascending). */
  coveredTo = 0;
  /** The list reached MAX_OCCURRENCES: coverage stops where it is. */
  full = false;

  constructor(capacity = INITIAL) {
    this.pos = new Int32Array(capacity);
    this.base = new Uint8Array(capacity);
    this.win = new Uint32Array(capacity * 2);
  }

  reset(): void {
    this.length = 0;
    this.coveredTo = 0;
    this.full = false;
  }

  /** Empty, and its buffers back to the initial size: a list nobody reads holds no memory. */
  release(): void {
    this.reset();
    if (this.pos.length > INITIAL) this.resize(INITIAL);
  }

  /** Buffers sized to the list (a finished list only shrinks as the query narrows). */
  trim(): void {
    if (this.pos.length > 2 * Math.max(INITIAL, this.length)) this.resize(Math.max(INITIAL, this.length));
  }

  at(k: number): number {
    return this.pos[k]!;
  }

  /**
   * The occurrences of `q` among `prev`'s occurrences of its first `known` characters: complete up to the same
   * text position, since every occurrence of the longer query is one of the shorter.
   */
  filterFrom(prev: Occurrences, text: string, q: string, known: number): void {
    this.reset();
    this.filterSome(prev, text, q, known, 0, prev.length);
  }

  /**
   * Appends the occurrences of `q` among `prev`'s entries [from, to) (the previous call ended at `from`); the
   * list is then complete up to where `prev`'s next entry starts.
   */
  filterSome(prev: Occurrences, text: string, q: string, known: number, from: number, to: number): void {
    const { pos, base, win } = prev;
    for (let k = from; k < to; k++) {
      const x = pos[k]!;
      if (!prev.continuesAt(k, text, q, known)) continue;
      // Past its window the check read the text: having paid for that, take a fresh window after the query.
      // (A subset of `prev` always fits; should it not, the list is complete up to here.)
      if (q.length - base[k]! > WINDOW) {
        if (!this.push(text, x, q.length)) return void (this.coveredTo = x);
      } else {
        if (!this.grow()) return void (this.coveredTo = x);
        const n = this.length++;
        this.pos[n] = x;
        this.base[n] = base[k]!;
        this.win[2 * n] = win[2 * k]!;
        this.win[2 * n + 1] = win[2 * k + 1]!;
      }
    }
    this.coveredTo = to < prev.length ? pos[to]! : prev.coveredTo;
  }

  /** Whether occurrence k (of a query whose first `known` characters q shares) is an occurrence of q. */
  continuesAt(k: number, text: string, q: string, known: number): boolean {
    const x = this.pos[k]!;
    const b = this.base[k]!;
    for (let j = known; j < q.length; j++) {
      const w = j - b;
      let c = w < WINDOW ? (this.win[2 * k + (w >>> 2)]! >>> ((w & 3) * 8)) & 255 : UNKNOWN;
      if (c === UNKNOWN) c = text.charCodeAt(x + j);
      if (c !== q.charCodeAt(j)) return false;
    }
    return true;
  }

  /**
   * Extends the list of occurrences of `q` with `find` (first occurrence at or after a position, -1 for none)
   * until the text is covered, the list is full, or `deadline` (performance.now()) passes; returns whether it
   * is finished.
   */
  fill(text: string, q: string, find: (from: number) => number, deadline: number): boolean {
    if (this.full) return true;
    let n = 0;
    for (let x = find(this.coveredTo); x !== -1; x = find(x + 1)) {
      if (!this.push(text, x, q.length)) return true;
      this.coveredTo = x + 1;
      if ((++n & 255) === 0 && performance.now() > deadline) return false;
    }
    this.coveredTo = text.length;
    return true;
  }

  /** Appends occurrence x (ascending) with the window after its first `known` characters. */
  private push(text: string, x: number, known: number): boolean {
    if (!this.grow()) return false;
    const n = this.length++;
    this.pos[n] = x;
    this.base[n] = Math.min(known, UNKNOWN);
    let lo = 0;
    let hi = 0;
    for (let w = 0; w < WINDOW; w++) {
      const code = known < UNKNOWN ? text.charCodeAt(x + known + w) : UNKNOWN;
      const c = code < UNKNOWN ? code : UNKNOWN; // NaN past the end is "unknown" too
      if (w < 4) lo |= c << (w * 8);
      else hi |= c << ((w - 4) * 8);
    }
    this.win[2 * n] = lo;
    this.win[2 * n + 1] = hi;
    return true;
  }

  /** Room for one more occurrence; false (and `full`) at MAX_OCCURRENCES. */
  private grow(): boolean {
    if (this.length < this.pos.length) return true;
    if (this.length >= MAX_OCCURRENCES) {
      this.full = true;
      return false;
    }
    this.resize(Math.min(MAX_OCCURRENCES, this.length * 2));
    return true;
  }

  private resize(size: number): void {
    const pos = new Int32Array(size);
    const base = new Uint8Array(size);
    const win = new Uint32Array(size * 2);
    pos.set(this.pos.subarray(0, this.length));
    base.set(this.base.subarray(0, this.length));
    win.set(this.win.subarray(0, 2 * this.length));
    this.pos = pos;
    this.base = base;
    this.win = win;
  }
}
