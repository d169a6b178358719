// ZaiaClient against the simulator's Zaia routes over real HTTP: paging, filters, nestings, the [guess]
// response variants, auth failures and the shared fault switches.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { isAuthError } from '../../../src/api/errors';
import { ZaiaClient } from '../../../src/api/zaia/client';
import { FAST_RETRY, apiError, dumpError } from './support';

describe('api: ZaiaClient (simulator over HTTP)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: ZaiaClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 100, quiet: true });
    client = new ZaiaClient({ baseUrl: `${sim.baseUrl}/`, apiKey: sim.zaiaApiKey, retry: FAST_RETRY });
  });
  beforeEach(() => {
    sim.resetLog();
    sim.clearFaults();
    sim.setVariants({});
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  const last = () => sim.requests.at(-1)!;
  const responder = (name: string) => sim.zaia.responders.find((r) => r.name === name)!;
  const countFor = (id: string) => sim.zaia.executions.filter((e) => e.responderId === id).length;

  it('sends the raw key in Authorization (no Bearer) and lists responders of every type', async () => {
    const all = await client.listAllResponders();
    assert.deepEqual(all.map((r) => r.id).sort(), sim.zaia.responders.map((r) => r.id).sort());
    assert.deepEqual([...new Set(all.map((r) => r.entity))].sort(), ['agent', 'squad', 'workflow']);
    assert.equal(last().auth, 'apiKey');
    assert.equal(last().route, 'zaiaResponders');
    assert.deepEqual(last().query.pageSize, ['100']);
  });

  it('pages responders with pageNumber/pageSize and filters by entity and search', async () => {
    const p1 = await client.listResponders({ pageSize: 3 });
    const p3 = await client.listResponders({ pageSize: 3, pageNumber: 3 });
    assert.equal(p1.items.length, 3);
    assert.equal(p1.total, sim.zaia.responders.length);
    assert.equal(p1.hasMore, true);
    assert.equal(p3.items.length, sim.zaia.responders.length - 6);
    assert.equal(p3.hasMore, false);
    const squads = await client.listResponders({ entities: 'squads' });
    assert.ok(squads.items.length >= 2 && squads.items.every((r) => r.entity === 'squad'));
    assert.deepEqual(last().query.responderEntities, ['squads']);
    const found = await client.listResponders({ search: 'nightly' });
    assert.deepEqual(found.items.map((r) => r.name), ['Nightly Report']);
  });

  it('pages one responder\'s executions, newest first, and sends responderIds', async () => {
    const support = responder('Support Agent');
    const total = countFor(support.id);
    assert.ok(total > 20, 'the seeded first agent has more than two pages');
    const seen: string[] = [];
    let pageNumber = 1;
    for (;;) {
      const page = await client.listExecutions({ responderIds: [support.id], pageNumber, pageSize: 10 });
      assert.deepEqual(last().query.responderIds, [support.id]);
      assert.deepEqual(last().query.pageNumber, [String(pageNumber)]);
      assert.equal(page.total, total);
      assert.ok(page.items.every((e) => e.responderId === support.id));
      seen.push(...page.items.map((e) => e.id));
      if (!page.hasMore) break;
      pageNumber++;
    }
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    assert.equal(pageNumber, Math.ceil(total / 10));
    const two = await client.listExecutions({ responderIds: [support.id, responder('Growth Squad').id], pageSize: 100 });
    assert.deepEqual(last().query.responderIds, [support.id, responder('Growth Squad').id]);
    assert.equal(two.items.length, total + countFor(responder('Growth Squad').id));
  });

  it('clamps the page size to the documented 1–100', async () => {
    const page = await client.listExecutions({ pageSize: 1000 });
    assert.equal(page.pageSize, 100);
    assert.deepEqual(last().query.pageSize, ['100']);
  });

  it('reads an execution with times as Unix ms, the running one with no end', async () => {
    const e = await client.getExecution(sim.zaia.special.running);
    assert.equal(e.status, 'running');
    assert.equal(e.endedAt, null);
    assert.equal(typeof e.startedAt, 'number');
    const failed = await client.getExecution(sim.zaia.special.failed);
    assert.equal(failed.status, 'failed');
    assert.ok((failed.endedAt ?? 0) > (failed.startedAt ?? 0));
  });

  it('reports a missing execution as a 404 with the ProblemDetails detail', async () => {
    const e = await apiError(client.getExecution('00000000-0000-4000-8000-000000000000'));
    assert.equal(e.status, 404);
    assert.match(e.detail ?? '', /was not found/);
    assert.match(e.userMessage, /Execution "00000000-0000-4000-8000-000000000000" was not found on Zaia/);
  });

  it('gets nestings by execution id and by chat message id', async () => {
    const deep = await client.getNestings({ executionId: sim.zaia.special.deep });
    assert.equal(deep.root.id, sim.zaia.special.deep);
    assert.equal(deep.executions.length, sim.zaia.deepDepth);
    assert.equal(deep.executions[0], deep.root);
    const byMessage = [...sim.zaia.byChatMessage.entries()][0]!;
    const viaChat = await client.getNestings({ chatMessageId: byMessage[0] });
    assert.equal(viaChat.root.id, byMessage[1].id);
    assert.deepEqual(last().query.chatMessageId, [byMessage[0]]);
    const missing = await apiError(client.getNestings({ chatMessageId: '00000000-0000-4000-8000-000000000000' }));
    assert.equal(missing.status, 404);
  });

  for (const shape of ['tree', 'flat', 'wrapped'] as const) {
    it(`accepts nestings as ${shape} and links every child to its parent`, async () => {
      sim.setVariants({ zaiaNestingShape: shape });
      const n = await client.getNestings({ executionId: sim.zaia.special.purged });
      const expected = sim.zaia.executions.filter((e) => e.id === sim.zaia.special.purged || e.parentId === sim.zaia.special.purged);
      assert.deepEqual(n.executions.map((e) => e.id).sort(), expected.map((e) => e.id).sort());
      assert.equal(n.root.isPurged, true);
      for (const e of n.executions.slice(1)) assert.equal(e.parentId, sim.zaia.special.purged);
      const deep = await client.getNestings({ executionId: sim.zaia.special.deep });
      assert.equal(deep.executions.length, sim.zaia.deepDepth);
    });
  }

  for (const shape of ['items', 'data', 'array'] as const) {
    it(`accepts a list envelope of shape ${shape}`, async () => {
      sim.setVariants({ zaiaListShape: shape });
      const id = responder('Support Agent').id;
      const page = await client.listExecutions({ responderIds: [id], pageSize: 10 });
      assert.equal(page.items.length, 10);
      assert.equal(page.hasMore, true);
      // A bare array has no total: "the page was full" is all there is to go on.
      assert.equal(page.total, shape === 'array' ? undefined : countFor(id));
      const responders = await client.listAllResponders({ pageSize: 3 });
      assert.equal(responders.length, sim.zaia.responders.length);
    });
  }

  it('keeps status and entity spellings as sent (upper, pascal, plural)', async () => {
    sim.setVariants({ zaiaStatusCase: 'upper', zaiaEntitySpelling: 'plural' });
    assert.equal((await client.getExecution(sim.zaia.special.failed)).status, 'FAILED');
    assert.ok((await client.listAllResponders()).some((r) => r.entity === 'workflows'));
    sim.setVariants({ zaiaStatusCase: 'pascal' });
    assert.equal((await client.getExecution(sim.zaia.special.unknownStatus)).status, 'AwaitingHumanReview');
  });

  it('keeps an unknown detail variant and unknown fields instead of failing', async () => {
    sim.setFaults([{ route: 'zaiaExecution', drift: ['extraFields'] }]);
    const e = await client.getExecution(sim.zaia.special.unknownDetail);
    assert.equal((e.detail as { kind: string }).kind, 'voice-call');
    assert.ok('x_sim_extra' in e);
    sim.setFaults([{ route: 'zaiaNestings', drift: ['missingOptional', 'unknownEnums'] }]);
    const n = await client.getNestings({ executionId: sim.zaia.special.purged });
    assert.equal(n.executions.length, 3);
  });

  it('refuses a wrong key (401) without ever showing it', async () => {
    const bad = 'zaia_wrong_key_1234567890';
    const c = new ZaiaClient({ baseUrl: sim.baseUrl, apiKey: bad, retry: FAST_RETRY });
    try {
      const e = await apiError(c.listResponders());
      assert.equal(e.status, 401);
      assert.ok(isAuthError(e));
      assert.match(e.userMessage, /Zaia rejected the credential/);
      assert.equal(dumpError(e).includes(bad), false);
      assert.equal(sim.count('zaiaResponders'), 1, 'a 401 is not retried');
    } finally {
      await c.close();
    }
  });

  it('is refused when it sends Bearer <key> (the API wants the raw key)', async () => {
    const res = await fetch(`${sim.baseUrl}/api/v1/executions`, { headers: { Authorization: `Bearer ${sim.zaiaApiKey}` } });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    const none = await fetch(`${sim.baseUrl}/api/v1/executions`);
    assert.equal(none.status, 401);
    assert.match(((await none.json()) as { detail: string }).detail, /Authorization: <apiKey>/);
  });

  it('retries a GET through 503 and 429 (Retry-After) faults', async () => {
    // Every matching fault counts down on each request; the first one listed decides the outcome.
    sim.setFaults([{ route: 'zaiaExecutions', status: 503, times: 1 }, { route: 'zaiaExecutions', status: 429, retryAfter: '0', times: 2 }]);
    const page = await client.listExecutions({ pageSize: 5 });
    assert.equal(page.items.length, 5);
    assert.equal(sim.count('zaiaExecutions'), 3);
  });

  it('retries a reset connection and a cut-off body, and gives up with a clear error after the last retry', async () => {
    sim.setFaults([{ route: 'zaiaNestings', reset: true, times: 1 }, { route: 'zaiaNestings', truncate: true, times: 2 }]);
    const n = await client.getNestings({ executionId: sim.zaia.special.squad });
    assert.ok(n.executions.length > 1);
    assert.equal(sim.count('zaiaNestings'), 3);
    sim.setFaults([{ route: '*', status: 502 }]);
    const e = await apiError(client.getExecution(sim.zaia.special.failed));
    assert.equal(e.status, 502);
    assert.equal(e.attempts, FAST_RETRY.maxRetries + 1);
    assert.match(e.userMessage, /Zaia failed to handle the request \(502/);
  });

  it('times out a stalled request', async () => {
    const slow = new ZaiaClient({ baseUrl: sim.baseUrl, apiKey: sim.zaiaApiKey, timeoutMs: 150, retry: { maxRetries: 0 } });
    try {
      sim.setFaults([{ route: 'zaiaResponders', latencyMs: 1_000 }]);
      const e = await apiError(slow.listResponders());
      assert.equal(e.kind, 'timeout');
    } finally {
      await slow.close();
    }
  });

  it('names the bad parameter of a 400 from the service', async () => {
    const res = await fetch(`${sim.baseUrl}/api/v1/executions?pageSize=500&responderIds=nope`, { headers: { Authorization: sim.zaiaApiKey } });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    assert.ok(body.errors.pageSize);
    const e = await apiError(client.listExecutions({ responderIds: ['not-a-uuid'] }));
    assert.equal(e.status, 400);
    assert.match(e.userMessage, /responderIds/);
  });
});
