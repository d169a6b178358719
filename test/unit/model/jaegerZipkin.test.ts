// Jaeger JSON (query API / UI download, bare trace) and Zipkin v2 JSON (spans, or a list of traces) detected and
// mapped through the OTLP step mapping. Shapes follow the projects' own data: Jaeger's model/converter/json
// fixtures and UI test traces ({key, type, value} tags, µs times, references, processes), Zipkin's v2 span model.
import assert from 'node:assert/strict';
import { jaegerSpans, zipkinSpans } from '../../../src/model/jaegerZipkin';
import { walk } from '../../../src/model/rollup';
import { detectTraceFile, parseTraceText, spansOfTraceFile, traceFromFile } from '../../../src/model/traceFile';
import type { Step, Trace } from '../../../src/model/types';
import { T, US, jaegerTrace, zipkin } from './jaegerZipkinFixtures';

function steps(t: Trace): Step[] {
  const out: Step[] = [];
  walk(t.roots, (s) => {
    out.push(s);
  });
  return out;
}

/** What both formats must give for the same run. */
function checkWeather(t: Trace): void {
  assert.equal(t.roots.length, 1);
  const root = t.roots[0]!;
  assert.deepEqual([root.kind, root.name, root.start, root.end], ['agent', t.roots[0]!.name, US / 1000, US / 1000 + 900]);
  assert.deepEqual(root.children.map((c) => c.kind), ['llm', 'tool']);
  const [chat, tool] = root.children as [Step, Step];
  assert.equal(chat.detail.kind === 'llm' && chat.detail.model, 'gpt-4o');
  assert.deepEqual([chat.tokens.input, chat.tokens.output], [34, 12]);
  assert.equal(chat.attributes?.['otel.span_kind'], 'client');
  assert.equal(tool.detail.kind === 'tool' && tool.detail.tool, 'get_weather');
  assert.deepEqual([tool.status, tool.error], ['error', 'weather service down']);
  assert.deepEqual([t.tokens.input, t.tokens.output], [34, 12]);
}

describe('model: Jaeger and Zipkin trace files', () => {
  it('detects Jaeger JSON: the query API / UI download, the UI state and a bare trace', () => {
    for (const json of [{ data: [jaegerTrace()], total: 0, limit: 0, offset: 0, errors: null }, { data: jaegerTrace() }, jaegerTrace()]) {
      assert.equal(detectTraceFile(json).kind, 'jaeger');
      checkWeather(traceFromFile(json));
    }
  });

  it('maps Jaeger tags by type, logs as events, processes as the resource, references as the tree', () => {
    const spans = jaegerSpans({ data: [jaegerTrace()] });
    const chat = spans[1]!;
    assert.deepEqual([chat.traceId, chat.spanId, chat.parentSpanId, chat.kind], [T, '53995c3f42cd8ad8', '00f067aa0ba902b7', 3]);
    assert.deepEqual([chat.attrs['gen_ai.request.temperature'], chat.attrs.blob], [0.5, 'AAAwOQ==']);
    assert.deepEqual(chat.events, [{ name: 'gen_ai.user.message', time: (US + 110_000) / 1000, attrs: { content: 'Weather in Paris?' } }]);
    assert.deepEqual(spans[0]!.resource, { 'service.version': '1.4.0', 'service.name': 'weather-agent' });
    // FOLLOWS_FROM in the same trace is still the parent; the scope comes from its tag.
    assert.deepEqual([spans[2]!.parentSpanId, spans[2]!.scope, spans[2]!.statusCode], ['00f067aa0ba902b7', 'my-agent', 2]);
    const t = traceFromFile({ data: [jaegerTrace()] });
    const msgs = steps(t).find((s) => s.kind === 'llm')!.detail;
    assert.deepEqual(msgs.kind === 'llm' && msgs.messages.map((m) => [m.role, m.content]), [['user', 'Weather in Paris?']]);
  });

  it('Jaeger with several traces: one by id, or all as roots; short ids kept as given', () => {
    const other = '0000000000000001';
    const file = { data: [jaegerTrace(), jaegerTrace(other)] };
    const info = detectTraceFile(file);
    assert.deepEqual([...new Set(spansOfTraceFile(info)!.map((s) => s.traceId))], [T, other]);
    assert.equal(traceFromFile(file).roots.length, 2);
    checkWeather(traceFromFile(file, { traceId: other }));
    assert.throws(() => traceFromFile(file, { traceId: 'ffff' }), /has no trace ffff/);
  });

  it('detects Zipkin v2: an array of spans, or a list of traces', () => {
    assert.equal(detectTraceFile(zipkin()).kind, 'zipkin');
    checkWeather(traceFromFile(zipkin()));
    const two = [zipkin(), zipkin('0af7651916cd43dd8448eb211c80319c')];
    assert.equal(detectTraceFile(two).kind, 'zipkin');
    assert.equal(traceFromFile(two).roots.length, 2);
  });

  it('maps Zipkin kinds, annotations, endpoints; string tags hold numbers; a span without duration is running', () => {
    const spans = zipkinSpans(zipkin());
    assert.deepEqual([spans[1]!.kind, spans[1]!.events[0]!.name, spans[1]!.resource], [3, 'first token', { 'service.name': 'weather-agent' }]);
    const open = zipkinSpans([{ traceId: T, id: 'a1', name: 'still going', timestamp: US }]);
    assert.equal(open[0]!.end, undefined);
    assert.equal(traceFromFile([{ traceId: T, id: 'a1', name: 'still going', timestamp: US }]).roots[0]!.status, 'running');
  });

  it('a JSON array that is not Zipkin, or an object that is not Jaeger, says what it looks like', () => {
    assert.throws(() => traceFromFile([1, 2]), /JSON array of 2 items/);
    assert.throws(() => traceFromFile({ data: [] }), /keys "data"/);
    assert.equal(detectTraceFile(parseTraceText(JSON.stringify(zipkin()), 'trace.json')).kind, 'zipkin');
  });
});
