// Loading a Zaia trace against the simulator over HTTP: a running trace refreshes often, so responder names are
// listed once per connection and reused for RESPONDER_NAMES_TTL_MS, listed again when they are older or when the
// trace names a responder the list did not have.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { ZaiaClient } from '../../../src/api/zaia/client';
import type { ConnectionManager } from '../../../src/connections/connectionManager';
import { RESPONDER_NAMES_TTL_MS, forgetResponderNames, loadZaiaTrace } from '../../../src/panels/loadZaiaTrace';
import { FAST_RETRY } from '../api/support';

describe('panels: loading a Zaia trace (simulator over HTTP)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: ZaiaClient;
  // What loadZaiaTrace uses of the connection manager: the signed-in client and the health reports.
  const reports: string[] = [];
  const connections = {
    zaiaClient: async (id: string) => (id === 'z1' ? client : undefined),
    reportSuccess: () => reports.push('ok'),
    reportError: () => reports.push('error'),
  } as unknown as ConnectionManager;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 100, quiet: true });
    client = new ZaiaClient({ baseUrl: sim.baseUrl, apiKey: sim.zaiaApiKey, retry: FAST_RETRY });
  });
  beforeEach(() => {
    sim.resetLog();
    forgetResponderNames();
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  const routes = () => sim.requests.map((r) => r.route);
  const count = (route: string) => routes().filter((r) => r === route).length;
  const origin = () => ({ kind: 'zaia' as const, connection: 'z1', executionId: sim.zaia.special.running });
  const rootName = (name: string | undefined) => sim.zaia.responders.find((r) => r.id === sim.zaia.byId.get(sim.zaia.special.running)!.responderId)!.name === name;

  it('lists responders once for repeated loads, and again after the names expire', async () => {
    let t = 1_000_000;
    const now = () => t;
    const first = await loadZaiaTrace(origin(), connections, undefined, now);
    assert.equal(first.running, true);
    assert.ok(rootName(first.trace.title) || rootName(first.trace.roots[0]?.name), `the responder's name is not shown: ${first.trace.title}`);
    const listed = count('zaiaResponders');
    assert.ok(listed >= 1);
    t += 10_000;
    const second = await loadZaiaTrace(origin(), connections, undefined, now);
    assert.equal(second.trace.title, first.trace.title);
    assert.equal(count('zaiaResponders'), listed, 'a refresh listed the responders again');
    assert.equal(routes().filter((r) => r === 'zaiaNestings').length, 2);
    t += RESPONDER_NAMES_TTL_MS;
    await loadZaiaTrace(origin(), connections, undefined, now);
    assert.equal(count('zaiaResponders'), 2 * listed, 'names older than the TTL were reused');
    assert.deepEqual(reports.slice(-3), ['ok', 'ok', 'ok']);
  });

  it('lists again when the trace names a responder the cached names lack', async () => {
    const exec = sim.zaia.byId.get(sim.zaia.special.running)!;
    const before = exec.responderId;
    await loadZaiaTrace(origin(), connections, undefined, () => 0);
    const listed = count('zaiaResponders');
    // A responder created since the names were listed now runs this execution.
    const fresh = { ...sim.zaia.responders[0]!, id: '00000000-0000-4000-8000-00000000beef', name: 'Brand New Agent' };
    sim.zaia.responders.push(fresh);
    exec.responderId = fresh.id;
    try {
      const { trace } = await loadZaiaTrace(origin(), connections, undefined, () => 1);
      assert.equal(count('zaiaResponders'), 2 * listed);
      assert.ok([trace.title, trace.roots[0]?.name].includes('Brand New Agent'), `${trace.title} / ${trace.roots[0]?.name}`);
    } finally {
      exec.responderId = before;
      sim.zaia.responders.pop();
    }
  });

  it('lists again only once for a responder that stays missing (deleted), until the names expire', async () => {
    const exec = sim.zaia.byId.get(sim.zaia.special.running)!;
    const before = exec.responderId;
    await loadZaiaTrace(origin(), connections, undefined, () => 0);
    const listed = count('zaiaResponders');
    exec.responderId = '00000000-0000-4000-8000-00000000dead';
    try {
      await loadZaiaTrace(origin(), connections, undefined, () => 1);
      assert.equal(count('zaiaResponders'), 2 * listed, 'the unknown responder did not list the names again');
      await loadZaiaTrace(origin(), connections, undefined, () => 2);
      await loadZaiaTrace(origin(), connections, undefined, () => 3);
      assert.equal(count('zaiaResponders'), 2 * listed, 'a responder that stays missing listed the names on every refresh');
      await loadZaiaTrace(origin(), connections, undefined, () => 3 + RESPONDER_NAMES_TTL_MS);
      assert.equal(count('zaiaResponders'), 3 * listed);
    } finally {
      exec.responderId = before;
    }
  });

  it('opens the trace without names when responders cannot be read, and lists them next time', async () => {
    sim.setFaults([{ route: 'zaiaResponders', status: 503, times: 10 }]);
    const { trace } = await loadZaiaTrace(origin(), connections, undefined, () => 0);
    assert.ok(trace.stepCount > 0);
    sim.clearFaults();
    const before = count('zaiaResponders');
    await loadZaiaTrace(origin(), connections, undefined, () => 1);
    assert.ok(count('zaiaResponders') > before, 'a failed listing was cached');
  });
});
