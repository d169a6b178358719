// The mappers on the simulator's own output, fetched through FruxonClient: the special records, execute,
// saved files, and schema drift. For ordinary records the mapped totals must equal the record's.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { DriftKind, Simulator } from '../../../simulator/index';
import { FruxonClient } from '../../../src/api/fruxon/client';
import type { ExecutionRecord } from '../../../src/api/fruxon/schemas';
import { fromExecuteResponse, fromTraceWithFallback } from '../../../src/model/fruxonTrace';
import { countSteps, errorSteps, walk } from '../../../src/model/rollup';
import { traceFromFile } from '../../../src/model/traceFile';
import type { Step, Trace } from '../../../src/model/types';

const near = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);

function assertTotalsMatch(t: Trace, r: ExecutionRecord): void {
  assert.equal(t.tokens.input, r.inputTokens, 'input tokens');
  assert.equal(t.tokens.output, r.outputTokens, 'output tokens');
  assert.equal(t.tokens.cached, r.cachedTokens, 'cached tokens');
  near(t.cost.input, r.inputCost, 'input cost');
  near(t.cost.output, r.outputCost, 'output cost');
  near(t.cost.cached, r.cachedCost, 'cached cost');
  near(t.cost.thinking, r.thinkingCost, 'thinking cost');
  near(t.cost.total, r.totalCost, 'total cost');
}

function steps(t: Trace): Step[] {
  const out: Step[] = [];
  walk(t.roots, (s) => {
    out.push(s);
  });
  return out;
}

describe('model: mapping the simulator’s traces', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: FruxonClient;
  const BIG = 4_000;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: BIG, quiet: true });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  });
  afterEach(() => sim.clearFaults());
  after(async () => {
    await client.close();
    await sim.close();
  });

  async function mapped(ref: { agentId: string; recordId: string }): Promise<{ t: Trace; r: ExecutionRecord }> {
    const r = await client.getExecutionRecord(ref.agentId, ref.recordId);
    const t = fromTraceWithFallback(await client.getTraceWithFallback(ref.agentId, ref.recordId), r, { agentName: 'Agent' });
    assert.equal(t.id, r.id);
    assert.equal(t.stepCount, countSteps(t.roots));
    const ids = steps(t).map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    return { t, r };
  }

  it('maps the answered-gate record: totals, gate and tool it guarded', async () => {
    const { t, r } = await mapped(sim.data.special.hitl);
    assert.deepEqual([t.source, t.status, t.rawStatus, t.end], ['projected', 'ok', 'COMPLETED', r.endTime]);
    assertTotalsMatch(t, r);
    const gate = steps(t).find((s) => s.kind === 'hitl');
    assert.ok(gate?.detail.kind === 'hitl');
    assert.equal(gate.detail.decision, 'APPROVE');
    assert.ok(gate.detail.waitMs !== undefined && gate.detail.waitMs > 0 && gate.detail.respondedBy);
    assert.ok(steps(t).some((s) => s.detail.kind === 'tool' && s.detail.toolKey === (gate.detail.kind === 'hitl' && gate.detail.toolKey)));
    const llm = steps(t).find((s) => s.detail.kind === 'llm' && s.detail.messages.length > 0);
    assert.equal(llm?.detail.kind === 'llm' && llm.detail.messages[0]?.role, 'system');
    assert.ok(t.result?.text || t.result?.json);
  });

  it('maps the failed record with its failing tool', async () => {
    const { t, r } = await mapped(sim.data.special.failed);
    assert.deepEqual([t.status, t.rawStatus], ['error', 'FAILED']);
    assertTotalsMatch(t, r);
    const errs = errorSteps(t.roots);
    const failing = errs.find((s) => s.error);
    assert.equal(failing?.kind, 'tool');
    assert.equal(errs[0], t.roots[0], 'the failure propagates up to the root');
  });

  it('maps the running record: open steps, no end', async () => {
    const { t, r } = await mapped(sim.data.special.running);
    assert.deepEqual([t.status, t.end], ['running', undefined]);
    assertTotalsMatch(t, r);
    assert.ok(steps(t).filter((s) => s.status === 'running').length >= 2);
    assert.equal(t.roots[0]?.end, undefined);
  });

  it('maps the waiting record with a pending gate', async () => {
    const { t } = await mapped(sim.data.special.waiting);
    assert.equal(t.status, 'running');
    const gate = steps(t).find((s) => s.kind === 'hitl');
    assert.equal(gate?.status, 'running');
    assert.equal(gate?.detail.kind === 'hitl' && gate.detail.respondedAt, undefined);
  });

  it('falls back to the stored trace for the native record', async () => {
    const { t, r } = await mapped(sim.data.special.native);
    assert.equal(t.source, 'stored');
    assertTotalsMatch(t, r);
    assert.ok(t.parameters && typeof t.parameters === 'object');
    assert.ok(t.stepCount >= 5);
  });

  it('maps the huge record with every step', async () => {
    const { t, r } = await mapped(sim.data.special.huge);
    assert.equal(t.stepCount, BIG);
    assertTotalsMatch(t, r);
  });

  it('maps a run of ordinary records whose totals all match', async () => {
    const agentId = 'support-triage';
    const page = await client.listExecutionRecords(agentId, { pageSize: 25, status: ['COMPLETED', 'FAILED', 'CANCELLED', 'REJECTED'] });
    for (const r of page.items) assertTotalsMatch((await mapped({ agentId, recordId: r.id })).t, r);
  });

  it('maps an execute response, and the same totals as the record it made', async () => {
    const res = await client.execute('support-triage', { parameters: { ticket: 'Where is my order?' } });
    const t = fromExecuteResponse(res);
    assert.deepEqual([t.source, t.status, t.id], ['execute', 'ok', res.executionRecordId]);
    assert.equal(t.result?.text, res.response);
    const r = await client.getExecutionRecord('support-triage', res.executionRecordId ?? '');
    assert.equal(t.tokens.input, r.inputTokens);
    near(t.cost.input + t.cost.output + t.cost.cached, r.totalCost - r.thinkingCost, 'step costs');
  });

  it('opens raw responses saved to files, as the client would see them', async () => {
    const ref = sim.data.special.hitl;
    const base = `${sim.baseUrl}/v1/tenants/${sim.tenant}/agents/${ref.agentId}/executionRecords/${ref.recordId}`;
    for (const [verb, kind] of [[':projectedTrace', 'projected'], [':trace', 'stored']] as const) {
      const json: unknown = await (await fetch(base + verb, { headers: { 'X-API-KEY': sim.apiKey } })).json();
      const t = traceFromFile(json);
      assert.equal(t.source, kind);
      assert.equal(t.tokens.input, sim.data.recordById.get(ref.recordId)?.inputTokens);
    }
  });

  const drifts: DriftKind[][] = [['pascalCase'], ['unknownEnums'], ['missingOptional'], ['extraFields'], ['pascalCase', 'unknownEnums', 'missingOptional', 'extraFields']];
  for (const drift of drifts) {
    it(`survives drift: ${drift.join(' + ')}`, async () => {
      const ref = sim.data.special.hitl;
      const clean = await mapped(ref);
      sim.setFaults([{ route: 'projectedTrace', drift }]);
      const { t } = await mapped(ref);
      assert.equal(t.stepCount, clean.t.stepCount);
      // Token counts survive any drift: they are read whatever the step's type turned into.
      if (!drift.includes('missingOptional')) assert.deepEqual(t.tokens, clean.t.tokens);
      else assert.equal(t.tokens.input, clean.t.tokens.input);
      const all = steps(t);
      if (drift.includes('unknownEnums')) {
        assert.ok(all.some((s) => s.kind === 'other' && s.rawType === 'QUANTUM_STEP'));
        assert.ok(all.some((s) => s.status === 'unknown' && s.rawStatus === 'QUANTUM_PENDING'));
      }
      if (drift.length === 1 && drift[0] === 'pascalCase') {
        assert.deepEqual(all.map((s) => [s.kind, s.status]), steps(clean.t).map((s) => [s.kind, s.status]));
        assert.ok(all.some((s) => s.rawType === 'LlmStep'));
      }
      if (drift.includes('extraFields')) assert.ok(all.every((s) => s.attributes?.x_sim_extra !== undefined));
    });
  }
});
