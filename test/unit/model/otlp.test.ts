// The OTLP mapper on fixtures written from the conventions: both GenAI generations, OpenInference,
// Traceloop, errors, unknown spans, trees and several traces per file.
import assert from 'node:assert/strict';
import { groupSpans, summarizeGroup, traceFromOtlp } from '../../../src/model/otlp';
import { anyValue, idOf, nanosToMs, readOtlp } from '../../../src/model/otlpRead';
import { walk } from '../../../src/model/rollup';
import type { Step, StepDetail, Trace } from '../../../src/model/types';
import { T1, T2, attr, errors, genAiCurrent, genAiDeprecated, openInference, request, span, traceloop } from './otlpFixtures';

function steps(t: Trace): Step[] {
  const out: Step[] = [];
  walk(t.roots, (s) => {
    out.push(s);
  });
  return out;
}
const byName = (t: Trace, name: string): Step => {
  const s = steps(t).find((x) => x.name === name);
  assert.ok(s, `no step ${name}`);
  return s;
};
function detail<K extends StepDetail['kind']>(s: Step, kind: K): Extract<StepDetail, { kind: K }> {
  assert.equal(s.detail.kind, kind, `${s.name} is ${s.detail.kind}`);
  return s.detail as Extract<StepDetail, { kind: K }>;
}

describe('model: OTLP spans', () => {
  it('reads attribute value variants, 64-bit times and ids', () => {
    assert.equal(anyValue({ intValue: '42' }), 42);
    assert.equal(anyValue({ intValue: 7 }), 7);
    assert.equal(anyValue({ intValue: '9223372036854775807' }), '9223372036854775807');
    assert.equal(anyValue({ doubleValue: 0.5 }), 0.5);
    assert.equal(anyValue({ boolValue: false }), false);
    assert.deepEqual(anyValue(attr('', ['a', 1]).value), ['a', 1]);
    assert.deepEqual(anyValue(attr('', { k: { n: 'v' } }).value), { k: { n: 'v' } });
    assert.equal(nanosToMs('1760000000123456789'), 1760000000123.456789);
    assert.equal(nanosToMs(1_500_000), 1.5);
    assert.equal(nanosToMs('0'), 0);
    assert.equal(idOf('5B8EFFF798038103D269B633813FC60C', 16), T1);
    // The same id base64-encoded, as a generic protobuf-JSON encoder writes it.
    assert.equal(idOf(Buffer.from(T1, 'hex').toString('base64'), 16), T1);
    assert.equal(idOf(Buffer.from('a000000000000001', 'hex').toString('base64'), 8), 'a000000000000001');
  });

  it('maps the current GenAI conventions: kinds, model, tokens, messages, tools, resource', () => {
    const t = traceFromOtlp(genAiCurrent());
    assert.deepEqual([t.id, t.source, t.title, t.agentName, t.environment, t.revision, t.stepCount], [T1, 'otlp', 'Support', 'Support', 'staging', '1.2.3', 4]);
    assert.equal(t.roots.length, 1);
    const root = t.roots[0]!;
    assert.equal(root.kind, 'agent');
    assert.deepEqual(root.children.map((c) => c.kind), ['llm', 'tool', 'llm']);
    const llm = root.children[0]!;
    const d = detail(llm, 'llm');
    assert.deepEqual([d.provider, d.model], ['openai', 'gpt-4o-2024-08-06']);
    assert.deepEqual(llm.tokens, { input: 120, output: 30, cached: 64, thinking: 12 });
    assert.deepEqual(d.messages.map((m) => [m.role, m.content]), [['system', 'You are a support agent.'], ['user', 'Where is my order 42?'], ['assistant', '']]);
    assert.deepEqual(d.messages[2]!.toolCalls, [{ id: 'call_1', name: 'lookup_order', arguments: { order: 42 } }]);
    assert.deepEqual(d.tools.map((x) => [x.name, x.description]), [['lookup_order', 'Find an order']]);
    const tool = detail(root.children[1]!, 'tool');
    assert.deepEqual([tool.tool, tool.toolType, tool.parameters, tool.result], ['lookup_order', 'function', { order: 42 }, { json: { status: 'shipped' } }]);
    // Structured (arrayValue/kvlistValue) messages read the same as JSON strings.
    const second = detail(root.children[2]!, 'llm');
    assert.deepEqual(second.messages[0], { role: 'tool', content: '{"status":"shipped"}', toolCallId: 'call_1' });
    assert.deepEqual(second.result, { text: 'Your order has shipped.' });
    assert.deepEqual(t.tokens, { input: 320, output: 50, cached: 64, thinking: 12 });
    assert.equal(t.status, 'ok');
    assert.equal(t.end! - t.start, 3000);
    // What the detail already shows is not repeated in the attributes; the rest is kept.
    assert.equal(llm.attributes?.['gen_ai.input.messages'], undefined);
    assert.equal(llm.attributes?.['gen_ai.request.model'], 'gpt-4o');
    assert.equal(llm.attributes?.['otel.span_kind'], 'client');
  });

  it('maps the deprecated GenAI generation: gen_ai.system, prompt/completion tokens, indexed and event messages', () => {
    const t = traceFromOtlp(genAiDeprecated());
    assert.equal(t.roots.length, 3);
    const [a, b, c] = t.roots as [Step, Step, Step];
    assert.deepEqual([a.kind, b.kind, c.kind], ['llm', 'llm', 'llm']);
    const da = detail(a, 'llm');
    assert.equal(da.provider, 'anthropic');
    assert.deepEqual(a.tokens, { input: 50, output: 7, cached: 5, thinking: 0 });
    assert.deepEqual(da.messages.map((m) => [m.role, m.content]), [['system', 'Be brief.'], ['user', 'Hi'], ['assistant', 'Hello!']]);
    assert.deepEqual(da.messages[2]!.toolCalls, [{ id: 'c9', name: 'wave', arguments: { hand: 'left' } }]);
    const db = detail(b, 'llm');
    assert.deepEqual(db.messages.map((m) => [m.role, m.content]), [['system', 'System rules'], ['user', 'What time is it?'], ['assistant', 'Noon.']]);
    assert.deepEqual(b.tokens, { input: 11, output: 3, cached: 0, thinking: 0 });
    assert.deepEqual(detail(c, 'llm').messages.map((m) => [m.role, m.content]), [['user', 'Say yes'], ['assistant', 'yes']]);
    // Events consumed as messages are not repeated; the title falls back to the root span name.
    assert.equal(b.attributes?.['otel.events'], undefined);
  });

  it('maps OpenInference kinds, messages, tokens and cost', () => {
    const t = traceFromOtlp(openInference());
    const root = t.roots[0]!;
    assert.equal(root.kind, 'flow');
    assert.deepEqual(root.children.map((s) => s.kind), ['retrieval', 'llm', 'tool', 'other']);
    assert.deepEqual(detail(root, 'generic').input, { question: 'What is OTel?' });
    const llm = root.children[1]!;
    const d = detail(llm, 'llm');
    assert.deepEqual([d.model, d.provider], ['gpt-4o-mini', 'openai']);
    assert.deepEqual(llm.tokens, { input: 300, output: 40, cached: 100, thinking: 0 });
    assert.ok(Math.abs(llm.cost.total - 0.0007) < 1e-12);
    assert.ok(Math.abs(llm.cost.input - 0.0003) < 1e-12);
    assert.deepEqual(d.messages.map((m) => [m.role, m.content]),
      [['system', 'Answer from context.'], ['user', 'What is OTel?'], ['assistant', 'OpenTelemetry is an observability framework.']]);
    assert.deepEqual(d.messages[2]!.toolCalls, [{ id: 't1', name: 'cite', arguments: { doc: 1 } }]);
    assert.deepEqual(d.tools.map((x) => [x.name, x.description]), [['cite', 'Cite a doc']]);
    const tool = detail(root.children[2]!, 'tool');
    assert.deepEqual([tool.tool, tool.parameters, tool.result], ['cite', { doc: 1 }, { text: 'ok' }]);
    assert.equal(byName(t, 'cite').attributes?.['tool.parameters'], '{"type":"object","properties":{"doc":{"type":"integer"}}}', 'the schema stays an attribute');
    assert.equal(root.children[3]!.rawType, 'GUARDRAIL');
    assert.ok(Math.abs(t.cost.total - 0.0007) < 1e-12);
  });

  it('maps Traceloop kinds and recognises a human-approval gate by its attributes', () => {
    const t = traceFromOtlp(traceloop());
    const root = t.roots[0]!;
    assert.equal(t.title, 'joke_workflow');
    assert.deepEqual([root.kind, ...root.children.map((s) => s.kind)], ['flow', 'flow', 'tool', 'hitl']);
    assert.deepEqual(detail(root.children[0]!, 'generic').result, { text: 'A cat joke' });
    const tool = detail(root.children[1]!, 'tool');
    assert.deepEqual([tool.tool, tool.parameters, tool.result], ['search', { q: 'cats' }, { json: ['c1'] }]);
    const gate = detail(root.children[2]!, 'hitl');
    assert.deepEqual([gate.requestId, gate.decision, gate.toolKey], ['req-1', 'APPROVE', 'refund']);
  });

  it('takes errors from the status (number or name), exception events and error.type', () => {
    const t = traceFromOtlp(errors());
    assert.equal(t.status, 'error');
    const [fail, flaky, chat, ok] = steps(t);
    assert.deepEqual([fail!.status, fail!.error], ['error', 'agent failed']);
    assert.deepEqual([flaky!.status, flaky!.error], ['error', 'TimeoutError: took too long']);
    const events = flaky!.attributes?.['otel.events'] as Array<{ name: string; attributes: Record<string, unknown> }>;
    assert.equal(events[0]!.attributes['exception.stacktrace'], 'at flaky()');
    assert.deepEqual([chat!.status, chat!.error], ['error', 'rate_limited']);
    assert.deepEqual([ok!.status, ok!.error], ['ok', undefined]);
  });

  it('keeps unknown spans as generic steps with all their attributes, and open spans as running', () => {
    const t = traceFromOtlp(request([
      span({ id: 'f000000000000001', name: 'GET /orders', kind: 2, end: null, attrs: { 'http.request.method': 'GET', 'x.list': ['a', 'b'] } }),
    ]));
    const s = t.roots[0]!;
    assert.deepEqual([s.kind, s.status, s.end, t.end, t.status], ['other', 'running', undefined, undefined, 'running']);
    assert.equal(s.attributes?.['http.request.method'], 'GET');
    assert.deepEqual(s.attributes?.['x.list'], ['a', 'b']);
    assert.equal(s.attributes?.['otel.span_kind'], 'server');
  });

  it('rebuilds the tree: orphans become roots, cycles do not lose spans, children by start time, duplicates once', () => {
    const t = traceFromOtlp(request([
      span({ id: '1000000000000002', parent: '1000000000000001', name: 'late child', start: 50 }),
      span({ id: '1000000000000003', parent: '1000000000000001', name: 'early child', start: 10 }),
      span({ id: '1000000000000001', name: 'root', start: 0, end: 500 }),
      span({ id: '1000000000000004', parent: 'ffffffffffffffff', name: 'orphan', start: 5 }),
      span({ id: '1000000000000005', parent: '1000000000000006', name: 'cycle a', start: 600 }),
      span({ id: '1000000000000006', parent: '1000000000000005', name: 'cycle b', start: 601 }),
      span({ id: '1000000000000003', parent: '1000000000000001', name: 'early child', start: 10 }),
    ]));
    assert.equal(t.stepCount, 6);
    assert.deepEqual(t.roots.map((r) => r.name), ['root', 'orphan', 'cycle a']);
    assert.deepEqual(t.roots[0]!.children.map((c) => c.name), ['early child', 'late child']);
    assert.deepEqual(t.roots[2]!.children.map((c) => c.name), ['cycle b']);
  });

  it('groups several traces: one by id, or all of them each as a root', () => {
    const body = request([
      span({ trace: T1, id: '2000000000000001', name: 'first', start: 0 }),
      span({ trace: T2, id: '3000000000000001', name: 'second a', start: 100 }),
      span({ trace: T2, id: '3000000000000002', name: 'second b', start: 200 }),
      span({ trace: T2, id: '2000000000000001', parent: '3000000000000001', name: 'same span id', start: 150 }),
    ]);
    const groups = groupSpans(readOtlp(body).spans);
    assert.deepEqual(groups.map(summarizeGroup).map((s) => [s.traceId, s.name, s.spanCount]), [[T1, 'first', 1], [T2, 'second a', 3]]);
    assert.equal(traceFromOtlp(body, T2).stepCount, 3);
    assert.throws(() => traceFromOtlp(body, 'nope'), /no trace nope/);
    const all = traceFromOtlp(body);
    assert.equal(all.title, '2 traces');
    assert.equal(all.stepCount, 5, 'four spans and one step around the trace with two roots');
    assert.deepEqual(all.roots.map((r) => r.name), ['first', `Trace ${T2.slice(0, 8)} (2 root spans)`]);
    const ids = steps(all).map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique across traces');
  });

  it('skips what is not a span, and reads the pre-0.15 instrumentationLibrarySpans name', () => {
    const r = readOtlp({ resourceSpans: [null, { scopeSpans: [{ spans: [3, { name: 'no id' }, span({ id: '4000000000000001', name: 'fine' })] }] },
      { instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'old' }, spans: [span({ id: '4000000000000002', name: 'old' })] }] }] });
    assert.deepEqual([r.spans.map((s) => s.name), r.rejected], [['fine', 'old'], 2]);
    assert.equal(r.spans[1]!.scope, 'old');
    assert.throws(() => traceFromOtlp({ resourceSpans: [] }), /no spans/);
  });

  it('never throws on odd values where the spec has types: it maps what it can', () => {
    const odd: unknown[] = [null, 3, 'x', [], {}, { stringValue: null }, { arrayValue: null }, { kvlistValue: { values: [null, { key: 1 }] } }, { intValue: 'NaN' }];
    const spans = odd.map((v, i) => ({
      traceId: i % 2 ? T1 : 42, spanId: `77000000000000${String(i).padStart(2, '0')}`, parentSpanId: i ? `77000000000000${String(i - 1).padStart(2, '0')}` : null,
      name: i % 3 ? undefined : { not: 'a string' }, kind: 'SPAN_KIND_WHATEVER', startTimeUnixNano: i % 2 ? '-5' : 'soon', endTimeUnixNano: i % 2 ? 1e18 : null,
      attributes: i % 4 ? [{ key: 'gen_ai.operation.name', value: v }, { key: 'gen_ai.input.messages', value: { stringValue: '[{"role":1,"parts":"no"}]' } },
        { key: 'llm.input_messages.0.message.role', value: v }, { key: 'gen_ai.usage.input_tokens', value: v }, { key: 'x.cost.total', value: v }] : 'nope',
      events: [null, { name: 5, attributes: 'x' }, { name: 'gen_ai.choice', attributes: [{ key: 'message', value: v }] }, { name: 'exception' }],
      status: i % 2 ? { code: v } : 'broken',
    }));
    for (const body of [request(spans as never), { resourceSpans: [{ scopeSpans: [{ spans }] }] }]) {
      const t = traceFromOtlp(body);
      assert.equal(steps(t).filter((s) => !s.id.startsWith('trace:')).length, odd.length, 'every span is a step');
      assert.equal(t.stepCount, steps(t).length);
      for (const s of steps(t)) {
        assert.ok(Number.isFinite(s.start) && Number.isFinite(s.tokens.input) && Number.isFinite(s.cost.total), s.id);
        assert.equal(typeof s.name, 'string');
      }
    }
  });
});
