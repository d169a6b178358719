import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { call, expectProblem, getJson, postJson, recordPath, tenantUrl } from './helpers';

describe('simulator: auth, routing and errors', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator({ seed: 7 }); });
  after(async () => { await sim.close(); });

  it('accepts the API key in X-API-KEY and as Bearer, and the token as Bearer', async () => {
    for (const auth of ['key', 'bearer', 'token'] as const) {
      const agents = await getJson<unknown[]>(sim, '/agents', { auth });
      assert.equal(agents.length, sim.data.agents.length);
    }
    const tolerated = await fetch(tenantUrl(sim, '/agents'), { headers: { 'X-API-KEY': sim.token } });
    assert.equal(tolerated.status, 200);
    const kinds = sim.requests.slice(-4).map((r) => r.auth);
    assert.deepEqual(kinds, ['apiKey', 'bearer', 'bearer', 'apiKey']);
  });

  it('answers 401 ProblemDetails for missing, wrong or scheme-less credentials, without echoing them', async () => {
    const wrong = 'fx_live_not_the_key';
    const cases: Record<string, string>[] = [{}, { 'X-API-KEY': wrong }, { Authorization: `Bearer ${wrong}` },
      { Authorization: sim.apiKey }, { Authorization: `Basic ${sim.apiKey}` }];
    for (const headers of cases) {
      const res = await fetch(tenantUrl(sim, '/agents'), { headers });
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      const body = await expectProblem(res, 401);
      const text = JSON.stringify(body);
      assert.ok(!text.includes(wrong) && !text.includes(sim.apiKey), 'credential echoed');
    }
    assert.deepEqual(sim.requests.slice(-5).map((r) => r.auth), ['none', 'invalid', 'invalid', 'invalid', 'invalid']);
    assert.ok(!JSON.stringify(sim.requests).includes(sim.apiKey));
  });

  it('serves an agent with the documented fields', async () => {
    const agent = await getJson(sim, '/agents/support-triage');
    assert.deepEqual(Object.keys(agent), ['id', 'displayName', 'description', 'tags', 'type', 'enabled', 'currentRevision',
      'createdAt', 'modifiedAt', 'tenantId', 'origin']);
    assert.equal(agent.id, 'support-triage');
  });

  it('answers 404 for unknown tenant, agent, record and path', async () => {
    const rec = sim.data.special.failed;
    await expectProblem(await fetch(`${sim.baseUrl}/v1/tenants/nope/agents`, { headers: { 'X-API-KEY': sim.apiKey } }), 404);
    const a = await expectProblem(await call(sim, '/agents/no-such-agent'), 404);
    assert.equal(a.instance, `/v1/tenants/${sim.tenant}/agents/no-such-agent`);
    await expectProblem(await call(sim, '/agents/support-triage/executionRecords/00000000-0000-4000-8000-000000000000'), 404);
    // A record exists, but under another agent.
    await expectProblem(await call(sim, `/agents/support-triage/executionRecords/${rec.recordId}:trace`), 404);
    await expectProblem(await call(sim, '/agents/support-triage/nothing'), 404);
    await expectProblem(await fetch(`${sim.baseUrl}/v2/whatever`), 404);
    await expectProblem(await call(sim, recordPath(rec, ':explode')), 404);
    await expectProblem(await postJson(sim, '/agents/no-such-agent:stream', {}), 404);
  });

  it('decodes a percent-encoded verb colon and answers 405 for a wrong method', async () => {
    const ref = sim.data.special.hitl;
    const body = await getJson(sim, recordPath(ref, '%3AprojectedTrace'));
    assert.equal(body.executionRecordId, ref.recordId);
    const res = await call(sim, recordPath(ref, ':trace'), { method: 'DELETE' });
    assert.equal(res.headers.get('allow'), 'GET');
    await expectProblem(res, 405);
  });

  it('rejects malformed, empty and non-JSON bodies with 400/415', async () => {
    const path = '/agents/support-triage:execute';
    const bad = await call(sim, path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"parameters":' });
    await expectProblem(bad, 400);
    await expectProblem(await call(sim, path, { method: 'POST' }), 400);
    await expectProblem(await call(sim, path, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' }), 415);
  });

  it('only binds loopback addresses', async () => {
    await assert.rejects(startSimulator({ host: '0.0.0.0' }), /loopback/);
  });
});
