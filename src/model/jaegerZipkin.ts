// Jaeger and Zipkin trace files read as the OTLP spans the rest of the mapper takes, so they open in the same
// viewer with the same step mapping (an OpenTelemetry SDK exporting to Jaeger or Zipkin keeps its attributes as
// tags). Shapes from the projects' own data:
//   Jaeger: the query API and the UI's "Download JSON": `{data: [{traceID, spans, processes, warnings}]}`; also a
//     bare trace `{traceID, spans, processes}` (jaeger model/converter/json fixtures) and the UI's `{data: trace}`.
//     Span: {traceID, spanID, operationName, references [{refType, traceID, spanID}], startTime µs, duration µs,
//     tags [{key, type, value}], logs [{timestamp µs, fields [{key, type, value}]}], processID | process}.
//   Zipkin v2: an array of spans (GET /api/v2/trace/{id}) or of traces (GET /api/v2/traces); span: {traceId, id,
//     parentId?, name, kind?, timestamp µs, duration µs, localEndpoint {serviceName}, annotations [{timestamp, value}],
//     tags {string: string}}.
// Pure and tolerant: unreadable spans are skipped, never thrown.
import { isObj, str } from './llmContent';
import type { Obj } from './llmContent';
import { idOf } from './otlpRead';
import type { OtlpEvent, OtlpSpan } from './otlpRead';

const KIND: Record<string, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const kindOf = (v: unknown): number => (typeof v === 'string' ? KIND[v.toLowerCase()] ?? 0 : 0);
const micros = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v / 1000 : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) / 1000 : 0);

/** Error status from the tags either tracer writes: OTel's `otel.status_code`, OpenTracing's `error`. */
function statusOf(tags: Obj): { code: number; message: string } {
  const otel = str(tags['otel.status_code'])?.toUpperCase();
  const error = tags.error;
  const failed = otel === 'ERROR' || error === true || (typeof error === 'string' && error !== 'false');
  const message = str(tags['otel.status_description']) ?? (typeof error === 'string' && error !== 'true' ? error : '');
  return { code: failed ? 2 : otel === 'OK' ? 1 : 0, message: failed ? message : '' };
}

const scopeOf = (tags: Obj): string => str(tags['otel.scope.name']) ?? str(tags['otel.library.name']) ?? '';

// --- Jaeger ---

function tagList(list: unknown): Obj {
  const out: Obj = {};
  if (!Array.isArray(list)) return out;
  for (const t of list) if (isObj(t) && typeof t.key === 'string') out[t.key] = t.value;
  return out;
}

function jaegerSpan(s: unknown, processes: Obj): OtlpSpan | undefined {
  if (!isObj(s)) return undefined;
  const spanId = idOf(s.spanID, 8);
  if (!spanId) return undefined;
  const traceId = idOf(s.traceID, 16);
  const refs = Array.isArray(s.references) ? s.references.filter(isObj) : [];
  const parent = refs.find((r) => r.refType === 'CHILD_OF' && idOf(r.traceID, 16) === traceId) ?? refs.find((r) => idOf(r.traceID, 16) === traceId);
  const tags = tagList(s.tags);
  const process = isObj(s.process) ? s.process : isObj(processes[String(s.processID)]) ? (processes[String(s.processID)] as Obj) : {};
  const resource: Obj = { ...tagList(process.tags) };
  if (typeof process.serviceName === 'string') resource['service.name'] = process.serviceName;
  const events: OtlpEvent[] = [];
  for (const l of Array.isArray(s.logs) ? s.logs : []) {
    if (!isObj(l)) continue;
    const fields = tagList(l.fields);
    const name = str(fields.event) ?? str(fields.message) ?? 'log';
    delete fields.event;
    events.push({ name, time: micros(l.timestamp), attrs: fields });
  }
  const start = micros(s.startTime);
  const status = statusOf(tags);
  return {
    traceId, spanId, parentSpanId: parent ? idOf(parent.spanID, 8) : idOf(s.parentSpanID, 8), name: str(s.operationName) ?? '',
    kind: kindOf(tags['span.kind']), start, end: typeof s.duration === 'number' ? start + s.duration / 1000 : undefined, attrs: tags,
    statusCode: status.code, statusMessage: status.message, events, resource, scope: scopeOf(tags),
  };
}

const isJaegerTrace = (v: unknown): v is Obj => isObj(v) && Array.isArray(v.spans) && (typeof v.traceID === 'string' || isObj(v.processes));

/** The traces of a Jaeger file, or undefined when it is not one. */
function jaegerTraces(json: unknown): Obj[] | undefined {
  if (isJaegerTrace(json)) return [json];
  if (!isObj(json)) return undefined;
  if (Array.isArray(json.data) && json.data.length > 0 && json.data.every(isJaegerTrace)) return json.data as Obj[];
  if (isJaegerTrace(json.data)) return [json.data];
  return undefined;
}

export function isJaeger(json: unknown): boolean {
  return jaegerTraces(json) !== undefined;
}

export function jaegerSpans(json: unknown): OtlpSpan[] {
  const out: OtlpSpan[] = [];
  for (const t of jaegerTraces(json) ?? []) {
    const processes = isObj(t.processes) ? t.processes : {};
    for (const s of t.spans as unknown[]) {
      const span = jaegerSpan(s, processes);
      if (span) out.push(span);
    }
  }
  return out;
}

// --- Zipkin v2 ---

const isZipkinSpan = (v: unknown): boolean => isObj(v) && typeof v.traceId === 'string' && typeof v.id === 'string';

function zipkinList(json: unknown): unknown[] | undefined {
  if (!Array.isArray(json) || json.length === 0) return undefined;
  if (json.every(isZipkinSpan)) return json;
  if (json.every((t) => Array.isArray(t) && t.every(isZipkinSpan))) return (json as unknown[][]).flat();
  return undefined;
}

export function isZipkin(json: unknown): boolean {
  return zipkinList(json) !== undefined;
}

function zipkinSpan(s: Obj): OtlpSpan {
  const tags: Obj = isObj(s.tags) ? { ...s.tags } : {};
  const start = micros(s.timestamp);
  const status = statusOf(tags);
  const local = isObj(s.localEndpoint) ? s.localEndpoint : {};
  const resource: Obj = typeof local.serviceName === 'string' ? { 'service.name': local.serviceName } : {};
  const events: OtlpEvent[] = (Array.isArray(s.annotations) ? s.annotations : []).filter(isObj)
    .map((a) => ({ name: str(a.value) ?? '', time: micros(a.timestamp), attrs: {} }));
  return {
    traceId: idOf(s.traceId, 16), spanId: idOf(s.id, 8), parentSpanId: idOf(s.parentId, 8), name: str(s.name) ?? '', kind: kindOf(s.kind),
    start, end: typeof s.duration === 'number' ? start + s.duration / 1000 : undefined, attrs: tags,
    statusCode: status.code, statusMessage: status.message, events, resource, scope: scopeOf(tags),
  };
}

export function zipkinSpans(json: unknown): OtlpSpan[] {
  return (zipkinList(json) ?? []).filter(isObj).map(zipkinSpan);
}
