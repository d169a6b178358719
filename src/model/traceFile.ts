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
import type { Trace } from './types';

export type TraceFileKind = 'projected' | 'stored' | 'execute' | 'otlp' | 'unknown';

export interface TraceFileInfo {
  kind: TraceFileKind;
  /** What the file looks like, for messages: "a Fruxon :projectedTrace response", "a JSON array"… */
  description: string;
  /** The response to validate; a bare stored trace (`trace` of `:trace`, saved alone) comes back wrapped. */
  body?: unknown;
}

const EXPECTED = 'a saved Fruxon :projectedTrace response ({executionRecordId, rawSpanCount, traces}), :trace response '
  + '({status, trace: {traces}}), :execute response ({executionRecordId, response, trace}) or OTLP/JSON ({resourceSpans})';

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
  if (Array.isArray(json)) return `a JSON array of ${json.length} item${json.length === 1 ? '' : 's'}`;
  if (!isObj(json)) return `a JSON ${typeof json}`;
  const keys = Object.keys(json);
  if (keys.length === 0) return 'an empty JSON object';
  const shown = keys.slice(0, 6).map((k) => `"${k}"`).join(', ');
  return `a JSON object with keys ${shown}${keys.length > 6 ? ` and ${keys.length - 6} more` : ''}`;
}

const hasTraces = (v: unknown): boolean => isObj(v) && Array.isArray(v.traces);

export function detectTraceFile(json: unknown): TraceFileInfo {
  if (!isObj(json)) return { kind: 'unknown', description: shapeOf(json) };
  const o = json;
  if (Array.isArray(o.resourceSpans)) return { kind: 'otlp', description: 'an OTLP/JSON trace export', body: o };
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
export function traceFromFile(json: unknown, opts: MapOptions = {}): Trace {
  const info = detectTraceFile(json);
  switch (info.kind) {
    case 'projected':
      return fromProjectedTrace(parse(parseProjectedTrace, info), undefined, opts);
    case 'stored':
      return fromStoredTrace(parse(parseTraceResponse, info), undefined, opts);
    case 'execute':
      return fromExecuteResponse(parse(parseExecuteResponse, info), opts);
    case 'otlp':
      throw new Error('This file is an OTLP/JSON trace export; opening OTLP files is not supported yet. '
        + 'Fruxon traces can be opened from a saved :projectedTrace, :trace or :execute response.');
    default:
      throw new Error(`This file is not a trace AgentLens can open: it looks like ${info.description}. Expected ${EXPECTED}.`);
  }
}
