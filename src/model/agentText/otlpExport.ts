// Any trace (Fruxon, Zaia, OTLP) as OTLP/JSON (ExportTraceServiceRequest) with the OpenTelemetry GenAI
// semantic conventions, so other OpenTelemetry tools read it, and AgentLens reads it back (otlp.ts) with the
// same steps, kinds, statuses, tokens, costs and messages. What the conventions do not cover is written where
// otlpSteps.ts already looks for it: cost as `agentlens.cost.<part>` (read by suffix like every vendor's),
// approval gates as `agentlens.hitl.*`, a generic step's input and output as `input.value` / `output.value`.
// Ids: an OTLP trace keeps its own; other sources get ids hashed from theirs, so an export is deterministic.
import type { LlmMessage, Step, StepKind, Trace } from '../types';

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface KeyValue { key: string; value: AnyValue }
export interface OtlpJsonSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number;
  startTimeUnixNano: string; endTimeUnixNano?: string; attributes: KeyValue[];
  status: { code: number; message?: string };
}
export interface OtlpJsonExport {
  resourceSpans: { resource: { attributes: KeyValue[] }; scopeSpans: { scope: { name: string; version: string }; spans: OtlpJsonSpan[] }[] }[];
}

const OPERATION: Partial<Record<StepKind, string>> = {
  llm: 'chat', tool: 'execute_tool', agent: 'invoke_agent', flow: 'invoke_workflow', retrieval: 'retrieval',
};
/** Attribute keys that would change how the step reads back (cost by suffix, approval gates by namespace). */
const RESERVED = /(?:^|\.)cost\.|(^|\.)(hitl|human_approval|human_in_the_loop)\.|^gen_ai\.|^openinference\.|^traceloop\.|^llm\.|^(input|output)\.value$|^tool\./;

function kv(key: string, v: unknown): KeyValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return { key, value: { stringValue: v } };
  if (typeof v === 'boolean') return { key, value: { boolValue: v } };
  if (typeof v === 'number') return Number.isInteger(v) ? { key, value: { intValue: String(v) } } : { key, value: { doubleValue: v } };
  return { key, value: { stringValue: JSON.stringify(v) } };
}

/** Two 32-bit FNV-1a hashes with different offsets: 16 hex digits, stable across runs. */
function hash64(text: string, salt = 0): string {
  let a = (0x811c9dc5 ^ salt) >>> 0;
  let b = (0x01000193 ^ (salt * 31 + 7)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** Unix ms (possibly fractional) as decimal nanoseconds, exactly (past 2^53, so not through a plain Number). */
export function msToNanos(ms: number): string {
  const whole = Math.floor(ms);
  const frac = Math.round((ms - whole) * 1e6);
  return (BigInt(whole) * 1_000_000n + BigInt(frac)).toString();
}

/** A GenAI message: `{role, parts}` with text, tool_call and tool_call_response parts. */
function genAiMessage(m: LlmMessage): unknown {
  const parts: unknown[] = [];
  if (m.toolCallId !== undefined) parts.push({ type: 'tool_call_response', id: m.toolCallId, response: m.content });
  else if (m.content !== '') parts.push({ type: 'text', content: m.content });
  for (const c of m.toolCalls ?? []) parts.push({ type: 'tool_call', ...(c.id !== undefined ? { id: c.id } : {}), name: c.name, ...(c.arguments !== undefined ? { arguments: c.arguments } : {}) });
  return { role: m.role, parts };
}

function resultValue(r: { text?: string; json?: unknown; fileLink?: string } | undefined): string | undefined {
  if (!r) return undefined;
  // A text result is written JSON-encoded so text that looks like JSON reads back as text, not as JSON.
  if (r.text !== undefined && r.text !== '') return JSON.stringify(r.text);
  if (r.json !== undefined) return typeof r.json === 'string' ? JSON.stringify(r.json) : JSON.stringify(r.json);
  return r.fileLink ? JSON.stringify(r.fileLink) : undefined;
}

function valueAttr(v: unknown): string | undefined {
  return v === undefined ? undefined : JSON.stringify(v);
}

function detailAttributes(step: Step, out: Record<string, unknown>): void {
  const d = step.detail;
  const op = OPERATION[step.kind];
  if (op) out['gen_ai.operation.name'] = op;
  if (d.kind === 'llm') {
    if (d.provider) out['gen_ai.provider.name'] = d.provider;
    if (d.model) out['gen_ai.request.model'] = d.model;
    const msgs = d.messages;
    const last = msgs.at(-1);
    // The answer travels as the output message when it is the last assistant message; otherwise every
    // message is input and the answer goes to `output.value`, which the reader falls back to.
    const answerIsLast = last !== undefined && last.role === 'assistant' && last.content !== '' && d.result?.text === last.content;
    const answerless = last !== undefined && last.role === 'assistant' && last.content === '' && d.result === undefined;
    const split = answerIsLast || answerless ? msgs.length - 1 : msgs.length;
    if (split > 0) out['gen_ai.input.messages'] = JSON.stringify(msgs.slice(0, split).map(genAiMessage));
    if (split < msgs.length) out['gen_ai.output.messages'] = JSON.stringify(msgs.slice(split).map(genAiMessage));
    if (!answerIsLast && d.result) out['output.value'] = resultValue(d.result);
    if (d.tools.length > 0) out['gen_ai.tool.definitions'] = JSON.stringify(d.tools);
    const t = step.tokens;
    out['gen_ai.usage.input_tokens'] = t.input;
    out['gen_ai.usage.output_tokens'] = t.output;
    if (t.cached) out['gen_ai.usage.cache_read.input_tokens'] = t.cached;
    if (t.thinking) out['gen_ai.usage.reasoning.output_tokens'] = t.thinking;
  } else if (step.tokens.input || step.tokens.output || step.tokens.cached || step.tokens.thinking) {
    // Not an LLM call, but it used tokens itself (a Zaia agent step): otlpSteps.ts reads these back.
    const t = step.tokens;
    out['agentlens.usage.input_tokens'] = t.input;
    out['agentlens.usage.output_tokens'] = t.output;
    if (t.cached) out['agentlens.usage.cache_read.input_tokens'] = t.cached;
    if (t.thinking) out['agentlens.usage.reasoning.output_tokens'] = t.thinking;
  }
  if (d.kind === 'tool') {
    out['gen_ai.tool.name'] = d.tool ?? step.name;
    if (d.toolType) out['gen_ai.tool.type'] = d.toolType;
    if (d.parameters !== undefined) out['gen_ai.tool.call.arguments'] = valueAttr(d.parameters);
    if (d.result) out['gen_ai.tool.call.result'] = resultValue(d.result);
  } else if (d.kind === 'hitl') {
    const fields: Record<string, unknown> = {
      request_id: d.requestId, gate_type: d.gateType, tool_key: d.toolKey, decision: d.decision, responded_by: d.respondedBy,
      proposed_parameters: d.proposedParameters !== undefined ? JSON.stringify(d.proposedParameters) : undefined,
      outbound_message: d.outboundMessage, response_text: d.responseText, wait_ms: d.waitMs,
    };
    for (const k in fields) if (fields[k] !== undefined) out[`agentlens.hitl.${k}`] = fields[k];
    // A gate with none of its fields set is still a gate.
    if (!Object.keys(out).some((k) => k.startsWith('agentlens.hitl.'))) out['agentlens.hitl.gate'] = true;
  } else if (d.kind === 'generic') {
    if (d.input !== undefined) out['input.value'] = valueAttr(d.input);
    const output = d.result ? resultValue(d.result) : valueAttr(d.output);
    if (output !== undefined) out['output.value'] = output;
  }
  if (step.kind === 'agent') out['gen_ai.agent.name'] = step.name;
}

function costAttributes(step: Step, out: Record<string, unknown>): void {
  const c = step.cost;
  if (c.total === 0 && c.input === 0 && c.output === 0) return;
  for (const [k, v] of [['input', c.input], ['output', c.output], ['cached', c.cached], ['thinking', c.thinking], ['tool', c.other], ['total', c.total]] as const) {
    if (v !== 0) out[`agentlens.cost.${k}`] = v;
  }
}

/** The source's other attributes, under their own names for OTLP traces and under `agentlens.<source>.` otherwise. */
function sourceAttributes(step: Step, trace: Trace, out: Record<string, unknown>): void {
  if (!step.attributes) return;
  const prefix = trace.source === 'otlp' ? '' : `agentlens.${trace.source}.`;
  for (const k in step.attributes) {
    if (k.startsWith('otel.') || RESERVED.test(k) || RESERVED.test(prefix + k)) continue;
    out[prefix + k] = step.attributes[k];
  }
}

export function traceToOtlp(trace: Trace, opts: { version?: string } = {}): OtlpJsonExport {
  const traceId = /^[0-9a-f]{32}$/.test(trace.id) ? trace.id : hash64(trace.id, 1) + hash64(trace.id, 2);
  const spans: OtlpJsonSpan[] = [];
  const used = new Set<string>();
  const spanIdOf = (step: Step, index: number): string => {
    const own = step.attributes?.['otel.span_id'];
    let id = typeof own === 'string' && /^[0-9a-f]{16}$/.test(own) ? own : hash64(step.id);
    if (used.has(id)) id = hash64(`${step.id}#${index}`, 3);
    for (let n = 4; used.has(id); n++) id = hash64(`${step.id}#${index}`, n);
    used.add(id);
    return id;
  };
  const stack: { step: Step; parent: string }[] = [];
  for (let r = trace.roots.length - 1; r >= 0; r--) stack.push({ step: trace.roots[r]!, parent: '' });
  while (stack.length > 0) {
    const { step, parent } = stack.pop()!;
    const spanId = spanIdOf(step, spans.length);
    const attrs: Record<string, unknown> = {};
    sourceAttributes(step, trace, attrs);
    detailAttributes(step, attrs);
    costAttributes(step, attrs);
    const ownKind = step.attributes?.['otel.span_kind'];
    const span: OtlpJsonSpan = {
      traceId, spanId, name: step.name,
      kind: typeof ownKind === 'string' ? Math.max(0, ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'].indexOf(ownKind)) : step.kind === 'llm' ? 3 : 1,
      startTimeUnixNano: msToNanos(step.start),
      attributes: Object.keys(attrs).map((k) => kv(k, attrs[k])).filter((x): x is KeyValue => x !== undefined),
      status: step.status === 'error' ? { code: 2, message: step.error ?? 'error' } : { code: step.status === 'ok' ? 1 : 0 },
    };
    if (parent) span.parentSpanId = parent;
    if (step.end !== undefined) span.endTimeUnixNano = msToNanos(Math.max(step.end, step.start));
    spans.push(span);
    for (let c = step.children.length - 1; c >= 0; c--) stack.push({ step: step.children[c]!, parent: spanId });
  }
  const resource: Record<string, unknown> = { 'service.name': trace.agentName ?? trace.title };
  if (trace.revision !== undefined) resource['service.version'] = String(trace.revision);
  if (trace.environment) resource['deployment.environment.name'] = trace.environment;
  resource['agentlens.source'] = trace.source;
  resource['agentlens.currency'] = trace.currency;
  return {
    resourceSpans: [{
      resource: { attributes: Object.keys(resource).map((k) => kv(k, resource[k])!) },
      scopeSpans: [{ scope: { name: 'agentlens', version: opts.version ?? '0' }, spans }],
    }],
  };
}
