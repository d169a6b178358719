// TempoClient against the simulator's Tempo query API (/tempo prefix) over real HTTP: each way to
// authenticate, TraceQL search (and Tempo's parse errors), trace by id through v2 and the v1 fallback with
// base64 ids, tag values, and the fault switches.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { DEFAULT_GENAI_QUERY, TempoClient } from '../../../src/api/tempo/client';
import type { StoreAuth } from '../../../src/api/stores/auth';
import { traceFromOtlp } from '../../../src/model/otlp';
import { FAST_RETRY, apiError, dumpError } from './support';

describe('api: TempoClient (simulator over HTTP)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  const clients: TempoClient[] = [];
  const make = (auth?: StoreAuth): TempoClient => {
    const c = new TempoClient({ baseUrl: `${sim.baseUrl}/tempo`, retry: FAST_RETRY, ...(auth ? { auth } : {}) });
    clients.push(c);
    return c;
  };
  let client: TempoClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 2000, quiet: true });
    client = make({ kind: 'bearer', token: sim.storeToken });
  });
  beforeEach(() => {
    sim.resetLog();
    sim.clearFaults();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it('authenticates with a bearer token, basic auth or a custom header; without one it gets a 401', async () => {
    for (const auth of [{ kind: 'basic', username: '123456', password: sim.storeToken }, { kind: 'header', name: 'X-Api-Key', value: sim.storeToken }] as StoreAuth[]) {
      assert.ok((await make(auth).tagValues('resource.service.name')).length > 0, auth.kind);
    }
    const e = await apiError(make().search({ limit: 1 }));
    assert.equal(e.status, 401);
    const wrong = await apiError(make({ kind: 'bearer', token: 'wrong-token-123' }).search({ limit: 1 }));
    assert.equal(wrong.status, 401);
    assert.ok(!dumpError(wrong).includes('wrong-token-123'), 'the token never reaches an error');
  });

  it('searches GenAI spans with TraceQL: matched spans, span counts and errors from serviceStats', async () => {
    const traces = await client.search({ q: DEFAULT_GENAI_QUERY, limit: 10, spss: 5 });
    assert.equal(traces.length, 10);
    assert.deepEqual(sim.requests.at(-1)!.query.q, [DEFAULT_GENAI_QUERY]);
    for (const t of traces) {
      assert.ok(t.rootTraceName?.startsWith('invoke_agent '));
      assert.ok((t.spanSet?.matched ?? 0) > 0);
      assert.ok(Object.values(t.serviceStats ?? {})[0]?.spanCount);
    }
    const failed = await client.search({ q: '{ status = error } && { resource.service.name = "invoice-extractor" }', limit: 50 });
    assert.ok(failed.length > 0);
    for (const t of failed) {
      assert.equal(t.rootServiceName, 'invoice-extractor');
      assert.ok((Object.values(t.serviceStats ?? {})[0]?.errorCount ?? 0) > 0);
    }
  });

  it('sends the time range in seconds and min duration in Go syntax', async () => {
    const [newest] = await client.search({ limit: 1 });
    const start = Number(newest!.startTimeUnixNano) / 1e6;
    await client.search({ start: start - 86_400_000, end: start, minDurationMs: 1500, limit: 3 });
    const q = sim.requests.at(-1)!.query;
    assert.deepEqual(q.end, [String(Math.ceil(start / 1000))]);
    assert.deepEqual(q.minDuration, ['1500ms']);
  });

  it('shows Tempo\'s TraceQL parse error as the message', async () => {
    const e = await apiError(client.search({ q: '{ span.x = }' }));
    assert.equal(e.status, 400);
    assert.match(e.message, /invalid TraceQL query/);
  });

  it('gets a trace by id through v2, pads ids Tempo printed without leading zeros, reads base64 span ids', async () => {
    const [hit] = await client.search({ q: '{ resource.service.name = "support-triage" }', limit: 1 });
    const otlp = await client.getTrace(hit!.traceID);
    assert.equal(sim.requests.at(-1)!.path, `/tempo/api/v2/traces/${hit!.traceID.padStart(32, '0')}`);
    const trace = traceFromOtlp(otlp);
    assert.ok(trace.stepCount > 1);
    assert.match(trace.id, /^[0-9a-f]{32}$/);
  });

  it('falls back to v1 (`{batches}`) where v2 is missing, and reads the huge trace', async () => {
    sim.addFault({ route: 'tempoTrace', status: 404, times: 1 });
    const id = sim.data.special.huge.recordId.replace(/-/g, '');
    const otlp = await client.getTrace(id);
    assert.equal(sim.requests.at(-1)!.path, `/tempo/api/traces/${id}`);
    assert.equal(traceFromOtlp(otlp).stepCount, 2000);
  });

  it('lists tag values (v2, else v1) and retries 429 and 5xx', async () => {
    for (const fault of [{ status: 429, retryAfter: '0' }, { status: 502 }]) {
      sim.resetLog();
      sim.addFault({ route: 'tempoTagValues', ...fault, times: 1 });
      assert.ok((await client.tagValues('span.gen_ai.request.model')).length > 0);
      assert.equal(sim.count('tempoTagValues'), 2, `${fault.status}, then a retry`);
    }
    sim.addFault({ route: 'tempoTagValues', status: 404, times: 1 });
    const services = await client.tagValues('resource.service.name');
    assert.equal(sim.requests.at(-1)!.path, '/tempo/api/search/tag/service.name/values');
    assert.ok(services.includes('support-triage'));
  });
});
