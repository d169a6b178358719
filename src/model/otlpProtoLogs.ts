// OTLP/HTTP protobuf logs: an ExportLogsServiceRequest (or LogsData, same field 1) decoded into the OTLP/JSON shape
// `readOtlpLogs` reads, with the trace decoder's reader, value helpers and bounds (otlpProto.ts). Written from
// opentelemetry-proto logs/v1/logs.proto and collector/logs/v1/logs_service.proto; fields AgentLens does not
// show (severity, flags, dropped counts, schema urls) are skipped like unknown ones.
import {
  MAX_SPANS, ProtoDecodeError, Reader, WIRE_I64, WIRE_LEN, anyValue, keyValue, resource, scope, tagOf,
} from './otlpProto';
import type { Json } from './otlpProto';

/** Log records one request may hold: the same bound as spans (a GenAI call writes a few records per span). */
export const MAX_LOG_RECORDS = MAX_SPANS * 4;

const LOG_RECORD = {
  1: ['LogRecord.time_unix_nano', WIRE_I64], 5: ['LogRecord.body', WIRE_LEN], 6: ['LogRecord.attributes', WIRE_LEN],
  9: ['LogRecord.trace_id', WIRE_LEN], 10: ['LogRecord.span_id', WIRE_LEN], 11: ['LogRecord.observed_time_unix_nano', WIRE_I64],
  12: ['LogRecord.event_name', WIRE_LEN],
} as const;

/**
 * LogRecord: fixed64 time_unix_nano = 1; AnyValue body = 5; repeated KeyValue attributes = 6; bytes trace_id = 9;
 * bytes span_id = 10; fixed64 observed_time_unix_nano = 11; string event_name = 12.
 */
function logRecord(r: Reader, end: number, count: { n: number }): Json {
  if (++count.n > MAX_LOG_RECORDS) throw new ProtoDecodeError(`more than ${MAX_LOG_RECORDS} log records in one request`, true);
  r.countValue();
  const rec: Json = { traceId: '', spanId: '' };
  const attributes: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    switch (tag) {
      case tagOf(1, WIRE_I64): rec.timeUnixNano = r.fixed64(end); break;
      case tagOf(5, WIRE_LEN): rec.body = anyValue(r, r.len(end), 0); break;
      case tagOf(6, WIRE_LEN): attributes.push(keyValue(r, r.len(end), 0)); break;
      case tagOf(9, WIRE_LEN): rec.traceId = r.hex(end); break;
      case tagOf(10, WIRE_LEN): rec.spanId = r.hex(end); break;
      case tagOf(11, WIRE_I64): rec.observedTimeUnixNano = r.fixed64(end); break;
      case tagOf(12, WIRE_LEN): rec.eventName = r.string(end); break;
      default: r.other(tag, end, LOG_RECORD);
    }
  }
  rec.attributes = attributes;
  return rec;
}

const SCOPE_LOGS = { 1: ['ScopeLogs.scope', WIRE_LEN], 2: ['ScopeLogs.log_records', WIRE_LEN] } as const;

/** ScopeLogs: InstrumentationScope scope = 1; repeated LogRecord log_records = 2. */
function scopeLogs(r: Reader, end: number, count: { n: number }): Json {
  r.countValue();
  let sc: Json = { name: '' };
  const logRecords: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) sc = scope(r, r.len(end));
    else if (tag === tagOf(2, WIRE_LEN)) logRecords.push(logRecord(r, r.len(end), count));
    else r.other(tag, end, SCOPE_LOGS);
  }
  return { scope: sc, logRecords };
}

const RESOURCE_LOGS = { 1: ['ResourceLogs.resource', WIRE_LEN], 2: ['ResourceLogs.scope_logs', WIRE_LEN] } as const;

/** ResourceLogs: Resource resource = 1; repeated ScopeLogs scope_logs = 2. */
function resourceLogs(r: Reader, end: number, count: { n: number }): Json {
  r.countValue();
  let res: Json = { attributes: [] };
  const scopes: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) res = resource(r, r.len(end));
    else if (tag === tagOf(2, WIRE_LEN)) scopes.push(scopeLogs(r, r.len(end), count));
    else r.other(tag, end, RESOURCE_LOGS);
  }
  return { resource: res, scopeLogs: scopes };
}

const REQUEST = { 1: ['ExportLogsServiceRequest.resource_logs', WIRE_LEN] } as const;

/** ExportLogsServiceRequest / LogsData (repeated ResourceLogs resource_logs = 1) → the OTLP/JSON object. */
export function decodeLogsRequest(body: Uint8Array): { resourceLogs: Json[] } {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const r = new Reader(buf);
  const end = buf.length;
  const count = { n: 0 };
  const list: Json[] = [];
  while (r.pos < end) {
    const tag = r.varint(end);
    if (tag === tagOf(1, WIRE_LEN)) {
      const e = r.len(end);
      list.push(resourceLogs(r, e, count));
      r.pos = e;
    } else r.other(tag, end, REQUEST);
  }
  return { resourceLogs: list };
}
