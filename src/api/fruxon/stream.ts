// `:stream` events ([guess] framing, api/fruxon.md: start, text{delta}, tool_call, tool_result, status,
// usage, done, error) as a tolerant typed union. Every event is validated; one that does not fit its
// schema, or a type nobody knows yet, comes through as `unknown` instead of failing the run. Pure.
import { z } from 'zod';
import type { SseMessage } from '../sse';
import { anyJson, optionalNumber, optionalString, optionalText } from './fields';

const TextSchema = z.looseObject({ delta: optionalText, text: optionalText, content: optionalText });
const ToolCallSchema = z.looseObject({ id: optionalString, name: optionalString, displayName: optionalString, arguments: anyJson, parameters: anyJson });
const ToolResultSchema = z.looseObject({ id: optionalString, name: optionalString, status: optionalString, result: anyJson, error: optionalText });
const StatusSchema = z.looseObject({ status: optionalString, humanApprovalRequestId: optionalString });
const UsageSchema = z.looseObject({ inputTokens: optionalNumber, outputTokens: optionalNumber, totalCost: optionalNumber });
const DoneSchema = z.looseObject({
  executionRecordId: optionalString, status: optionalString, humanApprovalRequestId: optionalString, sessionId: optionalString, response: optionalText,
});
const ErrorSchema = z.looseObject({ message: optionalText, detail: optionalText, title: optionalText, code: optionalString });

export type RunEvent =
  | { type: 'start'; data: unknown }
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_result'; id?: string; name?: string; status?: string; result?: unknown; error?: string }
  | { type: 'status'; status: string; humanApprovalRequestId?: string }
  | { type: 'usage'; inputTokens?: number; outputTokens?: number; totalCost?: number }
  | { type: 'done'; executionRecordId?: string; status?: string; humanApprovalRequestId?: string; sessionId?: string; response?: string }
  | { type: 'error'; message: string; code?: string }
  | { type: 'unknown'; event: string; data: unknown };

const def = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

function json(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/** One SSE message as a run event. Text data is accepted where JSON is expected (`text` with a bare delta). */
export function toRunEvent(m: SseMessage): RunEvent {
  const data = json(m.data);
  const type = m.event.toLowerCase();
  const unknown: RunEvent = { type: 'unknown', event: m.event, data };
  const obj = (d: unknown): unknown => (d !== null && typeof d === 'object' ? d : { __text: d });
  switch (type) {
    case 'start':
      return { type: 'start', data };
    case 'text':
    case 'delta':
    case 'text_delta': {
      if (typeof data === 'string') return { type: 'text', delta: data };
      const r = TextSchema.safeParse(obj(data));
      const delta = r.success ? r.data.delta ?? r.data.text ?? r.data.content : undefined;
      return typeof delta === 'string' ? { type: 'text', delta } : unknown;
    }
    case 'tool_call': {
      const r = ToolCallSchema.safeParse(obj(data));
      if (!r.success) return unknown;
      const name = r.data.name ?? r.data.displayName;
      if (!name) return unknown;
      return def({ type: 'tool_call' as const, id: r.data.id ?? undefined, name, arguments: r.data.arguments ?? r.data.parameters });
    }
    case 'tool_result': {
      const r = ToolResultSchema.safeParse(obj(data));
      if (!r.success) return unknown;
      return def({ type: 'tool_result' as const, id: r.data.id ?? undefined, name: r.data.name ?? undefined, status: r.data.status ?? undefined,
        result: r.data.result, error: r.data.error ?? undefined });
    }
    case 'status': {
      const r = StatusSchema.safeParse(typeof data === 'string' ? { status: data } : obj(data));
      if (!r.success || !r.data.status) return unknown;
      return def({ type: 'status' as const, status: r.data.status, humanApprovalRequestId: r.data.humanApprovalRequestId ?? undefined });
    }
    case 'usage': {
      const r = UsageSchema.safeParse(obj(data));
      if (!r.success) return unknown;
      return def({ type: 'usage' as const, inputTokens: r.data.inputTokens ?? undefined, outputTokens: r.data.outputTokens ?? undefined, totalCost: r.data.totalCost ?? undefined });
    }
    case 'done': {
      const r = DoneSchema.safeParse(obj(data));
      if (!r.success) return { type: 'done' };
      return def({ type: 'done' as const, executionRecordId: r.data.executionRecordId ?? undefined, status: r.data.status ?? undefined,
        humanApprovalRequestId: r.data.humanApprovalRequestId ?? undefined, sessionId: r.data.sessionId ?? undefined, response: r.data.response ?? undefined });
    }
    case 'error': {
      if (typeof data === 'string') return { type: 'error', message: data || 'The run failed.' };
      const r = ErrorSchema.safeParse(obj(data));
      const message = r.success ? r.data.message ?? r.data.detail ?? r.data.title : undefined;
      return def({ type: 'error' as const, message: message ?? 'The run failed.', code: r.success ? r.data.code ?? undefined : undefined });
    }
    default:
      return unknown;
  }
}

/** What a finished stream amounts to: the `done` event plus what came before it. */
export interface StreamResult {
  executionRecordId?: string;
  status?: string;
  humanApprovalRequestId?: string;
  sessionId?: string;
  /** The `done` event's response, else the text deltas joined. */
  response: string;
  usage?: { inputTokens?: number; outputTokens?: number; totalCost?: number };
  errors: string[];
  eventCount: number;
}

/** Folds events into a result; `done` returns true once the stream's outcome is known. */
export class StreamAccumulator {
  private text = '';
  private readonly result: StreamResult = { response: '', errors: [], eventCount: 0 };
  done = false;

  add(e: RunEvent): void {
    this.result.eventCount++;
    switch (e.type) {
      case 'text': this.text += e.delta; break;
      case 'status':
        this.result.status = e.status;
        if (e.humanApprovalRequestId) this.result.humanApprovalRequestId = e.humanApprovalRequestId;
        break;
      case 'usage': this.result.usage = def({ inputTokens: e.inputTokens, outputTokens: e.outputTokens, totalCost: e.totalCost }); break;
      case 'error': this.result.errors.push(e.message); break;
      case 'done': {
        this.done = true;
        for (const k of ['executionRecordId', 'status', 'humanApprovalRequestId', 'sessionId'] as const) if (e[k]) this.result[k] = e[k];
        if (e.response) this.text = e.response;
        break;
      }
      default: break;
    }
  }

  get value(): StreamResult {
    return { ...this.result, response: this.text };
  }
}
