// The Vercel AI SDK's own span attributes (`ai.*`, written by `experimental_telemetry` up to v6 and by v7's
// LegacyOpenTelemetry) read as the GenAI attributes the OTLP mapper understands. The SDK nests spans: an outer
// call span (`ai.generateText`, `ai.streamText`, `ai.embed`…) holds the provider calls (`….doGenerate`,
// `….doStream`, `….doEmbed`) and the tool calls (`ai.toolCall`). Usage is on both levels, so only the provider
// calls become LLM steps (and count tokens); the outer span is an agent (text/object) or flow (embeddings) step.
// The derived keys are used for mapping only; the step's attribute view keeps what the span said.
import { isObj, str } from './llmContent';
import type { Obj } from './llmContent';
import { jsonish } from './otlpMessages';

/** `ai.operationId` of a span the AI SDK wrote (undefined for any other span). */
export function vercelOperation(a: Obj): string | undefined {
  const op = str(a['ai.operationId']);
  return op?.startsWith('ai.') ? op : undefined;
}

const first = (a: Obj, ...keys: string[]): unknown => {
  for (const k of keys) if (a[k] !== undefined && a[k] !== null) return a[k];
  return undefined;
};

/** One AI SDK content part (v4 `args`/`result`, v5+ `input`/`output`) as a GenAI part. */
function part(p: unknown): unknown {
  if (!isObj(p)) return { type: 'text', content: typeof p === 'string' ? p : JSON.stringify(p) };
  switch (p.type) {
    case 'text':
      return { type: 'text', content: p.text };
    case 'reasoning':
      return { type: 'reasoning', content: p.text };
    case 'tool-call':
      return { type: 'tool_call', id: p.toolCallId, name: p.toolName, arguments: jsonish(p.input ?? p.args) };
    case 'tool-result': {
      const out = p.output ?? p.result;
      // v5+ wraps results: {type: 'json' | 'text' | 'error-text'…, value}.
      const response = isObj(out) && 'value' in out && typeof out.type === 'string' ? out.value : out;
      return { type: 'tool_call_response', id: p.toolCallId, response: typeof response === 'string' ? response : JSON.stringify(response) };
    }
    case 'image':
    case 'file':
      return { type: 'file', mime_type: p.mediaType ?? p.mimeType };
    default:
      return { type: 'text', content: JSON.stringify(p) };
  }
}

/** `ai.prompt.messages` (the provider call's prompt) as `gen_ai.input.messages`. */
function inputMessages(v: unknown): unknown[] | undefined {
  const list = jsonish(v);
  if (!Array.isArray(list)) return undefined;
  return list.map((m) => {
    if (!isObj(m)) return { role: 'unknown', parts: [part(m)] };
    const parts = typeof m.content === 'string' ? [{ type: 'text', content: m.content }] : Array.isArray(m.content) ? m.content.map(part) : [];
    return { role: str(m.role) ?? 'unknown', parts };
  });
}

/** `ai.response.text` + `ai.response.toolCalls` (or an object answer) as one assistant message. */
function outputMessages(a: Obj): unknown[] | undefined {
  const parts: unknown[] = [];
  const text = str(a['ai.response.text']) ?? (a['ai.response.object'] !== undefined ? String(a['ai.response.object']) : undefined);
  if (text) parts.push({ type: 'text', content: text });
  const calls = jsonish(a['ai.response.toolCalls']);
  if (Array.isArray(calls)) for (const c of calls) parts.push(part({ type: 'tool-call', ...(isObj(c) ? c : {}) }));
  if (parts.length === 0) return undefined;
  const finish = str(a['ai.response.finishReason']);
  return [{ role: 'assistant', parts, ...(finish ? { finish_reason: finish } : {}) }];
}

/** `ai.prompt.tools`: a list of JSON strings `{type, name, description, inputSchema}`. */
function toolDefinitions(v: unknown): unknown[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((t) => jsonish(t));
}

/** `ai.values` / `ai.value`: each value JSON-encoded, as user messages of an embedding call. */
function embeddingInputs(a: Obj): unknown[] | undefined {
  const raw = a['ai.values'] ?? (a['ai.value'] !== undefined ? [a['ai.value']] : undefined);
  if (!Array.isArray(raw)) return undefined;
  return raw.map((v) => {
    const x = jsonish(v);
    return { role: 'user', parts: [{ type: 'text', content: typeof x === 'string' ? x : JSON.stringify(x) }] };
  });
}

const put = (out: Obj, a: Obj, key: string, value: unknown): void => {
  if (a[key] === undefined && value !== undefined) out[key] = value;
};

/**
 * The GenAI attributes an AI SDK span stands for (never replacing what the span itself has), or undefined for
 * spans of other libraries.
 */
export function vercelDerived(a: Obj): Obj | undefined {
  const op = vercelOperation(a);
  if (!op) return undefined;
  const out: Obj = {};
  const model = first(a, 'ai.model.id');
  const provider = first(a, 'ai.model.provider');
  if (/\.do(Generate|Stream)$/.test(op)) {
    put(out, a, 'gen_ai.operation.name', 'chat');
    put(out, a, 'gen_ai.request.model', model);
    put(out, a, 'gen_ai.system', provider);
    put(out, a, 'gen_ai.input.messages', inputMessages(a['ai.prompt.messages']));
    put(out, a, 'gen_ai.output.messages', outputMessages(a));
    put(out, a, 'gen_ai.tool.definitions', toolDefinitions(a['ai.prompt.tools']));
    put(out, a, 'gen_ai.usage.input_tokens', first(a, 'ai.usage.inputTokens', 'ai.usage.promptTokens'));
    put(out, a, 'gen_ai.usage.output_tokens', first(a, 'ai.usage.outputTokens', 'ai.usage.completionTokens'));
    put(out, a, 'gen_ai.usage.cache_read.input_tokens', first(a, 'ai.usage.cachedInputTokens', 'ai.usage.inputTokenDetails.cacheReadTokens'));
    put(out, a, 'gen_ai.usage.reasoning.output_tokens', first(a, 'ai.usage.reasoningTokens', 'ai.usage.outputTokenDetails.reasoningTokens'));
  } else if (/\.doEmbed$/.test(op)) {
    put(out, a, 'gen_ai.operation.name', 'embeddings');
    put(out, a, 'gen_ai.request.model', model);
    put(out, a, 'gen_ai.system', provider);
    put(out, a, 'gen_ai.input.messages', embeddingInputs(a));
    put(out, a, 'gen_ai.usage.input_tokens', first(a, 'ai.usage.tokens'));
  } else if (op === 'ai.toolCall') {
    put(out, a, 'gen_ai.operation.name', 'execute_tool');
    put(out, a, 'gen_ai.tool.name', a['ai.toolCall.name']);
    put(out, a, 'gen_ai.tool.call.id', a['ai.toolCall.id']);
    put(out, a, 'gen_ai.tool.call.arguments', first(a, 'ai.toolCall.args', 'ai.toolCall.input'));
    put(out, a, 'gen_ai.tool.call.result', first(a, 'ai.toolCall.result', 'ai.toolCall.output'));
  } else if (op === 'ai.embed' || op === 'ai.embedMany') {
    // The outer embedding call: a flow around its doEmbed calls, which carry the tokens.
    put(out, a, 'gen_ai.operation.name', 'invoke_workflow');
    const values = Array.isArray(a['ai.values']) ? a['ai.values'].map((v) => jsonish(v)) : a['ai.value'] !== undefined ? jsonish(a['ai.value']) : undefined;
    put(out, a, 'input.value', values);
  } else {
    // ai.generateText / streamText / generateObject / streamObject: the agent loop around provider and tool calls.
    put(out, a, 'gen_ai.operation.name', 'invoke_agent');
    put(out, a, 'gen_ai.agent.name', a['ai.telemetry.functionId']);
    put(out, a, 'input.value', a['ai.prompt']);
    put(out, a, 'output.value', first(a, 'ai.response.text', 'ai.response.object'));
  }
  return out;
}
