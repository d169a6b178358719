// Trace-bearing responses validated without recursion (src/api/fruxon/deepParse.ts): the recursive
// TraceStepSchema overflows the stack at about 640 levels, so the client must validate steps iteratively,
// over real HTTP, and still report a bad response exactly as the schema would (same first field, same text).
import assert from 'node:assert/strict';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { parseExecuteResponse, parseProjectedTrace, parseTraceResponse } from '../../../src/api/fruxon/deepParse';
import { ExecuteResponseSchema, ProjectedTraceSchema, TraceResponseSchema } from '../../../src/api/fruxon/schemas';
import type { TraceStep } from '../../../src/api/fruxon/schemas';
import { describeIssue } from '../../../src/api/http';
import { FAST_RETRY, apiError, json, rawServer } from './support';
import type { RawServer } from './support';

const DEPTH = 5_000;

/**
 * A chain of `depth` steps, each the only child of the one above, as JSON text: JSON.stringify itself
 * overflows the stack on a tree this deep. The step at `badAt` gets a start time that is not a time.
 */
function chainJson(depth: number, badAt = -1): string {
  let open = '';
  for (let i = 0; i < depth; i++) open += `{"id":"s${i}","type":"FLOW_STEP","startTime":${i === badAt ? '"later"' : String(1_700_000_000_000 + i)},"steps":[`;
  return open + ']}'.repeat(depth);
}

/** Walks the only-child chain iteratively (deepEqual would recurse): its length and its last step. */
function walk(roots: readonly TraceStep[]): { depth: number; last: TraceStep | undefined } {
  let depth = 0;
  let last: TraceStep | undefined;
  for (let cur = roots[0]; cur; cur = cur.steps[0]) {
    depth++;
    last = cur;
  }
  return { depth, last };
}

const deepPath = (prefix: string, depth: number, field: string): string => `${prefix}[0]${'.steps[0]'.repeat(depth - 1)}.${field}`;

describe('api: trace responses of any depth (deepParse)', function () {
  this.timeout(20_000);
  let server: RawServer;
  let badAt = -1;

  before(async () => {
    server = await rawServer((req, res) => {
      const steps = chainJson(DEPTH, badAt);
      const url = req.url ?? '';
      if (url.endsWith(':projectedTrace')) return json(res, 200, `{"executionRecordId":"deep","rawSpanCount":${DEPTH},"traces":[${steps}]}`);
      if (url.endsWith(':trace')) return json(res, 200, `{"status":"COMPLETED","trace":{"agentId":"a","startTime":1,"traces":[${steps}]}}`);
      if (url.endsWith(':execute')) return json(res, 200, `{"executionRecordId":"r9","response":"done","trace":{"startTime":1,"traces":[${steps}]},"links":[]}`);
      return json(res, 404, { title: 'Not Found', status: 404 });
    });
  });
  beforeEach(() => { badAt = -1; server.seen.length = 0; });
  after(async () => { await server.close(); });

  const client = (): FruxonClient => new FruxonClient({ baseUrl: server.baseUrl, tenant: 'acme', credential: 'fx_live_DEEP', retry: FAST_RETRY });

  it(`parses a trace ${DEPTH.toLocaleString('en')} levels deep from :projectedTrace, :trace and :execute`, async () => {
    const c = client();
    const projected = await c.getProjectedTrace('a', 'deep');
    const stored = await c.getTrace('a', 'deep');
    const fallback = await c.getTraceWithFallback('a', 'deep');
    const executed = await c.execute('a', {});
    const revision = await c.executeRevision('a', 3, {});
    await c.close();
    for (const traces of [projected.traces, stored.trace?.traces ?? [], executed.trace?.traces ?? [], revision.trace?.traces ?? []]) {
      const { depth, last } = walk(traces);
      assert.equal(depth, DEPTH);
      // Validated, not passed through: the deepest step got the schema's defaults.
      assert.deepEqual([last?.id, last?.status, last?.displayName, last?.duration], [`s${DEPTH - 1}`, 'UNSPECIFIED', '', 0]);
    }
    assert.equal(fallback.source, 'projected');
    assert.equal(walk(fallback.source === 'projected' ? fallback.trace.traces : []).depth, DEPTH);
    assert.deepEqual([projected.executionRecordId, stored.status, executed.response], ['deep', 'COMPLETED', 'done']);
  });

  it('reports an invalid step deep down as invalidResponse naming the endpoint and the path, without retrying', async () => {
    badAt = DEPTH - 1;
    const c = client();
    const projected = await apiError(c.getProjectedTrace('a', 'deep'));
    const stored = await apiError(c.getTrace('a', 'deep'));
    const fallback = await apiError(c.getTraceWithFallback('a', 'deep'));
    const executed = await apiError(c.execute('a', {}));
    await c.close();
    for (const [e, path] of [[projected, deepPath('traces', DEPTH, 'startTime')], [stored, deepPath('trace.traces', DEPTH, 'startTime')],
      [fallback, deepPath('traces', DEPTH, 'startTime')], [executed, deepPath('trace.traces', DEPTH, 'startTime')]] as const) {
      assert.deepEqual([e.kind, e.code, e.status, e.attempts, e.issuePath], ['invalidResponse', 'schema', 200, 1, path]);
      assert.match(e.detail ?? '', /expected number/);
    }
    assert.match(projected.message, /GET \/v1\/tenants\/acme\/agents\/a\/executionRecords\/deep:projectedTrace → unexpected response shape at traces\[0\]\.steps\[0\]\.steps\[0\]/);
    assert.match(stored.message, /:trace → unexpected response shape at trace\.traces\[0\]\.steps\[0\]/);
    assert.match(executed.message, /POST \/v1\/tenants\/acme\/agents\/a:execute → unexpected response shape at trace\.traces\[0\]\.steps\[0\]/);
    // The fallback does not fall back on a bad body: one :projectedTrace request, never :trace.
    assert.equal(server.seen.filter((s) => s.url.endsWith(':trace')).length, 1);
  });
});

describe('api: deepParse agrees with the recursive schemas on shallow bodies', () => {
  const step = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 'x', startTime: 1, steps: [], ...over });
  const badStep = step({ steps: [step(), step({ steps: [step({ startTime: 'later' })] })] });
  const same = <T>(deep: { success: boolean; data?: T; error?: { issues: unknown[] } }, full: typeof deep, label: string): void => {
    assert.equal(deep.success, full.success, label);
    if (full.success) assert.deepEqual(deep.data, full.data, label);
    else assert.deepEqual(describeIssue(deep.error?.issues as never), describeIssue(full.error?.issues as never), label);
  };

  it(':projectedTrace', () => {
    const cases: Record<string, unknown> = {
      valid: { executionRecordId: 7, rawSpanCount: '3', traces: [step({ extra: { k: 1 }, steps: [step({ duration: '5' }), step({ steps: null })] })], more: true },
      'bad step': { executionRecordId: 'r', traces: [step(), badStep] },
      'bad field before the list, and a bad step': { rawSpanCount: 'many', traces: [badStep] },
      'steps not a list': { executionRecordId: 'r', traces: [step({ steps: 'x' })] },
      'step not an object': { executionRecordId: 'r', traces: [step(), 42] },
      'traces not a list': { executionRecordId: 'r', traces: 'none' },
      'traces null': { executionRecordId: 'r', traces: null },
      'no traces': { executionRecordId: 'r' },
      'not an object': [1, 2],
      null: null,
    };
    for (const [label, body] of Object.entries(cases)) same(parseProjectedTrace(body), ProjectedTraceSchema.safeParse(body), label);
  });

  it(':trace and :execute', () => {
    const trace = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ startTime: 1, traces: [step({ steps: [step()] })], ...over });
    const cases: Record<string, unknown> = {
      valid: { status: 'COMPLETED', trace: trace({ inputCost: '0.5' }) },
      'trace null': { status: 'COMPLETED', trace: null },
      'trace not an object': { trace: 'x' },
      'bad step': { trace: trace({ traces: [badStep] }) },
      'bad field before the list, and a bad step': { trace: trace({ startTime: 'later', traces: [badStep] }) },
      'bad field after the list, and a bad step': { trace: trace({ result: 'not an object', traces: [badStep] }) },
      'bad field after the list only': { trace: trace({ totalCost: 'lots' }) },
      'bad sibling after trace, and a bad step': { status: {}, trace: trace({ traces: [badStep] }), links: 'x' },
    };
    for (const [label, body] of Object.entries(cases)) {
      same(parseTraceResponse(body), TraceResponseSchema.safeParse(body), `:trace ${label}`);
      same(parseExecuteResponse(body), ExecuteResponseSchema.safeParse(body), `:execute ${label}`);
    }
  });

  it('leaves the body it was given untouched', () => {
    for (const body of [{ trace: { startTime: 1, traces: [step({ steps: [step()] })] } }, { trace: { startTime: 'later', traces: [badStep] } }]) {
      const before = JSON.stringify(body);
      parseTraceResponse(body);
      assert.equal(JSON.stringify(body), before);
    }
  });
});
