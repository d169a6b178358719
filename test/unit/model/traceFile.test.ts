// Recognising saved trace files, validating them and the errors a wrong or broken file gets.
import assert from 'node:assert/strict';
import { detectTraceFile, parseTraceText, traceFromFile } from '../../../src/model/traceFile';
import { JsonSyntaxError } from '../../../src/util/json';
import { T1, T2, genAiCurrent, request, span } from './otlpFixtures';
import { SEED_EXECUTE, chain, gate, step, supportTree } from './fixtures';
import type { Raw } from './fixtures';

const projectedFile = (): Raw => ({ executionRecordId: 'rec-1', rawSpanCount: 7, traces: supportTree() });
const storedFile = (): Raw => ({ status: 'COMPLETED', trace: { agentExecutionRecordId: 'rec-1', agentId: 'support-triage', agentRevision: 6,
  parameters: { ticket: 't' }, startTime: 1, endTime: 2, traces: supportTree(), result: null } });

function throwsWith(fn: () => unknown, ...parts: (string | RegExp)[]): string {
  let message = '';
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error);
    message = e.message;
    return true;
  });
  for (const p of parts) assert.match(message, typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : p);
  return message;
}

describe('model: trace files', () => {
  it('detects each kind of file', () => {
    const kinds = (json: unknown) => detectTraceFile(json).kind;
    assert.equal(kinds(projectedFile()), 'projected');
    assert.equal(kinds({ executionRecordId: 'r', rawSpanCount: 0, traces: [] }), 'projected');
    assert.equal(kinds(storedFile()), 'stored');
    assert.equal(kinds({ status: 'IN_PROGRESS', trace: null }), 'stored');
    assert.equal(kinds(SEED_EXECUTE), 'execute');
    assert.equal(kinds({ executionRecordId: 'r', status: 'WAITING_FOR_ASYNC', trace: null, humanApprovalRequestId: 'h' }), 'execute');
    assert.equal(kinds({ resourceSpans: [] }), 'otlp');
    for (const other of [null, [], 'text', 3, {}, { items: [] }, { id: 'r', agentId: 'a', hasTrace: true }]) assert.equal(kinds(other), 'unknown');
  });

  it('accepts the inner trace of a :trace response saved on its own', () => {
    const info = detectTraceFile(storedFile().trace);
    assert.equal(info.kind, 'stored');
    const t = traceFromFile(storedFile().trace);
    assert.deepEqual([t.source, t.id, t.stepCount], ['stored', 'rec-1', 7]);
  });

  it('validates and maps projected, stored and execute files', () => {
    const p = traceFromFile(projectedFile(), { agentName: 'Support Triage' });
    assert.deepEqual([p.source, p.id, p.title, p.stepCount, p.status], ['projected', 'rec-1', 'Support Triage', 7, 'ok']);
    const s = traceFromFile(storedFile());
    assert.deepEqual([s.source, s.agentId, s.revision, s.status], ['stored', 'support-triage', 6, 'ok']);
    assert.deepEqual(s.parameters, { ticket: 't' });
    const e = traceFromFile(SEED_EXECUTE);
    assert.deepEqual([e.source, e.stepCount], ['execute', 1]);
    const waiting = traceFromFile({ ...SEED_EXECUTE, status: 'WAITING_FOR_ASYNC', trace: { ...SEED_EXECUTE.trace, traces: [gate('g', false)] } });
    assert.equal(waiting.status, 'running');
    assert.equal(waiting.roots[0]?.kind, 'hitl');
  });

  it('applies the schemas: defaults, numeric strings, ISO dates', () => {
    const t = traceFromFile({ executionRecordId: 'r', rawSpanCount: '1',
      traces: [{ id: 's', type: 'TOOL', startTime: '2026-10-30T09:00:00Z', endTime: '1793350801000', toolTrace: { cost: '0.5' } }] });
    const s = t.roots[0];
    assert.equal(s?.start, Date.UTC(2026, 9, 30, 9, 0, 0));
    assert.equal(s?.end, 1793350801000);
    assert.equal(s?.cost.other, 0.5);
  });

  it('says which field is bad, at any depth', () => {
    const bad = projectedFile();
    bad.traces[0].steps[4].steps[0].startTime = 'yesterday';
    throwsWith(() => traceFromFile(bad), 'looks like a Fruxon :projectedTrace response', 'traces[0].steps[4].steps[0].startTime');
    throwsWith(() => traceFromFile({ ...projectedFile(), traces: 'none' }), 'traces', /expected array/);
    throwsWith(() => traceFromFile({ ...projectedFile(), executionRecordId: undefined }), 'executionRecordId');
    const stored = storedFile();
    stored.trace.traces[0].steps = { not: 'a list' };
    throwsWith(() => traceFromFile(stored), 'a Fruxon :trace response', 'trace.traces[0].steps');
    throwsWith(() => traceFromFile({ ...SEED_EXECUTE, trace: { ...SEED_EXECUTE.trace, traces: [step({ id: {} })] } }), ':execute response', 'trace.traces[0].id');
    throwsWith(() => traceFromFile({ executionRecordId: 'r', rawSpanCount: 1, traces: [42] }), 'traces[0]');
  });

  it('explains files that are not traces and what it expected', () => {
    const m = throwsWith(() => traceFromFile({ items: [{ id: 'r' }], nextPageToken: 'x' }), 'not a trace', 'execution records', 'Expected', ':projectedTrace', 'resourceSpans');
    assert.ok(m.length < 600);
    throwsWith(() => traceFromFile([1, 2, 3]), 'a JSON array of 3 items');
    throwsWith(() => traceFromFile(null), 'looks like null');
    throwsWith(() => traceFromFile({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 }), 'keys "a", "b", "c", "d", "e", "f" and 2 more');
    throwsWith(() => traceFromFile({ agentExecutionRecordId: 'r', parameters: {}, result: { strValue: 'x' } }), ':result response');
    throwsWith(() => traceFromFile({ type: 'https://x', title: 'Not Found', status: 404, detail: 'gone' }), 'ProblemDetails');
    throwsWith(() => traceFromFile({ resourceSpans: [] }), 'OTLP', 'no spans');
  });

  it('opens a file 5,000 steps deep (the recursive schema alone would overflow)', () => {
    const t = traceFromFile({ executionRecordId: 'deep', rawSpanCount: 5000, traces: chain(5000) });
    assert.equal(t.stepCount, 5000);
    const bad = { executionRecordId: 'deep', rawSpanCount: 3, traces: chain(3) };
    const leaf = (bad.traces[0] as Raw).steps[0].steps[0];
    leaf.status = null;
    leaf.startTime = undefined;
    throwsWith(() => traceFromFile(bad), 'traces[0].steps[0].steps[0].startTime');
  });

  it('opens OTLP/JSON files: the only trace, one picked by id, or all', () => {
    const one = traceFromFile(genAiCurrent());
    assert.deepEqual([one.source, one.id, one.stepCount], ['otlp', T1, 4]);
    const two = request([span({ trace: T1, id: '1000000000000001', name: 'a' }), span({ trace: T2, id: '1000000000000002', name: 'b' })]);
    assert.equal(traceFromFile(two, { traceId: T2 }).roots[0]!.name, 'b');
    assert.equal(traceFromFile(two).roots.length, 2);
  });

  it('reads file-exporter JSON Lines, and names the line of a malformed one', () => {
    const line = (name: string, trace: string, id: string) => JSON.stringify(request([span({ trace, id, name })]));
    const text = `${line('a', T1, '1000000000000001')}\n\n${line('b', T1, '1000000000000002')}\n${line('c', T2, '1000000000000003')}\n`;
    for (const name of ['spans.jsonl', 'spans.json']) {
      const json = parseTraceText(text, name);
      assert.equal(traceFromFile(json, { traceId: T1 }).stepCount, 2, name);
      assert.equal(traceFromFile(json).roots.length, 2, name);
    }
    const bad = `${line('a', T1, '1000000000000001')}\n${line('b', T1, '1000000000000002').slice(0, 40)}\n`;
    for (const name of ['bad.jsonl', 'bad.json']) {
      assert.throws(() => parseTraceText(bad, name), (e: unknown) => e instanceof JsonSyntaxError && e.line === 2 && /line 2/.test(e.message), name);
    }
    assert.throws(() => parseTraceText('{"resourceSpans":[]}\n[1]\n', 'x.jsonl'), /x\.jsonl, line 2: expected an OTLP trace or log export.*a JSON array/);
    // A malformed single JSON file still reports its own line and column.
    assert.throws(() => parseTraceText('{\n  "a": ]\n}', 'one.json'), (e: unknown) => e instanceof JsonSyntaxError && e.line === 2);
  });
});
