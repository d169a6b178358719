// The OTLP mapper on a Fruxon execution's raw spans (`:otlpTrace`, through FruxonClient from the simulator
// over HTTP), compared with the server's projection of the same execution.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { compareTraces } from '../../../src/model/compare';
import { fromTraceWithFallback } from '../../../src/model/fruxonTrace';
import { traceFromOtlp } from '../../../src/model/otlp';
import { walk } from '../../../src/model/rollup';
import type { Step } from '../../../src/model/types';

describe('model: raw OTel spans of a Fruxon execution', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: FruxonClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 3000, quiet: true });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  for (const which of ['hitl', 'failed', 'huge'] as const) {
    it(`maps the ${which} record's spans to the projection's steps, kinds, tokens and cost`, async () => {
      const { agentId, recordId } = sim.data.special[which];
      const record = await client.getExecutionRecord(agentId, recordId);
      const raw = traceFromOtlp(await client.getOtlpTrace(agentId, recordId));
      const projected = fromTraceWithFallback(await client.getTraceWithFallback(agentId, recordId), record);
      const c = compareTraces(raw, projected, "the server's projection");
      assert.equal(c.steps[0], c.steps[1], 'step counts');
      assert.equal(c.tokens[0], c.tokens[1], 'tokens');
      assert.deepEqual(raw.tokens, projected.tokens);
      const kinds = (roots: Step[]) => {
        const k: Record<string, number> = {};
        walk(roots, (s) => {
          const key = s.kind === 'flow' || s.kind === 'agent' ? 'flow/agent' : s.kind;
          k[key] = (k[key] ?? 0) + 1;
        });
        return k;
      };
      assert.deepEqual(kinds(raw.roots), kinds(projected.roots));
      assert.equal(raw.status === 'error', projected.status === 'error');
      // Tool costs have no OTel attribute in these spans, so only LLM cost is compared exactly.
      assert.ok(Math.abs(raw.cost.input - projected.cost.input) < 1e-6 && Math.abs(raw.cost.output - projected.cost.output) < 1e-6);
    });
  }
});
