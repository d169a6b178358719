import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { call, expectProblem, flatten, getJson, recordPath } from './helpers';

describe('simulator: faults', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator({ seed: 11 }); });
  afterEach(() => { sim.clearFaults(); });
  after(async () => { await sim.close(); });

  it('delays by latencyMs and still answers', async () => {
    sim.setFaults([{ route: 'getAgent', latencyMs: 150 }]);
    const t = Date.now();
    await getJson(sim, '/agents/bulk-ingest');
    assert.ok(Date.now() - t >= 140);
  });

  it('answers 429 with Retry-After, and 503, as ProblemDetails', async () => {
    sim.setFaults([{ route: 'listAgents', status: 429, retryAfter: '2', times: 1 }]);
    const res = await call(sim, '/agents');
    assert.equal(res.headers.get('retry-after'), '2');
    await expectProblem(res, 429);
    assert.equal((await call(sim, '/agents')).status, 200, 'times: 1 is spent');
    sim.setFaults([{ status: 503, method: 'GET' }]);
    await expectProblem(await call(sim, '/agents/support-triage/executionRecords'), 503);
    assert.equal((await call(sim, '/agents/support-triage:execute', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).status, 200);
  });

  it('counts faulted requests and spends `times` per matching request', async () => {
    sim.resetLog();
    sim.setFaults([{ route: 'getAgent', status: 500, times: 2 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(sim, '/agents/bulk-ingest')).status);
    assert.deepEqual(statuses, [500, 500, 200]);
    assert.equal(sim.count('getAgent'), 3);
    assert.equal(sim.count('getAgent', 'GET'), 3);
    assert.equal(sim.count('listAgents'), 0);
    assert.deepEqual(sim.requests.map((r) => r.status), [500, 500, 200]);
  });

  it('resets the connection without a response', async () => {
    sim.addFault({ route: 'listAgents', reset: true, times: 1 });
    await assert.rejects(call(sim, '/agents'));
    assert.equal(sim.requests.at(-1)?.status, 0);
    assert.equal((await call(sim, '/agents')).status, 200);
  });

  it('truncates the body after promising its full length', async () => {
    sim.addFault({ route: 'getAgent', truncate: true, times: 1 });
    const res = await call(sim, '/agents/support-triage');
    assert.equal(res.status, 200);
    await assert.rejects(res.text().then((t) => JSON.parse(t)));
  });

  it('drifts enums to unknown values and to PascalCase', async () => {
    const ref = sim.data.special.failed;
    sim.setFaults([{ drift: ['unknownEnums'] }]);
    const page = await getJson(sim, `/agents/${ref.agentId}/executionRecords?pageSize=10`);
    const text = JSON.stringify(page);
    assert.match(text, /QUANTUM_PENDING/);
    assert.match(text, /"status":"(COMPLETED|FAILED|CANCELLED|REJECTED|IN_PROGRESS|WAITING_FOR_ASYNC)"/, 'some known values remain');
    const steps = flatten((await getJson(sim, recordPath(ref, ':projectedTrace'))).traces);
    assert.ok(steps.some((s) => s.type === 'QUANTUM_STEP'));
    sim.setFaults([{ drift: ['pascalCase'] }]);
    const pascal = await getJson(sim, '/agents/bulk-ingest/executionRecords?pageSize=1');
    assert.equal(pascal.items[0].status, 'InProgress');
    const trace = flatten((await getJson(sim, recordPath(sim.data.special.hitl, ':projectedTrace'))).traces);
    assert.ok(trace.some((s) => s.type === 'LlmStep') && trace.every((s) => !/_/.test(s.type)));
  });

  it('adds unknown fields at every level and drops optional ones, never ids, times or items', async () => {
    sim.setFaults([{ drift: ['extraFields'] }]);
    const extra = await getJson(sim, '/agents/code-review-bot/executionRecords?pageSize=2');
    assert.ok(extra.x_sim_extra && extra.items[0].x_sim_extra && extra.items[0].trigger.x_sim_extra);
    sim.setFaults([{ drift: ['missingOptional'] }]);
    const records = sim.data.recordsByAgent.get('code-review-bot') ?? [];
    const last = await getJson(sim, `/agents/code-review-bot/executionRecords?pageSize=5&PageToken.Skip=${records.length - 2}`);
    assert.ok(!('nextPageToken' in last));
    const item = last.items[0];
    for (const k of ['cachedTokens', 'thinkingCost', 'trigger', 'destinations', 'remoteAgentRevision', 'deliveryStatus']) assert.ok(!(k in item), k);
    for (const k of ['id', 'agentId', 'startTime', 'endTime', 'status', 'totalCost']) assert.ok(k in item, k);
    const steps = flatten((await getJson(sim, recordPath(sim.data.special.hitl, ':projectedTrace'))).traces);
    const llm = steps.find((s) => s.type === 'LLM_STEP');
    assert.ok(llm && !('llmMessages' in llm.llmStepTrace) && !('toolTrace' in llm) && 'id' in llm);
  });

  it('leaves error responses alone when drifting, and matches faults by route', async () => {
    sim.setFaults([{ route: 'trace', status: 502 }, { drift: ['extraFields'] }]);
    const body = await expectProblem(await call(sim, '/agents/nope'), 404);
    assert.ok(!('x_sim_extra' in body));
    await expectProblem(await call(sim, recordPath(sim.data.special.hitl, ':trace')), 502);
    assert.equal((await call(sim, recordPath(sim.data.special.hitl, ':result'))).status, 200);
  });
});
