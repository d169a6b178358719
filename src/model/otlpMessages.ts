// LLM messages and offered tools from span attributes and events, in every shape the conventions have
// used: GenAI JSON (`gen_ai.input.messages` / `output.messages` / `system_instructions`, parts-based),
// GenAI indexed attributes (`gen_ai.prompt.N.*`, `gen_ai.completion.N.*`, OpenLLMetry), OpenInference
// (`llm.input_messages.N.message.*`), and the older GenAI events (`gen_ai.user.message`, `gen_ai.choice`,
// `gen_ai.content.prompt`…). Never throws: text that is not the JSON it should be is kept as text.
import { isObj, str, textOf, toMessage, toToolDefinition } from './llmContent';
import type { Obj } from './llmContent';
import type { OtlpEvent } from './otlpRead';
import type { LlmMessage, LlmToolCall, ToolDefinition } from './types';

/** A JSON string parsed, or the value itself; undefined only for undefined. */
export function jsonish(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  // A JSON-encoded string ("\"text\"", as Traceloop serialises entity outputs) is unwrapped too.
  if (!(t.startsWith('{') || t.startsWith('[') || (t.length > 1 && t.startsWith('"') && t.endsWith('"')))) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

function callOf(p: Obj): LlmToolCall {
  const fn = isObj(p.function) ? p.function : p;
  const call: LlmToolCall = { name: str(fn.name) ?? str(p.name) ?? '(unnamed)' };
  const id = str(p.id);
  if (id !== undefined) call.id = id;
  const args = fn.arguments ?? p.arguments;
  if (args !== undefined) call.arguments = jsonish(args);
  return call;
}

/** One GenAI message `{role, parts[], finish_reason?}`; without `parts` it is read as an OpenAI-style message. */
function partsMessage(v: unknown): LlmMessage[] {
  if (!isObj(v) || !Array.isArray(v.parts)) return [toMessage(v)];
  const role = str(v.role) ?? 'unknown';
  const texts: string[] = [];
  const calls: LlmToolCall[] = [];
  const out: LlmMessage[] = [];
  for (const p of v.parts) {
    if (!isObj(p)) {
      texts.push(textOf(p));
      continue;
    }
    const type = str(p.type) ?? '';
    if (type === 'text') texts.push(textOf(p.content ?? p.text));
    else if (type === 'reasoning') texts.push(`[reasoning] ${textOf(p.content ?? p.text)}`);
    else if (type === 'tool_call') calls.push(callOf(p));
    else if (type === 'tool_call_response') {
      const m: LlmMessage = { role: role === 'user' || role === 'unknown' ? 'tool' : role, content: textOf(p.response ?? p.result ?? p.content) };
      const id = str(p.id);
      if (id !== undefined) m.toolCallId = id;
      out.push(m);
    } else if (type === 'uri' || type === 'file' || type === 'blob') {
      const what = [str(p.modality), str(p.mime_type)].filter(Boolean).join(' ') || type;
      texts.push(`[${what}${typeof p.uri === 'string' ? `: ${p.uri}` : typeof p.file_id === 'string' ? `: ${p.file_id}` : ''}]`);
    } else texts.push(textOf(p.content ?? p.text ?? p));
  }
  if (texts.length > 0 || calls.length > 0 || out.length === 0) {
    const m: LlmMessage = { role, content: texts.join('\n') };
    if (calls.length > 0) m.toolCalls = calls;
    out.unshift(m);
  }
  return out;
}

/** `gen_ai.input.messages` / `gen_ai.output.messages`: a JSON string or an already structured array. */
export function genAiMessages(v: unknown): LlmMessage[] {
  const list = jsonish(v);
  if (list === undefined || list === null || list === '') return [];
  if (!Array.isArray(list)) return [{ role: 'unknown', content: textOf(list) }];
  return list.flatMap(partsMessage);
}

/** `gen_ai.system_instructions`: parts (or a plain string) → one system message. */
export function systemInstructions(v: unknown): LlmMessage[] {
  const x = jsonish(v);
  if (x === undefined || x === null || x === '') return [];
  const parts = Array.isArray(x) ? x : [x];
  return partsMessage({ role: 'system', parts: parts.map((p) => (typeof p === 'string' ? { type: 'text', content: p } : p)) });
}

/** Keys `prefix + N + '.' + rest` grouped by N (in index order), each group keyed by `rest`. */
const INDEXED_KEY = /^(\d+)\.(.+)$/;

/**
 * Whether any key could be read by `indexed` for some prefix ending in a dot: it has a dot followed by a digit.
 * False for most spans, which then skip the per-prefix scans (an LLM span would otherwise scan its keys six times).
 */
export function hasIndexedKeys(attrs: Obj): boolean {
  for (const k in attrs) {
    for (let i = k.indexOf('.'); i >= 0 && i < k.length - 1; i = k.indexOf('.', i + 1)) {
      const c = k.charCodeAt(i + 1);
      if (c >= 48 && c <= 57) return true;
    }
  }
  return false;
}

export function indexed(attrs: Obj, prefix: string): Obj[] {
  // Most spans have none of the prefixes asked for (an LLM span is asked for six): no Map until a key matches.
  let groups: Map<number, Obj> | undefined;
  for (const k in attrs) {
    if (!k.startsWith(prefix)) continue;
    const m = INDEXED_KEY.exec(k.slice(prefix.length));
    if (!m) continue;
    const n = Number(m[1]);
    groups ??= new Map();
    let g = groups.get(n);
    if (!g) groups.set(n, (g = {}));
    g[m[2]!] = attrs[k];
  }
  if (!groups) return [];
  const found = groups;
  return [...found.keys()].sort((a, b) => a - b).map((n) => found.get(n)!);
}

/** Indexed tool calls inside one indexed message: `{callPrefix}M.{…}` keys. */
function indexedCalls(g: Obj, callPrefix: string, name: string, args: string, id: string): LlmToolCall[] {
  return indexed(g, callPrefix).map((c) => {
    const call: LlmToolCall = { name: str(c[name]) ?? '(unnamed)' };
    const cid = str(c[id]);
    if (cid !== undefined) call.id = cid;
    if (c[args] !== undefined) call.arguments = jsonish(c[args]);
    return call;
  });
}

/** OpenLLMetry's `gen_ai.prompt.N.role|content|tool_calls.M.*` and `gen_ai.completion.N.*`. */
export function genAiIndexedMessages(attrs: Obj, prefix: 'gen_ai.prompt.' | 'gen_ai.completion.'): LlmMessage[] {
  return indexed(attrs, prefix).map((g) => {
    const m: LlmMessage = { role: str(g.role) ?? (prefix === 'gen_ai.completion.' ? 'assistant' : 'unknown'), content: textOf(jsonishText(g.content)) };
    const calls = indexedCalls(g, 'tool_calls.', 'name', 'arguments', 'id');
    if (calls.length > 0) m.toolCalls = calls;
    const callId = str(g.tool_call_id);
    if (callId !== undefined) m.toolCallId = callId;
    return m;
  });
}

/** Content that is a JSON array of content parts is shown as its text. */
function jsonishText(v: unknown): unknown {
  const x = jsonish(v);
  return Array.isArray(x) ? x : v;
}

/** OpenInference `llm.input_messages.N.message.*` / `llm.output_messages.N.message.*`. */
export function openInferenceMessages(attrs: Obj, prefix: 'llm.input_messages.' | 'llm.output_messages.'): LlmMessage[] {
  return indexed(attrs, prefix).map((g) => {
    let content = textOf(g['message.content']);
    if (content === '') {
      content = indexed(g, 'message.contents.').map((c) => textOf(c['message_content.text'] ?? c['message_content.image.image.url'])).join('\n');
    }
    const m: LlmMessage = { role: str(g['message.role']) ?? 'unknown', content };
    const calls = indexedCalls(g, 'message.tool_calls.', 'tool_call.function.name', 'tool_call.function.arguments', 'tool_call.id');
    if (calls.length > 0) m.toolCalls = calls;
    const callId = str(g['message.tool_call_id']);
    if (callId !== undefined) m.toolCallId = callId;
    return m;
  });
}

/** OpenInference `llm.tools.N.tool.json_schema` and GenAI `gen_ai.tool.definitions`. `indexedKeys`: see hasIndexedKeys. */
export function toolDefinitions(attrs: Obj, indexedKeys = true): ToolDefinition[] {
  const defs = jsonish(attrs['gen_ai.tool.definitions']);
  if (Array.isArray(defs)) return defs.map(toToolDefinition);
  if (!indexedKeys) return [];
  return indexed(attrs, 'llm.tools.').map((g) => toToolDefinition(jsonish(g['tool.json_schema']) ?? g['tool.name']));
}

const EVENT_ROLE: Record<string, string> = {
  'gen_ai.system.message': 'system', 'gen_ai.user.message': 'user', 'gen_ai.assistant.message': 'assistant', 'gen_ai.tool.message': 'tool',
};

/** An event's body: its attributes, or the JSON some SDKs put whole in `gen_ai.event.content`. */
function eventBody(e: OtlpEvent): Obj {
  const whole = jsonish(e.attrs['gen_ai.event.content']);
  return isObj(whole) ? { ...e.attrs, ...whole } : e.attrs;
}

/**
 * Messages from the GenAI events (the convention before attributes): per-message events and `gen_ai.choice`,
 * or the even older `gen_ai.content.prompt` / `gen_ai.content.completion` with the JSON in an attribute.
 */
export function eventMessages(events: readonly OtlpEvent[]): { input: LlmMessage[]; output: LlmMessage[] } {
  const input: LlmMessage[] = [];
  const output: LlmMessage[] = [];
  for (const e of events) {
    const role = EVENT_ROLE[e.name];
    if (role) {
      const b = eventBody(e);
      const m = toMessage({ ...b, role: str(b.role) ?? role, content: jsonishText(b.content) });
      if (role === 'tool' && m.toolCallId === undefined && str(b.id) !== undefined) m.toolCallId = str(b.id);
      input.push(m);
    } else if (e.name === 'gen_ai.choice') {
      const b = eventBody(e);
      const msg = jsonish(b.message);
      output.push(toMessage(isObj(msg) ? { role: 'assistant', ...msg } : { role: 'assistant', content: b.content, tool_calls: jsonish(b.tool_calls) }));
    } else if (e.name === 'gen_ai.content.prompt') {
      input.push(...genAiMessages(e.attrs['gen_ai.prompt']));
    } else if (e.name === 'gen_ai.content.completion') {
      output.push(...genAiMessages(e.attrs['gen_ai.completion']).map((m) => (m.role === 'unknown' ? { ...m, role: 'assistant' } : m)));
    }
  }
  return { input, output };
}

/** Event names consumed as messages (they are not repeated in the step's attributes). */
export function isMessageEvent(name: string): boolean {
  return name in EVENT_ROLE || name === 'gen_ai.choice' || name === 'gen_ai.content.prompt' || name === 'gen_ai.content.completion';
}
