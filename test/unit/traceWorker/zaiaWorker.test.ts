// A Zaia execution loaded by a trace worker (its own client, over HTTP from the simulator) against the same
// loader run in this thread: the same trace, and the responder names listed once and handed back to the host,
// which hands them to the next load instead of listing every responder again.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { ZaiaClient } from '../../../src/api/zaia/client';
import { loadZaiaWith, type ResponderNames } from '../../../src/loaders/zaia';
import { TraceSession } from '../../../src/model/traceSession';
import { WorkerTraceSession } from '../../../src/traceWorker/client';

const WORKER = join(__dirname, '..', '..', '..', 'src', 'traceWorker', 'worker.js');
const effects = { copy: () => undefined, openLink: () => undefined };

describe('trace worker: Zaia executions', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: ZaiaClient;
  let worker: WorkerTraceSession;
  const init = () => ({ baseUrl: sim.baseUrl, apiKey: sim.zaiaApiKey });

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 100, quiet: true });
    client = new ZaiaClient(init());
    worker = new WorkerTraceSession(WORKER, effects);
  });
  after(async () => {
    worker.dispose();
    await client.close();
    await sim.close();
  });

  it('loads an execution as the host does, listing the responders once and handing their names back', async () => {
    const executionId = sim.zaia.special.failed;
    let kept: ResponderNames | undefined;
    const here = await loadZaiaWith(client, executionId, { get: () => kept, set: (n) => void (kept = n) });
    sim.resetLog();
    const first = await worker.load({ kind: 'zaia', client: init(), executionId });
    assert.ok(first.names, 'the worker listed responders but did not hand the names back');
    assert.deepEqual([...first.names.byId], [...kept!.byId]);
    assert.deepEqual(await worker.trace(), here.trace);
    assert.deepEqual(worker.outline, new TraceSession(here.trace, effects).outline);
    const listings = () => sim.requests.filter((r) => r.route === 'zaiaResponders').length;
    const afterFirst = listings();
    assert.ok(afterFirst > 0);
    // Given the names back, the next load lists nothing and hands nothing back.
    const second = await worker.load({ kind: 'zaia', client: init(), executionId, names: first.names });
    assert.equal(second.names, undefined);
    assert.equal(listings(), afterFirst, sim.requests.map((r) => r.route).join(', '));
    assert.deepEqual(await worker.trace(), here.trace);
  });
});
