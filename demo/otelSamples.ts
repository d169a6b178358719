// OpenTelemetry traces the demo posts to the local receiver (and writes to the demo workspace): what an
// instrumented agent would export over OTLP/HTTP JSON. Deterministic, so screenshots are stable.
// Attribute names follow the GenAI semantic conventions (current generation) and OpenInference.

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface KeyValue { key: string; value: AnyValue }
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  status?: { code: number; message?: string };
  events?: { timeUnixNano: string; name: string; attributes: KeyValue[] }[];
}

function attr(key: string, v: string | number | boolean): KeyValue {
  if (typeof v === 'string') return { key, value: { stringValue: v } };
  if (typeof v === 'boolean') return { key, value: { boolValue: v } };
  return Number.isInteger(v) ? { key, value: { intValue: String(v) } } : { key, value: { doubleValue: v } };
}

const attrs = (o: Record<string, string | number | boolean>): KeyValue[] => Object.entries(o).map(([k, v]) => attr(k, v));
const hex = (seed: number, len: number): string => {
  let s = '';
  let x = seed * 2654435761;
  while (s.length < len) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += x.toString(16).padStart(8, '0');
  }
  return s.slice(0, len);
};

class TraceBuilder {
  readonly spans: Span[] = [];
  private n = 0;
  readonly traceId: string;
  constructor(seed: number, private readonly t0: number) {
    this.traceId = hex(seed, 32);
  }
  span(name: string, startMs: number, endMs: number, a: Record<string, string | number | boolean>, parent?: Span, extra: Partial<Span> = {}): Span {
    const s: Span = {
      traceId: this.traceId,
      spanId: hex(Number.parseInt(this.traceId.slice(0, 6), 16) + ++this.n, 16),
      ...(parent ? { parentSpanId: parent.spanId } : {}),
      name,
      kind: parent ? 1 : 2,
      startTimeUnixNano: `${BigInt(this.t0 + startMs) * 1_000_000n}`,
      endTimeUnixNano: `${BigInt(this.t0 + endMs) * 1_000_000n}`,
      attributes: attrs(a),
      ...extra,
    };
    this.spans.push(s);
    return s;
  }
}

function request(service: string, spans: Span[]): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: attrs({ 'service.name': service, 'telemetry.sdk.language': 'python' }) },
        scopeSpans: [{ scope: { name: 'opentelemetry.instrumentation.openai_v2', version: '2.1b0' }, spans }],
      },
    ],
  };
}

/** A small agent run: plan with an LLM, call a tool, answer (GenAI semantic conventions). */
function checkoutAssistant(t0: number): unknown {
  const b = new TraceBuilder(1, t0);
  const root = b.span('invoke_agent checkout-assistant', 0, 4200, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'checkout-assistant' });
  b.span('chat gpt-4o-mini', 40, 1450, {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
    'gen_ai.usage.input_tokens': 812,
    'gen_ai.usage.output_tokens': 64,
    'gen_ai.input.messages': JSON.stringify([
      { role: 'system', parts: [{ type: 'text', content: 'You help customers finish their checkout. Use tools to look up carts.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Why did my card get declined for cart C-1042?' }] },
    ]),
    'gen_ai.output.messages': JSON.stringify([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_7', name: 'get_cart', arguments: { cartId: 'C-1042' } }], finish_reason: 'tool_call' },
    ]),
  }, root);
  b.span('execute_tool get_cart', 1460, 1900, {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': 'get_cart',
    'gen_ai.tool.call.id': 'call_7',
    'gen_ai.tool.call.arguments': JSON.stringify({ cartId: 'C-1042' }),
    'gen_ai.tool.call.result': JSON.stringify({ cartId: 'C-1042', total: 129.5, currency: 'EUR', lastPayment: { status: 'declined', reason: '3ds_failed' } }),
  }, root);
  b.span('chat gpt-4o-mini', 1910, 4150, {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.usage.input_tokens': 1040,
    'gen_ai.usage.output_tokens': 118,
    'gen_ai.output.messages': JSON.stringify([
      { role: 'assistant', parts: [{ type: 'text', content: 'Your bank declined the 3-D Secure check. Retry and approve the prompt in your banking app, or use another card.' }], finish_reason: 'stop' },
    ]),
  }, root);
  return request('checkout-assistant', b.spans);
}

/** A retrieval-augmented answer instrumented with OpenInference (Phoenix, Arize). */
function ragAnswer(t0: number): unknown {
  const b = new TraceBuilder(2, t0);
  const root = b.span('rag_query', 0, 2600, { 'openinference.span.kind': 'CHAIN', 'input.value': 'What is our refund window?', 'output.value': 'Refunds are accepted within 30 days of delivery.' });
  b.span('retrieve', 20, 480, { 'openinference.span.kind': 'RETRIEVER', 'input.value': 'refund window', 'retrieval.documents.0.document.content': 'Refunds: within 30 days of delivery, unused items.', 'retrieval.documents.0.document.score': 0.91 }, root);
  b.span('ChatAnthropic', 500, 2550, {
    'openinference.span.kind': 'LLM',
    'llm.provider': 'anthropic',
    'llm.model_name': 'claude-haiku-4-5',
    'llm.token_count.prompt': 610,
    'llm.token_count.completion': 42,
    'llm.input_messages.0.message.role': 'system',
    'llm.input_messages.0.message.content': 'Answer from the context only.',
    'llm.input_messages.1.message.role': 'user',
    'llm.input_messages.1.message.content': 'What is our refund window?',
    'llm.output_messages.0.message.role': 'assistant',
    'llm.output_messages.0.message.content': 'Refunds are accepted within 30 days of delivery.',
  }, root);
  return request('rag-service', b.spans);
}

/** A run whose tool fails: the error comes from the span status and an exception event. */
function failingTool(t0: number): unknown {
  const b = new TraceBuilder(3, t0);
  const root = b.span('invoke_agent shipping-agent', 0, 1800, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'shipping-agent' }, undefined, { status: { code: 2, message: 'tool track_parcel failed' } });
  b.span('chat gpt-4.1-mini', 10, 900, { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4.1-mini', 'gen_ai.usage.input_tokens': 402, 'gen_ai.usage.output_tokens': 21 }, root);
  b.span('execute_tool track_parcel', 910, 1790, { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'track_parcel' }, root, {
    status: { code: 2, message: 'HTTP 503 from carrier API' },
    events: [{ timeUnixNano: `${BigInt(t0 + 1790) * 1_000_000n}`, name: 'exception', attributes: attrs({ 'exception.type': 'CarrierUnavailable', 'exception.message': 'HTTP 503 from carrier API' }) }],
  });
  return request('shipping-agent', b.spans);
}

/** OTLP/HTTP JSON export requests, one per trace, starting a few minutes before `now`. */
export function demoOtelRequests(now = Date.now()): unknown[] {
  return [checkoutAssistant(now - 300_000), ragAnswer(now - 180_000), failingTool(now - 60_000)];
}
