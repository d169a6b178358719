// Reading the free-form parts of a trace: LLM messages, offered tools, results. Fruxon documents these
// only as `[]` ([guess] OpenAI-like, see traceSchemas.ts), so the readers accept the spellings LLM SDKs
// actually use (camelCase and snake_case, `function: {name, arguments}` wrappers, content-part arrays)
// and never throw: whatever cannot be read is kept as JSON text rather than dropped.
import type { LlmMessage, LlmToolCall, ResultValue, ToolDefinition } from './types';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string, or a number/boolean as text; anything else is undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A finite number, numeric strings included; anything else is 0. */
export function num(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** A Unix-ms time that is actually set (Fruxon sends 0 for "not yet"). */
export function time(v: unknown): number | undefined {
  const n = num(v);
  return n > 0 ? n : undefined;
}

function json(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Message content as display text: strings as-is, content-part arrays joined, anything else as JSON. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) {
    return v.map((p) => (typeof p === 'string' ? p : isObj(p) && typeof p.text === 'string' ? p.text : json(p))).join('\n');
  }
  return typeof v === 'object' ? json(v) : String(v);
}

/** Tool-call arguments arrive parsed (Fruxon) or as a JSON string (OpenAI wire format). */
function parseArgs(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

function toolCall(v: unknown): LlmToolCall | undefined {
  if (!isObj(v)) return undefined;
  const fn = isObj(v.function) ? v.function : v;
  const call: LlmToolCall = { name: str(fn.name) ?? str(v.name) ?? str(v.key) ?? '(unnamed)' };
  const id = str(v.id);
  if (id !== undefined) call.id = id;
  const args = fn.arguments ?? v.arguments ?? v.input ?? v.args;
  if (args !== undefined) call.arguments = parseArgs(args);
  return call;
}

const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

/** Already a model tool call (Fruxon's shape): reused as is rather than copied. */
function isModelCall(v: unknown): boolean {
  return isObj(v) && typeof v.name === 'string' && optionalString(v.id) && typeof v.arguments !== 'string' && !('function' in v);
}

function isModelMessage(v: unknown): boolean {
  if (!isObj(v) || typeof v.role !== 'string' || typeof v.content !== 'string' || !optionalString(v.toolCallId)) return false;
  const calls = v.toolCalls;
  return calls === undefined || (Array.isArray(calls) && calls.every(isModelCall));
}

function isModelToolDefinition(v: unknown): boolean {
  return isObj(v) && typeof v.name === 'string' && optionalString(v.description) && !('function' in v);
}

/**
 * Messages in the model's shape. Fruxon already sends that shape, and a big trace holds many messages,
 * so a list that needs no change is returned as is: copying it costs time and garbage for nothing.
 */
export function toMessages(list: readonly unknown[]): LlmMessage[] {
  return list.every(isModelMessage) ? (list as LlmMessage[]) : list.map(toMessage);
}

export function toToolDefinitions(list: readonly unknown[]): ToolDefinition[] {
  return list.every(isModelToolDefinition) ? (list as ToolDefinition[]) : list.map(toToolDefinition);
}

export function toMessage(v: unknown): LlmMessage {
  if (!isObj(v)) return { role: 'unknown', content: textOf(v) };
  const msg: LlmMessage = { role: str(v.role) ?? str(v.type) ?? 'unknown', content: textOf(v.content ?? v.text) };
  const calls = v.toolCalls ?? v.tool_calls;
  if (Array.isArray(calls) && calls.length > 0) {
    const list: LlmToolCall[] = [];
    for (const c of calls) {
      const call = toolCall(c);
      if (call) list.push(call);
    }
    msg.toolCalls = list;
  }
  const callId = str(v.toolCallId ?? v.tool_call_id);
  if (callId !== undefined) msg.toolCallId = callId;
  return msg;
}

export function toToolDefinition(v: unknown): ToolDefinition {
  if (!isObj(v)) return { name: str(v) ?? textOf(v) };
  const fn = isObj(v.function) ? v.function : v;
  const def: ToolDefinition = { name: str(fn.name) ?? str(fn.key) ?? str(v.type) ?? '(unnamed)' };
  const description = str(fn.description);
  if (description !== undefined) def.description = description;
  const parameters = fn.parameters ?? fn.inputSchema ?? fn.input_schema ?? fn.schema;
  if (parameters !== undefined) def.parameters = parameters;
  return def;
}

export function toResult(r: { strValue?: string | null; jsonValue?: unknown; fileLink?: string | null } | null | undefined): ResultValue | undefined {
  if (!r) return undefined;
  const out: ResultValue = {};
  let any = false;
  if (typeof r.strValue === 'string') {
    out.text = r.strValue;
    any = true;
  }
  if (r.jsonValue !== null && r.jsonValue !== undefined) {
    out.json = r.jsonValue;
    any = true;
  }
  if (typeof r.fileLink === 'string' && r.fileLink !== '') {
    out.fileLink = r.fileLink;
    any = true;
  }
  return any ? out : undefined;
}
