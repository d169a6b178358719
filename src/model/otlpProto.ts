// OTLP/HTTP protobuf: decodes an ExportTraceServiceRequest (or a TracesData, which has the same field 1) from the
// protobuf wire format into the OTLP/JSON shape `readOtlp` reads, so both encodings share one reader. Written from
// opentelemetry-proto (trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto, collector/trace/v1/
// trace_service.proto). Only the fields AgentLens shows are kept; unknown fields are skipped as protobuf requires,
// so newer senders keep working. Malformed input (a length past the end, a bad wire type, nesting deeper than
// MAX_DEPTH) throws ProtoDecodeError and nothing of the message is used.
//
// The encoding helpers at the end write the receiver's replies (ExportTraceServiceResponse, google.rpc.Status).

export class ProtoDecodeError extends Error {}

/** AnyValue nesting (arrays and kvlists inside each other) deeper than this is refused: no stack overflows. */
export const MAX_DEPTH = 64;

type Json = Record<string, unknown>;

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

class Reader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a number: exact up to 2^53, which covers tags, lengths, enums and counts. */
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoDecodeError('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new ProtoDecodeError('varint longer than 10 bytes');
  }

  /** A varint as a signed 64-bit integer (int64: two's complement). */
  int64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoDecodeError('truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asIntN(64, result);
      shift += 7n;
    }
    throw new ProtoDecodeError('varint longer than 10 bytes');
  }

  fixed64(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length-delimited field: its [start, end) in the buffer. */
  bytes(): [number, number] {
    const len = this.varint();
    this.need(len);
    const start = this.pos;
    this.pos += len;
    return [start, this.pos];
  }

  string(): string {
    const [s, e] = this.bytes();
    return this.buf.toString('utf8', s, e);
  }

  hex(): string {
    const [s, e] = this.bytes();
    return this.buf.toString('hex', s, e);
  }

  sub(): Reader {
    const [s, e] = this.bytes();
    return new Reader(this.buf, s, e);
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_I64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.bytes();
        return;
      case WIRE_I32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        // 3 and 4 are proto2 groups, which no OTLP message uses; 6 and 7 do not exist.
        throw new ProtoDecodeError(`unsupported wire type ${wire}`);
    }
  }

  private need(n: number): void {
    if (n > this.end - this.pos) throw new ProtoDecodeError('a field runs past the end of the message');
  }
}

/** Calls `field` for each (number, wire type) of the message; `field` reads the value or returns false to skip it. */
function fields(r: Reader, field: (no: number, wire: number) => boolean): void {
  while (!r.done) {
    const tag = r.varint();
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (no === 0) throw new ProtoDecodeError('field number 0');
    if (!field(no, wire)) r.skip(wire);
  }
}

function expect(wire: number, want: number, what: string): void {
  if (wire !== want) throw new ProtoDecodeError(`${what} has wire type ${wire}, expected ${want}`);
}

function anyValue(r: Reader, depth: number): Json {
  if (depth > MAX_DEPTH) throw new ProtoDecodeError(`values nested deeper than ${MAX_DEPTH}`);
  let out: Json = {};
  fields(r, (no, wire) => {
    switch (no) {
      case 1: expect(wire, WIRE_LEN, 'AnyValue.string_value'); out = { stringValue: r.string() }; return true;
      case 2: expect(wire, WIRE_VARINT, 'AnyValue.bool_value'); out = { boolValue: r.varint() !== 0 }; return true;
      case 3: expect(wire, WIRE_VARINT, 'AnyValue.int_value'); out = { intValue: r.int64().toString() }; return true;
      case 4: expect(wire, WIRE_I64, 'AnyValue.double_value'); out = { doubleValue: r.double() }; return true;
      case 5: expect(wire, WIRE_LEN, 'AnyValue.array_value'); out = { arrayValue: { values: valueList(r.sub(), depth + 1) } }; return true;
      case 6: expect(wire, WIRE_LEN, 'AnyValue.kvlist_value'); out = { kvlistValue: { values: keyValueList(r.sub(), depth + 1) } }; return true;
      case 7: {
        expect(wire, WIRE_LEN, 'AnyValue.bytes_value');
        const [s, e] = r.bytes();
        // OTLP/JSON writes bytes as base64, so the reader sees the same either way.
        out = { bytesValue: r.buf.toString('base64', s, e) };
        return true;
      }
      default: return false;
    }
  });
  return out;
}

/** ArrayValue: repeated AnyValue values = 1. */
function valueList(r: Reader, depth: number): Json[] {
  const values: Json[] = [];
  fields(r, (no, wire) => {
    if (no !== 1) return false;
    expect(wire, WIRE_LEN, 'ArrayValue.values');
    values.push(anyValue(r.sub(), depth));
    return true;
  });
  return values;
}

/** KeyValueList: repeated KeyValue values = 1. */
function keyValueList(r: Reader, depth: number): Json[] {
  const values: Json[] = [];
  fields(r, (no, wire) => {
    if (no !== 1) return false;
    expect(wire, WIRE_LEN, 'KeyValueList.values');
    values.push(keyValue(r.sub(), depth));
    return true;
  });
  return values;
}

/** KeyValue: string key = 1; AnyValue value = 2. */
function keyValue(r: Reader, depth: number): Json {
  const kv: Json = { key: '', value: {} };
  fields(r, (no, wire) => {
    if (no === 1) {
      expect(wire, WIRE_LEN, 'KeyValue.key');
      kv.key = r.string();
      return true;
    }
    if (no === 2) {
      expect(wire, WIRE_LEN, 'KeyValue.value');
      kv.value = anyValue(r.sub(), depth);
      return true;
    }
    return false;
  });
  return kv;
}

/** Event: fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3. */
function event(r: Reader): Json {
  const ev: Json = { name: '', attributes: [] as Json[] };
  fields(r, (no, wire) => {
    switch (no) {
      case 1: expect(wire, WIRE_I64, 'Event.time_unix_nano'); ev.timeUnixNano = r.fixed64().toString(); return true;
      case 2: expect(wire, WIRE_LEN, 'Event.name'); ev.name = r.string(); return true;
      case 3: expect(wire, WIRE_LEN, 'Event.attributes'); (ev.attributes as Json[]).push(keyValue(r.sub(), 0)); return true;
      default: return false;
    }
  });
  return ev;
}

/** Status: string message = 2; StatusCode code = 3. */
function status(r: Reader): Json {
  const st: Json = { code: 0, message: '' };
  fields(r, (no, wire) => {
    if (no === 2) {
      expect(wire, WIRE_LEN, 'Status.message');
      st.message = r.string();
      return true;
    }
    if (no === 3) {
      expect(wire, WIRE_VARINT, 'Status.code');
      st.code = r.varint();
      return true;
    }
    return false;
  });
  return st;
}

/**
 * Span: bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
 * fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
 * repeated Event events = 11; Status status = 15. (trace_state, links, flags and the dropped counts are not shown.)
 */
function span(r: Reader): Json {
  const s: Json = { traceId: '', spanId: '', parentSpanId: '', name: '', kind: 0, attributes: [] as Json[], events: [] as Json[] };
  fields(r, (no, wire) => {
    switch (no) {
      case 1: expect(wire, WIRE_LEN, 'Span.trace_id'); s.traceId = r.hex(); return true;
      case 2: expect(wire, WIRE_LEN, 'Span.span_id'); s.spanId = r.hex(); return true;
      case 4: expect(wire, WIRE_LEN, 'Span.parent_span_id'); s.parentSpanId = r.hex(); return true;
      case 5: expect(wire, WIRE_LEN, 'Span.name'); s.name = r.string(); return true;
      case 6: expect(wire, WIRE_VARINT, 'Span.kind'); s.kind = r.varint(); return true;
      case 7: expect(wire, WIRE_I64, 'Span.start_time_unix_nano'); s.startTimeUnixNano = r.fixed64().toString(); return true;
      case 8: expect(wire, WIRE_I64, 'Span.end_time_unix_nano'); s.endTimeUnixNano = r.fixed64().toString(); return true;
      case 9: expect(wire, WIRE_LEN, 'Span.attributes'); (s.attributes as Json[]).push(keyValue(r.sub(), 0)); return true;
      case 11: expect(wire, WIRE_LEN, 'Span.events'); (s.events as Json[]).push(event(r.sub())); return true;
      case 15: expect(wire, WIRE_LEN, 'Span.status'); s.status = status(r.sub()); return true;
      default: return false;
    }
  });
  return s;
}

/** Resource: repeated KeyValue attributes = 1. */
function resource(r: Reader): Json {
  return { attributes: keyValueList(r, 0) };
}

/** InstrumentationScope: string name = 1; string version = 2. */
function scope(r: Reader): Json {
  const sc: Json = { name: '' };
  fields(r, (no, wire) => {
    if (no === 1 || no === 2) {
      expect(wire, WIRE_LEN, 'InstrumentationScope.name/version');
      sc[no === 1 ? 'name' : 'version'] = r.string();
      return true;
    }
    return false;
  });
  return sc;
}

/** ScopeSpans: InstrumentationScope scope = 1; repeated Span spans = 2. */
function scopeSpans(r: Reader): Json {
  const ss: Json = { scope: { name: '' }, spans: [] as Json[] };
  fields(r, (no, wire) => {
    if (no === 1) {
      expect(wire, WIRE_LEN, 'ScopeSpans.scope');
      ss.scope = scope(r.sub());
      return true;
    }
    if (no === 2) {
      expect(wire, WIRE_LEN, 'ScopeSpans.spans');
      (ss.spans as Json[]).push(span(r.sub()));
      return true;
    }
    return false;
  });
  return ss;
}

/** ResourceSpans: Resource resource = 1; repeated ScopeSpans scope_spans = 2. */
function resourceSpans(r: Reader): Json {
  const rs: Json = { resource: { attributes: [] }, scopeSpans: [] as Json[] };
  fields(r, (no, wire) => {
    if (no === 1) {
      expect(wire, WIRE_LEN, 'ResourceSpans.resource');
      rs.resource = resource(r.sub());
      return true;
    }
    if (no === 2) {
      expect(wire, WIRE_LEN, 'ResourceSpans.scope_spans');
      (rs.scopeSpans as Json[]).push(scopeSpans(r.sub()));
      return true;
    }
    return false;
  });
  return rs;
}

/** ExportTraceServiceRequest / TracesData (repeated ResourceSpans resource_spans = 1) → the OTLP/JSON object. */
export function decodeTraceRequest(body: Uint8Array): { resourceSpans: Json[] } {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const r = new Reader(buf, 0, buf.length);
  const resourceSpansList: Json[] = [];
  fields(r, (no, wire) => {
    if (no !== 1) return false;
    expect(wire, WIRE_LEN, 'ExportTraceServiceRequest.resource_spans');
    resourceSpansList.push(resourceSpans(r.sub()));
    return true;
  });
  return { resourceSpans: resourceSpansList };
}

// --- Encoding the receiver's replies ---

function encodeVarint(n: number, out: number[]): void {
  let v = n;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function lenField(no: number, bytes: Buffer, out: number[]): void {
  encodeVarint(no * 8 + WIRE_LEN, out);
  encodeVarint(bytes.length, out);
  for (const b of bytes) out.push(b);
}

/**
 * ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1 { int64 rejected_spans = 1;
 * string error_message = 2; } }; with nothing rejected, the empty message (zero bytes).
 */
export function encodeTraceResponse(rejectedSpans = 0, errorMessage = ''): Buffer {
  if (rejectedSpans <= 0 && !errorMessage) return Buffer.alloc(0);
  const partial: number[] = [];
  if (rejectedSpans > 0) {
    encodeVarint(1 * 8 + WIRE_VARINT, partial);
    encodeVarint(rejectedSpans, partial);
  }
  if (errorMessage) lenField(2, Buffer.from(errorMessage, 'utf8'), partial);
  const out: number[] = [];
  lenField(1, Buffer.from(partial), out);
  return Buffer.from(out);
}

/** google.rpc.Status { int32 code = 1; string message = 2; }: the body of an OTLP/HTTP error reply. */
export function encodeStatus(code: number, message: string): Buffer {
  const out: number[] = [];
  if (code > 0) {
    encodeVarint(1 * 8 + WIRE_VARINT, out);
    encodeVarint(code, out);
  }
  if (message) lenField(2, Buffer.from(message, 'utf8'), out);
  return Buffer.from(out);
}
