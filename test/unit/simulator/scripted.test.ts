import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import { parseArgs } from '../../../simulator/main';
import type { Simulator } from '../../../simulator/index';
import { call, expectProblem, getJson, json, postJson } from './helpers';

/** Reads a whole SSE response into [event, data] pairs (the simulator's own framing: one data line). */
async function events(res: Response): Promise<Array<[string, any]>> {
  const text = await res.text();
  return text.split('\n\n').filter((b) => b.includes('data:')).map((b) => {
    const event = /^event: (.*)$/m.exec(b)?.[1] ?? 'message';
    return [event, JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? 'null')];
  });
}

const stream = (sim: Simulator, agent: string, body: unknown): Promise<Response> =>
  call(sim, `/agents/${agent}:stream`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' }, body: JSON.stringify(body) });

describe('simulator: scripted agent (:execute and :stream)', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator({ seed: 9 }); });
  after(async () => { await sim.close(); });
  beforeEach(() => { sim.setScript({}); sim.resetLog(); });

  it('streams start, status, tool calls and results, text deltas, usage and done, and stores the record', async () => {
    const res = await stream(sim, 'support-triage', { parameters: { message: 'Where is my order?' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const evs = await events(res);
    const types = evs.map(([e]) => e);
    assert.equal(types[0], 'start');
    assert.equal(types.at(-1), 'done');
    assert.ok(types.includes('tool_call') && types.includes('tool_result') && types.includes('text') && types.includes('usage'), types.join(','));
    assert.ok(types.indexOf('tool_call') < types.indexOf('tool_result'));
    assert.ok(types.includes('heartbeat'), 'an event type clients do not know, to keep them tolerant');
    const done = evs.at(-1)![1];
    assert.equal(done.status, 'COMPLETED');
    const record = await getJson(sim, `/agents/support-triage/executionRecords/${done.executionRecordId}`);
    assert.equal(record.status, 'COMPLETED');
    const text = evs.filter(([e]) => e === 'text').map(([, d]) => d.delta).join('');
    const result = await getJson(sim, `/agents/support-triage/executionRecords/${done.executionRecordId}:result`);
    assert.equal(text, result.result.strValue, 'the deltas add up to the stored answer');
    assert.deepEqual(result.parameters, { message: 'Where is my order?' });
    assert.equal(sim.count('stream', 'POST'), 1);
    assert.equal(sim.count('execute'), 0);
  });

  it('derives the same events from the same parameters', async () => {
    const shape = async (): Promise<string> => JSON.stringify((await events(await stream(sim, 'invoice-extractor', { parameters: { fileId: 'f1' } })))
      .filter(([e]) => e !== 'done' && e !== 'start'));
    assert.equal(await shape(), await shape());
  });

  it('pauses for a human approval when asked (per request or by the admin script)', async () => {
    const viaParams = await json(await postJson(sim, '/agents/support-triage:execute', { parameters: { message: 'refund', _sim: { approval: true } } }));
    assert.equal(viaParams.status, 'WAITING_FOR_ASYNC');
    assert.match(viaParams.humanApprovalRequestId, /^[0-9a-f-]{36}$/);
    const rec = await getJson(sim, `/agents/support-triage/executionRecords/${viaParams.executionRecordId}`);
    assert.equal(rec.status, 'WAITING_FOR_ASYNC');
    assert.equal(rec.endTime, 0);
    sim.setScript({ approval: true });
    const evs = await events(await stream(sim, 'support-triage', { parameters: { message: 'refund 2' } }));
    const waiting = evs.find(([e, d]) => e === 'status' && d.status === 'WAITING_FOR_ASYNC');
    assert.ok(waiting, 'no waiting status event');
    assert.equal(evs.at(-1)![1].humanApprovalRequestId, waiting[1].humanApprovalRequestId);
  });

  it('fails when asked: FAILED record, an error event before done', async () => {
    const body = { parameters: { q: 1, _sim: { fail: 'the CRM is down' } } };
    const evs = await events(await stream(sim, 'sales-research', body));
    const err = evs.find(([e]) => e === 'error');
    assert.equal(err?.[1].message, 'the CRM is down');
    assert.equal(evs.at(-1)![1].status, 'FAILED');
    const exec = await json(await postJson(sim, '/agents/sales-research:execute', body));
    assert.equal(exec.status, 'FAILED');
    assert.equal(exec.response, null);
  });

  it('takes the configured time, and keeps running when the client goes away', async () => {
    sim.setScript({ durationMs: 300 });
    const t = Date.now();
    await postJson(sim, '/agents/onboarding-concierge:execute', { parameters: { name: 'a' } });
    assert.ok(Date.now() - t >= 280, 'execute answered before its duration');
    const before = sim.data.recordsByAgent.get('onboarding-concierge')!.length;
    const res = await stream(sim, 'onboarding-concierge', { parameters: { name: 'b' } });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    // It lands when its time is up (polled: a loaded machine may be late, but it must come).
    for (let i = 0; i < 100 && sim.data.recordsByAgent.get('onboarding-concierge')!.length === before; i++) await new Promise((r) => setTimeout(r, 30));
    assert.equal(sim.data.recordsByAgent.get('onboarding-concierge')!.length, before + 1, 'the abandoned run was not stored');
  });

  it('validates the body and the script, and answers faults before streaming', async () => {
    await expectProblem(await stream(sim, 'support-triage', { parameters: [1] }), 400);
    await expectProblem(await stream(sim, 'support-triage', { parameters: { _sim: { durationMs: -1 } } }), 400);
    await expectProblem(await stream(sim, 'support-triage', { parameters: { _sim: { explode: true } } }), 400);
    await expectProblem(await stream(sim, 'nobody', {}), 404);
    sim.setFaults([{ route: 'stream', status: 503, times: 1 }]);
    await expectProblem(await stream(sim, 'support-triage', {}), 503);
    sim.clearFaults();
  });

  it('takes a script from the command line', () => {
    assert.deepEqual(parseArgs(['--run-ms', '250', '--run-script', '{"approval":true}']).script, { durationMs: 250, approval: true });
    assert.throws(() => parseArgs(['--run-script', '{"fail":1}']), /fail must be a boolean or a message/);
  });

  it('is switched through /_sim/script', async () => {
    const set = await fetch(`${sim.baseUrl}/_sim/script`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approval: true, durationMs: 5 }) });
    assert.deepEqual(await set.json(), { approval: true, durationMs: 5 });
    assert.equal((await fetch(`${sim.baseUrl}/_sim/script`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"fail":3}' })).status, 400);
    assert.equal((await fetch(`${sim.baseUrl}/_sim/script`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await (await fetch(`${sim.baseUrl}/_sim/script`)).json(), {});
  });
});
