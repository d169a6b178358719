// Pure parts of the trace-store feature: the paging rule and filters of a store list, search hits as rows
// (Jaeger whole traces, Tempo search results), credentials as headers, trace id normalization, and the
// simulator's TraceQL subset (what it accepts and refuses, as Tempo would).
import assert from 'node:assert/strict';
import { authHeaders, normalizeTraceId, parseStoreAuth } from '../../../src/api/stores/auth';
import { summarizeJaeger, summarizeTempo, traceFromJaeger } from '../../../src/model/storeTraces';
import { firstWindow, jaegerSearch, nextWindow, parseStoreFilter, tempoSearch, withErrorsOnly } from '../../../src/views/stores/storeQuery';
import { matchTrace, parseTraceQL, TraceQLError } from '../../../simulator/stores/traceql';
import type { FlatSpan } from '../../../simulator/stores/catalog';

const jaegerTrace = {
  traceID: '0af7651916cd43dd8448eb211c80319c',
  processes: { p1: { serviceName: 'support-bot', tags: [] } },
  spans: [
    { traceID: '0af7651916cd43dd8448eb211c80319c', spanID: '00f067aa0ba902b7', operationName: 'invoke_agent Support', references: [], startTime: 1_700_000_000_000_000, duration: 2_000_000,
      tags: [{ key: 'gen_ai.operation.name', type: 'string', value: 'invoke_agent' }], processID: 'p1' },
    { traceID: '0af7651916cd43dd8448eb211c80319c', spanID: '00f067aa0ba902b8', operationName: 'chat gpt-4o', references: [{ refType: 'CHILD_OF', traceID: '0af7651916cd43dd8448eb211c80319c', spanID: '00f067aa0ba902b7' }],
      startTime: 1_700_000_000_100_000, duration: 500_000, processID: 'p1',
      tags: [{ key: 'gen_ai.operation.name', type: 'string', value: 'chat' }, { key: 'gen_ai.request.model', type: 'string', value: 'gpt-4o' },
        { key: 'gen_ai.usage.input_tokens', type: 'int64', value: 120 }, { key: 'gen_ai.usage.output_tokens', type: 'int64', value: 30 },
        { key: 'error', type: 'bool', value: true }, { key: 'otel.status_code', type: 'string', value: 'ERROR' }] },
  ],
};

describe('stores: list paging and filters', () => {
  it('pages back in time from just before the oldest trace, and a second step when a page brought nothing new', () => {
    const f = parseStoreFilter({ rangeHours: 6 });
    const w = firstWindow(f, 10_000_000_000, 20);
    assert.deepEqual(w, { start: 10_000_000_000 - 6 * 3_600_000, end: 10_000_000_000, limit: 20 });
    assert.equal(nextWindow(w, 9_999_000_000, 5)?.end, 9_998_999_999);
    assert.equal(nextWindow(w, 9_999_000_000, 0)?.end, 9_998_999_000, 'whole-second stores: step a second back');
    assert.equal(nextWindow(w, w.start, 3), undefined, 'at the start of the range: no more pages');
    assert.equal(nextWindow(w, undefined, 0), undefined);
  });

  it('turns filters into each store\'s parameters: Jaeger error tag, TraceQL status spanset, min duration', () => {
    const f = parseStoreFilter({ rangeHours: 24, errorsOnly: true, minDurationMs: 1500, junk: 1 });
    const w = { start: 1, end: 2, limit: 5 };
    assert.deepEqual(jaegerSearch('svc', f, w), { service: 'svc', start: 1, end: 2, limit: 5, tags: { error: 'true' }, minDurationMs: 1500 });
    assert.equal(tempoSearch('{ span.gen_ai.operation.name != nil }', f, w).q, '{ span.gen_ai.operation.name != nil } && { status = error }');
    assert.equal(withErrorsOnly('{}'), '{ status = error }');
    assert.deepEqual(parseStoreFilter('nonsense'), { rangeHours: 24, errorsOnly: false });
  });
});

describe('stores: search hits as rows', () => {
  it('maps a Jaeger trace through the OTLP step mapping, with span, error and token counts', () => {
    const row = summarizeJaeger(jaegerTrace)!;
    assert.deepEqual(row, { traceId: '0af7651916cd43dd8448eb211c80319c', name: 'invoke_agent Support', start: 1_700_000_000_000, spans: 2, errors: 1, service: 'support-bot', durationMs: 2000, tokens: 150 });
    const t = traceFromJaeger(jaegerTrace);
    assert.equal(t.stepCount, 2);
    assert.equal(summarizeJaeger({ traceID: 'x', spans: [] }), undefined, 'an empty trace is no row');
  });

  it('reads a Tempo hit: leading zeros back, serviceStats summed, tokens of returned matching spans, missing fields tolerated', () => {
    const row = summarizeTempo({
      traceID: 'af7651916cd43dd8448eb211c80319c', rootServiceName: 'support-bot', rootTraceName: 'invoke_agent Support', startTimeUnixNano: 1_700_000_000_000_000_000,
      spanSets: [{ matched: 4, spans: [{ attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } }, { key: 'gen_ai.usage.output_tokens', value: { intValue: 7 } }] }] }],
      serviceStats: { 'support-bot': { spanCount: 9, errorCount: 2 }, tools: { spanCount: 3 } },
    });
    assert.deepEqual(row, { traceId: '0af7651916cd43dd8448eb211c80319c', name: 'invoke_agent Support', start: 1_700_000_000_000, service: 'support-bot', durationMs: 0, spans: 12, errors: 2, matched: 4, tokens: 107 });
    assert.equal(summarizeTempo({ traceID: 'abc' }).name, '(no root span)');
  });
});

describe('stores: credentials and ids', () => {
  it('makes headers for each scheme and names every secret to scrub', () => {
    assert.deepEqual(authHeaders({ kind: 'none' }), { headers: {}, secrets: [] });
    assert.deepEqual(authHeaders({ kind: 'bearer', token: ' t0k ' }), { headers: { authorization: 'Bearer t0k' }, secrets: ['t0k'] });
    const basic = authHeaders({ kind: 'basic', username: '1234', password: 'pw-secret' });
    assert.equal(basic.headers.authorization, `Basic ${Buffer.from('1234:pw-secret').toString('base64')}`);
    assert.ok(basic.secrets.includes('pw-secret'));
    assert.deepEqual(authHeaders({ kind: 'header', name: 'X-Api-Key', value: 'k' }).headers, { 'x-api-key': 'k' });
    assert.throws(() => authHeaders({ kind: 'header', name: 'Bad Header', value: 'k' }), /letters, digits/);
    assert.throws(() => authHeaders({ kind: 'bearer', token: ' ' }), /empty/);
    assert.deepEqual(parseStoreAuth('{"kind":"basic","username":"u","password":"p"}'), { kind: 'basic', username: 'u', password: 'p' });
    assert.equal(parseStoreAuth('{"kind":"basic"}'), undefined);
    assert.equal(parseStoreAuth('not json'), undefined);
  });

  it('normalizes trace ids: any case, Tempo\'s missing leading zeros, 64-bit ids kept', () => {
    assert.equal(normalizeTraceId(' 0AF7651916CD43DD8448EB211C80319C '), '0af7651916cd43dd8448eb211c80319c');
    assert.equal(normalizeTraceId('af7651916cd43dd8448eb211c80319c'), '0af7651916cd43dd8448eb211c80319c');
    assert.equal(normalizeTraceId('00f067aa0ba902b7'), '00f067aa0ba902b7');
    for (const bad of ['', 'xyz', '0000', '1'.repeat(33)]) assert.equal(normalizeTraceId(bad), undefined, bad);
  });
});

describe('simulator: TraceQL subset', () => {
  const span = (o: Partial<FlatSpan>): FlatSpan => ({ spanId: 's', parentSpanId: '', name: 'n', kind: 1, start: 0, end: 10, statusCode: 0, attrs: {}, raw: {}, ...o });
  const spans = [span({ name: 'chat gpt-4o', kind: 3, attrs: { 'gen_ai.operation.name': 'chat' }, end: 1500 }), span({ name: 'tool', statusCode: 2 })];
  const res = { 'service.name': 'bot' };

  it('matches attributes, nil, intrinsics, durations, regex and spanset conjunctions', () => {
    const hits = (q: string) => matchTrace(parseTraceQL(q), spans, res)?.map((s) => s.name);
    assert.deepEqual(hits('{}'), ['chat gpt-4o', 'tool']);
    assert.deepEqual(hits('{ span.gen_ai.operation.name != nil }'), ['chat gpt-4o']);
    assert.deepEqual(hits('{ status = error }'), ['tool']);
    assert.deepEqual(hits('{ kind = client && duration > 1s }'), ['chat gpt-4o']);
    assert.deepEqual(hits('{ name =~ "chat.*" } && { status = error }'), ['chat gpt-4o', 'tool']);
    assert.deepEqual(hits('{ resource.service.name = "bot" || name = "x" }'), ['chat gpt-4o', 'tool']);
    assert.equal(hits('{ span.gen_ai.operation.name = "embeddings" }'), undefined);
  });

  it('refuses what it cannot parse with Tempo\'s kind of message', () => {
    for (const q of ['{ span.x = }', 'span.x = 1', '{ foo = 1 }', '{ .a = 1 } ||']) {
      assert.throws(() => matchTrace(parseTraceQL(q), spans, res), (e: unknown) => e instanceof TraceQLError && /parse error/.test((e as Error).message), q);
    }
  });
});
