// An OTLP/JSON trace file read span by span from its bytes: the same spans `readOtlp(JSON.parse(text))` gives, without
// decoding the whole file to one string or building the whole document first. At 100,000 spans the parsed document
// is ~5 million objects that all live until the spans are read; the garbage collector copied and marked them (the
// largest entry of the load's profile). Here each span's text is found (otlpFileScan.ts), JSON.parse reads that span
// alone and readSpan maps it at once: the span's objects die young, and the file is never one string (decoding 89 MB
// cost ~100 ms, and a few non-Latin-1 characters anywhere made it a two-byte string, slower to parse; span by span,
// most spans are one-byte). Pure: no `vscode` (Node's Buffer).
//
// Exact by construction: every value is still read by JSON.parse (spans, resources, scopes, and any other value,
// which is parsed to check it and dropped), and the scanner reads only the punctuation between them, strictly. A
// slice JSON.parse accepts is a whole value, so slices and punctuation together are the document, and a repeated key
// keeps its last value as JSON.parse does. Anything else (another top-level key than resourceLogs, no spans,
// invalid JSON, bytes that are not UTF-8 or start with a byte order mark) returns undefined: the caller then decodes
// and parses the whole text as before, which also words its errors. Valid UTF-8 decodes the same whole or in slices cut
// at ASCII punctuation, and UTF-8's multi-byte sequences never contain the ASCII bytes the scanner looks for.
//
// Two shortcuts, each checked: (1) where a span's resource and scope are already known when its list starts (exporters
// write `resource` before `scopeSpans` and `scope` before `spans`), spans are read as they are found; otherwise their
// places are kept and read at the end, and a key repeated after spans were read restarts without this shortcut.
// (2) Instead of scanning a span byte by byte for its end, the next `},{"traceId":` (the separator between the first
// two spans, spaces included) is looked up natively; JSON.parse accepting the slice proves it was the span's end (a
// slice that stops inside the span or runs past it is not one JSON value), else the span is scanned.
import { isUtf8 } from 'node:buffer';
import { isObj } from './llmContent';
import type { Obj } from './llmContent';
import { attributes, readSpan, type OtlpReadResult, type OtlpSpan } from './otlpRead';
import { FAILED, NotFast, notFast, Scanner } from './otlpFileScan';
import { attachLogEvents, readOtlpLogs } from './otlpLogs';
import { StringPool } from './stringPool';

/** A value's place in the file: [from, to), in bytes. */
type Range = readonly [number, number];

/** One `scopeSpans` entry as JSON.parse would keep it (last key wins). */
interface ScopeEntry {
  /** Not an object: readOtlp skips it. */
  skip: boolean;
  scope: Range | undefined;
  library: Range | undefined;
  /** Span places as [from0, to0, from1, to1, …], to read at the end; undefined when `spans` is missing or not an array. */
  spans: number[] | undefined;
  /** The spans, read as they were found (shortcut 1); `spans` is then undefined. */
  read: OtlpReadResult | undefined;
}

/** One `resourceSpans` element's parts, as JSON.parse would keep them (last key wins). */
interface ResourceEntry {
  resource: Range | undefined;
  /** The resource's attributes, read when `resource` came before the spans (shortcut 1). */
  resourceAttrs: Obj | undefined;
  /** `scopeSpans` when it is an array; null when given but not an array. */
  scopeSpans: ScopeEntry[] | null | undefined;
  /** `instrumentationLibrarySpans` (OTLP before 0.15), likewise. */
  librarySpans: ScopeEntry[] | null | undefined;
  /** Spans of this element were read as found: a repeated `resource` would change them. */
  readEarly: boolean;
}

/** Thrown when a key repeats after spans were read with the value it replaces: read again without shortcut 1. */
class Restart extends Error {}

/** Guessed ends that were wrong before shortcut 2 is dropped for the rest of the file (spans with links, say). */
const MAX_MISSES = 16;
/** A guessed span longer than this is scanned instead: a wrong guess that long would cost its copy. */
const MAX_GUESS = 1 << 20;

class Reader {
  readonly pool = new StringPool();
  private separator: Buffer | undefined;
  /** Where the separator next occurs (at or after the last lookup); Infinity: nowhere after it. */
  private nextSeparator = -1;
  private misses = 0;

  constructor(
    readonly sc: Scanner,
    /** Shortcut 1 allowed. */
    readonly early: boolean,
  ) {}

  /** Values a repeated key replaced, or readOtlp does not read: parsed only so that the document is checked as a whole. */
  check(r: Range | undefined): void {
    if (r) this.sc.parse(r[0], r[1]);
  }

  checkScopes(list: readonly ScopeEntry[] | null | undefined): void {
    for (const e of list ?? []) {
      this.check(e.scope);
      this.check(e.library);
      const places = e.spans ?? [];
      for (let k = 0; k < places.length; k += 2) this.sc.parse(places[k]!, places[k + 1]!);
    }
  }

  /** A span list read as it is found (shortcut 1), with shortcut 2 for each span's end. */
  readSpans(at: number, resource: Obj, scope: string): [OtlpReadResult, number] {
    const sc = this.sc;
    const out: OtlpReadResult = { spans: [], rejected: 0 };
    const end = sc.array(at, (j) => {
      let value: unknown = FAILED;
      let to = -1;
      const sep = this.separator;
      if (sep) {
        // The next separator is looked up once and kept until the reading passes it: a file where it stops matching
        // is searched through once in all, not once a span.
        if (this.nextSeparator <= j) {
          const found = sc.s.indexOf(sep, j + 1);
          this.nextSeparator = found < 0 ? Infinity : found;
        }
        const k = this.nextSeparator;
        if (k - j < MAX_GUESS) {
          value = sc.tryParse(j, k + 1);
          if (value !== FAILED) to = k + 1;
          else if (++this.misses > MAX_MISSES) this.separator = undefined;
        }
      }
      if (to < 0) {
        to = sc.valueEnd(j);
        value = sc.parse(j, to);
        if (!sep && this.misses <= MAX_MISSES && sc.s[j] === 123) this.separator = sc.separatorAfter(to);
      }
      const read = readSpan(value, resource, scope, this.pool);
      if (read) out.spans.push(read);
      else out.rejected++;
      return to;
    });
    return [out, end];
  }

  /** One `scopeSpans` element; `resource` is its resource's attributes when known (only then are spans read early). */
  scopeEntry(at: number, into: ScopeEntry[], resource: Obj | undefined): number {
    const sc = this.sc;
    if (!sc.isObjectAt(at)) {
      into.push({ skip: true, scope: undefined, library: undefined, spans: undefined, read: undefined });
      return sc.skip(at);
    }
    const e: ScopeEntry = { skip: false, scope: undefined, library: undefined, spans: undefined, read: undefined };
    into.push(e);
    /** The scope's name, when `scope` was an object: readOtlp then takes it whatever else comes. */
    let scopeName: string | undefined;
    return sc.object(at, (key, i) => {
      if (key === 'spans') {
        // A repeated `spans`: the list it replaces was checked as it was read, or is checked here.
        this.checkScopes([{ ...e, scope: undefined, library: undefined }]);
        e.spans = undefined;
        e.read = undefined;
        if (!sc.isArrayAt(i)) return sc.skip(i);
        if (resource && scopeName !== undefined) {
          const [read, end] = this.readSpans(i, resource, scopeName);
          e.read = read;
          return end;
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
        if (e.read) throw new Restart();
        this.check(e.scope);
        e.scope = [i, end];
        if (resource) {
          const v = sc.parse(i, end);
          scopeName = isObj(v) ? (typeof v.name === 'string' ? v.name : '') : undefined;
        }
      } else if (key === 'instrumentationLibrary') {
        this.check(e.library);
        e.library = [i, end];
      } else sc.parse(i, end);
      return end;
    });
  }

  /** One `resourceSpans` element (an object) into `into`; returns its end. */
  resourceEntry(at: number, into: (ResourceEntry | undefined)[]): number {
    const sc = this.sc;
    const e: ResourceEntry = { resource: undefined, resourceAttrs: undefined, scopeSpans: undefined, librarySpans: undefined, readEarly: false };
    into.push(e);
    return sc.object(at, (key, i) => {
      if (key === 'scopeSpans' || key === 'instrumentationLibrarySpans') {
        let list: ScopeEntry[] | null = null;
        let end: number;
        if (sc.isArrayAt(i)) {
          const entries: ScopeEntry[] = [];
          list = entries;
          // instrumentationLibrarySpans is read only if no scopeSpans list follows: never early.
          const resource = key === 'scopeSpans' ? e.resourceAttrs : undefined;
          end = sc.array(i, (j) => this.scopeEntry(j, entries, resource));
          if (entries.some((x) => x.read)) e.readEarly = true;
        } else end = sc.skip(i);
        if (key === 'scopeSpans') {
          this.checkScopes(e.scopeSpans);
          e.scopeSpans = list;
        } else {
          this.checkScopes(e.librarySpans);
          e.librarySpans = list;
        }
        return end;
      }
      const end = sc.valueEnd(i);
      if (key === 'resource') {
        if (e.readEarly) throw new Restart();
        this.check(e.resource);
        e.resource = [i, end];
        if (this.early) {
          const v = sc.parse(i, end);
          e.resourceAttrs = isObj(v) ? attributes(v.attributes) : {};
        }
      } else sc.parse(i, end);
      return end;
    });
  }

  /** readOtlp's walk over what was found: the same order, the same skips; spans not read early are read now. */
  finish(entries: readonly (ResourceEntry | undefined)[]): OtlpReadResult {
    const sc = this.sc;
    const into: OtlpReadResult = { spans: [], rejected: 0 };
    const push = (s: OtlpSpan): void => void into.spans.push(s);
    for (const rs of entries) {
      if (!rs) continue;
      let resource = rs.resourceAttrs;
      if (!resource) {
        const res = rs.resource ? sc.parse(rs.resource[0], rs.resource[1]) : undefined;
        resource = isObj(res) ? attributes(res.attributes) : {};
      }
      const scopes = rs.scopeSpans ?? rs.librarySpans ?? [];
      if (scopes === rs.scopeSpans) this.checkScopes(rs.librarySpans);
      for (const ss of scopes) {
        if (ss.skip) continue;
        if (ss.read) {
          ss.read.spans.forEach(push);
          into.rejected += ss.read.rejected;
          continue;
        }
        const scopeValue = ss.scope ? sc.parse(ss.scope[0], ss.scope[1]) : undefined;
        const libraryValue = ss.library ? sc.parse(ss.library[0], ss.library[1]) : undefined;
        const scopeObj = isObj(scopeValue) ? scopeValue : isObj(libraryValue) ? libraryValue : {};
        const scope = typeof scopeObj.name === 'string' ? scopeObj.name : '';
        const places = ss.spans;
        if (!places) continue;
        for (let k = 0; k < places.length; k += 2) {
          const read = readSpan(sc.parse(places[k]!, places[k + 1]!), resource, scope, this.pool);
          if (read) into.spans.push(read);
          else into.rejected++;
        }
      }
    }
    return into;
  }

  /** The document: one object with a `resourceSpans` list and nothing else but `resourceLogs`, each once. */
  read(): { read: OtlpReadResult; logs: unknown } | undefined {
    const sc = this.sc;
    let entries: (ResourceEntry | undefined)[] | undefined;
    let logs: Range | undefined;
    const start = sc.ws(0);
    if (!sc.isObjectAt(start)) return undefined;
    const end = sc.ws(sc.object(start, (key, i) => {
      if (key === 'resourceLogs' && !logs) {
        const to = sc.valueEnd(i);
        logs = [i, to];
        return to;
      }
      // Another key (a Jaeger or Fruxon shape, say) or a repeated one is the whole-document path's to recognise.
      if (key !== 'resourceSpans' || entries || !sc.isArrayAt(i)) throw notFast;
      const list: (ResourceEntry | undefined)[] = [];
      entries = list;
      return sc.array(i, (j) => {
        if (sc.isObjectAt(j)) return this.resourceEntry(j, list);
        list.push(undefined);
        return sc.skip(j);
      });
    }));
    if (end !== sc.s.length || !entries) return undefined;
    const read = this.finish(entries);
    // GenAI events sent as log records, beside the spans (parsed whole: they are read after the spans anyway).
    const logsValue = logs ? sc.parse(logs[0], logs[1]) : undefined;
    return read.spans.length > 0 ? { read, logs: logsValue } : undefined;
  }
}

function readFile(bytes: Buffer): { read: OtlpReadResult; logs: unknown } | undefined {
  if (!isUtf8(bytes)) return undefined;
  const sc = new Scanner(bytes);
  for (const early of [true, false]) {
    try {
      return new Reader(sc, early).read();
    } catch (e) {
      if (e instanceof NotFast) return undefined;
      if (!(e instanceof Restart)) throw e;
    }
  }
  return undefined;
}

/**
 * The spans of an OTLP/JSON file (UTF-8, no byte order mark) whose top-level keys are `resourceSpans` and maybe
 * `resourceLogs`, equal to `readOtlp(JSON.parse(new TextDecoder().decode(bytes)))`; undefined when the file is
 * anything else or has no spans (decode and parse it whole then).
 */
export function readOtlpFile(bytes: Buffer): OtlpReadResult | undefined {
  return readFile(bytes)?.read;
}

/** The same, with the GenAI events sent as log records joined to their spans: equal to `otlpSpans(JSON.parse(text))`. */
export function otlpFileSpans(bytes: Buffer): OtlpSpan[] | undefined {
  const r = readFile(bytes);
  return r && attachLogEvents(r.read.spans, readOtlpLogs({ resourceLogs: r.logs }).events);
}
