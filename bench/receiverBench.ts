// `npm run bench:receiver [-- --spans N]`: the local OTLP receiver fed by the real OpenTelemetry JS SDK. Records one
// trace of N GenAI chat spans (default 20,000) with the SDK, then for each encoding (protobuf, JSON):
//   bodyBytes      the request body the SDK's exporter writes
//   readMs         decoding the body and reading its spans in process (protobuf: our decoder; JSON: JSON.parse),
//                  median of BENCH_RUNS (default 5)
//   exportMs       the SDK exporter's export() to the receiver over HTTP on 127.0.0.1 until its callback, which
//                  includes storing and grouping the spans: median of BENCH_RUNS, each into an empty store
// and, under `logs`, the same for the spans' GenAI events as OTLP log records (two a span: the user message and the
// choice, as @opentelemetry/instrumentation-openai writes them), exported after the spans; each run then checks
// that every chat step shows the answer from its log record (the events attached), and `mapMs` is mapping that trace once.
// Figures, not assertions.
import * as os from 'node:os';
import { SpanKind, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { readOtlpLogs } from '../src/model/otlpLogs';
import { decodeTraceRequest } from '../src/model/otlpProto';
import { decodeLogsRequest } from '../src/model/otlpProtoLogs';
import { readOtlp } from '../src/model/otlpRead';
import { OtlpReceiver } from '../src/receiver/otlpReceiver';
import { LocalTraceStore } from '../src/receiver/traceStore';
import { captureBody, captureLogsBody, exportLogs, exportSpans, recordLogs, recordSpans } from '../test/unit/receiver/otelSdk';
import { median, round, withLoad } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--spans');
  const n = i >= 0 ? Number(argv[i + 1]) : 20_000;
  const spans = await recordSpans((tracer) => {
    const root = tracer.startSpan('invoke_agent Bench', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Bench' } }, ROOT_CONTEXT);
    const under = trace.setSpan(ROOT_CONTEXT, root);
    for (let k = 1; k < n; k++) {
      const s = tracer.startSpan('chat gpt-4o', {
        kind: SpanKind.CLIENT,
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 100 + (k % 50), 'gen_ai.usage.output_tokens': 20 },
      }, under);
      s.addEvent('gen_ai.user.message', { content: `question ${k}` });
      s.end();
    }
    root.end();
  });
  const records = await recordLogs((logger) => {
    for (const s of spans) {
      if (s.name !== 'chat gpt-4o') continue;
      const ctx = trace.setSpanContext(ROOT_CONTEXT, s.spanContext());
      logger.emit({ context: ctx, eventName: 'gen_ai.user.message', body: { content: `question ${s.spanContext().spanId}` } });
      logger.emit({ context: ctx, eventName: 'gen_ai.choice', body: { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'answer' } } });
    }
  });
  const out: Record<string, unknown> = { spans: spans.length, logRecords: records.length, loadavg: round(os.loadavg()[0]!) };
  for (const kind of ['protobuf', 'json'] as const) {
    const body = await captureBody(kind, spans);
    const reads: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const read = readOtlp(kind === 'protobuf' ? decodeTraceRequest(body) : JSON.parse(body.toString('utf8')));
      reads.push(performance.now() - t);
      if (read.spans.length !== spans.length) throw new Error(`${kind}: read ${read.spans.length} of ${spans.length} spans`);
    }
    const exports: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const store = new LocalTraceStore(10);
      const receiver = new OtlpReceiver({ port: 0, store });
      await receiver.start();
      try {
        const t = performance.now();
        const result = await exportSpans(kind, `${receiver.url}/v1/traces`, spans);
        exports.push(performance.now() - t);
        if (result.code !== 0) throw new Error(`${kind} export failed: ${String(result.error)}`);
        if (store.get(spans[0]!.spanContext().traceId)?.stepCount !== spans.length) throw new Error(`${kind}: the trace did not arrive whole`);
      } finally {
        await receiver.stop();
      }
    }
    out[kind] = { bodyBytes: body.length, readMs: round(median(reads)), exportMs: round(median(exports)) };
    const logBody = await captureLogsBody(kind, records);
    const logReads: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const read = readOtlpLogs(kind === 'protobuf' ? decodeLogsRequest(logBody) : JSON.parse(logBody.toString('utf8')));
      logReads.push(performance.now() - t);
      if (read.events.length !== records.length) throw new Error(`${kind}: read ${read.events.length} of ${records.length} log events`);
    }
    const logExports: number[] = [];
    const maps: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const store = new LocalTraceStore(10);
      const receiver = new OtlpReceiver({ port: 0, store });
      await receiver.start();
      try {
        if ((await exportSpans(kind, `${receiver.url}/v1/traces`, spans)).code !== 0) throw new Error(`${kind}: span export failed`);
        const t = performance.now();
        const result = await exportLogs(kind, `${receiver.url}/v1/logs`, records);
        logExports.push(performance.now() - t);
        if (result.code !== 0) throw new Error(`${kind} log export failed: ${String(result.error)}`);
        const m = performance.now();
        const mapped = store.get(spans[0]!.spanContext().traceId)!;
        maps.push(performance.now() - m);
        const chats = mapped.roots[0]!.children;
        const attached = chats.filter((c) => c.detail.kind === 'llm' && c.detail.messages.some((m) => m.role === 'assistant' && m.content === 'answer')).length;
        if (attached !== chats.length) throw new Error(`${kind}: events attached to ${attached} of ${chats.length} chat steps`);
      } finally {
        await receiver.stop();
      }
    }
    (out[kind] as Record<string, unknown>).logs = {
      bodyBytes: logBody.length, readMs: round(median(logReads)), exportMs: round(median(logExports)), mapMs: round(median(maps)),
    };
  }
  console.log(JSON.stringify(withLoad(out)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
