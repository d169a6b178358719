// The compare engine on the simulator's compare set, fetched through FruxonClient and mapped as the extension
// does: the baseline against each variant gives the known difference as the first divergence.
import assert from 'node:assert/strict';
import { CHANGED_PROMPT_SUFFIX } from '../../../../simulator/compareSet';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { FruxonClient } from '../../../../src/api/fruxon/client';
import { fromTraceWithFallback } from '../../../../src/model/fruxonTrace';
import { diffTraces } from '../../../../src/model/traceDiff/diff';
import type { Trace } from '../../../../src/model/types';

describe('compare engine: the simulator\'s compare set', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: FruxonClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 2_000, quiet: true });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  async function load(ref: { agentId: string; recordId: string }): Promise<Trace> {
    const r = await client.getExecutionRecord(ref.agentId, ref.recordId);
    return fromTraceWithFallback(await client.getTraceWithFallback(ref.agentId, ref.recordId), r);
  }

  it('the four runs are records of one agent, newest first: failed step, prompt, extra tool, baseline; same parameters', async () => {
    const s = sim.data.special;
    const page = await client.listExecutionRecords('support-triage', { pageSize: 12 });
    assert.deepEqual(page.items.slice(6, 10).map((r) => r.id), [s.compareFailed, s.comparePrompt, s.compareExtraTool, s.compareBase].map((x) => x.recordId));
    const params = await Promise.all([s.compareBase, s.compareFailed].map((x) => client.getResult(x.agentId, x.recordId)));
    assert.deepEqual(params[0]!.parameters, params[1]!.parameters);
  });

  it('baseline against itself and each variant: identical, an extra tool step, a changed system prompt, a failed step', async () => {
    const s = sim.data.special;
    const base = await load(s.compareBase);
    const same = diffTraces(base, await load(s.compareBase));
    assert.equal(same.identical, true);

    const extra = diffTraces(base, await load(s.compareExtraTool));
    const first = extra.rows[extra.firstDivergence]!;
    assert.equal(first.state, 'onlyB');
    assert.equal(first.b?.kind, 'tool');
    assert.deepEqual(extra.changes.map((r) => extra.rows[r]!.state), ['onlyB'], 'only the extra step differs');

    const prompt = diffTraces(base, await load(s.comparePrompt));
    const p = prompt.rows[prompt.firstDivergence]!;
    assert.equal(p.a?.kind, 'llm');
    assert.deepEqual(p.changes, ['messages']);
    assert.ok(p.b?.detail.kind === 'llm' && p.b.detail.messages[0]!.content.endsWith(CHANGED_PROMPT_SUFFIX));
    assert.ok(prompt.changes.every((r) => prompt.rows[r]!.a?.kind === 'llm'), 'only LLM calls changed');

    const failed = diffTraces(base, await load(s.compareFailed));
    const f = failed.rows[failed.firstDivergence]!;
    assert.equal(f.a?.kind, 'tool');
    assert.equal(f.b?.status, 'error');
    assert.ok(f.changes.includes('status') && f.changes.includes('error'));
    assert.deepEqual(failed.totals.errors, [0, 1]);
  });
});
