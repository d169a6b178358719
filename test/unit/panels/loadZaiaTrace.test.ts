// Loading a Zaia trace against the simulator over HTTP: a running trace refreshes often, so responder names are
// listed once per connection and reused for RESPONDER_NAMES_TTL_MS, listed again when they are older or when the
// trace names a responder the list did not have. The loader runs with the host's names of the connection, as a
// trace worker runs it; the panels' path through a real worker reports to the connection and keeps what it listed.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { ZaiaClient } from '../../../src/api/zaia/client';
import { join } from 'node:path';
import type { ConnectionManager } from '../../../src/connections/connectionManager';
import { loadZaiaWith } from '../../../src/loaders/zaia';
import { loadInWorker, workerJob } from '../../../src/panels/loadTrace';
import { RESPONDER_NAMES_TTL_MS, forgetResponderNames, namesCacheOf } from '../../../src/panels/loadZaiaTrace';
import { WorkerTraceSession } from '../../../src/traceWorker/client';
import { FAST_RETRY } from '../api/support';

describe('panels: loading a Zaia trace (simulator over HTTP)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: ZaiaClient;
  // What the panels' loading uses of the connection manager: the signed-in client's options and the health reports.
  const reports: string[] = [];
  const connections = {
    zaiaClientInit: async (id: string) => (id === 'z1' ? { baseUrl: sim.baseUrl, apiKey: sim.zaiaApiKey } : undefined),
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
  const load = (now: () => number) => loadZaiaWith(client, sim.zaia.special.running, namesCacheOf('z1'), undefined, now);
  const rootName = (name: string | undefined) => sim.zaia.responders.find((r) => r.id === sim.zaia.byId.get(sim.zaia.special.running)!.responderId)!.name === name;

  it('lists responders once for repeated loads, and again after the names expire', async () => {
    let t = 1_000_000;
    const now = () => t;
    const first = await load(now);
    assert.equal(first.running, true);
    assert.ok(rootName(first.trace.title) || rootName(first.trace.roots[0]?.name), `the responder's name is not shown: ${first.trace.title}`);
    const listed = count('zaiaResponders');
    assert.ok(listed >= 1);
    t += 10_000;
    const second = await load(now);
    assert.equal(second.trace.title, first.trace.title);
    assert.equal(count('zaiaResponders'), listed, 'a refresh listed the responders again');
    assert.equal(routes().filter((r) => r === 'zaiaNestings').length, 2);
    t += RESPONDER_NAMES_TTL_MS;
    await load(now);
    assert.equal(count('zaiaResponders'), 2 * listed, 'names older than the TTL were reused');
    // The panels' path, through a trace worker: it reports to the connection, and the host keeps the names the
    // worker listed (these are old by the clock the worker reads), so later loads list nothing.
    const worker = new WorkerTraceSession(join(__dirname, '..', '..', '..', 'src', 'traceWorker', 'worker.js'), { copy: () => undefined, openLink: () => undefined });
    try {
      for (let i = 0; i < 3; i++) await loadInWorker(worker, origin(), await workerJob(origin(), connections), connections);
    } finally {
      worker.dispose();
    }
    assert.deepEqual(reports.slice(-3), ['ok', 'ok', 'ok']);
    assert.equal(count('zaiaResponders'), 3 * listed, 'the names the worker listed were not kept');
  });

  it('lists again when the trace names a responder the cached names lack', async () => {
    const exec = sim.zaia.byId.get(sim.zaia.special.running)!;
    const before = exec.responderId;
    await load(() => 0);
    const listed = count('zaiaResponders');
    // A responder created since the names were listed now runs this execution.
    const fresh = { ...sim.zaia.responders[0]!, id: '00000000-0000-4000-8000-00000000beef', name: 'Brand New Agent' };
    sim.zaia.responders.push(fresh);
    exec.responderId = fresh.id;
    try {
      const { trace } = await load(() => 1);
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
    await load(() => 0);
    const listed = count('zaiaResponders');
    exec.responderId = '00000000-0000-4000-8000-00000000dead';
    try {
      await load(() => 1);
      assert.equal(count('zaiaResponders'), 2 * listed, 'the unknown responder did not list the names again');
      await load(() => 2);
      await load(() => 3);
      assert.equal(count('zaiaResponders'), 2 * listed, 'a responder that stays missing listed the names on every refresh');
      await load(() => 3 + RESPONDER_NAMES_TTL_MS);
      assert.equal(count('zaiaResponders'), 3 * listed);
    } finally {
      exec.responderId = before;
    }
  });

  it('opens the trace without names when responders cannot be read, and lists them next time', async () => {
    sim.setFaults([{ route: 'zaiaResponders', status: 503, times: 10 }]);
    const { trace } = await load(() => 0);
    assert.ok(trace.stepCount > 0);
    sim.clearFaults();
    const before = count('zaiaResponders');
    await load(() => 1);
    assert.ok(count('zaiaResponders') > before, 'a failed listing was cached');
  });
});
