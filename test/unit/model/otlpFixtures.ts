// OTLP/JSON fixtures written from the specs (OTLP "JSON Protobuf Encoding", GenAI semantic conventions old
// and new, OpenInference, OpenLLMetry/Traceloop), not from AgentLens's own output.
export type Raw = Record<string, unknown>;
type Attr = { key: string; value: Raw };

export const T1 = '5b8efff798038103d269b633813fc60c';
export const T2 = '0af7651916cd43dd8448eb211c80319c';

export function attr(key: string, v: unknown): Attr {
  if (typeof v === 'string') return { key, value: { stringValue: v } };
  if (typeof v === 'boolean') return { key, value: { boolValue: v } };
  if (typeof v === 'number') return Number.isInteger(v) ? { key, value: { intValue: String(v) } } : { key, value: { doubleValue: v } };
  if (Array.isArray(v)) return { key, value: { arrayValue: { values: v.map((x) => attr('', x).value) } } };
  if (v && typeof v === 'object') return { key, value: { kvlistValue: { values: Object.entries(v).map(([k, x]) => attr(k, x)) } } };
  return { key, value: {} };
}

export const ms = (t: number): string => `${t}000000`;
const BASE = 1_760_000_000_000;

export interface SpanOpts {
  trace?: string; id: string; parent?: string; name: string; start?: number; end?: number | null;
  attrs?: Record<string, unknown>; status?: Raw; events?: Raw[]; kind?: number;
}

export function span(o: SpanOpts): Raw {
  const s: Raw = {
    traceId: o.trace ?? T1, spanId: o.id, name: o.name, kind: o.kind ?? 1,
    startTimeUnixNano: ms(BASE + (o.start ?? 0)),
    attributes: Object.entries(o.attrs ?? {}).map(([k, v]) => attr(k, v)),
  };
  if (o.parent) s.parentSpanId = o.parent;
  if (o.end !== null) s.endTimeUnixNano = ms(BASE + (o.end ?? (o.start ?? 0) + 100));
  if (o.status) s.status = o.status;
  if (o.events) s.events = o.events;
  return s;
}

export function request(spans: Raw[], resource: Record<string, unknown> = { 'service.name': 'demo-agent' }): Raw {
  return {
    resourceSpans: [{
      resource: { attributes: Object.entries(resource).map(([k, v]) => attr(k, v)) },
      scopeSpans: [{ scope: { name: 'test.instrumentation', version: '1.0' }, spans }],
    }],
  };
}

/** The current GenAI conventions (v1.37+): provider.name, input/output messages as JSON parts. */
export function genAiCurrent(): Raw {
  return request([
    span({ id: 'a000000000000001', name: 'invoke_agent Support', start: 0, end: 3000, attrs: {
      'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Support', 'gen_ai.provider.name': 'openai' } }),
    span({ id: 'a000000000000002', parent: 'a000000000000001', name: 'chat gpt-4o', start: 100, end: 1100, kind: 3, attrs: {
      'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.usage.input_tokens': 120, 'gen_ai.usage.output_tokens': 30, 'gen_ai.usage.cache_read.input_tokens': 64,
      'gen_ai.usage.reasoning.output_tokens': 12,
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'You are a support agent.' }]),
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order 42?' }] }]),
      'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', finish_reason: 'tool_call',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'lookup_order', arguments: { order: 42 } }] }]),
      'gen_ai.tool.definitions': JSON.stringify([{ type: 'function', name: 'lookup_order', description: 'Find an order' }]),
    } }),
    span({ id: 'a000000000000003', parent: 'a000000000000001', name: 'execute_tool lookup_order', start: 1200, end: 1500, attrs: {
      'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order', 'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.type': 'function', 'gen_ai.tool.call.arguments': '{"order":42}', 'gen_ai.tool.call.result': '{"status":"shipped"}' } }),
    span({ id: 'a000000000000004', parent: 'a000000000000001', name: 'chat gpt-4o', start: 1600, end: 2900, kind: 3, attrs: {
      'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 200, 'gen_ai.usage.output_tokens': 20,
      'gen_ai.input.messages': [{ role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: { status: 'shipped' } }] }],
      'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'Your order has shipped.' }], finish_reason: 'stop' }]),
    } }),
  ], { 'service.name': 'support-svc', 'service.version': '1.2.3', 'deployment.environment.name': 'staging' });
}

/** The deprecated GenAI generation: gen_ai.system, prompt/completion tokens, indexed and event messages. */
export function genAiDeprecated(): Raw {
  return request([
    span({ id: 'b000000000000001', name: 'chat claude-3', start: 0, end: 900, attrs: {
      'gen_ai.system': 'anthropic', 'gen_ai.request.model': 'claude-3', 'llm.request.type': 'chat',
      'gen_ai.usage.prompt_tokens': 50, 'gen_ai.usage.completion_tokens': 7, 'gen_ai.usage.cache_read_input_tokens': 5,
      'gen_ai.prompt.0.role': 'system', 'gen_ai.prompt.0.content': 'Be brief.',
      'gen_ai.prompt.1.role': 'user', 'gen_ai.prompt.1.content': 'Hi',
      'gen_ai.completion.0.role': 'assistant', 'gen_ai.completion.0.content': 'Hello!', 'gen_ai.completion.0.finish_reason': 'stop',
      'gen_ai.completion.0.tool_calls.0.id': 'c9', 'gen_ai.completion.0.tool_calls.0.name': 'wave', 'gen_ai.completion.0.tool_calls.0.arguments': '{"hand":"left"}',
    } }),
    span({ id: 'b000000000000002', name: 'chat gpt-3.5', start: 1000, end: 1400, attrs: {
      'gen_ai.operation.name': 'chat', 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-3.5-turbo',
      'gen_ai.usage.prompt_tokens': 11, 'gen_ai.usage.completion_tokens': 3,
    }, events: [
      { timeUnixNano: ms(BASE + 1001), name: 'gen_ai.system.message', attributes: [attr('content', 'System rules')] },
      { timeUnixNano: ms(BASE + 1001), name: 'gen_ai.user.message', attributes: [attr('content', 'What time is it?')] },
      { timeUnixNano: ms(BASE + 1399), name: 'gen_ai.choice', attributes: [attr('index', 0), attr('finish_reason', 'stop'),
        attr('message', { role: 'assistant', content: 'Noon.' })] },
    ] }),
    span({ id: 'b000000000000003', name: 'completion', start: 1500, end: 1600, attrs: { 'gen_ai.operation.name': 'text_completion' },
      events: [
        { name: 'gen_ai.content.prompt', attributes: [attr('gen_ai.prompt', JSON.stringify([{ role: 'user', content: 'Say yes' }]))] },
        { name: 'gen_ai.content.completion', attributes: [attr('gen_ai.completion', JSON.stringify([{ role: 'assistant', content: 'yes' }]))] },
      ] }),
  ]);
}

/** OpenInference (Arize Phoenix) spans. */
export function openInference(): Raw {
  return request([
    span({ id: 'c000000000000001', name: 'RAG pipeline', start: 0, end: 2000, attrs: {
      'openinference.span.kind': 'CHAIN', 'input.value': '{"question":"What is OTel?"}', 'input.mime_type': 'application/json',
      'output.value': 'OpenTelemetry is an observability framework.' } }),
    span({ id: 'c000000000000002', parent: 'c000000000000001', name: 'retrieve', start: 10, end: 300, attrs: {
      'openinference.span.kind': 'RETRIEVER', 'retrieval.documents.0.document.content': 'OTel docs' } }),
    span({ id: 'c000000000000003', parent: 'c000000000000001', name: 'ChatCompletion', start: 400, end: 1800, attrs: {
      'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.provider': 'openai',
      'llm.token_count.prompt': 300, 'llm.token_count.completion': 40, 'llm.token_count.total': 340,
      'llm.token_count.prompt_details.cache_read': 100, 'llm.cost.prompt': 0.0003, 'llm.cost.completion': 0.0004, 'llm.cost.total': 0.0007,
      'llm.input_messages.0.message.role': 'system', 'llm.input_messages.0.message.content': 'Answer from context.',
      'llm.input_messages.1.message.role': 'user', 'llm.input_messages.1.message.contents.0.message_content.type': 'text',
      'llm.input_messages.1.message.contents.0.message_content.text': 'What is OTel?',
      'llm.output_messages.0.message.role': 'assistant', 'llm.output_messages.0.message.content': 'OpenTelemetry is an observability framework.',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 't1',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'cite',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"doc":1}',
      'llm.tools.0.tool.json_schema': JSON.stringify({ type: 'function', function: { name: 'cite', description: 'Cite a doc' } }),
    } }),
    span({ id: 'c000000000000004', parent: 'c000000000000001', name: 'cite', start: 1850, end: 1900, attrs: {
      'openinference.span.kind': 'TOOL', 'tool.name': 'cite', 'input.value': '{"doc":1}', 'output.value': 'ok',
      // OpenInference: the tool's JSON schema, not this call's arguments.
      'tool.parameters': '{"type":"object","properties":{"doc":{"type":"integer"}}}' } }),
    span({ id: 'c000000000000005', parent: 'c000000000000001', name: 'moderation', start: 1950, end: 1990, attrs: {
      'openinference.span.kind': 'GUARDRAIL' } }),
  ]);
}

/** OpenLLMetry / Traceloop workflow → task → tool. */
export function traceloop(): Raw {
  return request([
    span({ id: 'd000000000000001', name: 'joke_workflow.workflow', start: 0, end: 500, attrs: {
      'traceloop.span.kind': 'workflow', 'traceloop.workflow.name': 'joke_workflow', 'traceloop.entity.name': 'joke_workflow' } }),
    span({ id: 'd000000000000002', parent: 'd000000000000001', name: 'make_joke.task', start: 10, end: 200, attrs: {
      'traceloop.span.kind': 'task', 'traceloop.entity.name': 'make_joke', 'traceloop.entity.input': '{"args":["cats"]}',
      'traceloop.entity.output': '"A cat joke"' } }),
    span({ id: 'd000000000000003', parent: 'd000000000000001', name: 'search.tool', start: 210, end: 400, attrs: {
      'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'search', 'traceloop.entity.input': '{"q":"cats"}',
      'traceloop.entity.output': '["c1"]' } }),
    span({ id: 'd000000000000004', parent: 'd000000000000001', name: 'approval', start: 410, end: 480, attrs: {
      'acme.hitl.request_id': 'req-1', 'acme.hitl.decision': 'APPROVE', 'acme.hitl.tool_key': 'refund' } }),
  ]);
}

/** Failed spans: status code as number and as name, exception event, error.type only. */
export function errors(): Raw {
  return request([
    span({ id: 'e000000000000001', name: 'agent run', start: 0, end: 1000, status: { code: 2, message: 'agent failed' },
      attrs: { 'gen_ai.operation.name': 'invoke_agent' } }),
    span({ id: 'e000000000000002', parent: 'e000000000000001', name: 'execute_tool flaky', start: 10, end: 20,
      status: { code: 'STATUS_CODE_ERROR' }, attrs: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'flaky' },
      events: [{ timeUnixNano: ms(BASE + 15), name: 'exception', attributes: [attr('exception.type', 'TimeoutError'),
        attr('exception.message', 'took too long'), attr('exception.stacktrace', 'at flaky()')] }] }),
    span({ id: 'e000000000000003', parent: 'e000000000000001', name: 'chat x', start: 30, end: 40,
      attrs: { 'gen_ai.operation.name': 'chat', 'error.type': 'rate_limited' } }),
    span({ id: 'e000000000000004', parent: 'e000000000000001', name: 'ok step', start: 50, end: 60, status: { code: 1 } }),
  ]);
}
