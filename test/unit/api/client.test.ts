// FruxonClient against the simulator over real HTTP: every endpoint, filters, paging, ProblemDetails,
// auth schemes and the response-shape variants.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { isAuthError } from '../../../src/api/errors';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { isHitlStepType } from '../../../src/api/fruxon/enums';
import type { TraceStep } from '../../../src/api/fruxon/schemas';
import { FAST_RETRY, apiError, dumpError } from './support';

const flatten = (steps: readonly TraceStep[], out: TraceStep[] = []): TraceStep[] => {
  for (const s of steps) {
    out.push(s);
    flatten(s.steps, out);
  }
  return out;
};

describe('api: FruxonClient endpoints (simulator)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: FruxonClient;
  const agentId = 'support-triage';

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 7, bigTraceSteps: 3_000, quiet: true });
    client = new FruxonClient({ baseUrl: `${sim.baseUrl}/`, tenant: sim.tenant, credential: sim.apiKey, retry: FAST_RETRY });
  });
  beforeEach(() => {
    sim.resetLog();
    sim.clearFaults();
    sim.setVariants({});
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  const lastQuery = (): Record<string, string[]> => sim.requests.filter((r) => r.route === 'listExecutionRecords').at(-1)?.query ?? {};
  const records = (id = agentId) => sim.data.recordsByAgent.get(id) ?? [];

  it('lists agents and gets one', async () => {
    const agents = await client.listAgents();
    assert.deepEqual(agents.map((a) => a.id), sim.data.agents.map((a) => a.id));
    const agent = await client.getAgent(agentId);
    assert.deepEqual(agent, sim.data.agents.find((a) => a.id === agentId));
  });

  it('accepts the {items} variants of agents and summaries', async () => {
    const plain = [await client.listAgents(), await client.getEnvironmentSummaries(agentId)];
    sim.setVariants({ agentsShape: 'items', summariesShape: 'items' });
    assert.deepEqual([await client.listAgents(), await client.getEnvironmentSummaries(agentId)], plain);
  });

  it('gets per-environment summaries that add up to the records', async () => {
    const summaries = await client.getEnvironmentSummaries(agentId);
    assert.ok(summaries.length > 1);
    assert.equal(summaries.reduce((n, s) => n + s.executionCount, 0), records().length);
    for (const s of summaries) assert.ok(s.environmentSlug && s.lastActivityTime > 0 && s.totalCost > 0);
  });

  it('lists a page of records, newest first, with a token and a total', async () => {
    const page = await client.listExecutionRecords(agentId, { pageSize: 7 });
    assert.deepEqual(page.items.map((r) => r.id), records().slice(0, 7).map((r) => r.id));
    assert.deepEqual(page.items[0], records()[0]);
    assert.equal(page.totalCount, records().length);
    assert.ok(page.nextPageToken);
    assert.deepEqual(lastQuery(), { pageSize: ['7'] });
  });

  it('filters by several statuses, sent as repeated parameters', async () => {
    const page = await client.listExecutionRecords(agentId, { status: ['COMPLETED', 'FAILED'], pageSize: 500 });
    assert.deepEqual(lastQuery().status, ['COMPLETED', 'FAILED']);
    const want = records().filter((r) => r.status === 'COMPLETED' || r.status === 'FAILED');
    assert.equal(page.totalCount, want.length);
    assert.ok(page.items.some((r) => r.status === 'FAILED') && page.items.every((r) => ['COMPLETED', 'FAILED'].includes(r.status)));
  });

  it('filters by environment and by several revisions', async () => {
    const env = await client.listExecutionRecords(agentId, { environment: 'staging', pageSize: 500 });
    assert.deepEqual(lastQuery().environment, ['staging']);
    assert.equal(env.totalCount, records().filter((r) => r.environmentSlug === 'staging').length);
    assert.ok(env.items.length > 0 && env.items.every((r) => r.environmentSlug === 'staging'));
    const revs = [...new Set(records().map((r) => r.agentRevision))].slice(0, 2);
    const byRev = await client.listExecutionRecords(agentId, { agentRevision: revs, pageSize: 500 });
    assert.deepEqual(lastQuery().agentRevision, revs.map(String));
    assert.equal(byRev.totalCount, records().filter((r) => revs.includes(r.agentRevision)).length);
    assert.ok(byRev.items.every((r) => revs.includes(r.agentRevision)));
  });

  it('filters by a time range (inclusive, Unix ms)', async () => {
    const all = records();
    const [startTime, endTime] = [all[40]!.startTime, all[10]!.startTime];
    const page = await client.listExecutionRecords(agentId, { startTime, endTime, pageSize: 100 });
    assert.deepEqual(lastQuery(), { startTime: [String(startTime)], endTime: [String(endTime)], pageSize: ['100'] });
    const want = all.filter((r) => r.startTime >= startTime && r.startTime <= endTime).map((r) => r.id);
    assert.deepEqual(page.items.map((r) => r.id), want);
  });

  it('iterates 10,000 records to the end: each once, newest first', async () => {
    const ids: string[] = [];
    for await (const r of client.iterateExecutionRecords(sim.data.bulkAgentId, { pageSize: 500 })) ids.push(r.id);
    assert.equal(ids.length, 10_000);
    assert.equal(new Set(ids).size, 10_000);
    assert.deepEqual(ids, records(sim.data.bulkAgentId).map((r) => r.id));
    assert.equal(sim.count('listExecutionRecords'), 20);
    const tokens = sim.requests.map((r) => r.query.pageToken?.[0]);
    assert.equal(tokens[0], undefined);
    assert.equal(new Set(tokens.slice(1)).size, 19, 'each later page asks with a new token');
  });

  it('iterates a filtered listing across pages', async () => {
    const got: string[] = [];
    for await (const r of client.iterateExecutionRecords(agentId, { status: ['COMPLETED'], pageSize: 50 })) got.push(r.id);
    assert.deepEqual(got, records().filter((r) => r.status === 'COMPLETED').map((r) => r.id));
    assert.ok(sim.count('listExecutionRecords') > 1);
    assert.ok(sim.requests.every((r) => r.query.status?.[0] === 'COMPLETED'), 'the filter is repeated on every page');
  });

  it('gets a record, its result, its OTLP trace and its samples', async () => {
    const rec = records().find((r) => r.hasResult)!;
    assert.deepEqual(await client.getExecutionRecord(agentId, rec.id), rec);
    const result = await client.getResult(agentId, rec.id);
    assert.equal(result.agentExecutionRecordId, rec.id);
    assert.ok(result.result && (result.result.strValue || result.result.jsonValue));
    assert.equal(typeof result.parameters, 'object');
    const otlp = await client.getOtlpTrace(agentId, rec.id);
    assert.ok(otlp.resourceSpans.length > 0);
    assert.deepEqual(await client.listSamples(agentId, records().find((r) => !r.isSample)!.id), []);
  });

  it('gets the projected trace with nested LLM, tool and gate steps, and the stored :trace', async () => {
    const { agentId: a, recordId } = sim.data.special.hitl;
    const projected = await client.getProjectedTrace(a, recordId);
    const steps = flatten(projected.traces);
    assert.equal(projected.executionRecordId, recordId);
    assert.equal(steps.length, projected.rawSpanCount);
    assert.ok(steps.some((s) => s.type === 'LLM_STEP' && s.llmStepTrace && s.llmStepTrace.model));
    assert.ok(steps.some((s) => s.type === 'TOOL' && s.toolTrace));
    const gate = steps.find((s) => isHitlStepType(s.type));
    assert.ok(gate?.hitlTrace?.requestId && gate.hitlTrace.gateType);
    assert.ok(steps.some((s) => s.steps.length > 0 && s !== projected.traces[0]), 'nesting below the root');
    const stored = await client.getTrace(a, recordId);
    assert.equal(stored.trace?.agentExecutionRecordId, recordId);
    assert.equal(flatten(stored.trace?.traces ?? []).length, steps.length);
  });

  it('falls back to :trace when the projected trace has no spans (native agent)', async () => {
    const native = sim.data.special.native;
    const t = await client.getTraceWithFallback(native.agentId, native.recordId);
    assert.equal(t.source, 'stored');
    assert.equal(sim.count('projectedTrace'), 1);
    assert.equal(sim.count('trace'), 1);
    if (t.source === 'stored') assert.ok((t.trace.trace?.traces.length ?? 0) > 0);
    const other = await client.getTraceWithFallback(sim.data.special.failed.agentId, sim.data.special.failed.recordId);
    assert.equal(other.source, 'projected');
    assert.equal(sim.count('trace'), 1, 'no fallback when spans exist');
  });

  it('reads the huge trace', async () => {
    const { agentId: a, recordId } = sim.data.special.huge;
    const t = await client.getProjectedTrace(a, recordId);
    assert.equal(flatten(t.traces).length, 3_000);
  });

  it('executes, and the new run is listed first', async () => {
    const res = await client.execute(agentId, { parameters: { ticket: 'T-1' }, environmentSlug: 'staging' });
    assert.equal(res.status, 'COMPLETED');
    assert.ok(res.executionRecordId && res.trace && res.trace.traces.length > 0);
    const first = (await client.listExecutionRecords(agentId, { pageSize: 1 })).items[0];
    assert.equal(first?.id, res.executionRecordId);
    assert.equal(first?.environmentSlug, 'staging');
    const rev = await client.executeRevision(agentId, 1, { parameters: {} });
    assert.equal((await client.getExecutionRecord(agentId, rev.executionRecordId!)).agentRevision, 1);
  });

  it('adds a record to datasets and lists the samples', async () => {
    const rec = records().find((r) => r.hasResult && !r.isSample)!;
    const datasetIds = ['11111111-2222-3333-4444-555555555555', '66666666-7777-8888-9999-000000000000'];
    const made = await client.addToDatasets(agentId, rec.id, { datasetIds, quality: 'GOOD', tags: ['golden', 'ui'] });
    assert.deepEqual(made.map((s) => s.datasetId), datasetIds);
    assert.deepEqual(made[0]?.tags.map((t) => t.tag), ['golden', 'ui']);
    assert.equal(made[0]?.quality, 'GOOD');
    assert.deepEqual((await client.listSamples(agentId, rec.id)).map((s) => s.id), made.map((s) => s.id));
  });

  it('maps 401 to an auth error carrying the ProblemDetails, never the key', async () => {
    const bad = 'fx_live_WRONG_KEY_canary_401';
    const c = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: bad });
    try {
      const e = await apiError(c.listAgents());
      assert.deepEqual([e.kind, e.status, e.title, e.instance], ['http', 401, 'Unauthorized', `/v1/tenants/${sim.tenant}/agents`]);
      assert.match(e.type ?? '', /^https:\/\//);
      assert.ok(e.detail && isAuthError(e));
      assert.match(e.userMessage, /rejected the credential.*Sign in again/);
      assert.equal(e.attempts, 1, 'a 401 is not retried');
      assert.ok(!dumpError(e).includes(bad));
    } finally {
      await c.close();
    }
  });

  it('maps 404 for an unknown agent and an unknown record', async () => {
    const a = await apiError(client.getAgent('no-such-agent'));
    assert.deepEqual([a.status, a.title, a.instance], [404, 'Not Found', `/v1/tenants/${sim.tenant}/agents/no-such-agent`]);
    assert.match(a.detail ?? '', /no-such-agent/);
    assert.equal(a.userMessage, 'Agent "no-such-agent" was not found on Fruxon (404).');
    const r = await apiError(client.getProjectedTrace(agentId, 'no-such-record'));
    assert.equal(r.status, 404);
    assert.equal(r.path, `/v1/tenants/${sim.tenant}/agents/${agentId}/executionRecords/no-such-record:projectedTrace`);
    assert.match(r.userMessage, /Execution record "no-such-record" of agent "support-triage" was not found/);
  });

  it('maps 400 for a bad query, with the validation detail', async () => {
    const e = await apiError(client.listExecutionRecords(agentId, { pageSize: 0 }));
    assert.deepEqual([e.kind, e.status, e.mayHaveReachedServer], ['http', 400, true]);
    assert.match(e.title ?? '', /validation/i);
    assert.match(e.detail ?? '', /pageSize/);
    assert.ok(e.problem && typeof e.problem.errors === 'object');
    assert.match(e.userMessage, /rejected the request as invalid \(400\): pageSize/);
    const s = await apiError(client.listExecutionRecords(agentId, { status: ['NOT_A_STATUS'] }));
    assert.match(s.detail ?? '', /status/);
  });

  it('encodes path segments but keeps the verb colon', async () => {
    const e = await apiError(client.getResult('a/b', 'x:y?z'));
    assert.equal(e.status, 404);
    assert.equal(sim.requests.at(-1)?.path, `/v1/tenants/${sim.tenant}/agents/a%2Fb/executionRecords/x%3Ay%3Fz:result`);
  });

  it('sends API keys as X-API-KEY and tokens as Bearer, unless overridden', async () => {
    const cases: Array<[string, 'apiKey' | 'bearer' | undefined, string]> = [
      [sim.apiKey, undefined, 'apiKey'], [sim.token, undefined, 'bearer'], [sim.apiKey, 'bearer', 'bearer'], [sim.token, 'apiKey', 'apiKey'],
    ];
    for (const [credential, auth, want] of cases) {
      const c = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential, ...(auth ? { auth } : {}) });
      try {
        await c.getAgent(agentId);
        assert.equal(c.authScheme, want);
        assert.equal(sim.requests.at(-1)?.auth, want, `${credential.slice(0, 7)} ${auth ?? 'auto'}`);
      } finally {
        await c.close();
      }
    }
  });
});
