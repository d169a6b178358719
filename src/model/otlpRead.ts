// Reading OTLP/JSON (the "JSON Protobuf Encoding" of ExportTraceServiceRequest / TracesData) into flat
// spans. Tolerant by design: exporters differ (64-bit values as strings or numbers, ids in hex or, from
// generic protobuf-JSON encoders, base64; enum values as numbers or names), and one bad span must not cost
// the rest. Whatever cannot be read is skipped and counted, never thrown.
import { isObj } from './llmContent';
import type { Obj } from './llmContent';
import { StringPool } from './stringPool';

export interface OtlpEvent {
  name: string;
  /** Unix ms (fractional), 0 when not given. */
  time: number;
  attrs: Obj;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  /** '' for a root. */
  parentSpanId: string;
  name: string;
  /** 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Unix ms (fractional). */
  start: number;
  /** Unix ms; undefined when the span has not ended (no or zero end time). */
  end: number | undefined;
  attrs: Obj;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  events: OtlpEvent[];
  resource: Obj;
  scope: string;
}

export interface OtlpReadResult {
  spans: OtlpSpan[];
  /** Spans that were not objects or had no span id. */
  rejected: number;
}

/** Decodes an OTLP AnyValue to plain JSON: ints stay exact (strings past 2^53), kvlists become objects. */
export function anyValue(v: unknown, pool?: StringPool): unknown {
  if (!isObj(v)) return v;
  if ('stringValue' in v) return pool && typeof v.stringValue === 'string' ? pool.get(v.stringValue) : v.stringValue;
  if ('intValue' in v) return intOf(v.intValue);
  if ('doubleValue' in v) return typeof v.doubleValue === 'string' ? Number(v.doubleValue) : v.doubleValue;
  if ('boolValue' in v) return v.boolValue;
  if ('arrayValue' in v) {
    const values = isObj(v.arrayValue) && Array.isArray(v.arrayValue.values) ? v.arrayValue.values : [];
    return values.map((x) => anyValue(x));
  }
  if ('kvlistValue' in v) {
    const values = isObj(v.kvlistValue) && Array.isArray(v.kvlistValue.values) ? v.kvlistValue.values : [];
    return attributes(values);
  }
  if ('bytesValue' in v) return v.bytesValue;
  return undefined;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `/^-?\d+$/` without a regex (token counts are int attributes on every LLM span). */
function isIntText(s: string): boolean {
  const from = s.charCodeAt(0) === 45 ? 1 : 0;
  if (s.length <= from) return false;
  for (let i = from; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function intOf(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && isIntText(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  // With surrounding whitespace (rare): trimmed first.
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v.trim();
  }
  return v;
}

/** `[{key, value}]` → `{key: value}`; later duplicates win, as most SDKs do. `pool` shares repeated string values. */
export function attributes(list: unknown, pool?: StringPool): Obj {
  const out: Obj = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    if (isObj(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value, pool);
  }
  return out;
}

/** Nanoseconds (decimal string or number) → Unix ms; 0 when missing or unreadable. */
export function nanosToMs(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v / 1e6 : 0;
  if (typeof v !== 'string' || v === '') return 0;
  const s = isDigit(v.charCodeAt(0)) && isDigit(v.charCodeAt(v.length - 1)) ? v : v.trim();
  const n = s.length;
  if (n === 0) return 0;
  // Split so the whole-ms part is exact; Number(s) alone would round 19-digit values to ~256 ns. Up to 15
  // digits of whole ms the part is summed exactly digit by digit (no slices, no regex: two per span at 100k);
  // longer values go through Number as before, which rounds them the same way it always did.
  let ms = 0;
  let frac = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    if (i < n - 6) ms = ms * 10 + d;
    else frac = frac * 10 + d;
  }
  if (n <= 6) return frac / 1e6;
  if (n - 6 > 15) return Number(s.slice(0, -6)) + Number(s.slice(-6)) / 1e6;
  return ms + frac / 1e6;
}

const HEX = /^[0-9a-f]+$/i;

function isLowerHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isDigit(c) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Span and trace ids: the OTLP/JSON spec says lowercase hex, but protobuf-JSON encoders that do not know the
 * exception send base64 (16 bytes → 24 chars, 8 bytes → 12 chars). Those are converted; anything else is
 * kept as given, since it still identifies the span.
 */
export function idOf(v: unknown, bytes: number): string {
  if (typeof v !== 'string') return '';
  // The usual case, checked without a regex or a lowercased copy: lowercase hex of the right length.
  if (v.length === bytes * 2 && isLowerHex(v)) return v;
  const s = v.trim();
  if (s === '') return '';
  if (s.length === bytes * 2 && HEX.test(s)) return s.toLowerCase();
  const b64Len = Math.ceil(bytes / 3) * 4;
  if (s.length === b64Len && BASE64.test(s)) {
    const buf = Buffer.from(s, 'base64');
    if (buf.length === bytes) return buf.toString('hex');
  }
  return HEX.test(s) ? s.toLowerCase() : s;
}

const SPAN_KINDS: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0, SPAN_KIND_INTERNAL: 1, SPAN_KIND_SERVER: 2, SPAN_KIND_CLIENT: 3, SPAN_KIND_PRODUCER: 4, SPAN_KIND_CONSUMER: 5,
};
const STATUS_CODES: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

function enumOf(v: unknown, names: Record<string, number>): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) return Number(v);
    const u = v.toUpperCase();
    // Full proto names, or the short ones some exporters write ("ERROR", "CLIENT").
    return names[u] ?? names[`STATUS_CODE_${u}`] ?? names[`SPAN_KIND_${u}`] ?? 0;
  }
  return 0;
}

function event(v: unknown, pool: StringPool): OtlpEvent | undefined {
  if (!isObj(v)) return undefined;
  return { name: typeof v.name === 'string' ? pool.get(v.name) : '', time: nanosToMs(v.timeUnixNano), attrs: attributes(v.attributes, pool) };
}

const NO_STATUS: Obj = {};
/** Most spans have no events: they share one (frozen) empty list instead of holding one each. */
const NO_EVENTS = Object.freeze([]) as unknown as OtlpEvent[];

/** One span of a `spans` list; undefined for one that is not an object or has no span id (counted as rejected). */
export function readSpan(v: unknown, resource: Obj, scope: string, pool: StringPool): OtlpSpan | undefined {
  if (!isObj(v)) return undefined;
  const spanId = idOf(v.spanId, 8);
  if (!spanId) return undefined;
  const status = isObj(v.status) ? v.status : NO_STATUS;
  const end = nanosToMs(v.endTimeUnixNano);
  let events = NO_EVENTS;
  if (Array.isArray(v.events) && v.events.length > 0) {
    events = [];
    for (const e of v.events) {
      const ev = event(e, pool);
      if (ev) events.push(ev);
    }
    if (events.length === 0) events = NO_EVENTS;
  }
  return {
    traceId: pool.get(idOf(v.traceId, 16)),
    spanId,
    parentSpanId: pool.get(idOf(v.parentSpanId, 8)),
    name: typeof v.name === 'string' ? pool.get(v.name) : '',
    kind: enumOf(v.kind, SPAN_KINDS),
    start: nanosToMs(v.startTimeUnixNano),
    end: end > 0 ? end : undefined,
    attrs: attributes(v.attributes, pool),
    statusCode: enumOf(status.code, STATUS_CODES),
    statusMessage: typeof status.message === 'string' ? status.message : '',
    events,
    resource,
    scope,
  };
}

/** All spans of an ExportTraceServiceRequest / TracesData object, in file order. */
export function readOtlp(body: unknown, into: OtlpReadResult = { spans: [], rejected: 0 }): OtlpReadResult {
  if (!isObj(body) || !Array.isArray(body.resourceSpans)) return into;
  const pool = new StringPool();
  for (const rs of body.resourceSpans) {
    if (!isObj(rs)) continue;
    const resource = isObj(rs.resource) ? attributes(rs.resource.attributes) : {};
    // `instrumentationLibrarySpans` is the name before OTLP 0.15; old collectors and files still have it.
    const scopes = Array.isArray(rs.scopeSpans) ? rs.scopeSpans : Array.isArray(rs.instrumentationLibrarySpans) ? rs.instrumentationLibrarySpans : [];
    for (const ss of scopes) {
      if (!isObj(ss)) continue;
      const sc = isObj(ss.scope) ? ss.scope : isObj(ss.instrumentationLibrary) ? ss.instrumentationLibrary : {};
      const scope = typeof sc.name === 'string' ? sc.name : '';
      if (!Array.isArray(ss.spans)) continue;
      for (const s of ss.spans) {
        const read = readSpan(s, resource, scope, pool);
        if (read) into.spans.push(read);
        else into.rejected++;
      }
    }
  }
  return into;
}
