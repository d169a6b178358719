// Export as OTLP/JSON, then open the export the way AgentLens opens any file (traceFromFile): the simulator's
// Fruxon, Zaia and raw-span traces come back with the same steps, kinds, names, statuses, errors, tokens,
// costs and messages.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { ZaiaClient } from '../../../src/api/zaia/client';
import { traceToOtlp } from '../../../src/model/agentText/otlpExport';
import { fromTraceWithFallback } from '../../../src/model/fruxonTrace';
import { traceFromOtlp } from '../../../src/model/otlp';
import { traceTotals, walk } from '../../../src/model/rollup';
import { traceFromFile } from '../../../src/model/traceFile';
import type { Step, Trace } from '../../../src/model/types';
import { traceFromNestings } from '../../../src/model/zaiaTrace';
import { generateTrace } from '../../../bench/generateTrace';

const near = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

function flat(t: Trace): Step[] {
  const out: Step[] = [];
  walk(t.roots, (s) => void out.push(s));
  return out;
}

/** What must survive the round trip, step by step. */
function assertSameTrace(back: Trace, orig: Trace): void {
  assert.equal(back.stepCount, orig.stepCount, 'step count');
  // Trace totals are the steps' sums (a lean Fruxon trace's record may say more than its steps carry).
  const sums = traceTotals(orig.roots);
  assert.deepEqual(back.tokens, sums.tokens, 'trace tokens');
  near(back.cost.total, sums.cost.total, 'trace cost');
  assert.equal(back.status === 'error', orig.status === 'error', 'trace failed');
  const a = flat(back);
  const b = flat(orig);
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const where = `step #${i} ${y.id} (${y.kind} ${y.name})`;
    assert.equal(x.name, y.name, `${where}: name`);
    assert.equal(x.kind, y.kind, `${where}: kind`);
    assert.equal(x.children.length, y.children.length, `${where}: children`);
    assert.equal(x.status === 'error', y.status === 'error', `${where}: failed`);
    if (y.status === 'error') assert.equal(x.error, y.error ?? 'error', `${where}: error`);
    assert.equal(x.start, y.start, `${where}: start`);
    assert.equal(x.end, y.end === undefined ? undefined : Math.max(y.end, y.start), `${where}: end`);
    assert.deepEqual(x.tokens, y.tokens, `${where}: tokens`);
    for (const k of ['input', 'output', 'cached', 'thinking', 'total'] as const) near(x.cost[k], y.cost[k], `${where}: cost.${k}`);
    if (y.detail.kind === 'llm') {
      assert.ok(x.detail.kind === 'llm');
      assert.deepEqual(x.detail.messages, y.detail.messages, `${where}: messages`);
      assert.equal(x.detail.model, y.detail.model, `${where}: model`);
      assert.deepEqual(x.detail.result, y.detail.result, `${where}: result`);
    }
    if (y.detail.kind === 'tool') {
      assert.ok(x.detail.kind === 'tool');
      assert.deepEqual(x.detail.parameters, y.detail.parameters, `${where}: parameters`);
      assert.deepEqual(x.detail.result, y.detail.result, `${where}: tool result`);
    }
    if (y.detail.kind === 'hitl') {
      assert.ok(x.detail.kind === 'hitl');
      assert.equal(x.detail.decision, y.detail.decision, `${where}: decision`);
    }
  }
}

function roundTrip(t: Trace): Trace {
  const json = JSON.parse(JSON.stringify(traceToOtlp(t))) as unknown;
  return traceFromFile(json);
}

describe('agentText: export as OTLP/JSON and open it again', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: FruxonClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 2000, quiet: true });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  for (const which of ['hitl', 'failed', 'huge', 'running'] as const) {
    it(`round-trips the simulator's ${which} Fruxon trace`, async () => {
      const { agentId, recordId } = sim.data.special[which];
      const record = await client.getExecutionRecord(agentId, recordId);
      const orig = fromTraceWithFallback(await client.getTraceWithFallback(agentId, recordId), record, { agentName: 'Agent' });
      const back = roundTrip(orig);
      assertSameTrace(back, orig);
      assert.equal(back.source, 'otlp');
      assert.equal(back.revision, String(orig.revision));
    });
  }

  it("round-trips a Fruxon execution's raw OTel spans, keeping trace and span ids", async () => {
    const { agentId, recordId } = sim.data.special.failed;
    const orig = traceFromOtlp(await client.getOtlpTrace(agentId, recordId));
    const back = roundTrip(orig);
    assertSameTrace(back, orig);
    assert.equal(back.id, orig.id);
    assert.deepEqual(flat(back).map((s) => s.id), flat(orig).map((s) => s.id));
  });

  it('round-trips the simulator’s Zaia traces', async () => {
    const zaia = new ZaiaClient({ baseUrl: sim.baseUrl, apiKey: sim.zaiaApiKey });
    try {
      for (const id of [sim.zaia.special.deep, sim.zaia.special.purged, sim.zaia.special.failed, sim.zaia.special.squad]) {
        const orig = traceFromNestings(await zaia.getNestings({ executionId: id }), {});
        assertSameTrace(roundTrip(orig), orig);
      }
    } finally {
      await zaia.close();
    }
  });

  it('round-trips a generated 5,000-step trace with every step kind, and is deterministic', () => {
    const orig = generateTrace(5000, 7);
    const a = JSON.stringify(traceToOtlp(orig));
    assert.equal(a, JSON.stringify(traceToOtlp(orig)));
    assertSameTrace(traceFromFile(JSON.parse(a)), orig);
    const spans = (JSON.parse(a) as { resourceSpans: { scopeSpans: { spans: { spanId: string; traceId: string }[] }[] }[] }).resourceSpans[0]!.scopeSpans[0]!.spans;
    assert.equal(new Set(spans.map((s) => s.spanId)).size, spans.length, 'span ids are unique');
    assert.ok(spans.every((s) => /^[0-9a-f]{16}$/.test(s.spanId) && /^[0-9a-f]{32}$/.test(s.traceId)));
  });
});
