// The real OpenTelemetry JS SDK and its two OTLP/HTTP exporters (protobuf and JSON), as an instrumented agent
// would use them: spans are recorded by the SDK, then exported by the exporter under test. Nothing is stubbed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Logger } from '@opentelemetry/api-logs';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';

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

/**
 * The request body the SDK's exporter writes for `spans`: exported to a server of our own that keeps it and answers
 * 200. Throws when the export fails or does not send exactly one request.
 */
export async function captureBody(kind: ExporterKind, spans: ReadableSpan[]): Promise<Buffer> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': kind === 'protobuf' ? 'application/x-protobuf' : 'application/json' });
      res.end(kind === 'protobuf' ? undefined : '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const result = await exportSpans(kind, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, spans);
    if (result.code !== 0) throw new Error(`the ${kind} exporter failed: ${String(result.error)}`);
  } finally {
    server.close();
  }
  if (bodies.length !== 1) throw new Error(`the ${kind} exporter sent ${bodies.length} requests, not 1`);
  return bodies[0]!;
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

// --- Logs: the SDK's LoggerProvider and its OTLP/HTTP log exporters (GenAI events as log records). ---

/** Log records the SDK recorded while `build` ran. */
export async function recordLogs(build: (logger: Logger) => void): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  build(provider.getLogger('agentlens-test', '1.2.3'));
  await provider.forceFlush();
  const records = memory.getFinishedLogRecords();
  await provider.shutdown();
  return records;
}

/** Exports `records` to `url` with the SDK's log exporter; resolves with its result code (0 = success). */
export async function exportLogs(kind: ExporterKind, url: string, records: ReadableLogRecord[], gzip = false): Promise<{ code: number; error?: Error }> {
  const config = { url, compression: gzip ? 'gzip' : 'none', timeoutMillis: 10_000 } as ConstructorParameters<typeof ProtoLogExporter>[0];
  const exporter = kind === 'protobuf' ? new ProtoLogExporter(config) : new JsonLogExporter(config);
  try {
    return await new Promise((resolve) => exporter.export(records, (r) => resolve({ code: r.code, error: r.error })));
  } finally {
    await exporter.shutdown();
  }
}

/** GenAI events for a span as @opentelemetry/instrumentation-openai writes them: a prompt and the choice. */
export function genAiEvents(logger: Logger, span: ReadableSpan, question: string, answer: string): void {
  const ctx = trace.setSpanContext(ROOT_CONTEXT, span.spanContext());
  logger.emit({ context: ctx, eventName: 'gen_ai.system.message', attributes: { 'gen_ai.system': 'openai' }, body: { content: 'Be brief.' } });
  logger.emit({ context: ctx, attributes: { 'event.name': 'gen_ai.user.message', 'gen_ai.system': 'openai' }, body: { content: question } });
  logger.emit({
    context: ctx, eventName: 'gen_ai.choice', attributes: { 'gen_ai.system': 'openai' },
    body: { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer } },
  });
  // Not a GenAI event: acknowledged, not kept.
  logger.emit({ context: ctx, body: 'an ordinary log line' });
}

/** The request body the SDK's log exporter writes for `records` (one request; throws otherwise). */
export async function captureLogsBody(kind: ExporterKind, records: ReadableLogRecord[]): Promise<Buffer> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': kind === 'protobuf' ? 'application/x-protobuf' : 'application/json' });
      res.end(kind === 'protobuf' ? undefined : '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const result = await exportLogs(kind, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`, records);
    if (result.code !== 0) throw new Error(`the ${kind} log exporter failed: ${String(result.error)}`);
  } finally {
    server.close();
  }
  if (bodies.length !== 1) throw new Error(`the ${kind} log exporter sent ${bodies.length} requests, not 1`);
  return bodies[0]!;
}
