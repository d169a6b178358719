// Opening a trace saved to disk: recognise which response it is by its top-level keys, validate it with
// the same parsers the client uses (steps iteratively, see api/fruxon/deepParse.ts), and map it. A file that
// is not a trace gets an error saying what it looks like instead, so the user can tell a wrong pick from
// a broken file.
import type { ZodSafeParseResult } from 'zod';
import { parseExecuteResponse, parseProjectedTrace, parseTraceResponse } from '../api/fruxon/deepParse';
import { describeIssue } from '../api/http';
import { fromExecuteResponse, fromProjectedTrace, fromStoredTrace } from './fruxonTrace';
import type { MapOptions } from './fruxonTrace';
import { isObj } from './llmContent';
import type { Obj } from './llmContent';
import { isJaeger, isZipkin, jaegerSpans, zipkinSpans } from './jaegerZipkin';
import { otlpSpans, traceFromOtlp, traceFromSpans } from './otlp';
import type { OtlpSpan } from './otlpRead';
import type { Trace } from './types';
import { JsonSyntaxError, parseJson } from '../util/json';
import { plural } from '../shared/text';

export interface TraceFileOptions extends MapOptions {
  /** For an OTLP file with several traces: the one to open (all of them, each as a root, when unset). */
  traceId?: string;
}

export type TraceFileKind = 'projected' | 'stored' | 'execute' | 'otlp' | 'jaeger' | 'zipkin' | 'unknown';

export interface TraceFileInfo {
  kind: TraceFileKind;
  /** What the file looks like, for messages: "a Fruxon :projectedTrace response", "a JSON array"… */
  description: string;
  /** The response to validate; a bare stored trace (`trace` of `:trace`, saved alone) comes back wrapped. */
  body?: unknown;
}

const EXPECTED = 'a saved Fruxon :projectedTrace response ({executionRecordId, rawSpanCount, traces}), :trace response '
  + '({status, trace: {traces}}), :execute response ({executionRecordId, response, trace}), OTLP/JSON ({resourceSpans}) '
  + 'OTLP JSON Lines (.jsonl, one {resourceSpans} or {resourceLogs} a line), Jaeger JSON ({data: [{traceID, spans, processes}]}) '
  + 'or Zipkin v2 JSON (an array of spans)';

/** Fruxon shapes that are not traces, so the message can name what was picked instead. */
function notATrace(o: Obj): string | undefined {
  if (Array.isArray(o.items)) return 'a page of execution records or samples (it has "items")';
  if ('hasTrace' in o && 'agentId' in o) return 'a Fruxon execution record (it has no steps; open its trace instead)';
  if ('agentExecutionRecordId' in o && 'result' in o) return 'a Fruxon :result response (a result without steps)';
  if ('title' in o && 'status' in o && ('detail' in o || 'type' in o)) return 'an error response (ProblemDetails)';
  return undefined;
}

function shapeOf(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return `a JSON array of ${plural(json.length, 'item')}`;
  if (!isObj(json)) return `a JSON ${typeof json}`;
  const keys = Object.keys(json);
  if (keys.length === 0) return 'an empty JSON object';
  const shown = keys.slice(0, 6).map((k) => `"${k}"`).join(', ');
  return `a JSON object with keys ${shown}${keys.length > 6 ? ` and ${keys.length - 6} more` : ''}`;
}

const hasTraces = (v: unknown): boolean => isObj(v) && Array.isArray(v.traces);

export function detectTraceFile(json: unknown): TraceFileInfo {
  if (isZipkin(json)) return { kind: 'zipkin', description: 'a Zipkin v2 JSON trace', body: json };
  if (!isObj(json)) return { kind: 'unknown', description: shapeOf(json) };
  const o = json;
  if (isJaeger(o)) return { kind: 'jaeger', description: 'a Jaeger JSON trace', body: o };
  if (Array.isArray(o.resourceSpans)) return { kind: 'otlp', description: 'an OTLP/JSON trace export', body: o };
  if (Array.isArray(o.resourceLogs)) {
    return { kind: 'unknown', description: 'an OTLP log export without spans (open it together with its traces: one JSON Lines file with both)' };
  }
  if ('rawSpanCount' in o && 'traces' in o) return { kind: 'projected', description: 'a Fruxon :projectedTrace response', body: o };
  // Checked before `:trace`, whose `{status, trace}` an execute response also has.
  if ('trace' in o && ('executionRecordId' in o || 'response' in o || 'humanApprovalRequestId' in o)) {
    return { kind: 'execute', description: 'a Fruxon :execute response', body: o };
  }
  if ('trace' in o && (hasTraces(o.trace) || 'status' in o)) return { kind: 'stored', description: 'a Fruxon :trace response', body: o };
  // The inner object of `:trace` saved on its own (copied out of a raw view).
  if (Array.isArray(o.traces) && ('agentExecutionRecordId' in o || 'agentId' in o)) {
    return { kind: 'stored', description: 'a Fruxon stored trace (the "trace" of a :trace response)', body: { trace: o } };
  }
  if (Array.isArray(o.traces) && 'executionRecordId' in o) {
    return { kind: 'projected', description: 'a Fruxon :projectedTrace response', body: o };
  }
  return { kind: 'unknown', description: notATrace(o) ?? shapeOf(o) };
}

function parse<T>(parser: (body: unknown) => ZodSafeParseResult<T>, info: TraceFileInfo): T {
  const r = parser(info.body);
  if (r.success) return r.data;
  const issue = describeIssue(r.error.issues);
  throw new Error(`This file looks like ${info.description}, but it is not valid: ${issue.path}: ${issue.message}.`);
}

/** Validates and maps a parsed trace file; throws an Error saying what the file looks like otherwise. */
export function traceFromFile(json: unknown, opts: TraceFileOptions = {}): Trace {
  const info = detectTraceFile(json);
  switch (info.kind) {
    case 'projected':
      return fromProjectedTrace(parse(parseProjectedTrace, info), undefined, opts);
    case 'stored':
      return fromStoredTrace(parse(parseTraceResponse, info), undefined, opts);
    case 'execute':
      return fromExecuteResponse(parse(parseExecuteResponse, info), opts);
    case 'otlp':
      return traceFromOtlp(info.body, opts.traceId);
    case 'jaeger':
    case 'zipkin':
      return traceFromSpans(spansOfTraceFile(info) ?? [], opts.traceId, info.description.replace(/^an? /, ''));
    default:
      throw new Error(`This file is not a trace AgentLens can open: it looks like ${info.description}. Expected ${EXPECTED}.`);
  }
}

/** The spans of a file made of spans (OTLP, Jaeger, Zipkin); undefined for the other kinds. */
export function spansOfTraceFile(info: TraceFileInfo): OtlpSpan[] | undefined {
  if (info.kind === 'otlp') return otlpSpans(info.body);
  if (info.kind === 'jaeger') return jaegerSpans(info.body);
  if (info.kind === 'zipkin') return zipkinSpans(info.body);
  return undefined;
}

const isOtlpObject = (v: unknown): boolean => isObj(v) && (Array.isArray(v.resourceSpans) || Array.isArray(v.resourceLogs));

/**
 * A file-exporter file: one ExportTraceServiceRequest a line, merged into one. A malformed line is a
 * JsonSyntaxError at that line of the file; a line that is JSON but not OTLP is named too.
 */
export function parseJsonLines(text: string, name: string): { resourceSpans: unknown[]; resourceLogs: unknown[] } {
  const resourceSpans: unknown[] = [];
  const resourceLogs: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = parseJson(line, name);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new JsonSyntaxError(name, i + 1, e.column, e.problem);
      throw e;
    }
    if (!isOtlpObject(json)) {
      throw new Error(`${name}, line ${i + 1}: expected an OTLP trace or log export ({"resourceSpans": [...]} or {"resourceLogs": [...]}) on each line, found ${shapeOf(json)}.`);
    }
    // The collector's file exporter writes traces and logs as separate lines, in any order.
    const o = json as { resourceSpans?: unknown[]; resourceLogs?: unknown[] };
    for (const rs of o.resourceSpans ?? []) resourceSpans.push(rs);
    for (const rl of o.resourceLogs ?? []) resourceLogs.push(rl);
  }
  return { resourceSpans, resourceLogs };
}

/**
 * A trace file's text as JSON: `.jsonl`/`.ndjson` files as JSON Lines; a `.json` file that is not one JSON
 * value but whose first line is an OTLP object is JSON Lines too (the collector's file exporter writes them
 * under any name). Malformed JSON throws JsonSyntaxError with line and column.
 */
export function parseTraceText(text: string, name: string): unknown {
  if (/\.(jsonl|ndjson)$/i.test(name)) return parseJsonLines(text, name);
  try {
    return parseJson(text, name);
  } catch (e) {
    const first = text.split('\n', 1)[0] ?? '';
    let firstJson: unknown;
    try {
      firstJson = JSON.parse(first);
    } catch {
      throw e;
    }
    if (isOtlpObject(firstJson)) return parseJsonLines(text, name);
    throw e;
  }
}
