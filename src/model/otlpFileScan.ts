// The scanner behind otlpFile.ts: the punctuation of a JSON document in a UTF-8 Buffer, read strictly, and the places
// of the values between it, which the caller hands to JSON.parse. It never decides what a value is: a slice that
// JSON.parse accepts is a whole value (see otlpFile.ts for why that makes the reading exact). Pure: no `vscode`.
export const QUOTE = 34;
const BACKSLASH = 92;
export const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
export const COMMA = 44;
export const COLON = 58;

/** Thrown inside the scanner when the text is not what the fast path reads; caught in readOtlpFile. */
export class NotFast extends Error {}
export const notFast = new NotFast('not a plain OTLP/JSON trace document');

/**
 * Buffer's own UTF-8 slice, which `toString('utf8', from, to)` calls after checking its arguments (~30 ms of checks at
 * 100,000 spans); not in Node's typings, so toString where it is missing.
 */
type Utf8Slicer = (this: Buffer, from: number, to: number) => string;
const utf8Slice: Utf8Slicer = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slicer }).utf8Slice
  ?? function (this: Buffer, from: number, to: number) {
    return this.toString('utf8', from, to);
  };

export class Scanner {
  constructor(readonly s: Buffer) {}

  text(from: number, to: number): string {
    return utf8Slice.call(this.s, from, to);
  }

  ws(i: number): number {
    const s = this.s;
    for (;;) {
      const c = s[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return i;
    }
  }

  expect(i: number, c: number): number {
    if (this.s[i] !== c) throw notFast;
    return i + 1;
  }

  /** The end of the string starting at `i` (after its closing quote). */
  stringEnd(i: number): number {
    const s = this.s;
    const n = s.length;
    for (i++; i < n; i++) {
      const c = s[i];
      if (c === QUOTE) return i + 1;
      if (c === BACKSLASH) i++;
    }
    throw notFast;
  }

  /** An object key at `i`, decoded as JSON.parse decodes it; [key, end]. */
  key(i: number): [string, number] {
    const s = this.s;
    if (s[i] !== QUOTE) throw notFast;
    const end = this.stringEnd(i);
    for (let k = i + 1; k < end - 1; k++) {
      // Escapes and control characters (invalid unescaped): JSON.parse decides.
      const c = s[k]!;
      if (c === BACKSLASH || c < 32) return [this.parse(i, end) as string, end];
    }
    return [this.text(i + 1, end - 1), end];
  }

  /** The end of the value starting at `i`; its content is checked by whoever parses the slice. */
  valueEnd(i: number): number {
    const s = this.s;
    const n = s.length;
    const first = s[i];
    if (first === QUOTE) return this.stringEnd(i);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      // A number, true, false or null: up to the next punctuation or space.
      let j = i;
      for (; j < n; j++) {
        const c = s[j];
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 32 || c === 10 || c === 13 || c === 9) break;
      }
      if (j === i) throw notFast;
      return j;
    }
    let depth = 0;
    for (; i < n; i++) {
      const c = s[i];
      if (c === QUOTE) {
        for (i++; ; i++) {
          if (i >= n) throw notFast;
          const d = s[i];
          if (d === QUOTE) break;
          if (d === BACKSLASH) i++;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1;
      }
    }
    throw notFast;
  }

  parse(from: number, to: number): unknown {
    try {
      return JSON.parse(this.text(from, to));
    } catch {
      throw notFast;
    }
  }

  /** A value that is read by no one: parsed only so that the document is checked as a whole. */
  skip(i: number): number {
    const end = this.valueEnd(i);
    this.parse(i, end);
    return end;
  }

  /**
   * The members of the object at `i` (after `{`), each handed to `member(key, at)` which returns the end of its
   * value; returns the end of the object.
   */
  object(i: number, member: (key: string, at: number) => number): number {
    i = this.ws(this.expect(i, OPEN_BRACE));
    if (this.s[i] === CLOSE_BRACE) return i + 1;
    for (;;) {
      const [key, afterKey] = this.key(i);
      i = this.ws(this.expect(this.ws(afterKey), COLON));
      i = this.ws(member(key, i));
      const c = this.s[i];
      if (c === CLOSE_BRACE) return i + 1;
      if (c !== COMMA) throw notFast;
      i = this.ws(i + 1);
    }
  }

  /** The elements of the array at `i`, each handed to `element(at)` which returns its end; returns the array's end. */
  array(i: number, element: (at: number) => number): number {
    i = this.ws(this.expect(i, OPEN_BRACKET));
    if (this.s[i] === CLOSE_BRACKET) return i + 1;
    for (;;) {
      i = this.ws(element(i));
      const c = this.s[i];
      if (c === CLOSE_BRACKET) return i + 1;
      if (c !== COMMA) throw notFast;
      i = this.ws(i + 1);
    }
  }

  isArrayAt(i: number): boolean {
    return this.s[i] === OPEN_BRACKET;
  }

  isObjectAt(i: number): boolean {
    return this.s[i] === OPEN_BRACE;
  }

  /** JSON.parse of a slice, or FAILED when it is not one JSON value (a guessed end that was wrong). */
  tryParse(from: number, to: number): unknown {
    try {
      return JSON.parse(this.text(from, to));
    } catch {
      return FAILED;
    }
  }

  /**
   * The bytes from the closing brace of the object ending at `end` through the next element's first key and colon
   * (`},{"traceId":`, with whatever spaces the file has there), when an object follows; undefined otherwise.
   */
  separatorAfter(end: number): Buffer | undefined {
    const s = this.s;
    const comma = this.ws(end);
    if (s[end - 1] !== CLOSE_BRACE || s[comma] !== COMMA) return undefined;
    const brace = this.ws(comma + 1);
    if (s[brace] !== OPEN_BRACE) return undefined;
    const key = this.ws(brace + 1);
    if (s[key] !== QUOTE) return undefined;
    const colon = this.ws(this.stringEnd(key));
    if (s[colon] !== COLON) return undefined;
    return Buffer.from(s.subarray(end - 1, colon + 1));
  }
}

/** What tryParse returns for a slice that is not one JSON value. */
export const FAILED: unique symbol = Symbol('not one JSON value');
