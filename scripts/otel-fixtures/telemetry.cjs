// The OpenTelemetry side of a fixture scenario, as an instrumented app sets it up: a global tracer provider (and
// logger provider) with the SDK's OTLP/HTTP JSON exporters, sending to a capture server of our own on 127.0.0.1.
// What the exporters send is what the fixture files hold, byte for byte merged into one request per signal.
const { createServer } = require('node:http');
const { context, trace, logs } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { TracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace');
const { LoggerProvider, SimpleLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');

function startCapture() {
  const bodies = { traces: [], logs: [] };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const kind = req.url.endsWith('/v1/logs') ? 'logs' : 'traces';
      bodies[kind].push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, bodies, close: () => new Promise((r) => server.close(() => r())),
  })));
}

/** Registers global providers exporting to the capture server; `withLogs` adds a logger provider. */
async function setupTelemetry(serviceName, { withLogs = false, register = true } = {}) {
  const capture = await startCapture();
  const resource = resourceFromAttributes({ 'service.name': serviceName });
  const spanExporter = new OTLPTraceExporter({ url: `${capture.url}/v1/traces` });
  const tracerProvider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })] });
  let loggerProvider;
  if (register) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(tracerProvider);
  }
  if (withLogs) {
    loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${capture.url}/v1/logs` }) })] });
    logs.setGlobalLoggerProvider(loggerProvider);
  }
  return {
    tracerProvider, loggerProvider, spanExporter, captureUrl: capture.url,
    /** Flushes, shuts down and returns the merged requests: { traces: {resourceSpans}, logs?: {resourceLogs} }. */
    async finish() {
      await tracerProvider.forceFlush();
      if (loggerProvider) await loggerProvider.forceFlush();
      await tracerProvider.shutdown();
      if (loggerProvider) await loggerProvider.shutdown();
      await capture.close();
      const out = { traces: { resourceSpans: capture.bodies.traces.flatMap((b) => b.resourceSpans ?? []) } };
      if (withLogs) out.logs = { resourceLogs: capture.bodies.logs.flatMap((b) => b.resourceLogs ?? []) };
      return out;
    },
  };
}

module.exports = { setupTelemetry, startCapture };
