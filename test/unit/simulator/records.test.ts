import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { ExecutionRecord, Simulator } from '../../../simulator/index';
import { call, expectProblem, getJson } from './helpers';

interface Page { items: ExecutionRecord[]; nextPageToken?: string | null; totalCount: number }

const ITEM_KEYS = ['id', 'agentId', 'agentRevision', 'remoteAgentRevision', 'startTime', 'endTime', 'status', 'deliveryStatus',
  'inputTokens', 'outputTokens', 'cachedTokens', 'hasResult', 'hasTrace', 'isSample', 'trigger', 'destinations',
  'environmentSlug', 'createdAt', 'tenantId', 'inputCost', 'outputCost', 'cachedCost', 'thinkingCost', 'totalCost'];

describe('simulator: execution records', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator(); });
  after(async () => { await sim.close(); });

  const list = (agent: string, query = ''): Promise<Page> => getJson<Page>(sim, `/agents/${agent}/executionRecords${query}`);

  async function all(agent: string, query: string): Promise<ExecutionRecord[]> {
    const out: ExecutionRecord[] = [];
    let token: string | null | undefined;
    do {
      const page = await list(agent, `?${query}&pageSize=500${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
      out.push(...page.items);
      token = page.nextPageToken;
    } while (token);
    return out;
  }

  it('seeds ≥ 5,000 records, one agent with exactly 10,000, and records matching seed 000 field for field', async () => {
    let total = 0;
    for (const list of sim.data.recordsByAgent.values()) total += list.length;
    assert.ok(total >= 5000);
    const bulk = sim.data.recordsByAgent.get(sim.data.bulkAgentId);
    assert.equal(bulk?.length, 10_000);
    const page = await list('support-triage');
    assert.equal(page.items.length, 20);
    assert.deepEqual(Object.keys(page.items[0] ?? {}), ITEM_KEYS);
    const one = await getJson(sim, `/agents/support-triage/executionRecords/${page.items[1]?.id}`);
    assert.deepEqual(one, page.items[1]);
  });

  it('pages through 10,000 records newest first, each exactly once', async () => {
    const agent = sim.data.bulkAgentId;
    const first = await list(agent, '?pageSize=500');
    assert.equal(first.totalCount, 10_000);
    const seen = await all(agent, '');
    assert.equal(seen.length, 10_000);
    assert.equal(new Set(seen.map((r) => r.id)).size, 10_000);
    for (let i = 1; i < seen.length; i++) assert.ok((seen[i - 1]?.startTime ?? 0) >= (seen[i]?.startTime ?? 0), `order at ${i}`);
    const last = await list(agent, '?PageSize=7&PageToken.Skip=9995');
    assert.equal(last.items.length, 5);
    assert.equal(last.nextPageToken ?? null, null);
    assert.equal(last.items[0]?.id, seen[9995]?.id);
  });

  it('accepts PageToken.Cursor as the opaque token', async () => {
    const p1 = await list('code-review-bot', '?pageSize=5');
    const p2 = await list('code-review-bot', `?pageSize=5&PageToken.Cursor=${encodeURIComponent(p1.nextPageToken ?? '')}`);
    assert.equal(p2.items[0]?.id, sim.data.recordsByAgent.get('code-review-bot')?.[5]?.id);
  });

  it('filters by status (repeated, case-insensitive), environment, revision and time range', async () => {
    const records = sim.data.recordsByAgent.get('support-triage') ?? [];
    const failedOrDone = await all('support-triage', 'status=Completed&status=failed');
    assert.equal(failedOrDone.length, records.filter((r) => r.status === 'COMPLETED' || r.status === 'FAILED').length);
    assert.ok(failedOrDone.every((r) => r.status === 'COMPLETED' || r.status === 'FAILED'));
    const waiting = await all('support-triage', 'status=WaitingForAsync');
    assert.ok(waiting.some((r) => r.id === sim.data.special.waiting.recordId));
    const staging = await all('support-triage', 'environment=staging');
    assert.equal(staging.length, records.filter((r) => r.environmentSlug === 'staging').length);
    const revs = await all('support-triage', 'agentRevision=1&agentRevision=7');
    assert.equal(revs.length, records.filter((r) => r.agentRevision === 1 || r.agentRevision === 7).length);
    const mid = records[100];
    const end = records[50];
    assert.ok(mid && end);
    const range = await all('support-triage', `startTime=${mid.startTime}&endTime=${end.startTime}`);
    assert.equal(range.length, 51);
    assert.equal(range[0]?.id, end.id);
    assert.equal(range.at(-1)?.id, mid.id);
  });

  it('rejects bad queries with 400 ProblemDetails naming the parameter', async () => {
    const cases: [string, string][] = [['status=Bogus', 'status'], ['pageSize=0', 'pageSize'], ['pageSize=501', 'pageSize'],
      ['pageSize=abc', 'pageSize'], ['agentRevision=x', 'agentRevision'], ['startTime=yesterday', 'startTime'],
      ['endTime=1.5', 'endTime'], ['pageToken=%%%garbage', 'pageToken'], ['PageToken.Skip=-3', 'PageToken.Skip']];
    for (const [query, param] of cases) {
      const body = await expectProblem(await call(sim, `/agents/support-triage/executionRecords?${query}`), 400);
      assert.ok(body.errors?.[param], `${query} → ${JSON.stringify(body)}`);
      assert.match(body.detail, new RegExp(param.replace('.', '\\.')));
    }
    const p = await list('support-triage', '?status=COMPLETED');
    const reused = await call(sim, `/agents/support-triage/executionRecords?status=FAILED&pageToken=${p.nextPageToken ?? ''}`);
    assert.ok((await expectProblem(reused, 400)).errors.pageToken);
  });

  it('summarises per environment', async () => {
    const rows = await getJson<{ environmentSlug: string; executionCount: number; totalCost: number; lastActivityTime: number }[]>(
      sim, '/agents/invoice-extractor/executionRecords:summaries');
    assert.deepEqual(rows.map((r) => r.environmentSlug).sort(), ['production', 'staging']);
    assert.equal(rows.reduce((a, r) => a + r.executionCount, 0), 1500);
    assert.ok(rows.every((r) => r.totalCost > 0 && r.lastActivityTime > 0));
    sim.setVariants({ summariesShape: 'items', agentsShape: 'items' });
    try {
      assert.equal((await getJson(sim, '/agents/invoice-extractor/executionRecords:summaries')).items.length, 2);
      assert.equal((await getJson(sim, '/agents')).items.length, sim.data.agents.length);
    } finally {
      sim.setVariants({});
    }
  });

  it('is deterministic: the same seed serves byte-identical pages and traces, another seed differs', async () => {
    const twin = await startSimulator();
    const other = await startSimulator({ seed: 43 });
    try {
      const path = '/agents/sales-research/executionRecords?pageSize=50&status=COMPLETED';
      const ref = sim.data.special.hitl;
      const trace = `/agents/${ref.agentId}/executionRecords/${ref.recordId}:projectedTrace`;
      for (const p of [path, trace, '/agents']) {
        const a = await (await call(sim, p)).text();
        const b = await (await call(twin, p)).text();
        assert.equal(a, b, p);
      }
      assert.equal(twin.apiKey, sim.apiKey);
      assert.notEqual(await (await call(other, path)).text(), await (await call(sim, path)).text());
    } finally {
      await twin.close();
      await other.close();
    }
  });
});
