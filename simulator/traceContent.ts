// The words inside a trace: parameters, answers, LLM messages, tool results and gate details.
// Everything derives from the record's trace seed so `:result`, `:trace` and execute agree.
import type { AgentProfile, ToolDef } from './catalog';
import { hashString, hex, mulberry32, pick, uuid } from './prng';
import type { Rng } from './prng';
import type { StepResult } from './types';

export function paramsFor(p: AgentProfile, traceSeed: number): Record<string, unknown> {
  const rng = mulberry32(traceSeed ^ 0x2545f491);
  const out: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(p.params)) out[key] = pick(rng, values);
  return out;
}

export function finalResult(p: AgentProfile, traceSeed: number): StepResult {
  const rng = mulberry32(traceSeed ^ 0x68e31da4);
  const text = pick(rng, p.answers);
  // Structured agents answer with JSON, the others with text, so clients see both result kinds.
  if (p.id === 'invoice-extractor') {
    return { strValue: null, jsonValue: { summary: text, currency: 'EUR', total: Math.round(rng() * 500000) / 100,
      lines: [{ sku: 'SRV-01', qty: 1 }, { sku: 'LIC-12', qty: 12 }] }, fileLink: null };
  }
  return { strValue: text, jsonValue: null, fileLink: null };
}

export function resultText(r: StepResult | null): string {
  if (!r) return '';
  return r.strValue ?? JSON.stringify(r.jsonValue);
}

export function toolResult(rng: Rng, tool: ToolDef): StepResult {
  const value = pick(rng, tool.results);
  return typeof value === 'string'
    ? { strValue: value, jsonValue: null, fileLink: null }
    : { strValue: null, jsonValue: value, fileLink: null };
}

export interface ToolCall { id: string; name: string; arguments: Record<string, unknown> }

/**
 * [guess] llmMessages entries: `{role: 'system'|'user'|'assistant'|'tool', content: string,
 * toolCalls?: [{id, name, arguments: object}], toolCallId?: string}` — OpenAI-like, arguments parsed.
 */
export function llmMessages(
  p: AgentProfile, params: Record<string, unknown>, previous: { call: ToolCall; result: StepResult | null }[],
  answer: string, calls: ToolCall[],
): Record<string, unknown>[] {
  const msgs: Record<string, unknown>[] = [
    { role: 'system', content: p.system },
    { role: 'user', content: JSON.stringify(params) },
  ];
  if (previous.length > 0) {
    msgs.push({ role: 'assistant', content: '', toolCalls: previous.map((x) => x.call) });
    for (const x of previous) msgs.push({ role: 'tool', content: resultText(x.result), toolCallId: x.call.id });
  }
  msgs.push(calls.length > 0 ? { role: 'assistant', content: answer, toolCalls: calls } : { role: 'assistant', content: answer });
  return msgs;
}

const THOUGHTS = ['Let me gather the facts first.', 'I have what I need for this part.', 'Checking the details before answering.',
  'Summarising the findings so far.', 'The previous tool output answers the question.'];

export function llmAnswer(rng: Rng, calls: ToolCall[]): string {
  return calls.length > 0 ? `Calling ${calls.map((c) => c.name).join(', ')}.` : pick(rng, THOUGHTS);
}

export function serverTools(rng: Rng, p: AgentProfile): Record<string, unknown>[] {
  if (p.models[0]?.providerId !== 'anthropic' || rng() > 0.2) return [];
  return [{ name: 'web_search', input: { query: `${pick(rng, Object.keys(p.params))} latest` },
    output: { results: [{ url: 'https://example.com/article', title: 'Industry update' }] } }];
}

export interface GateInfo { decision: 'APPROVE' | 'REJECT' | null; start: number; end: number }

const REVIEWERS = ['ops@acme.example', 'dana.k@acme.example', 'finance-lead@acme.example'];

export function hitlTrace(rng: Rng, tool: ToolDef, args: Record<string, unknown>, g: GateInfo): Record<string, unknown> {
  const responded = g.decision !== null;
  return {
    requestId: uuid(rng),
    gateType: 'TOOL_FLOW_STEP',
    toolKey: tool.key,
    stepIdentifier: `${tool.key}-${hex(rng, 2)}`,
    requestedAt: g.start,
    respondedAt: responded ? g.end : null,
    respondedBy: responded ? pick(rng, REVIEWERS) : null,
    decision: g.decision,
    responseText: g.decision === 'APPROVE' ? 'Approved, go ahead.' : g.decision === 'REJECT' ? 'Rejected: not within policy.' : null,
    outboundMessage: `${tool.name} wants to run with ${JSON.stringify(args)}. Approve?`,
    proposedParameters: args,
    deliveryRoute: null,
    correlationToken: hex(rng, 12),
    durationMs: responded ? g.end - g.start : null,
  };
}

export function toolDefs(p: AgentProfile): Record<string, unknown>[] {
  return p.tools.map((t) => ({ name: t.key, description: t.description, parameters: t.schema }));
}

export function traceSeedFor(seed: number, recordId: string): number {
  return hashString(recordId, seed);
}

/** Node count of an ordinary trace: 5–80, skewed small, fixed by the trace seed alone. */
export function stepCountFor(traceSeed: number): number {
  const r = mulberry32(traceSeed ^ 0x5bd1e995)();
  return 5 + Math.floor(r * r * 76);
}
