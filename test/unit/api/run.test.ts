import assert from 'node:assert/strict';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { isWaitingForApproval, runAgentOnce } from '../../../src/api/fruxon/run';
import type { RunEvent } from '../../../src/api/fruxon/stream';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { apiError, closedPort, rawServer } from './support';

describe('running an agent (stream, fallback to execute, never twice)', () => {
  let sim: Simulator;
  let client: FruxonClient;
  before(async () => {
    sim = await startSimulator({ seed: 11 });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey, retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2 } });
  });
  after(async () => { await client.close(); await sim.close(); });
  beforeEach(() => { sim.clearFaults(); sim.setScript({}); sim.resetLog(); });

  it('streams events in order and returns the record id from done', async () => {
    const seen: RunEvent[] = [];
    const out = await runAgentOnce(client, { agentId: 'support-triage', body: { parameters: { message: 'hi' } }, stream: true }, { onEvent: (e) => seen.push(e) });
    assert.equal(out.via, 'stream');
    assert.equal(out.status, 'COMPLETED');
    assert.ok(out.executionRecordId);
    assert.equal(seen[0]?.type, 'start');
    assert.equal(seen.at(-1)?.type, 'done');
    assert.ok(seen.some((e) => e.type === 'unknown'), 'the unknown event came through as unknown');
    assert.equal(out.response, seen.filter((e): e is Extract<RunEvent, { type: 'text' }> => e.type === 'text').map((e) => e.delta).join(''));
    assert.equal(sim.count('stream'), 1);
    assert.equal(sim.count('execute'), 0);
  });

  it('falls back to :execute when the stream route is missing (404), once', async () => {
    sim.setFaults([{ route: 'stream', status: 404 }]);
    let why = '';
    const out = await runAgentOnce(client, { agentId: 'support-triage', body: { parameters: {} }, stream: true }, { onFallback: (w) => { why = w; } });
    assert.equal(out.via, 'execute');
    assert.match(why, /404/);
    assert.equal(out.status, 'COMPLETED');
    assert.deepEqual([sim.count('stream'), sim.count('execute')], [1, 1]);
  });

  it('never falls back or retries once the stream was accepted or failed on the server (503)', async () => {
    sim.setFaults([{ route: 'stream', status: 503 }]);
    const e = await apiError(runAgentOnce(client, { agentId: 'support-triage', body: {}, stream: true }));
    assert.equal(e.status, 503);
    assert.deepEqual([sim.count('stream'), sim.count('execute')], [1, 0]);
    sim.setFaults([{ route: 'execute', status: 503 }]);
    const e2 = await apiError(runAgentOnce(client, { agentId: 'support-triage', body: {}, stream: false }));
    assert.equal(e2.status, 503);
    assert.equal(e2.mayHaveReachedServer, true);
    assert.equal(sim.count('execute'), 1, 'a 503 on :execute was retried');
  });

  it('does not fall back when the stream breaks off after it started', async () => {
    const raw = await rawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('event: start\ndata: {}\n\nevent: text\ndata: {"delta":"par"}\n\n', () => res.destroy());
    });
    const c = new FruxonClient({ baseUrl: raw.baseUrl, tenant: 't', credential: 'fx_live_x' });
    try {
      const seen: string[] = [];
      const e = await apiError(runAgentOnce(c, { agentId: 'a', body: {}, stream: true }, { onEvent: (ev) => seen.push(ev.type) }));
      assert.equal(e.mayHaveReachedServer, true);
      assert.deepEqual(seen, ['start', 'text']);
      assert.equal(raw.seen.length, 1, 'sent twice');
      assert.ok(raw.seen[0]!.url.endsWith(':stream'));
    } finally {
      await c.close();
      await raw.close();
    }
  });

  it('falls back when nothing listens (never sent), and reports the execute failure', async () => {
    const c = new FruxonClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, tenant: 't', credential: 'fx_live_x', retry: { maxRetries: 0 } });
    try {
      let fell = false;
      const e = await apiError(runAgentOnce(c, { agentId: 'a', body: {}, stream: true }, { onFallback: () => { fell = true; } }));
      assert.equal(fell, true);
      assert.equal(e.kind, 'network');
      assert.equal(e.mayHaveReachedServer, false);
    } finally {
      await c.close();
    }
  });

  it('stops waiting on abort; the run still lands on the server', async () => {
    sim.setScript({ durationMs: 400 });
    const before = sim.data.recordsByAgent.get('code-review-bot')!.length;
    const ac = new AbortController();
    const started: string[] = [];
    const p = runAgentOnce(client, { agentId: 'code-review-bot', body: { parameters: { pr: 1 } }, stream: true }, {
      signal: ac.signal, onEvent: (e) => { started.push(e.type); if (e.type === 'start') setTimeout(() => ac.abort(), 20); },
    });
    const e = await apiError(p);
    assert.equal(e.kind, 'cancelled');
    assert.equal(sim.count('stream'), 1);
    assert.equal(sim.count('execute'), 0);
    for (let i = 0; i < 100 && sim.data.recordsByAgent.get('code-review-bot')!.length === before; i++) await new Promise((r) => setTimeout(r, 30));
    assert.equal(sim.data.recordsByAgent.get('code-review-bot')!.length, before + 1, 'the run did not land on the server');
  });

  it('reports a human-approval pause from either route', async () => {
    sim.setScript({ approval: true });
    for (const stream of [true, false]) {
      const out = await runAgentOnce(client, { agentId: 'support-triage', body: { parameters: { message: `refund ${stream}` } }, stream });
      assert.equal(out.status, 'WAITING_FOR_ASYNC');
      assert.ok(out.humanApprovalRequestId);
      assert.equal(isWaitingForApproval(out), true);
    }
  });

  it('runs a specific revision over :execute', async () => {
    const out = await runAgentOnce(client, { agentId: 'code-review-bot', revision: 2, body: { parameters: { repo: 'r' } }, stream: true });
    assert.equal(out.via, 'execute');
    assert.equal(out.execute?.trace?.agentRevision, 2);
    assert.equal(sim.count('stream'), 0);
  });

  it('rejects a 200 that is not an event stream without resending', async () => {
    const raw = await rawServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{}'); });
    const c = new FruxonClient({ baseUrl: raw.baseUrl, tenant: 't', credential: 'fx_live_x' });
    try {
      const e = await apiError(runAgentOnce(c, { agentId: 'a', body: {}, stream: true }));
      assert.equal(e.code, 'notEventStream');
      assert.equal(raw.seen.length, 1);
    } finally {
      await c.close();
      await raw.close();
    }
  });
});
