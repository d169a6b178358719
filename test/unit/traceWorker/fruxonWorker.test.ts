// A Fruxon execution loaded by a trace worker (its own client, over HTTP from the simulator) against the same
// loader run in this thread: the same trace, the optional :result asked once per panel, and API errors carried
// back as the ApiError they were (status, ProblemDetails, the message a person reads).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { ApiError } from '../../../src/api/errors';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { loadFruxonTrace, loadRawSpans } from '../../../src/loaders/fruxon';
import { TraceSession } from '../../../src/model/traceSession';
import { WorkerTraceSession } from '../../../src/traceWorker/client';

const WORKER = join(__dirname, '..', '..', '..', 'src', 'traceWorker', 'worker.js');
const effects = { copy: () => undefined, openLink: () => undefined };

describe('trace worker: Fruxon executions', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: FruxonClient;
  const sessions: WorkerTraceSession[] = [];
  const start = (): WorkerTraceSession => {
    const s = new WorkerTraceSession(WORKER, effects);
    sessions.push(s);
    return s;
  };
  const init = () => ({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 3000, quiet: true });
    client = new FruxonClient(init());
  });
  after(async () => {
    for (const s of sessions) s.dispose();
    await client.close();
    await sim.close();
  });

  for (const which of ['hitl', 'failed', 'huge'] as const) {
    it(`loads the ${which} record as the host does`, async () => {
      const { agentId, recordId } = sim.data.special[which];
      const here = await loadFruxonTrace(client, { agentId, executionRecordId: recordId });
      const worker = start();
      const { running } = await worker.load({ kind: 'fruxon', client: init(), agentId, executionRecordId: recordId });
      assert.equal(running, here.running);
      assert.deepEqual(await worker.trace(), here.trace);
      assert.deepEqual(worker.outline, new TraceSession(here.trace, effects).outline);
    });
  }

  it("loads a record's raw OTel spans (fruxonOtlp) as the loader does in this thread, compared with the projection; says when there are none", async () => {
    const { agentId, recordId } = sim.data.special.hitl;
    const here = await loadRawSpans(client, { agentId, executionRecordId: recordId });
    const worker = start();
    const { running } = await worker.load({ kind: 'fruxonOtlp', client: init(), agentId, executionRecordId: recordId });
    assert.equal(running, here.running);
    const trace = await worker.trace();
    assert.deepEqual(trace, here.trace);
    assert.equal(trace.source, 'otlp');
    assert.equal(trace.comparison?.against, "the server's projection");
    const native = sim.data.special.native;
    await assert.rejects(start().load({ kind: 'fruxonOtlp', client: init(), agentId: native.agentId, executionRecordId: native.recordId }), /has no raw OTel spans/);
  });

  it('asks for :result once per worker, however often the trace is loaded again', async () => {
    const { agentId, recordId } = sim.data.special.failed;
    const worker = start();
    sim.resetLog();
    const job = { kind: 'fruxon' as const, client: init(), agentId, executionRecordId: recordId };
    await worker.load(job);
    await worker.load(job);
    await worker.load(job);
    const routes = sim.requests.map((r) => r.route);
    assert.equal(routes.filter((r) => r === 'result').length, 1, routes.join(', '));
    assert.equal(routes.filter((r) => r === 'projectedTrace').length, 3, routes.join(', '));
  });

  it('carries an API error back as the ApiError it was', async () => {
    const { agentId } = sim.data.special.failed;
    const worker = start();
    const job = { kind: 'fruxon' as const, client: init(), agentId, executionRecordId: 'no-such-record' };
    const there = await worker.load(job).then(() => undefined, (e: unknown) => e);
    const here = await loadFruxonTrace(client, job).then(() => undefined, (e: unknown) => e);
    assert.ok(there instanceof ApiError && here instanceof ApiError, String(there));
    assert.equal(there.status, 404);
    assert.equal(there.userMessage, here.userMessage);
    assert.equal(there.message, here.message);
    assert.equal(there.detail, here.detail);
    // A wrong credential: 401, and the key is in no message.
    const denied = await start().load({ ...job, client: { ...init(), credential: 'fx_live_wrong_key_123' } }).then(() => undefined, (e: unknown) => e);
    assert.ok(denied instanceof ApiError && denied.status === 401, String(denied));
    assert.ok(!denied.message.includes('fx_live_wrong_key_123') && !denied.userMessage.includes('fx_live_wrong_key_123'));
  });
});
