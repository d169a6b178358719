// OTLP logs (ExportLogsServiceRequest / LogsData, JSON shape) read for the GenAI events in them. Instrumentations
// that follow the newer GenAI conventions (the official @opentelemetry/instrumentation-openai, among others) put
// prompts and answers in log records named `gen_ai.*` (the record's `eventName`, or its `event.name` attribute) with
// the message in the body, correlated to their span by trace and span id. Such a record becomes an OtlpEvent of
// that span (attributes and body merged, as the span-event form of the same convention has them), so the LLM
// step shows its messages whether they came as span attributes, span events or log records. Other log records
// are not shown. Tolerant like otlpRead.ts: what cannot be read is counted, never thrown.
import { isObj } from './llmContent';
import type { Obj } from './llmContent';
import { anyValue, attributes, idOf, nanosToMs } from './otlpRead';
import type { OtlpEvent, OtlpSpan } from './otlpRead';

export interface OtlpLogEvent {
  traceId: string;
  spanId: string;
  event: OtlpEvent;
}

export interface OtlpLogsReadResult {
  events: OtlpLogEvent[];
  /** Records that were not GenAI events or named no span (not shown; counted for the receiver's log). */
  skipped: number;
}

/** A GenAI event record's name: the LogRecord `eventName` field (OTLP 1.5+) or the older `event.name` attribute. */
function eventNameOf(r: Obj, attrs: Obj): string {
  if (typeof r.eventName === 'string' && r.eventName !== '') return r.eventName;
  const a = attrs['event.name'];
  return typeof a === 'string' ? a : '';
}

function record(r: unknown): OtlpLogEvent | undefined {
  if (!isObj(r)) return undefined;
  const attrs = attributes(r.attributes);
  const name = eventNameOf(r, attrs);
  if (!name.startsWith('gen_ai.')) return undefined;
  const traceId = idOf(r.traceId, 16);
  const spanId = idOf(r.spanId, 8);
  if (!traceId || !spanId) return undefined;
  const body = anyValue(r.body);
  // The body holds the message ({content}, {message, finish_reason}…): read like event attributes.
  const merged: Obj = isObj(body) ? { ...attrs, ...body } : body === undefined ? attrs : { ...attrs, body };
  delete merged['event.name'];
  const time = nanosToMs(r.timeUnixNano) || nanosToMs(r.observedTimeUnixNano);
  return { traceId, spanId, event: { name, time, attrs: merged } };
}

/** The GenAI events of an OTLP/JSON logs body (`resourceLogs`, or the pre-0.15 `instrumentationLibraryLogs`). */
export function readOtlpLogs(body: unknown, into: OtlpLogsReadResult = { events: [], skipped: 0 }): OtlpLogsReadResult {
  if (!isObj(body) || !Array.isArray(body.resourceLogs)) return into;
  for (const rl of body.resourceLogs) {
    if (!isObj(rl)) continue;
    const scopes = Array.isArray(rl.scopeLogs) ? rl.scopeLogs : Array.isArray(rl.instrumentationLibraryLogs) ? rl.instrumentationLibraryLogs : [];
    for (const sl of scopes) {
      if (!isObj(sl) || !Array.isArray(sl.logRecords)) continue;
      for (const r of sl.logRecords) {
        const e = record(r);
        if (e) into.events.push(e);
        else into.skipped++;
      }
    }
  }
  return into;
}

const key = (traceId: string, spanId: string): string => `${traceId}/${spanId}`;

/** Log events by span, in time order (stable: records of one instant keep the order they were sent in). */
export function eventsBySpan(events: readonly OtlpLogEvent[]): Map<string, OtlpEvent[]> {
  const out = new Map<string, OtlpEvent[]>();
  for (const e of events) {
    const k = key(e.traceId, e.spanId);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(e.event);
  }
  for (const list of out.values()) list.sort((a, b) => a.time - b.time);
  return out;
}

/** `span` with log events added after its own events (a new object; the span itself is not changed). */
export function withLogEvents(span: OtlpSpan, events: readonly OtlpEvent[] | undefined): OtlpSpan {
  if (!events || events.length === 0) return span;
  return { ...span, events: [...span.events, ...events] };
}

/** Spans with the log events that name them attached; events for spans not in the list are dropped. */
export function attachLogEvents(spans: readonly OtlpSpan[], events: readonly OtlpLogEvent[]): OtlpSpan[] {
  if (events.length === 0) return [...spans];
  const by = eventsBySpan(events);
  return spans.map((s) => withLogEvents(s, by.get(key(s.traceId, s.spanId))));
}
