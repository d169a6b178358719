// The real OpenTelemetry JS SDK and its two OTLP/HTTP exporters (protobuf and JSON), as an instrumented agent
// would use them: spans are recorded by the SDK, then exported by the exporter under test. Nothing is stubbed.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

export type ExporterKind = 'protobuf' | 'json';

/** Spans the SDK recorded while `build` ran (every span must be ended in it). */
export async function recordSpans(build: (tracer: Tracer) => void): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
  build(provider.getTracer('agentlens-test', '1.2.3'));
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** Exports `spans` to `url` with the SDK's exporter; resolves with its result code (0 = success) and any error. */
export async function exportSpans(kind: ExporterKind, url: string, spans: ReadableSpan[], gzip = false): Promise<{ code: number; error?: Error }> {
  const config = { url, compression: gzip ? 'gzip' : 'none', timeoutMillis: 10_000 } as ConstructorParameters<typeof ProtoExporter>[0];
  const exporter = kind === 'protobuf' ? new ProtoExporter(config) : new JsonExporter(config);
  try {
    return await new Promise((resolve) => exporter.export(spans, (r) => resolve({ code: r.code, error: r.error })));
  } finally {
    await exporter.shutdown();
  }
}

/** A sample agent run: invoke_agent → chat (tokens, messages as events) and a tool call that fails. */
export function sampleAgent(tracer: Tracer): void {
  const root = tracer.startSpan('invoke_agent Support', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Support' } }, ROOT_CONTEXT);
  // Parents are passed explicitly: no context manager is registered in a test process.
  const under = trace.setSpan(ROOT_CONTEXT, root);
  const chat = tracer.startSpan('chat gpt-4o', {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 30, 'gen_ai.request.temperature': 0.25, 'app.flags': [true, false], 'app.big': 2 ** 40,
    },
  }, under);
  chat.addEvent('gen_ai.user.message', { content: 'Where is my refund?' });
  chat.addEvent('gen_ai.choice', { 'message.content': 'Looking it up.', finish_reason: 'tool_calls' });
  chat.end();
  const tool = tracer.startSpan('execute_tool lookup_order', { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' } }, under);
  tool.recordException(new Error('order service timed out'));
  tool.setStatus({ code: SpanStatusCode.ERROR, message: 'order service timed out' });
  tool.end();
  root.end();
}
