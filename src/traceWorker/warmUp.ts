// Warming a trace worker while it waits as the spare (src/traceWorker/pool.ts): a fresh worker runs its first trace in
// code V8 has not optimized yet, on a heap sized for an empty worker (its young generation starts small, so the first
// megabytes collect often). Reading, mapping and outlining a small made-up GenAI trace once at start pays that
// before anyone waits: ~40 ms of the worker's own thread, and 10,000-span files then open ~50 ms sooner (bench:open,
// bench/README-open.md). Nothing is kept; a job sent right as the worker starts (no spare) waits for it. Pure Node.
import { traceFromGroups, traceGroups } from '../model/otlp';
import { otlpFileSpans } from '../model/otlpFile';
import { TraceSession } from '../model/traceSession';

type Attr = { key: string; value: Record<string, unknown> };
const str = (key: string, v: string): Attr => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): Attr => ({ key, value: { intValue: String(v) } });
const dbl = (key: string, v: number): Attr => ({ key, value: { doubleValue: v } });
const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');

/**
 * An OTLP/JSON document of `count` spans in the shapes GenAI traces have (an agent, workflows, chat calls with
 * tokens, cost and messages, tool calls with arguments and results), large enough (~0.6 MB at 800 spans) for V8 to
 * optimize what a real file's spans run through.
 */
export function warmUpDocument(count = 800): Buffer {
  const traceId = hex(0x5eed, 32);
  const t0 = 1_700_000_000_000;
  const nanos = (ms: number): string => `${t0 + ms}000000`;
  const spans: Record<string, unknown>[] = [];
  const span = (i: number, parent: number, name: string, attributes: Attr[], kind = 1): void => {
    spans.push({
      traceId, spanId: hex(i + 1, 16), parentSpanId: parent < 0 ? '' : hex(parent + 1, 16), name, kind,
      startTimeUnixNano: nanos(i * 10), endTimeUnixNano: nanos(i * 10 + 8), attributes, status: { code: i % 97 === 5 ? 2 : 1 },
    });
  };
  span(0, -1, 'invoke_agent Warm-up', [str('gen_ai.operation.name', 'invoke_agent'), str('gen_ai.agent.name', 'Warm-up')]);
  let flow = 0;
  for (let i = 1; i < count; i++) {
    if (i % 10 === 1) {
      flow = i;
      span(i, 0, `invoke_workflow step ${i}`, [str('gen_ai.operation.name', 'invoke_workflow'), str('gen_ai.workflow.name', `step ${i}`)]);
    } else if (i % 3 === 0) {
      span(i, flow, 'execute_tool lookup', [str('gen_ai.operation.name', 'execute_tool'), str('gen_ai.tool.name', 'lookup'),
        str('gen_ai.tool.call.arguments', JSON.stringify({ query: `item ${i}` })), str('gen_ai.tool.call.result', JSON.stringify({ found: i % 2 === 0 }))]);
    } else {
      span(i, flow, 'chat model-a', [str('gen_ai.operation.name', 'chat'), str('gen_ai.provider.name', 'provider'),
        str('gen_ai.request.model', 'model-a'), str('gen_ai.response.model', 'model-a'), int('gen_ai.usage.input_tokens', 100 + (i % 50)),
        int('gen_ai.usage.output_tokens', 20 + (i % 7)), int('gen_ai.usage.cache_read.input_tokens', i % 11), dbl('x.cost.input', 0.0001 * (i % 5)),
        dbl('x.cost.output', 0.0002), str('gen_ai.input.messages', JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `question ${i}` }] }])),
        str('gen_ai.output.messages', JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: `answer ${i}` }] }]))], 3);
    }
  }
  const doc = { resourceSpans: [{ resource: { attributes: [str('service.name', 'warm-up')] }, scopeSpans: [{ scope: { name: 'agentlens.warm-up' }, spans }] }] };
  return Buffer.from(JSON.stringify(doc));
}

/** Reads, maps and outlines the made-up trace as a file job would, and drops it. */
export function warmUp(): void {
  const spans = otlpFileSpans(warmUpDocument());
  if (!spans) return;
  new TraceSession(traceFromGroups(traceGroups(spans)), { copy: () => undefined, openLink: () => undefined }, true).packedOutline();
}
