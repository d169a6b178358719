// The simulator's Zaia routes over raw HTTP: auth, routing, validation, admin variants, determinism.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { parseArgs } from '../../../simulator/main';

describe('simulator: Zaia routes', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 3, bigTraceSteps: 100, quiet: true, zaiaApiKey: 'zaia_test_key_1', zaiaExtraKeys: ['zaia_second_key'] });
  });
  after(() => sim.close());

  const get = (path: string, key: string = sim.zaiaApiKey) => fetch(`${sim.baseUrl}${path}`, { headers: key ? { Authorization: key } : {} });

  it('serves the seeded workspace deterministically', async () => {
    const again = await startSimulator({ port: 0, seed: 3, bigTraceSteps: 100, quiet: true });
    try {
      assert.deepEqual(again.zaia.executions.map((e) => e.id), sim.zaia.executions.map((e) => e.id));
      assert.notEqual(again.zaiaApiKey, 'zaia_test_key_1');
    } finally {
      await again.close();
    }
    const types = sim.zaia.responders.map((r) => r.entity);
    for (const t of ['agent', 'squad', 'workflow']) assert.ok(types.filter((x) => x === t).length >= 2, `several ${t}s`);
    assert.ok(sim.zaia.byId.get(sim.zaia.special.purged)?.isPurged);
  });

  it('accepts only the raw key; Fruxon credentials do not open Zaia routes', async () => {
    assert.equal((await get('/api/v1/executions')).status, 200);
    assert.equal((await get('/api/v1/executions', 'zaia_second_key')).status, 200, 'a second key of the workspace');
    assert.equal((await get('/api/v1/executions', '')).status, 401);
    assert.equal((await get('/api/v1/executions', 'wrong')).status, 401);
    assert.equal((await get('/api/v1/executions', sim.apiKey)).status, 401);
    assert.equal((await get(`/v1/tenants/${sim.tenant}/agents`, sim.zaiaApiKey)).status, 401);
  });

  it('answers unknown routes with 404 and other methods with 405, as ProblemDetails', async () => {
    const missing = await get('/api/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /problem\+json/);
    const post = await fetch(`${sim.baseUrl}/api/v1/executions`, { method: 'POST', headers: { Authorization: sim.zaiaApiKey } });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
  });

  it('accepts every spelling of responderIds and validates the nestings key', async () => {
    const a = sim.zaia.responders[0]!;
    const b = sim.zaia.responders[1]!;
    const count = (ids: string[]) => sim.zaia.executions.filter((e) => ids.includes(e.responderId)).length;
    for (const q of [`responderIds=${a.id}&responderIds=${b.id}`, `responderIds[]=${a.id}&responderIds[]=${b.id}`, `responderIds=${a.id},${b.id}`]) {
      const body = (await (await get(`/api/v1/executions?pageSize=100&${q}`)).json()) as { total: number };
      assert.equal(body.total, count([a.id, b.id]), q);
    }
    assert.equal((await get('/api/v1/executions/nestings')).status, 400);
    assert.equal((await get('/api/v1/executions/nestings?executionId=x')).status, 400);
    assert.equal((await get('/api/v1/executions/not-a-uuid')).status, 400);
    assert.equal((await get('/api/v1/super-identities/responders?responderEntities=robots')).status, 400);
  });

  it('switches variants through /_sim/variants and refuses unknown ones', async () => {
    const set = (body: unknown) => fetch(`${sim.baseUrl}/_sim/variants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await set({ zaiaNestingShape: 'flat', zaiaListShape: 'data' })).status, 200);
    const list = (await (await get('/api/v1/executions?pageSize=2')).json()) as { data: unknown[]; meta: { totalCount: number } };
    assert.equal(list.data.length, 2);
    assert.equal(list.meta.totalCount, sim.zaia.executions.length);
    const n = (await (await get(`/api/v1/executions/nestings?executionId=${sim.zaia.special.deep}`)).json()) as unknown[];
    assert.equal(n.length, sim.zaia.deepDepth);
    assert.equal((await set({ zaiaNestingShape: 'sideways' })).status, 400);
    assert.equal((await set({ zaiaColour: 'blue' })).status, 400);
    const info = (await (await fetch(`${sim.baseUrl}/_sim/info`)).json()) as { zaia: { apiKey: string; special: { deep: string } } };
    assert.equal(info.zaia.apiKey, 'zaia_test_key_1');
    assert.equal(info.zaia.special.deep, sim.zaia.special.deep);
    sim.setVariants({});
  });

  it('takes Zaia variants and key on the command line', () => {
    const o = parseArgs(['--zaia-list-shape', 'array', '--zaia-status-case', 'upper', '--zaia-api-key', 'k']);
    assert.deepEqual(o.variants, { zaiaListShape: 'array', zaiaStatusCase: 'upper' });
    assert.equal(o.zaiaApiKey, 'k');
    assert.throws(() => parseArgs(['--zaia-nesting-shape', 'round']), /zaiaNestingShape must be/);
  });
});
