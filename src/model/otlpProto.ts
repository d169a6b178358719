// OTLP/HTTP protobuf: decodes an ExportTraceServiceRequest (or a TracesData, which has the same field 1) from the
// protobuf wire format into the OTLP/JSON shape `readOtlp` reads, so both encodings share one reader. Written from
// opentelemetry-proto (trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto, collector/trace/v1/
// trace_service.proto). Only the fields AgentLens shows are kept; unknown fields are skipped as protobuf requires,
// so newer senders keep working. Malformed input (a length past the end, a bad wire type, nesting deeper than
// MAX_DEPTH) throws ProtoDecodeError and nothing of the message is used. The receiver's replies are encoded in
// src/receiver/otlpReplies.ts.

import { uint64Decimal } from './uint64';

export class ProtoDecodeError extends Error {
  constructor(
    message: string,
    /** The message is well-formed so far but holds more than one request may (the receiver answers 413). */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/** AnyValue nesting (arrays and kvlists inside each other) deeper than this is refused: no stack overflows. */
export const MAX_DEPTH = 64;
/**
 * What one request may hold. Protobuf is dense: an empty span is 2 bytes, so a 32 MiB body could otherwise become
 * millions of objects and gigabytes of heap. The span limit matches the receiver's per-trace limit; the value
 * limit (attributes, events, array and list items) allows about 20 per span at that size.
 */
export const MAX_SPANS = 100_000;
export const MAX_VALUES = 2_000_000;

export type Json = Record<string, unknown>;

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;
export const tagOf = (no: number, wire: number): number => no * 8 + wire;

/**
 * One cursor over the whole body; each message is read up to its own end (no reader or closure per message: a
 * 20,000-span body has hundreds of thousands of them, and the garbage collector would pay for each).
 */
export class Reader {
  pos = 0;
  spans = 0;
  values = 0;

  constructor(readonly buf: Buffer) {}

  /** A varint as a number: exact up to 2^53, which covers tags, lengths, enums and counts. */
  varint(end: number): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) throw new ProtoDecodeError('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new ProtoDecodeError('varint longer than 10 bytes');
  }

  /** A varint as a signed 64-bit integer (int64: two's complement), as a decimal string. */
  int64(end: number): string {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) throw new ProtoDecodeError('truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asIntN(64, result).toString();
      shift += 7n;
    }
    throw new ProtoDecodeError('varint longer than 10 bytes');
  }

  /** An unsigned fixed64 (nanosecond times) as a decimal string: exact, where a double would round to ~256 ns. */
  fixed64(end: number): string {
    this.need(8, end);
    const v = uint64Decimal(this.buf.readUInt32LE(this.pos), this.buf.readUInt32LE(this.pos + 4));
    this.pos += 8;
    return v;
  }

  double(end: number): number {
    this.need(8, end);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length-delimited field's end; the cursor is left at its start. */
  len(end: number): number {
    const n = this.varint(end);
    this.need(n, end);
    return this.pos + n;
  }

  string(end: number): string {
    const e = this.len(end);
    const s = this.buf.toString('utf8', this.pos, e);
    this.pos = e;
    return s;
  }

  hex(end: number): string {
    const e = this.len(end);
    const s = this.buf.toString('hex', this.pos, e);
    this.pos = e;
    return s;
  }

  private readonly lastAt = [-1, -1];
  private readonly lastHex = ['', ''];

  /** `hex` for ids that repeat span after span (trace id: slot 0, parent id: 1): the same bytes, the same string. */
  hexRepeated(end: number, slot: 0 | 1): string {
    const at = this.lastAt[slot]!;
    const prev = this.lastHex[slot]!;
    const e = this.len(end);
    let same = at >= 0 && prev.length === (e - this.pos) * 2;
    for (let i = 0; same && i < e - this.pos; i++) same = this.buf[at + i] === this.buf[this.pos + i];
    if (!same) {
      this.lastAt[slot] = this.pos;
      this.lastHex[slot] = this.buf.toString('hex', this.pos, e);
    }
    this.pos = e;
    return this.lastHex[slot]!;
  }

  base64(end: number): string {
    const e = this.len(end);
    const s = this.buf.toString('base64', this.pos, e);
    this.pos = e;
    return s;
  }

  /**
   * A field the message reader did not take: a known field with the wrong wire type is an error (named from
   * `known`, field number → name and wire type), anything else is skipped as protobuf requires.
   */
  other(tag: number, end: number, known: Readonly<Record<number, readonly [string, number]>>): void {
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (no === 0) throw new ProtoDecodeError('field number 0');
    const k = known[no];
    if (k) throw new ProtoDecodeError(`${k[0]} has wire type ${wire}, expected ${k[1]}`);
    switch (wire) {
      case WIRE_VARINT:
        this.varint(end);
        return;
      case WIRE_I64:
        this.need(8, end);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.pos = this.len(end);
        return;
      case WIRE_I32:
        this.need(4, end);
        this.pos += 4;
        return;
      default:
        // 3 and 4 are proto2 groups, which no OTLP message uses; 6 and 7 do not exist.
        throw new ProtoDecodeError(`unsupported wire type ${wire}`);
    }
  }

  countValue(): void {
    if (++this.values > MAX_VALUES) throw new ProtoDecodeError(`more than ${MAX_VALUES} attribute values in one request`, true);
  }

  private need(n: number, end: number): void {
    if (n > end - this.pos) throw new ProtoDecodeError('a field runs past the end of the message');
  }
}

const ANY_VALUE = {
  1: ['AnyValue.string_value', WIRE_LEN], 2: ['AnyValue.bool_value', WIRE_VARINT], 3: ['AnyValue.int_value', WIRE_VARINT],
  4: ['AnyValue.double_value', WIRE_I64], 5: ['AnyValue.array_value', WIRE_LEN], 6: ['AnyValue.kvlist_value', WIRE_LEN],
  7: ['AnyValue.bytes_value', WIRE_LEN],
} as const;

export function anyValue(r: Reader, end: number, depth: number): Json {
  if (depth > MAX_DEPTH) throw new ProtoDecodeError(`values nested deeper than ${MAX_DEPTH}`);
  r.countValue();
  let out: Json = {};
  while (r.pos < end) {
    const tag = r.varint(end);
    switch (tag) {
      case tagOf(1, WIRE_LEN): out = { stringValue: r.string(end) }; break;
      case tagOf(2, WIRE_VARINT): out = { boolValue: r.varint(end) !== 0 }; break;
      case tagOf(3, WIRE_VARINT): out = { intValue: r.int64(end) }; break;
      case tagOf(4, WIRE_I64): out = { doubleValue: r.double(end) }; break;
      case tagOf(5, WIRE_LEN): out = { arrayValue: { values: valueList(r, r.len(end), depth + 1) } }; break;
      case tagOf(6, WIRE_LEN): out = { kvlistValue: { values: keyValueList(r, r.len(end), depth + 1) } }; break;
      // OTLP/JSON writes bytes as base64, so the reader sees the same either way.
      case tagOf(7, WIRE_LEN): out = { bytesValue: r.base64(end) }; break;
      default: r.other(tag, end, ANY_VALUE);
    }
  }
  return out;
}

const ARRAY_VALUE = { 1: ['ArrayValue.values', WIRE_LEN] } as const;

/** ArrayValue: repeated AnyValue values = 1. */
function valueList(r: Reader, end: number, depth: number): Json[] {
  const values: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) values.push(anyValue(r, r.len(end), depth));
    else r.other(tag, end, ARRAY_VALUE);
  }
  return values;
}

const KEY_VALUE_LIST = { 1: ['KeyValueList.values', WIRE_LEN] } as const;

/** KeyValueList: repeated KeyValue values = 1. */
function keyValueList(r: Reader, end: number, depth: number): Json[] {
  const values: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) values.push(keyValue(r, r.len(end), depth));
    else r.other(tag, end, KEY_VALUE_LIST);
  }
  return values;
}

const KEY_VALUE = { 1: ['KeyValue.key', WIRE_LEN], 2: ['KeyValue.value', WIRE_LEN] } as const;

/** KeyValue: string key = 1; AnyValue value = 2. */
export function keyValue(r: Reader, end: number, depth: number): Json {
  r.countValue();
  let key = '';
  let value: Json = {};
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) key = r.string(end);
    else if (tag === tagOf(2, WIRE_LEN)) value = anyValue(r, r.len(end), depth);
    else r.other(tag, end, KEY_VALUE);
  }
  return { key, value };
}

const EVENT = { 1: ['Event.time_unix_nano', WIRE_I64], 2: ['Event.name', WIRE_LEN], 3: ['Event.attributes', WIRE_LEN] } as const;

/** Event: fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3. */
function event(r: Reader, end: number): Json {
  r.countValue();
  const ev: Json = { name: '' };
  const attributes: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    switch (tag) {
      case tagOf(1, WIRE_I64): ev.timeUnixNano = r.fixed64(end); break;
      case tagOf(2, WIRE_LEN): ev.name = r.string(end); break;
      case tagOf(3, WIRE_LEN): attributes.push(keyValue(r, r.len(end), 0)); break;
      default: r.other(tag, end, EVENT);
    }
  }
  ev.attributes = attributes;
  return ev;
}

const STATUS = { 2: ['Status.message', WIRE_LEN], 3: ['Status.code', WIRE_VARINT] } as const;

/** Status: string message = 2; StatusCode code = 3. */
function status(r: Reader, end: number): Json {
  r.countValue();
  const st: Json = { code: 0, message: '' };
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(2, WIRE_LEN)) st.message = r.string(end);
    else if (tag === tagOf(3, WIRE_VARINT)) st.code = r.varint(end);
    else r.other(tag, end, STATUS);
  }
  return st;
}

const SPAN = {
  1: ['Span.trace_id', WIRE_LEN], 2: ['Span.span_id', WIRE_LEN], 4: ['Span.parent_span_id', WIRE_LEN], 5: ['Span.name', WIRE_LEN],
  6: ['Span.kind', WIRE_VARINT], 7: ['Span.start_time_unix_nano', WIRE_I64], 8: ['Span.end_time_unix_nano', WIRE_I64],
  9: ['Span.attributes', WIRE_LEN], 11: ['Span.events', WIRE_LEN], 15: ['Span.status', WIRE_LEN],
} as const;

/**
 * Span: bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
 * fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
 * repeated Event events = 11; Status status = 15. (trace_state, links, flags and the dropped counts are not shown.)
 */
function span(r: Reader, end: number): Json {
  if (++r.spans > MAX_SPANS) throw new ProtoDecodeError(`more than ${MAX_SPANS} spans in one request`, true);
  const s: Json = { traceId: '', spanId: '', parentSpanId: '', name: '', kind: 0 };
  const attributes: Json[] = [];
  const events: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    switch (tag) {
      case tagOf(1, WIRE_LEN): s.traceId = r.hexRepeated(end, 0); break;
      case tagOf(2, WIRE_LEN): s.spanId = r.hex(end); break;
      case tagOf(4, WIRE_LEN): s.parentSpanId = r.hexRepeated(end, 1); break;
      case tagOf(5, WIRE_LEN): s.name = r.string(end); break;
      case tagOf(6, WIRE_VARINT): s.kind = r.varint(end); break;
      case tagOf(7, WIRE_I64): s.startTimeUnixNano = r.fixed64(end); break;
      case tagOf(8, WIRE_I64): s.endTimeUnixNano = r.fixed64(end); break;
      case tagOf(9, WIRE_LEN): attributes.push(keyValue(r, r.len(end), 0)); break;
      case tagOf(11, WIRE_LEN): events.push(event(r, r.len(end))); break;
      case tagOf(15, WIRE_LEN): s.status = status(r, r.len(end)); break;
      default: r.other(tag, end, SPAN);
    }
  }
  s.attributes = attributes;
  s.events = events;
  return s;
}

const SCOPE = { 1: ['InstrumentationScope.name', WIRE_LEN], 2: ['InstrumentationScope.version', WIRE_LEN] } as const;

/** InstrumentationScope: string name = 1; string version = 2. */
export function scope(r: Reader, end: number): Json {
  r.countValue();
  const sc: Json = { name: '' };
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) sc.name = r.string(end);
    else if (tag === tagOf(2, WIRE_LEN)) sc.version = r.string(end);
    else r.other(tag, end, SCOPE);
  }
  return sc;
}

const SCOPE_SPANS = { 1: ['ScopeSpans.scope', WIRE_LEN], 2: ['ScopeSpans.spans', WIRE_LEN] } as const;

/** ScopeSpans: InstrumentationScope scope = 1; repeated Span spans = 2. */
function scopeSpans(r: Reader, end: number): Json {
  r.countValue();
  let sc: Json = { name: '' };
  const spans: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) sc = scope(r, r.len(end));
    else if (tag === tagOf(2, WIRE_LEN)) spans.push(span(r, r.len(end)));
    else r.other(tag, end, SCOPE_SPANS);
  }
  return { scope: sc, spans };
}

const RESOURCE = { 1: ['Resource.attributes', WIRE_LEN] } as const;

/** Resource: repeated KeyValue attributes = 1. */
export function resource(r: Reader, end: number): Json {
  r.countValue();
  const attributes: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) attributes.push(keyValue(r, r.len(end), 0));
    else r.other(tag, end, RESOURCE);
  }
  return { attributes };
}

const RESOURCE_SPANS = { 1: ['ResourceSpans.resource', WIRE_LEN], 2: ['ResourceSpans.scope_spans', WIRE_LEN] } as const;

/** ResourceSpans: Resource resource = 1; repeated ScopeSpans scope_spans = 2. */
function resourceSpans(r: Reader, end: number): Json {
  r.countValue();
  let res: Json = { attributes: [] };
  const scopes: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) res = resource(r, r.len(end));
    else if (tag === tagOf(2, WIRE_LEN)) scopes.push(scopeSpans(r, r.len(end)));
    else r.other(tag, end, RESOURCE_SPANS);
  }
  return { resource: res, scopeSpans: scopes };
}

const REQUEST = { 1: ['ExportTraceServiceRequest.resource_spans', WIRE_LEN] } as const;

/** ExportTraceServiceRequest / TracesData (repeated ResourceSpans resource_spans = 1) → the OTLP/JSON object. */
export function decodeTraceRequest(body: Uint8Array): { resourceSpans: Json[] } {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const r = new Reader(buf);
  const end = buf.length;
  const list: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) {
      const e = r.len(end);
      list.push(resourceSpans(r, e));
      r.pos = e;
    } else r.other(tag, end, REQUEST);
  }
  return { resourceSpans: list };
}
