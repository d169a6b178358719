// `npm run bench:receiver [-- --spans N]`: the local OTLP receiver fed by the real OpenTelemetry JS SDK. Records one
// trace of N GenAI chat spans (default 20,000) with the SDK, then for each encoding (protobuf, JSON):
//   bodyBytes      the request body the SDK's exporter writes
//   readMs         decoding the body and reading its spans in process (protobuf: our decoder; JSON: JSON.parse),
//                  median of BENCH_RUNS (default 5)
//   exportMs       the SDK exporter's export() to the receiver over HTTP on 127.0.0.1 until its callback, which
//                  includes storing and grouping the spans: median of BENCH_RUNS, each into an empty store
// Figures, not assertions.
import { SpanKind, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { decodeTraceRequest } from '../src/model/otlpProto';
import { readOtlp } from '../src/model/otlpRead';
import { OtlpReceiver } from '../src/receiver/otlpReceiver';
import { LocalTraceStore } from '../src/receiver/traceStore';
import { captureBody, exportSpans, recordSpans } from '../test/unit/receiver/otelSdk';
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
  const out: Record<string, unknown> = { spans: spans.length };
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
  }
  console.log(JSON.stringify(withLoad(out)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
