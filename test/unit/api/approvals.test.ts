import assert from 'node:assert/strict';
import { ApprovalAnswerSchema, ApprovalPageSchema, ApprovalSchema } from '../../../src/api/fruxon/approvalSchemas';
import { ApprovalClosedError } from '../../../src/api/fruxon/approvals';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { enumEquals } from '../../../src/api/fruxon/enums';
import { startSimulator } from '../../../simulator/index';
import type { Simulator, Variants } from '../../../simulator/index';
import { apiError, FAST_RETRY, rawServer } from './support';

async function closed(p: Promise<unknown>): Promise<ApprovalClosedError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApprovalClosedError) return e;
    throw new assert.AssertionError({ message: `expected an ApprovalClosedError, got ${String(e)}`, actual: e });
  }
  throw new assert.AssertionError({ message: 'expected a rejection, but the call succeeded' });
}

const FIELDS: Variants['approvalFields'][] = ['canonical', 'alt'];
const LISTS: Variants['approvalsListShape'][] = ['items', 'named', 'array'];
const ANSWERS: Variants['approvalAnswerShape'][] = ['approval', 'empty', 'wrapped'];
const CLOSED: Variants['approvalClosedAs'][] = ['conflict', 'gone', 'notFound', 'ok'];

describe('Fruxon client: human approvals against the simulator', () => {
  let sim: Simulator;
  let client: FruxonClient;
  before(async () => {
    sim = await startSimulator({ seed: 23 });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey, retry: FAST_RETRY });
  });
  after(async () => { await client.close(); await sim.close(); });
  beforeEach(() => { sim.clearFaults(); sim.setVariants({}); sim.setScript({}); sim.resetLog(); });

  /** A run paused at a gate: its approval id and record id. */
  async function pause(script: Record<string, unknown> = {}): Promise<{ id: string; recordId: string }> {
    const r = await client.execute('support-triage', { parameters: { n: Math.random(), _sim: { approval: true, ...script } } });
    assert.ok(r.humanApprovalRequestId && r.executionRecordId);
    return { id: r.humanApprovalRequestId, recordId: r.executionRecordId };
  }

  for (const approvalFields of FIELDS) {
    for (const approvalsListShape of LISTS) {
      it(`lists tenant-wide and per agent: ${approvalFields} fields in a ${approvalsListShape} envelope`, async () => {
        const { id, recordId } = await pause();
        sim.setVariants({ approvalFields, approvalsListShape });
        const page = await client.listApprovals();
        const a = page.items.find((x) => x.id === id);
        assert.ok(a, 'the new approval is listed');
        assert.equal(a.agentId, 'support-triage');
        assert.equal(a.executionRecordId, recordId);
        assert.ok(enumEquals(a.status, 'PENDING'));
        assert.ok(a.toolKey);
        assert.match(a.outboundMessage ?? '', /Approve\?$/);
        assert.equal(typeof a.proposedParameters, 'object');
        assert.equal(typeof a.requestedAt, 'number');
        assert.ok((a.expiresAt ?? 0) > (a.requestedAt ?? 0));
        if (approvalFields === 'alt') assert.equal((a as Record<string, unknown>).priority, 'NORMAL', 'unknown fields are kept');
        if (approvalsListShape !== 'array') assert.equal(page.totalCount, page.items.length);
        const mine = await client.listAgentApprovals('support-triage');
        assert.ok(mine.items.some((x) => x.id === id));
        assert.deepEqual((await client.listAgentApprovals('invoice-extractor')).items.filter((x) => x.id === id), []);
        // The status filter is sent as the documented parameter.
        assert.ok(sim.requests.every((r) => r.route !== 'listApprovals' || r.query.status?.[0] === 'PENDING'));
      });
    }
  }

  it('follows pages by token', async () => {
    await pause();
    await pause();
    const first = await client.listApprovals({ pageSize: 1 });
    assert.equal(first.items.length, 1);
    assert.ok(first.nextPageToken);
    const second = await client.listApprovals({ pageSize: 1, pageToken: first.nextPageToken });
    assert.notEqual(second.items[0]?.id, first.items[0]?.id);
  });

  for (const approvalAnswerShape of ANSWERS) {
    it(`approves, rejects and cancels once each when the answer is ${approvalAnswerShape}`, async () => {
      sim.setVariants({ approvalAnswerShape });
      const [a, b, c] = [await pause(), await pause(), await pause()];
      const approved = await client.respondToApproval('support-triage', a.id, 'APPROVE', 'Fine by me');
      if (approvalAnswerShape !== 'empty') assert.equal(approved.approval?.decision, 'APPROVE');
      else assert.equal(approved.approval, undefined);
      await client.respondToApproval('support-triage', b.id, 'REJECT');
      await client.cancelApproval('support-triage', c.id);
      assert.deepEqual([sim.count('respondApproval'), sim.count('cancelApproval')], [2, 1]);
      const status = async (r: string): Promise<string> => (await client.getExecutionRecord('support-triage', r)).status;
      assert.deepEqual([await status(a.recordId), await status(b.recordId), await status(c.recordId)], ['COMPLETED', 'REJECTED', 'CANCELLED']);
    });
  }

  for (const approvalClosedAs of CLOSED) {
    it(`an approval already answered or expired is an ApprovalClosedError (${approvalClosedAs})`, async () => {
      const done = await pause();
      await client.respondToApproval('support-triage', done.id, 'REJECT');
      const old = await pause({ approvalTtlMs: 1 });
      await new Promise((r) => setTimeout(r, 5));
      sim.setVariants({ approvalClosedAs });
      sim.resetLog();
      const e1 = await closed(client.respondToApproval('support-triage', done.id, 'APPROVE'));
      assert.equal(e1.reason, 'answered');
      const e2 = await closed(client.cancelApproval('support-triage', old.id));
      assert.equal(e2.reason, 'expired');
      assert.equal(e2.approvalId, old.id);
      assert.match(e2.message, /expired/);
      assert.deepEqual([sim.count('respondApproval'), sim.count('cancelApproval')], [1, 1], 'nothing was repeated');
    });
  }

  it('a 503 after the server acted is reported, never retried: exactly one request, and the approval was answered', async () => {
    const { id } = await pause();
    sim.resetLog();
    sim.setFaults([{ route: 'respondApproval', status: 503, afterHandling: true }]);
    const e = await apiError(client.respondToApproval('support-triage', id, 'APPROVE'));
    assert.equal(e.status, 503);
    assert.equal(e.mayHaveReachedServer, true);
    assert.equal(sim.count('respondApproval'), 1);
    sim.clearFaults();
    const answered = await client.listApprovals({ status: ['RESPONDED'] });
    assert.ok(answered.items.some((a) => a.id === id), 'the lost reply hid a real answer');
  });

  it('a reset or a 503 before acting is not retried either; a cancel under 502 neither', async () => {
    const { id } = await pause();
    sim.resetLog();
    sim.setFaults([{ route: 'respondApproval', reset: true, times: 1 }]);
    const e = await apiError(client.respondToApproval('support-triage', id, 'APPROVE'));
    assert.equal(e.kind, 'network');
    assert.equal(sim.count('respondApproval'), 1);
    sim.setFaults([{ route: 'cancelApproval', status: 502, times: 1 }]);
    await apiError(client.cancelApproval('support-triage', id));
    assert.equal(sim.count('cancelApproval'), 1);
    // Still pending: nothing was done twice, nothing lost.
    assert.ok((await client.listApprovals()).items.some((a) => a.id === id));
  });

  it('a GET of the list is retried on 503 like any read', async () => {
    sim.setFaults([{ route: 'listApprovals', status: 503, times: 1 }]);
    await client.listApprovals();
    assert.equal(sim.count('listApprovals'), 2);
  });

  it('sends decision, approved and text (the message, or the decision word)', async () => {
    const raw = await rawServer((_req, res) => { res.writeHead(204); res.end(); });
    const c = new FruxonClient({ baseUrl: raw.baseUrl, tenant: 't', credential: 'fx_live_x' });
    try {
      await c.respondToApproval('a/b', 'id:1', 'REJECT', 'Not  this one ');
      await c.respondToApproval('a', 'x', 'APPROVE');
      assert.equal(raw.seen[0]?.url, '/v1/tenants/t/agents/a%2Fb/pendingApprovals/id%3A1:respond');
      assert.deepEqual(JSON.parse(raw.seen[0]?.body ?? ''), { decision: 'REJECT', approved: false, text: 'Not  this one ' });
      assert.deepEqual(JSON.parse(raw.seen[1]?.body ?? ''), { decision: 'APPROVE', approved: true, text: 'approve' });
    } finally {
      await c.close();
      await raw.close();
    }
  });
});

describe('approval schemas: shapes the simulator does not serve', () => {
  it('reads a nested hitlTrace, resource names, numeric ids and object references', () => {
    const a = ApprovalSchema.parse({
      name: 'tenants/acme/agents/x/pendingApprovals/abc', agent: { id: 'x' }, execution: { id: 7 }, state: 'Responded',
      hitlTrace: { toolKey: 'refund', outboundMessage: 'Refund $120?', proposedParameters: { amount: 120 }, requestedAt: '2026-11-01T10:00:00Z' },
      decision: 'Approve', extra: [1],
    });
    assert.deepEqual([a.id, a.agentId, a.executionRecordId, a.status, a.decision, a.toolKey], ['abc', 'x', '7', 'Responded', 'Approve', 'refund']);
    assert.equal(a.requestedAt, Date.parse('2026-11-01T10:00:00Z'));
    assert.deepEqual(a.proposedParameters, { amount: 120 });
    assert.deepEqual((a as Record<string, unknown>).extra, [1]);
  });

  it('keeps an unknown status and a missing agent; rejects an approval without any id', () => {
    const a = ApprovalSchema.parse({ id: 1, status: 'ESCALATED' });
    assert.deepEqual([a.id, a.status, a.agentId], ['1', 'ESCALATED', undefined]);
    assert.equal(ApprovalSchema.safeParse({ status: 'PENDING' }).success, false);
  });

  it('reads pages under other keys and paging under meta', () => {
    const p = ApprovalPageSchema.parse({ approvals: [{ id: 'a' }], meta: { nextPageToken: 'n', total: 3 } });
    assert.deepEqual([p.items.length, p.nextPageToken, p.totalCount], [1, 'n', 3]);
    assert.deepEqual(ApprovalPageSchema.parse(null).items, []);
  });

  it('an answer never fails to parse: empty, odd, wrapped', () => {
    assert.equal(ApprovalAnswerSchema.parse(undefined).approval, undefined);
    assert.equal(ApprovalAnswerSchema.parse({ ok: true }).approval, undefined);
    assert.equal(ApprovalAnswerSchema.parse({ approval: { id: 'z', status: 'RESPONDED' } }).approval?.id, 'z');
  });
});
