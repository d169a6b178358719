import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { parseArgs } from '../../../simulator/main';
import { call, expectProblem, getJson, json } from './helpers';

describe('simulator: admin routes and CLI', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator({ seed: 3 }); });
  after(async () => { await sim.close(); });

  const admin = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${sim.baseUrl}/_sim${path}`, init);
  const post = (path: string, body: unknown): Promise<Response> =>
    admin(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('reports info without auth', async () => {
    await getJson(sim, '/agents');
    const info = await json(await admin('/info'));
    assert.equal(info.tenant, sim.tenant);
    assert.equal(info.apiKey, sim.apiKey);
    assert.equal(info.token, sim.token);
    assert.equal(info.agents.find((a: { id: string }) => a.id === info.bulkAgentId).recordCount, 10_000);
    assert.deepEqual(info.special, sim.data.special);
    assert.ok(info.counts.listAgents >= 1);
  });

  it('lists and clears the request log', async () => {
    await call(sim, '/agents?x=1&x=2');
    const { requests } = await json(await admin('/requests'));
    const last = requests.filter((r: { route: string }) => r.route === 'listAgents').at(-1);
    assert.deepEqual(last.query, { x: ['1', '2'] });
    assert.equal(last.auth, 'apiKey');
    assert.equal((await admin('/requests', { method: 'DELETE' })).status, 204);
    assert.equal(sim.count(), 0);
  });

  it('replaces and clears faults, and sets variants', async () => {
    const res = await post('/faults', { faults: [{ route: 'listAgents', status: 503, times: 1 }] });
    assert.equal(res.status, 200);
    await expectProblem(await call(sim, '/agents'), 503);
    await post('/faults', { faults: [{ route: 'listAgents', status: 504 }] });
    assert.equal((await admin('/faults', { method: 'DELETE' })).status, 204);
    assert.equal((await call(sim, '/agents')).status, 200);
    await expectProblem(await post('/faults', { faults: [{ route: 'nowhere' }] }), 400);
    await expectProblem(await post('/faults', { faults: [{ drift: ['sideways'] }] }), 400);

    assert.equal((await post('/variants', { agentsShape: 'items' })).status, 200);
    assert.ok(Array.isArray((await getJson(sim, '/agents')).items));
    await expectProblem(await post('/variants', { agentsShape: 'tree' }), 400);
    await post('/variants', {});
    assert.ok(Array.isArray(await getJson(sim, '/agents')));
  });

  it('parses CLI flags', () => {
    const o = parseArgs(['--port', '0', '--seed', '9', '--big-trace-steps', '100000', '--latency', '20',
      '--fault', '{"route":"trace","status":429,"retryAfter":"1"}', '--agents-shape', 'items']);
    assert.equal(o.seed, 9);
    assert.equal(o.bigTraceSteps, 100000);
    assert.deepEqual(o.faults, [{ latencyMs: 20 }, { route: 'trace', status: 429, retryAfter: '1' }]);
    assert.deepEqual(o.variants, { agentsShape: 'items' });
    assert.throws(() => parseArgs(['--fault', '{"bogus":1}']), /bogus/);
  });

  it('lays CLI data out back from the current hour unless told otherwise', () => {
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    assert.ok(Math.abs((parseArgs([]).now ?? 0) - hour) <= 3_600_000);
    assert.equal(parseArgs(['--now', 'fixed']).now, undefined);
    assert.equal(parseArgs(['--now', '1700000000000']).now, 1_700_000_000_000);
    assert.throws(() => parseArgs(['--now', 'soon']), /--now/);
  });

  it('runs as a program, prints its facts and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(__dirname, '../../../simulator/main.js'), '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout });
    await new Promise<void>((resolve) => rl.on('line', (l) => { lines.push(l); if (l.startsWith('FRUXON_BASE_URL=')) resolve(); }));
    const base = /listening on (\S+)/.exec(lines[0] ?? '')?.[1];
    assert.ok(base, lines.join('\n'));
    assert.match(lines.join('\n'), /^tenant: acme$/m);
    assert.match(lines.join('\n'), /^api key: fx_live_sim_/m);
    assert.match(lines.join('\n'), /^token: fx_pat_sim_/m);
    assert.equal((await fetch(`${base}/_sim/info`)).status, 200);
    const code = await new Promise<number | null>((resolve) => { child.on('exit', (c) => resolve(c)); child.kill('SIGTERM'); });
    assert.equal(code, 0);
  });
});
