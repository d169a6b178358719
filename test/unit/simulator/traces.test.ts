import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { flatten, getJson, recordPath } from './helpers';
import type { StepLike } from './helpers';

const STEP_KEYS = ['id', 'displayName', 'type', 'llmStepTrace', 'toolTrace', 'hitlTrace', 'steps', 'result', 'status', 'error',
  'startTime', 'endTime', 'duration'];

function checkNesting(steps: readonly StepLike[], parent?: StepLike): void {
  for (const s of steps) {
    assert.deepEqual(Object.keys(s), STEP_KEYS);
    if (parent) {
      assert.ok(s.startTime >= parent.startTime, 'child starts inside parent');
      if (parent.endTime !== 0) assert.ok(s.endTime !== 0 && s.endTime <= parent.endTime, 'child ends inside parent');
    }
    checkNesting(s.steps, s);
  }
}

describe('simulator: traces', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator({ bigTraceSteps: 5000 }); });
  after(async () => { await sim.close(); });

  it('serves an ordinary projected trace whose LLM steps add up to the record', async () => {
    const ref = sim.data.special.hitl;
    const rec = sim.data.recordById.get(ref.recordId);
    const body = await getJson(sim, recordPath(ref, ':projectedTrace'));
    assert.deepEqual(Object.keys(body), ['executionRecordId', 'rawSpanCount', 'traces']);
    const steps = flatten(body.traces);
    assert.equal(body.rawSpanCount, steps.length);
    assert.ok(steps.length >= 5 && steps.length <= 80);
    checkNesting(body.traces);
    const llm = steps.filter((s) => s.type === 'LLM_STEP').map((s) => s.llmStepTrace);
    assert.equal(llm.reduce((a, t) => a + t.inputTokens, 0), rec?.inputTokens);
    assert.equal(llm.reduce((a, t) => a + t.outputTokens, 0), rec?.outputTokens);
    assert.ok(Math.abs(llm.reduce((a, t) => a + t.inputCost, 0) - (rec?.inputCost ?? 0)) < 1e-9);
    const gate = steps.find((s) => s.type === 'HITL');
    assert.equal(gate?.hitlTrace.decision, 'APPROVE');
    assert.equal(gate?.hitlTrace.gateType, 'TOOL_FLOW_STEP');
    assert.ok(gate?.hitlTrace.respondedAt > 0);
    assert.ok(steps.some((s) => s.type === 'TOOL' && s.toolTrace.tool.key === gate?.hitlTrace.toolKey));
    const msgs = llm.find((t) => t.llmMessages.length > 0)?.llmMessages;
    assert.equal(msgs?.[0]?.role, 'system');
  });

  it('serves :trace and :result for the same record', async () => {
    const ref = sim.data.special.hitl;
    const t = await getJson(sim, recordPath(ref, ':trace'));
    assert.equal(t.status, 'COMPLETED');
    assert.deepEqual(Object.keys(t.trace), ['agentExecutionRecordId', 'agentId', 'agentRevision', 'createdAt', 'parameters',
      'startTime', 'endTime', 'duration', 'traces', 'result', 'inputCost', 'outputCost', 'totalCost']);
    const r = await getJson(sim, recordPath(ref, ':result'));
    assert.deepEqual(r.result, t.trace.result);
    assert.deepEqual(r.parameters, t.trace.parameters);
    assert.ok(r.result.strValue || r.result.jsonValue);
  });

  it('marks the running, waiting and failed records', async () => {
    const running = await getJson(sim, recordPath(sim.data.special.running, ':projectedTrace'));
    const open = flatten(running.traces).filter((s) => s.endTime === 0);
    assert.ok(open.length >= 2 && open[0] === running.traces[0]);
    assert.equal(sim.data.recordById.get(sim.data.special.running.recordId)?.endTime, 0);

    const waiting = flatten((await getJson(sim, recordPath(sim.data.special.waiting, ':projectedTrace'))).traces);
    const pending = waiting.find((s) => s.type === 'HITL');
    assert.equal(pending?.hitlTrace.respondedAt, null);
    assert.equal(pending?.endTime, 0);

    const failed = flatten((await getJson(sim, recordPath(sim.data.special.failed, ':projectedTrace'))).traces);
    const err = failed.find((s) => s.type === 'TOOL' && s.status === 'ERROR');
    assert.ok(err && typeof err.error === 'string' && err.error.length > 0);
  });

  it('serves a native record with an empty projection but a full :trace', async () => {
    const ref = sim.data.special.native;
    assert.deepEqual(await getJson(sim, recordPath(ref, ':projectedTrace')), { executionRecordId: ref.recordId, rawSpanCount: 0, traces: [] });
    assert.ok(flatten((await getJson(sim, recordPath(ref, ':trace'))).trace.traces).length >= 5);
    assert.deepEqual(await getJson(sim, recordPath(ref, ':otlpTrace')), { resourceSpans: [] });
  });

  it('serves the same steps as OTLP/JSON with GenAI attributes', async () => {
    const ref = sim.data.special.hitl;
    const projected = flatten((await getJson(sim, recordPath(ref, ':projectedTrace'))).traces);
    const otlp = await getJson(sim, recordPath(ref, ':otlpTrace'));
    const spans = otlp.resourceSpans[0].scopeSpans[0].spans as Record<string, any>[];
    assert.deepEqual(spans.map((s) => s.spanId), projected.map((s) => s.id));
    for (const s of spans) {
      assert.match(s.traceId, /^[0-9a-f]{32}$/);
      assert.match(s.spanId, /^[0-9a-f]{16}$/);
      assert.match(s.startTimeUnixNano, /^\d+$/);
    }
    const llm = spans.find((s) => s.kind === 3);
    const keys = (llm?.attributes as { key: string }[]).map((a) => a.key);
    for (const k of ['gen_ai.operation.name', 'gen_ai.request.model', 'gen_ai.usage.input_tokens']) assert.ok(keys.includes(k), k);
    const tool = spans.find((s) => s.name.startsWith('execute_tool'));
    assert.ok((tool?.attributes as { key: string }[]).some((a) => a.key === 'gen_ai.tool.name'));
  });

  it('serves the huge trace with exactly bigTraceSteps steps in every view', async () => {
    const ref = sim.data.special.huge;
    const p = await getJson(sim, recordPath(ref, ':projectedTrace'));
    assert.equal(flatten(p.traces).length, 5000);
    assert.equal(p.rawSpanCount, 5000);
    checkNesting(p.traces);
    assert.equal(flatten((await getJson(sim, recordPath(ref, ':trace'))).trace.traces).length, 5000);
    assert.equal((await getJson(sim, recordPath(ref, ':otlpTrace'))).resourceSpans[0].scopeSpans[0].spans.length, 5000);
  });
});
