// An OTLP/JSON trace file read span by span from its bytes: the same spans `readOtlp(JSON.parse(text))` gives, without
// decoding the whole file to one string or building the whole document first. At 100,000 spans the parsed document is ~5 million objects that all live until
// the spans are read; the garbage collector copied and marked them (the largest entry of the load's profile). Here a
// scanner finds each span's text, JSON.parse reads that span alone and readSpan maps it at once: the span's objects
// die young, and the file is never one string (decoding 89 MB cost ~100 ms; a few non-Latin-1 characters anywhere made
// it a two-byte string, slower to parse; span by span, most spans are one-byte). Pure: no `vscode` (Node's Buffer).
//
// Exact by construction: every value is still read by JSON.parse (spans, resources, scopes, and any other value,
// which is parsed to check it and dropped), and the scanner reads only the punctuation between them, strictly. A
// slice JSON.parse accepts is a whole value, so slices and punctuation together are the document, and a repeated key
// keeps its last value as JSON.parse does. Anything else (another top-level key such as resourceLogs, no spans,
// invalid JSON, bytes that are not UTF-8 or start with a byte order mark) returns undefined: the caller then decodes
// and parses the whole text as before, which also words its errors. Valid UTF-8 decodes the same whole or in slices cut
// at ASCII punctuation, and UTF-8's multi-byte sequences never contain the ASCII bytes the scanner looks for.
import { isUtf8 } from 'node:buffer';
import { isObj } from './llmContent';
import { attributes, readSpan, type OtlpReadResult } from './otlpRead';
import { StringPool } from './stringPool';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/** Thrown inside the scanner when the text is not what the fast path reads; caught in readOtlpFile. */
class NotFast extends Error {}
const notFast = new NotFast('not a plain OTLP/JSON trace document');

/** A value's place in the file: [from, to), in bytes. */
type Range = readonly [number, number];

/** One `scopeSpans` entry: its scope's value and its spans' places, as JSON.parse would keep them (last key wins). */
interface ScopeEntry {
  /** Not an object: readOtlp skips it. */
  skip: boolean;
  scope: Range | undefined;
  library: Range | undefined;
  /** Span places as [from0, to0, from1, to1, …]; undefined when `spans` is missing or not an array. */
  spans: number[] | undefined;
}

/**
 * Buffer's own UTF-8 slice, which `toString('utf8', from, to)` calls after checking its arguments (~30 ms of checks at
 * 100,000 spans); not in Node's typings, so toString where it is missing.
 */
type Utf8Slicer = (this: Buffer, from: number, to: number) => string;
const utf8Slice: Utf8Slicer = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slicer }).utf8Slice
  ?? function (this: Buffer, from: number, to: number) {
    return this.toString('utf8', from, to);
  };

class Scanner {
  constructor(private readonly s: Buffer) {}

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
}

/** Values a repeated key replaced, or readOtlp does not read: parsed only so that the document is checked as a whole. */
function check(sc: Scanner, r: Range | undefined): void {
  if (r) sc.parse(r[0], r[1]);
}

function checkScopes(sc: Scanner, list: readonly ScopeEntry[] | null | undefined): void {
  for (const e of list ?? []) {
    check(sc, e.scope);
    check(sc, e.library);
    const places = e.spans ?? [];
    for (let k = 0; k < places.length; k += 2) sc.parse(places[k]!, places[k + 1]!);
  }
}

/** One `scopeSpans` element. */
function scopeEntry(sc: Scanner, at: number, into: ScopeEntry[]): number {
  if (!sc.isObjectAt(at)) {
    into.push({ skip: true, scope: undefined, library: undefined, spans: undefined });
    return sc.skip(at);
  }
  const e: ScopeEntry = { skip: false, scope: undefined, library: undefined, spans: undefined };
  into.push(e);
  return sc.object(at, (key, i) => {
    if (key === 'spans') {
      checkScopes(sc, [{ ...e, scope: undefined, library: undefined }]);
      if (!sc.isArrayAt(i)) {
        e.spans = undefined;
        return sc.skip(i);
      }
      const places: number[] = [];
      e.spans = places;
      return sc.array(i, (j) => {
        const end = sc.valueEnd(j);
        places.push(j, end);
        return end;
      });
    }
    const end = sc.valueEnd(i);
    if (key === 'scope') {
      check(sc, e.scope);
      e.scope = [i, end];
    } else if (key === 'instrumentationLibrary') {
      check(sc, e.library);
      e.library = [i, end];
    } else sc.parse(i, end);
    return end;
  });
}

/** The places of one `resourceSpans` element's parts, as JSON.parse would keep them (last key wins). */
interface ResourceEntry {
  resource: Range | undefined;
  /** `scopeSpans` when it is an array; null when given but not an array. */
  scopeSpans: ScopeEntry[] | null | undefined;
  /** `instrumentationLibrarySpans` (OTLP before 0.15), likewise. */
  librarySpans: ScopeEntry[] | null | undefined;
}

/** One `resourceSpans` element (an object) into `into`; returns its end. */
function resourceEntry(sc: Scanner, at: number, into: (ResourceEntry | undefined)[]): number {
  const e: ResourceEntry = { resource: undefined, scopeSpans: undefined, librarySpans: undefined };
  into.push(e);
  return sc.object(at, (key, i) => {
    if (key === 'scopeSpans' || key === 'instrumentationLibrarySpans') {
      let list: ScopeEntry[] | null = null;
      let end: number;
      if (sc.isArrayAt(i)) {
        const entries: ScopeEntry[] = [];
        list = entries;
        end = sc.array(i, (j) => scopeEntry(sc, j, entries));
      } else end = sc.skip(i);
      if (key === 'scopeSpans') {
        checkScopes(sc, e.scopeSpans);
        e.scopeSpans = list;
      } else {
        checkScopes(sc, e.librarySpans);
        e.librarySpans = list;
      }
      return end;
    }
    const end = sc.valueEnd(i);
    if (key === 'resource') {
      check(sc, e.resource);
      e.resource = [i, end];
    } else sc.parse(i, end);
    return end;
  });
}

/** readOtlp's walk over the places found: the same order, the same skips, each span parsed and read on its own. */
function readEntries(sc: Scanner, entries: readonly (ResourceEntry | undefined)[]): OtlpReadResult {
  const into: OtlpReadResult = { spans: [], rejected: 0 };
  const pool = new StringPool();
  for (const rs of entries) {
    if (!rs) continue;
    const res = rs.resource ? sc.parse(rs.resource[0], rs.resource[1]) : undefined;
    const resource = isObj(res) ? attributes(res.attributes) : {};
    const scopes = rs.scopeSpans ?? rs.librarySpans ?? [];
    if (scopes === rs.scopeSpans) checkScopes(sc, rs.librarySpans);
    for (const ss of scopes) {
      if (ss.skip) continue;
      const scopeValue = ss.scope ? sc.parse(ss.scope[0], ss.scope[1]) : undefined;
      const libraryValue = ss.library ? sc.parse(ss.library[0], ss.library[1]) : undefined;
      const scopeObj = isObj(scopeValue) ? scopeValue : isObj(libraryValue) ? libraryValue : {};
      const scope = typeof scopeObj.name === 'string' ? scopeObj.name : '';
      const places = ss.spans;
      if (!places) continue;
      for (let k = 0; k < places.length; k += 2) {
        const read = readSpan(sc.parse(places[k]!, places[k + 1]!), resource, scope, pool);
        if (read) into.spans.push(read);
        else into.rejected++;
      }
    }
  }
  return into;
}

/**
 * The spans of an OTLP/JSON file (UTF-8, no byte order mark) whose only top-level key is `resourceSpans`, equal to
 * `readOtlp(JSON.parse(new TextDecoder().decode(bytes)))`; undefined when the file is anything else or has no spans
 * (decode and parse it whole then).
 */
export function readOtlpFile(bytes: Buffer): OtlpReadResult | undefined {
  if (!isUtf8(bytes)) return undefined;
  const sc = new Scanner(bytes);
  try {
    let entries: (ResourceEntry | undefined)[] | undefined;
    const start = sc.ws(0);
    if (!sc.isObjectAt(start)) return undefined;
    const end = sc.ws(sc.object(start, (key, i) => {
      // Another key (resourceLogs, or a Jaeger or Fruxon shape) is the whole-document path's to recognise.
      if (key !== 'resourceSpans' || entries || !sc.isArrayAt(i)) throw notFast;
      const list: (ResourceEntry | undefined)[] = [];
      entries = list;
      return sc.array(i, (j) => {
        if (sc.isObjectAt(j)) return resourceEntry(sc, j, list);
        list.push(undefined);
        return sc.skip(j);
      });
    }));
    if (end !== bytes.length || !entries) return undefined;
    const read = readEntries(sc, entries);
    return read.spans.length > 0 ? read : undefined;
  } catch (e) {
    if (e instanceof NotFast) return undefined;
    throw e;
  }
}
