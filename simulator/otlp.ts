// The same steps as the projected trace, as an OTLP/JSON ExportTraceServiceRequest with GenAI
// semantic-convention attributes (api/otel.md): hex ids, nanosecond times as decimal strings.
import type { ExecutionRecord, Step } from './types';

type Attr = { key: string; value: Record<string, unknown> };

const str = (key: string, v: string): Attr => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): Attr => ({ key, value: { intValue: String(v) } });
const dbl = (key: string, v: number): Attr => ({ key, value: { doubleValue: v } });

/** Milliseconds to a decimal nanosecond string without going through a (lossy) Number. */
export function nanos(ms: number): string {
  return ms === 0 ? '0' : `${ms}000000`;
}

export function traceIdOf(recordId: string): string {
  return recordId.replace(/-/g, '').toLowerCase().padEnd(32, '0').slice(0, 32);
}

interface LlmTrace {
  providerId: string; model: string; inputTokens: number; outputTokens: number; cachedTokens: number;
  thinkingTokens: number; inputCost: number; outputCost: number; cachedCost: number; llmMessages?: Msg[];
}

interface Msg { role?: string; content?: string; toolCalls?: { id: string; name: string; arguments: unknown }[]; toolCallId?: string }

function parts(m: Msg): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (m.role === 'tool') return [{ type: 'tool_call_response', id: m.toolCallId, response: m.content }];
  if (m.content) out.push({ type: 'text', content: m.content });
  for (const c of m.toolCalls ?? []) out.push({ type: 'tool_call', id: c.id, name: c.name, arguments: c.arguments });
  return out;
}

function messageAttrs(msgs: Msg[]): Attr[] {
  if (msgs.length === 0) return [];
  const system = msgs.filter((m) => m.role === 'system');
  const rest = msgs.filter((m) => m.role !== 'system');
  const output = rest.at(-1);
  const input = rest.slice(0, -1);
  const attrs: Attr[] = [];
  if (system.length) attrs.push(str('gen_ai.system_instructions', JSON.stringify(system.map((m) => ({ type: 'text', content: m.content })))));
  attrs.push(str('gen_ai.input.messages', JSON.stringify(input.map((m) => ({ role: m.role, parts: parts(m) })))));
  if (output) {
    const finish = output.toolCalls?.length ? 'tool_call' : 'stop';
    attrs.push(str('gen_ai.output.messages', JSON.stringify([{ role: 'assistant', parts: parts(output), finish_reason: finish }])));
  }
  return attrs;
}

function spanOf(s: Step, traceId: string, parentSpanId: string, agentName: string): Record<string, unknown> {
  const attrs: Attr[] = [str('fruxon.step.type', s.type)];
  let name = s.displayName;
  let kind = 1;
  const llm = s.llmStepTrace as unknown as LlmTrace | null;
  const tool = s.toolTrace as { tool?: { key: string }; toolType?: string; parameters?: unknown } | null;
  const gate = s.hitlTrace as Record<string, string | number | null> | null;
  if (llm) {
    kind = 3;
    name = `chat ${llm.model}`;
    attrs.push(str('gen_ai.operation.name', 'chat'), str('gen_ai.provider.name', llm.providerId),
      str('gen_ai.request.model', llm.model), str('gen_ai.response.model', llm.model),
      int('gen_ai.usage.input_tokens', llm.inputTokens), int('gen_ai.usage.output_tokens', llm.outputTokens),
      int('gen_ai.usage.cache_read.input_tokens', llm.cachedTokens), int('gen_ai.usage.reasoning.output_tokens', llm.thinkingTokens),
      dbl('fruxon.cost.input', llm.inputCost), dbl('fruxon.cost.output', llm.outputCost), dbl('fruxon.cost.cached', llm.cachedCost),
      ...messageAttrs(llm.llmMessages ?? []));
  } else if (tool) {
    const key = tool.tool?.key ?? s.displayName;
    name = `execute_tool ${key}`;
    attrs.push(str('gen_ai.operation.name', 'execute_tool'), str('gen_ai.tool.name', key),
      str('gen_ai.tool.type', String(tool.toolType ?? 'UNSPECIFIED').toLowerCase()),
      str('gen_ai.tool.call.arguments', JSON.stringify(tool.parameters ?? {})));
    if (s.result) attrs.push(str('gen_ai.tool.call.result', s.result.strValue ?? JSON.stringify(s.result.jsonValue)));
  } else if (gate) {
    name = `approval ${String(gate.toolKey)}`;
    attrs.push(str('fruxon.hitl.request_id', String(gate.requestId)), str('fruxon.hitl.gate_type', String(gate.gateType)),
      str('fruxon.hitl.tool_key', String(gate.toolKey)));
    if (gate.decision) attrs.push(str('fruxon.hitl.decision', String(gate.decision)), str('fruxon.hitl.responded_by', String(gate.respondedBy)));
  } else {
    const root = parentSpanId === '';
    name = `${root ? 'invoke_agent' : 'invoke_workflow'} ${s.displayName}`;
    attrs.push(str('gen_ai.operation.name', root ? 'invoke_agent' : 'invoke_workflow'),
      str(root ? 'gen_ai.agent.name' : 'gen_ai.workflow.name', root ? agentName : s.displayName));
  }
  if (s.status === 'ERROR') attrs.push(str('error.type', s.error ?? 'error'));
  const status = s.status === 'SUCCESS' ? { code: 1 } : s.status === 'ERROR' ? { code: 2, message: s.error ?? '' } : { code: 0 };
  return {
    traceId, spanId: s.id, parentSpanId, name, kind,
    startTimeUnixNano: nanos(s.startTime), endTimeUnixNano: nanos(s.endTime), attributes: attrs, status,
  };
}

/** Appends spans for `steps` and their descendants, parents before children. */
export function collectSpans(steps: readonly Step[], traceId: string, parentSpanId: string, agentName: string,
  out: Record<string, unknown>[]): void {
  for (const s of steps) {
    out.push(spanOf(s, traceId, parentSpanId, agentName));
    collectSpans(s.steps, traceId, s.id, agentName, out);
  }
}

export function otlpEnvelope(rec: ExecutionRecord, agentName: string, spans: unknown): Record<string, unknown> {
  return {
    resourceSpans: [{
      resource: { attributes: [
        str('service.name', rec.agentId), str('service.version', rec.remoteAgentRevision ?? String(rec.agentRevision)),
        str('deployment.environment.name', rec.environmentSlug), str('fruxon.execution_record.id', rec.id),
        int('fruxon.agent.revision', rec.agentRevision), str('gen_ai.agent.name', agentName),
      ] },
      scopeSpans: [{ scope: { name: 'fruxon.projection', version: '1.0.0' }, spans }],
    }],
  };
}
