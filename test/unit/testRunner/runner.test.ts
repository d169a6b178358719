// The shared runner (extension and command line) in-process against the simulator over HTTP: baselines,
// cancellation, the trace fetched for step checks, a malformed file sending nothing.
import assert from 'node:assert/strict';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { runTests } from '../../../src/testRunner/pool';
import { runTest } from '../../../src/testRunner/runTest';
import type { TestDeps, TestFile } from '../../../src/testRunner/types';
import { startSimulator, type Simulator } from '../../../simulator/index';

describe('test runner', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: FruxonClient;
  let deps: TestDeps;
  const file = (name: string, o: unknown): TestFile => ({ id: name, name, text: JSON.stringify(o, null, 2) });
  const params = { ticketId: 'ZD-7', message: 'Please refund the double charge.' };

  before(async () => {
    sim = await startSimulator({ port: 0, quiet: true });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
    deps = { client: async () => client, readTraceFile: async () => { throw new Error('no files here'); } };
  });
  after(async () => {
    await client.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.resetLog();
    sim.setScript({});
  });

  it('passes against a baseline of the same inputs and fails on a tool-choice divergence', async () => {
    const first = await client.execute('support-triage', { parameters: params });
    const other = await client.execute('support-triage', { parameters: { ...params, ticketId: 'ZD-8', message: 'I cannot log in.' } });
    const same = await runTest(file('same.agentrun.json', { agent: 'support-triage', parameters: params,
      expect: { status: 'COMPLETED', baseline: { executionRecordId: first.executionRecordId } } }), deps);
    assert.equal(same.outcome, 'passed', JSON.stringify(same.verdicts));
    assert.deepEqual(same.baseline, { kind: 'execution', agentId: 'support-triage', executionRecordId: first.executionRecordId });
    assert.ok(same.execution?.executionRecordId && same.execution.tokens && same.execution.cost && same.execution.durationMs);
    // The step checks read the new execution's trace.
    assert.ok(sim.count('projectedTrace', 'GET') + sim.count('trace', 'GET') >= 2);

    const diverged = await runTest(file('d.agentrun.json', { agent: 'support-triage', parameters: params,
      expect: { baseline: { agentId: 'support-triage', executionRecordId: other.executionRecordId, tolerancePct: 1000 } } }), deps);
    assert.equal(diverged.outcome, 'failed');
    assert.match(diverged.verdicts[0]?.message ?? '', /tool choice diverges at call \d+/);
  });

  it('errors without executing when the baseline cannot be read', async () => {
    sim.resetLog();
    const r = await runTest(file('b.agentrun.json', { agent: 'support-triage', parameters: params, expect: { baseline: { executionRecordId: 'no-such-record' } } }), deps);
    assert.equal(r.outcome, 'errored');
    assert.match(r.error?.message ?? '', /The baseline could not be read/);
    assert.equal(r.error?.sent, false);
    assert.equal(sim.count('execute', 'POST'), 0);
  });

  it('a malformed file or expect is an error with line and column, and sends nothing', async () => {
    const r = await runTest({ id: 'm', name: 'm.agentrun.json', text: '{\n  "agent": "support-triage",\n  "expect": { "staus": "COMPLETED" }\n}' }, deps);
    assert.equal(r.outcome, 'errored');
    assert.equal(r.error?.line, 3);
    assert.equal(r.error?.column, 15);
    assert.match(r.error?.message ?? '', /did you mean "status"/);
    const noAgent = await runTest(file('n.agentrun.json', { expect: { status: 'COMPLETED' } }), deps);
    assert.match(noAgent.error?.message ?? '', /must name its "agent"/);
    assert.equal(sim.count('execute', 'POST'), 0);
  });

  it('cancel stops waiting for a running execution and starts no more', async () => {
    sim.setScript({ durationMs: 20_000 });
    const ac = new AbortController();
    const files = [0, 1, 2].map((i) => file(`c${i}.agentrun.json`, { agent: 'support-triage', parameters: { n: i }, expect: { status: 'COMPLETED' } }));
    const t0 = Date.now();
    const results = await runTests(files, deps, { concurrency: 1, signal: ac.signal, onStart: () => setTimeout(() => ac.abort(), 200) });
    assert.ok(Date.now() - t0 < 10_000, 'cancel did not stop the wait');
    assert.deepEqual(results.map((r) => r.outcome), ['cancelled', 'cancelled', 'cancelled']);
    assert.match(results[0]?.error?.message ?? '', /may still run on the server/);
    assert.equal(results[0]?.error?.sent, true);
    assert.equal(results[1]?.error?.sent, false);
    assert.equal(sim.count('execute', 'POST'), 1);
  });
});
