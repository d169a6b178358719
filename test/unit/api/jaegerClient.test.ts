// JaegerClient against the simulator's Jaeger query API (/jaeger prefix) over real HTTP: services, operations,
// search filters and limit, trace by id (v1 JSON and v2's api/v3 OTLP), and the fault switches (401, 429 with
// Retry-After, 5xx).
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { JaegerClient } from '../../../src/api/jaeger/client';
import { traceFromOtlp } from '../../../src/model/otlp';
import { FAST_RETRY, apiError } from './support';

describe('api: JaegerClient (simulator over HTTP)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: JaegerClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 2000, quiet: true });
    client = new JaegerClient({ baseUrl: `${sim.baseUrl}/jaeger`, retry: FAST_RETRY });
  });
  beforeEach(() => {
    sim.resetLog();
    sim.clearFaults();
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  const spanTags = (s: unknown): Record<string, unknown> =>
    Object.fromEntries(((s as { tags: { key: string; value: unknown }[] }).tags).map((t) => [t.key, t.value]));

  it('lists services (agents exporting spans) and their operations', async () => {
    const services = await client.listServices();
    assert.ok(services.includes('support-triage'), services.join());
    assert.ok(!services.includes(sim.data.nativeAgentId), 'an agent without OTel spans is no service');
    const ops = await client.listOperations('support-triage');
    assert.ok(ops.some((o) => o.name.startsWith('invoke_agent ') && o.spanKind === 'internal'));
    assert.ok(ops.some((o) => o.name.startsWith('chat ') && o.spanKind === 'client'));
    assert.equal(sim.requests.at(-1)?.path, '/jaeger/api/operations');
  });

  it('falls back to /api/services/{s}/operations where /api/operations is missing (older Jaeger)', async () => {
    sim.addFault({ route: 'jaegerOperations', status: 404, times: 1 });
    const ops = await client.listOperations('support-triage');
    assert.ok(ops.length > 0);
    assert.equal(sim.requests.at(-1)?.path, '/jaeger/api/services/support-triage/operations');
    assert.equal(ops[0]!.spanKind, undefined);
  });

  it('searches by service with limit, time range, operation, tags and min duration', async () => {
    const all = await client.findTraces({ service: 'support-triage', limit: 5 });
    assert.equal(all.traces.length, 5);
    const starts = all.traces.map((t) => Math.min(...t.spans.map((s) => (s as { startTime: number }).startTime)));
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a), 'newest first');
    const q = sim.requests.at(-1)!.query;
    assert.deepEqual(q.service, ['support-triage']);
    assert.deepEqual(q.limit, ['5']);
    // Older than the newest: a second page by time.
    const before = await client.findTraces({ service: 'support-triage', end: starts.at(-1)! / 1000 - 1, limit: 5 });
    assert.ok(before.traces.every((t) => !all.traces.some((a) => a.traceID === t.traceID)));
    const errors = await client.findTraces({ service: 'invoice-extractor', tags: { error: 'true' }, limit: 50 });
    assert.ok(errors.traces.length > 0);
    for (const t of errors.traces) assert.ok(t.spans.some((s) => spanTags(s).error === true));
    assert.deepEqual(sim.requests.at(-1)!.query.tags, ['{"error":"true"}']);
    const slow = await client.findTraces({ service: 'support-triage', minDurationMs: 30_000, limit: 50 });
    assert.deepEqual(sim.requests.at(-1)!.query.minDuration, ['30000000us']);
    for (const t of slow.traces) {
      const spans = t.spans as { startTime: number; duration: number }[];
      const dur = Math.max(...spans.map((s) => s.startTime + s.duration)) - Math.min(...spans.map((s) => s.startTime));
      assert.ok(dur >= 30_000_000, `${dur}`);
    }
  });

  it('gets a trace by id in Jaeger JSON and in v2 OTLP, the same spans', async () => {
    const { traces } = await client.findTraces({ service: 'support-triage', limit: 1 });
    const id = traces[0]!.traceID;
    const t = await client.getTrace(id.toUpperCase());
    assert.equal(t.traceID, id);
    assert.ok(t.processes && 'p1' in t.processes);
    const otlp = await client.getTraceOtlp(id);
    assert.equal(traceFromOtlp(otlp).stepCount, t.spans.length);
  });

  it('reads the huge trace (all its spans)', async () => {
    const { agentId, recordId } = sim.data.special.huge;
    const id = recordId.replace(/-/g, '');
    const t = await client.getTrace(id);
    assert.equal(t.spans.length, 2000);
    assert.ok(agentId);
  });

  it('says which trace was not found, with Jaeger\'s own message', async () => {
    const e = await apiError(client.getTrace('0123456789abcdef0123456789abcdef'));
    assert.equal(e.status, 404);
    assert.match(e.message, /trace not found/i);
    await assert.rejects(client.getTrace('not-an-id'), /not a trace ID/);
  });

  it('retries a 429 after Retry-After and a 503, and does not retry a 401', async () => {
    for (const fault of [{ status: 429, retryAfter: '0' }, { status: 503 }]) {
      sim.resetLog();
      sim.addFault({ route: 'jaegerServices', ...fault, times: 1 });
      assert.ok((await client.listServices()).length > 0);
      assert.equal(sim.count('jaegerServices'), 2, `${fault.status}, then a retry`);
    }
    sim.resetLog();
    sim.addFault({ route: 'jaegerServices', status: 401, times: 1 });
    const e = await apiError(client.listServices());
    assert.equal(e.status, 401);
    assert.equal(sim.count('jaegerServices'), 1);
  });
});
