// One OTLP span → one model Step (children are attached by otlp.ts). The kind comes from whichever
// convention the span speaks: OpenInference's `openinference.span.kind`, GenAI's `gen_ai.operation.name`,
// Traceloop's `traceloop.span.kind`, then the attributes it carries. A span none of them describe is a
// generic step that keeps every attribute.
import { isObj, num, str, textOf } from './llmContent';
import type { Obj } from './llmContent';
import {
  eventMessages, genAiIndexedMessages, genAiMessages, hasIndexedKeys, indexed, isMessageEvent, jsonish, openInferenceMessages, systemInstructions,
  toolDefinitions,
} from './otlpMessages';
import type { OtlpSpan } from './otlpRead';
import { vercelDerived, vercelOperation } from './otlpVercel';
import { zeroCost, zeroTokens } from './rollup';
import type { CostBreakdown, LlmMessage, ResultValue, Step, StepDetail, StepKind, StepStatus, TokenCounts } from './types';

const OPENINFERENCE_KIND: Record<string, StepKind> = {
  LLM: 'llm', EMBEDDING: 'llm', TOOL: 'tool', AGENT: 'agent', CHAIN: 'flow', RETRIEVER: 'retrieval', RERANKER: 'retrieval',
  GUARDRAIL: 'other', EVALUATOR: 'other', PROMPT: 'other', UNKNOWN: 'other',
};
const GENAI_KIND: Record<string, StepKind> = {
  chat: 'llm', text_completion: 'llm', generate_content: 'llm', embeddings: 'llm', completion: 'llm', embedding: 'llm',
  execute_tool: 'tool', invoke_agent: 'agent', create_agent: 'agent', invoke_workflow: 'flow', retrieval: 'retrieval',
  // The Vercel AI SDK's @ai-sdk/otel wraps each step of its agent loop (an LLM call and its tool calls) in one.
  agent_step: 'flow',
};
const TRACELOOP_KIND: Record<string, StepKind> = { workflow: 'flow', task: 'flow', agent: 'agent', tool: 'tool', llm: 'llm' };

/** Attribute keys of a human-approval gate, in any vendor's namespace (`x.hitl.request_id`, `human_approval.*`). */
const HITL_KEY = /(^|\.)(hitl|human_approval|human_in_the_loop)\./;

function kindOf(a: Obj): StepKind {
  const oi = str(a['openinference.span.kind']);
  if (oi) return OPENINFERENCE_KIND[oi.toUpperCase()] ?? 'other';
  const op = str(a['gen_ai.operation.name']);
  if (op && GENAI_KIND[op.toLowerCase()]) return GENAI_KIND[op.toLowerCase()]!;
  const tl = str(a['traceloop.span.kind']);
  if (tl && TRACELOOP_KIND[tl.toLowerCase()]) return TRACELOOP_KIND[tl.toLowerCase()]!;
  for (const k in a) if (HITL_KEY.test(k)) return 'hitl';
  if (a['llm.request.type'] !== undefined || a['gen_ai.request.model'] !== undefined || a['gen_ai.usage.input_tokens'] !== undefined
    || a['gen_ai.usage.prompt_tokens'] !== undefined || a['llm.model_name'] !== undefined) return 'llm';
  if (a['gen_ai.tool.name'] !== undefined || a['tool.name'] !== undefined) return 'tool';
  if (a['gen_ai.agent.name'] !== undefined) return 'agent';
  return 'other';
}

/** The first attribute that is set, as a number (0 when none is). Key lists are constants: no array per call. */
function firstNum(a: Obj, keys: readonly string[]): number {
  for (const k of keys) if (a[k] !== undefined && a[k] !== null) return num(a[k]);
  return 0;
}

const INPUT_TOKENS = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt', 'llm.usage.prompt_tokens'];
const OUTPUT_TOKENS = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion', 'llm.usage.completion_tokens'];
const CACHED_TOKENS = ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens', 'llm.token_count.prompt_details.cache_read'];
const THINKING_TOKENS = ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.reasoning_tokens', 'llm.token_count.completion_details.reasoning'];

function tokensOf(a: Obj): TokenCounts {
  return { input: firstNum(a, INPUT_TOKENS), output: firstNum(a, OUTPUT_TOKENS), cached: firstNum(a, CACHED_TOKENS), thinking: firstNum(a, THINKING_TOKENS) };
}

/**
 * GenAI usage on agent and workflow spans is their calls' total by convention, so only LLM spans count it. A
 * step that used tokens itself without being an LLM call (a Zaia agent step exported by AgentLens) says so
 * under `agentlens.usage.*` (see agentText/otlpExport.ts).
 */
function ownTokensOf(a: Obj): TokenCounts {
  const own = (k: string): number => (a[k] !== undefined && a[k] !== null ? num(a[k]) : 0);
  return {
    input: own('agentlens.usage.input_tokens'), output: own('agentlens.usage.output_tokens'),
    cached: own('agentlens.usage.cache_read.input_tokens'), thinking: own('agentlens.usage.reasoning.output_tokens'),
  };
}

/**
 * No convention standardises cost; instrumentations use `<namespace>.cost.<part>` (OpenInference
 * `llm.cost.prompt|completion|total`, vendors' own namespaces) or `gen_ai.usage.cost`. Read by suffix.
 */
const COST_PART = new Map<string, keyof CostBreakdown>([
  ['input', 'input'], ['prompt', 'input'], ['output', 'output'], ['completion', 'output'], ['cached', 'cached'], ['cache_read', 'cached'],
  ['thinking', 'thinking'], ['reasoning', 'thinking'], ['tool', 'other'], ['total', 'total'],
]);

/**
 * The part a `…cost.<part>` key names (`/(?:^|\.)cost\.(<part>)$/`), read without a regex: a cost key is
 * rare, every span has several keys, and the match array per key added up at 100,000 spans.
 */
function costPart(k: string): keyof CostBreakdown | undefined {
  const dot = k.lastIndexOf('.');
  // "cost" right before the last dot, at the start or after another dot.
  if (dot < 4 || !k.startsWith('cost', dot - 4) || (dot > 4 && k.charCodeAt(dot - 5) !== 46)) return undefined;
  return COST_PART.get(k.slice(dot + 1));
}

function costOf(a: Obj): CostBreakdown {
  const c = zeroCost();
  let total: number | undefined;
  for (const k in a) {
    // Every cost key contains "cost": the cheap test spares the rest for all others.
    if (!k.includes('cost')) continue;
    const part = costPart(k) ?? (k === 'gen_ai.usage.cost' ? 'total' : undefined);
    if (!part) continue;
    if (part === 'total') total = num(a[k]);
    else c[part] += num(a[k]);
  }
  const sum = c.input + c.output + c.cached + c.thinking + c.other;
  // A total larger than its parts keeps the rest as "other", so the step's total is the source's total.
  if (total !== undefined && total > sum) c.other += total - sum;
  c.total = Math.max(sum, total ?? 0);
  return c;
}

function resultOf(v: unknown): ResultValue | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const parsed = jsonish(v);
  return typeof parsed === 'string' ? { text: parsed } : { json: parsed };
}

function lastAssistantText(messages: readonly LlmMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.content !== '') return messages[i]!.content;
  return undefined;
}

function llmDetail(a: Obj, span: OtlpSpan): StepDetail {
  // Each indexed convention scans every key; a span with no `<prefix>.<N>.` key at all skips all six scans.
  const idx = hasIndexedKeys(a);
  const events = span.events.length > 0 ? eventMessages(span.events) : undefined;
  let input = [...systemInstructions(a['gen_ai.system_instructions']), ...genAiMessages(a['gen_ai.input.messages'])];
  let output = genAiMessages(a['gen_ai.output.messages']);
  if (input.length === 0 && idx) input = genAiIndexedMessages(a, 'gen_ai.prompt.');
  if (output.length === 0 && idx) output = genAiIndexedMessages(a, 'gen_ai.completion.');
  if (input.length === 0 && idx) input = openInferenceMessages(a, 'llm.input_messages.');
  if (output.length === 0 && idx) output = openInferenceMessages(a, 'llm.output_messages.');
  if (input.length === 0 && events) input = events.input;
  if (output.length === 0 && events) output = events.output;
  // OpenInference embedding spans: the texts embedded (the vectors stay in the attributes).
  if (input.length === 0 && idx) input = indexed(a, 'embedding.embeddings.').flatMap((g) => (g['embedding.text'] !== undefined ? [{ role: 'user', content: textOf(g['embedding.text']) }] : []));
  const tools = toolDefinitions(a, idx);
  const d: StepDetail & { kind: 'llm' } = { kind: 'llm', messages: [...input, ...output], tools, serverToolInvocations: [] };
  const provider = str(a['gen_ai.provider.name']) ?? str(a['gen_ai.system']) ?? str(a['llm.provider']) ?? str(a['llm.system']) ?? langChainProvider(a);
  if (provider) d.provider = provider;
  const model = str(a['gen_ai.response.model']) ?? str(a['gen_ai.request.model']) ?? str(a['llm.model_name'])
    ?? str(a['embedding.model_name']) ?? str(a['llm.response.model']) ?? str(a['llm.request.model']);
  if (model) d.model = model;
  const answer = lastAssistantText(output);
  const result = answer !== undefined ? { text: answer } : resultOf(a['output.value']);
  if (result) d.result = result;
  return d;
}

/** LangChain (through OpenInference) names the provider only in its run metadata (`ls_provider`). */
function langChainProvider(a: Obj): string | undefined {
  const m = jsonish(a.metadata);
  return isObj(m) ? str(m.ls_provider) : undefined;
}

/**
 * Traceloop's `traceloop.entity.input` wraps a function's arguments as `{"args": [...], "kwargs": {...}}`: shown as
 * the keyword arguments when there are no positional ones, the one positional argument when that is all there is;
 * anything else as given. The raw attribute stays in the step's attributes.
 */
export function unwrapEntityInput(v: unknown): unknown {
  const x = jsonish(v);
  if (!isObj(x) || !Array.isArray(x.args) || !isObj(x.kwargs) || Object.keys(x).length !== 2) return x;
  const kw = Object.keys(x.kwargs).length;
  if (x.args.length === 0) return kw === 0 ? undefined : x.kwargs;
  if (x.args.length === 1 && kw === 0) return jsonish(x.args[0]);
  return x;
}

function toolDetail(a: Obj, span: OtlpSpan): StepDetail {
  const d: StepDetail & { kind: 'tool' } = { kind: 'tool' };
  // A tool span without a name attribute (OpenInference's traceTool without `name`) is named after its span.
  const name = str(a['gen_ai.tool.name']) ?? str(a['tool.name']) ?? str(a['traceloop.entity.name'])
    ?? (span.name.startsWith('execute_tool ') ? span.name.slice('execute_tool '.length) : span.name.replace(/\.tool$/, '') || undefined);
  if (name) d.tool = name;
  const type = str(a['gen_ai.tool.type']);
  if (type) d.toolType = type;
  // `tool.parameters` (OpenInference) is the tool's JSON schema, not this call's arguments: it stays an attribute.
  const params = a['gen_ai.tool.call.arguments'] ?? a['input.value'] ?? unwrapEntityInput(a['traceloop.entity.input']);
  if (params !== undefined) d.parameters = jsonish(params);
  const result = resultOf(a['gen_ai.tool.call.result'] ?? a['output.value'] ?? a['traceloop.entity.output']);
  if (result) d.result = result;
  return d;
}

/** A gate's fields by suffix, whatever namespace the source uses. */
function hitlDetail(a: Obj): StepDetail {
  const d: StepDetail & { kind: 'hitl' } = { kind: 'hitl' };
  const by = (suffix: string): string | undefined => {
    for (const k in a) if (HITL_KEY.test(k) && k.endsWith(`.${suffix}`)) return str(a[k]);
    return undefined;
  };
  const requestId = by('request_id');
  const gateType = by('gate_type');
  const toolKey = by('tool_key');
  const decision = by('decision');
  const respondedBy = by('responded_by');
  if (requestId) d.requestId = requestId;
  if (gateType) d.gateType = gateType;
  if (toolKey) d.toolKey = toolKey;
  if (decision) d.decision = decision;
  if (respondedBy) d.respondedBy = respondedBy;
  return d;
}

function genericDetail(a: Obj): StepDetail {
  const d: StepDetail & { kind: 'generic' } = { kind: 'generic' };
  const input = a['input.value'] ?? unwrapEntityInput(a['traceloop.entity.input']) ?? a['gen_ai.input.messages'];
  if (input !== undefined) d.input = jsonish(input);
  const output = a['output.value'] ?? a['traceloop.entity.output'] ?? a['gen_ai.output.messages'];
  if (output !== undefined) {
    d.output = jsonish(output);
    const r = resultOf(output);
    if (r) d.result = r;
  }
  return d;
}

/** Attributes the detail already shows in full; not repeated in the key/value view. */
const SHOWN = /^(gen_ai\.(input|output)\.messages|gen_ai\.system_instructions|gen_ai\.tool\.definitions|gen_ai\.(prompt|completion)\.\d|llm\.(input|output)_messages\.|llm\.tools\.\d|input\.value|output\.value|traceloop\.entity\.output|gen_ai\.tool\.call\.(arguments|result))/;
const SPAN_KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

function attributesOf(a: Obj, span: OtlpSpan, kind: StepKind): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in a) if (kind === 'other' || !SHOWN.test(k)) out[k] = a[k];
  out['otel.span_id'] = span.spanId;
  if (span.parentSpanId) out['otel.parent_span_id'] = span.parentSpanId;
  out['otel.span_kind'] = SPAN_KIND_NAMES[span.kind] ?? span.kind;
  if (span.scope) out['otel.scope.name'] = span.scope;
  if (span.statusMessage) out['otel.status_message'] = span.statusMessage;
  const events = span.events.length === 0 ? span.events : span.events.filter((e) => !isMessageEvent(e.name) || kind !== 'llm');
  if (events.length > 0) out['otel.events'] = events.map((e) => ({ name: e.name, time: e.time, ...(Object.keys(e.attrs).length ? { attributes: e.attrs } : {}) }));
  return out;
}

function errorOf(a: Obj, span: OtlpSpan): string | undefined {
  const exception = span.events.length === 0 ? undefined : span.events.find((e) => e.name === 'exception');
  const exc = exception ? [str(exception.attrs['exception.type']), str(exception.attrs['exception.message'])].filter(Boolean).join(': ') : '';
  const errorType = str(a['error.type']);
  if (span.statusCode !== 2 && errorType === undefined) return undefined;
  return span.statusMessage || exc || errorType || 'error';
}

function fallbackName(kind: StepKind, detail: StepDetail): string {
  if (detail.kind === 'llm') return detail.model ?? 'LLM call';
  if (detail.kind === 'tool') return detail.tool ?? 'Tool call';
  return kind === 'other' ? 'Span' : kind;
}

/** The event attributes GenAI's newer single event carries are read as if they were span attributes. */
function spanAttributes(span: OtlpSpan): Obj {
  if (span.events.length === 0) return span.attrs;
  const details = span.events.filter((e) => e.name === 'gen_ai.client.inference.operation.details');
  if (details.length === 0) return span.attrs;
  const a: Obj = { ...span.attrs };
  for (const e of details) for (const k in e.attrs) a[k] ??= e.attrs[k];
  return a;
}

/** What the mapping reads: the span's attributes, plus the GenAI keys another library's own attributes stand for. */
function mappingAttributes(a: Obj): Obj {
  const derived = vercelDerived(a);
  return derived ? { ...derived, ...a } : a;
}

/** The step without children; `id` is unique within the trace. */
export function spanToStep(span: OtlpSpan, id: string): Step {
  const shown = spanAttributes(span);
  const a = mappingAttributes(shown);
  const kind = kindOf(a);
  const detail = kind === 'llm' ? llmDetail(a, span) : kind === 'tool' ? toolDetail(a, span) : kind === 'hitl' ? hitlDetail(a) : genericDetail(a);
  const error = errorOf(a, span);
  const status: StepStatus = error !== undefined ? 'error' : span.end === undefined ? 'running' : 'ok';
  const name = span.name || fallbackName(kind, detail);
  const end = span.end === undefined ? undefined : Math.max(span.end, span.start);
  const tokens = kind === 'llm' ? tokensOf(a) : ownTokensOf(a);
  const cost = costOf(a);
  const attributes = attributesOf(shown, span, kind);
  const raw = vercelOperation(a) ?? str(a['openinference.span.kind']) ?? str(a['gen_ai.operation.name']) ?? str(a['traceloop.span.kind']);
  // Most spans have a raw type: in the literal, not added after it (which costs each step a property array).
  const step: Step = raw
    ? { id, kind, name, status, start: span.start, end, tokens, cost, detail, attributes, children: [], rawType: raw }
    : { id, kind, name, status, start: span.start, end, tokens, cost, detail, attributes, children: [] };
  if (span.statusCode === 2) step.rawStatus = 'STATUS_CODE_ERROR';
  if (error !== undefined) step.error = error;
  return step;
}

/** An agent/workflow name attribute, for the trace title. */
export function agentNameOf(a: Obj): string | undefined {
  return str(a['gen_ai.agent.name']) ?? str(a['gen_ai.workflow.name']) ?? str(a['traceloop.workflow.name']);
}
