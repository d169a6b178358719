import assert from 'node:assert/strict';
import { validateFault } from '../../../simulator/faults';
import { startSimulator } from '../../../simulator/index';
import { parseArgs } from '../../../simulator/main';
import { validateScript } from '../../../simulator/scripted';
import type { Simulator } from '../../../simulator/index';
import { call, expectProblem, getJson, json, postJson } from './helpers';

/** Starts a scripted run that pauses at a gate; returns its record and approval ids. */
async function pause(sim: Simulator, script: Record<string, unknown> = {}, agent = 'support-triage'): Promise<{ recordId: string; approvalId: string }> {
  const res = await postJson(sim, `/agents/${agent}:execute`, { parameters: { message: `refund ${Math.random()}`, _sim: { approval: true, ...script } } });
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.equal(body.status, 'WAITING_FOR_ASYNC');
  return { recordId: body.executionRecordId, approvalId: body.humanApprovalRequestId };
}

function gateOf(steps: any[]): any {
  for (const s of steps) {
    if (s.type === 'HITL') return { gate: s, siblings: steps };
    const inner = gateOf(s.steps);
    if (inner) return inner;
  }
  return undefined;
}

describe('simulator: human approvals (pendingApprovals, :respond, :cancel)', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator({ seed: 5 }); });
  after(async () => { await sim.close(); });
  beforeEach(() => { sim.clearFaults(); sim.setVariants({}); sim.resetLog(); });

  it('lists the seeded waiting runs tenant-wide and per agent, newest first, pending only by default', async () => {
    const all = await getJson(sim, '/pendingApprovals');
    assert.ok(all.items.length >= 1, 'the seeded waiting run has an approval');
    assert.equal(all.totalCount, all.items.length);
    const times = all.items.map((a: any) => a.requestedAt);
    assert.deepEqual(times, [...times].sort((a: number, b: number) => b - a));
    assert.ok(all.items.every((a: any) => a.status === 'PENDING'));
    const waiting = sim.data.special.waiting;
    const mine = await getJson(sim, `/agents/${waiting.agentId}/pendingApprovals`);
    assert.ok(mine.items.some((a: any) => a.executionRecordId === waiting.recordId));
    assert.ok(mine.items.every((a: any) => a.agentId === waiting.agentId));
  });

  it('pages with pageSize and an opaque token, and filters by status', async () => {
    await pause(sim);
    await pause(sim);
    const first = await getJson(sim, '/pendingApprovals?pageSize=1');
    assert.equal(first.items.length, 1);
    assert.ok(first.nextPageToken);
    const second = await getJson(sim, `/pendingApprovals?pageSize=1&pageToken=${first.nextPageToken}`);
    assert.notEqual(second.items[0].id, first.items[0].id);
    const none = await getJson(sim, '/pendingApprovals?status=EXPIRED');
    assert.deepEqual(none.items, []);
    await expectProblem(await call(sim, '/pendingApprovals?status=MAYBE'), 400);
  });

  it('approve: the gate shows the decision, the guarded tool runs after it, and the run completes', async () => {
    const { recordId, approvalId } = await pause(sim);
    const before = await getJson(sim, `/agents/support-triage/executionRecords/${recordId}:trace`);
    const open = gateOf(before.trace.traces);
    assert.equal(open.gate.hitlTrace.requestId, approvalId);
    assert.equal(open.gate.hitlTrace.decision, null);
    const res = await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { decision: 'APPROVE', text: 'Go ahead' });
    assert.equal(res.status, 200);
    const a = await json(res);
    assert.deepEqual([a.status, a.decision, a.responseText], ['RESPONDED', 'APPROVE', 'Go ahead']);
    const rec = await getJson(sim, `/agents/support-triage/executionRecords/${recordId}`);
    assert.equal(rec.status, 'COMPLETED');
    assert.ok(rec.endTime > 0);
    const after = await getJson(sim, `/agents/support-triage/executionRecords/${recordId}:trace`);
    const { gate, siblings } = gateOf(after.trace.traces);
    assert.equal(gate.hitlTrace.decision, 'APPROVE');
    assert.equal(gate.hitlTrace.responseText, 'Go ahead');
    const next = siblings[siblings.indexOf(siblings.find((s: any) => s.id === gate.id)) + 1];
    assert.equal(next.type, 'TOOL');
    assert.equal(next.toolTrace.tool.key, gate.hitlTrace.toolKey);
    assert.equal(next.status, 'SUCCESS');
    const pending = await getJson(sim, '/pendingApprovals');
    assert.ok(!pending.items.some((x: any) => x.id === approvalId));
  });

  it('reject ends the run REJECTED; a second answer is a 409 carrying the status', async () => {
    const { recordId, approvalId } = await pause(sim);
    const res = await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { text: 'reject' });
    assert.equal((await json(res)).decision, 'REJECT');
    assert.equal((await getJson(sim, `/agents/support-triage/executionRecords/${recordId}`)).status, 'REJECTED');
    const again = await expectProblem(await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { decision: 'APPROVE' }), 409);
    assert.equal(again.approvalStatus, 'RESPONDED');
    await expectProblem(await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { decision: 'maybe' }), 409);
  });

  it('cancel ends the run CANCELLED; an unknown id or another agent is 404; a bad decision is 400', async () => {
    const { recordId, approvalId } = await pause(sim);
    await expectProblem(await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { decision: 'maybe' }), 400);
    await expectProblem(await postJson(sim, `/agents/invoice-extractor/pendingApprovals/${approvalId}:cancel`, {}), 404);
    const res = await call(sim, `/agents/support-triage/pendingApprovals/${approvalId}:cancel`, { method: 'POST' });
    assert.equal((await json(res)).status, 'CANCELLED');
    assert.equal((await getJson(sim, `/agents/support-triage/executionRecords/${recordId}`)).status, 'CANCELLED');
  });

  it('expires after the scripted time: EXPIRED, the run CANCELLED, answering it 410 in the gone variant', async () => {
    const { recordId, approvalId } = await pause(sim, { approvalTtlMs: 1 });
    await new Promise((r) => setTimeout(r, 5));
    const expired = await getJson(sim, '/pendingApprovals?status=EXPIRED');
    assert.ok(expired.items.some((a: any) => a.id === approvalId));
    assert.equal((await getJson(sim, `/agents/support-triage/executionRecords/${recordId}`)).status, 'CANCELLED');
    sim.setVariants({ approvalClosedAs: 'gone' });
    const p = await expectProblem(await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { decision: 'APPROVE' }), 410);
    assert.equal(p.approvalStatus, 'EXPIRED');
    const { gate } = gateOf((await getJson(sim, `/agents/support-triage/executionRecords/${recordId}:trace`)).trace.traces);
    assert.equal(gate.status, 'ERROR');
  });

  it('a fault with afterHandling answers 503 although the approval was answered (one request)', async () => {
    const { approvalId } = await pause(sim);
    sim.resetLog();
    sim.setFaults([{ route: 'respondApproval', status: 503, afterHandling: true, times: 1 }]);
    await expectProblem(await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { decision: 'APPROVE' }), 503);
    assert.equal(sim.count('respondApproval'), 1);
    const done = await getJson(sim, '/pendingApprovals?status=RESPONDED');
    assert.ok(done.items.some((a: any) => a.id === approvalId));
  });

  it('serves the alternate field names, the named envelope, a bare array, and 204 answers', async () => {
    const { approvalId } = await pause(sim);
    sim.setVariants({ approvalFields: 'alt', approvalsListShape: 'named' });
    const named = await getJson(sim, '/pendingApprovals');
    const alt = named.pendingApprovals.find((a: any) => a.requestId === approvalId);
    assert.equal(alt.status, 'Pending');
    assert.match(alt.createdAt, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(typeof alt.arguments, 'string');
    sim.setVariants({ approvalsListShape: 'array', approvalAnswerShape: 'empty' });
    assert.ok(Array.isArray(await getJson(sim, '/pendingApprovals')));
    const res = await postJson(sim, `/agents/support-triage/pendingApprovals/${approvalId}:respond`, { approved: true });
    assert.equal(res.status, 204);
  });

  it('is configured from the CLI, the admin routes and the script, which name a bad value', async () => {
    const o = parseArgs(['--approval-fields', 'alt', '--approvals-list-shape', 'named', '--approval-answer-shape', 'empty', '--approval-closed-as', 'gone']);
    assert.deepEqual(o.variants, { approvalFields: 'alt', approvalsListShape: 'named', approvalAnswerShape: 'empty', approvalClosedAs: 'gone' });
    assert.throws(() => parseArgs(['--approval-closed-as', 'teapot']), /approvalClosedAs/);
    assert.deepEqual(validateFault({ route: 'cancelApproval', status: 503, afterHandling: true }), { route: 'cancelApproval', status: 503, afterHandling: true });
    assert.throws(() => validateFault({ route: 'respondApproval', afterHandling: 'yes' }), /afterHandling/);
    assert.deepEqual(validateScript({ approval: true, approvalTtlMs: 500, resumeMs: 0 }), { approval: true, approvalTtlMs: 500, resumeMs: 0 });
    assert.throws(() => validateScript({ approvalTtlMs: -1 }), /approvalTtlMs/);
    const res = await fetch(`${sim.baseUrl}/_sim/variants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approvalsListShape: 'array' }) });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(await getJson(sim, '/pendingApprovals')));
  });
});
