// Loading insight records from the simulator over real HTTP: the largest page size, the server's time filter,
// one request per page, incremental refreshes that read only what is new, and a cancelled load keeping nothing.
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { FruxonClient } from '../../../../src/api/fruxon/client';
import { aggregate } from '../../../../src/model/insights/aggregate';
import { utcOffset } from '../../../../src/model/insights/buckets';
import { InsightsCache } from '../../../../src/model/insights/cache';
import { FRUXON_MAX_PAGE_SIZE, fruxonSource } from '../../../../src/model/insights/sources';
import { FAST_RETRY } from '../../api/support';

const DAY = 86_400_000;

describe('model/insights: loading records (simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: FruxonClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 7, bigTraceSteps: 100, quiet: true });
    client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey, retry: FAST_RETRY });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  const listQueries = () => sim.requests.filter((r) => r.route === 'listExecutionRecords').map((r) => r.query);

  it('reads 180 days of the 10,000-record agent in ceil(n / 500) pages with the time filter, then refreshes only what is new', async () => {
    const agentId = sim.data.bulkAgentId;
    const all = sim.data.recordsByAgent.get(agentId)!;
    const now = sim.data.now;
    const window = { from: now - 180 * DAY, to: now + 60_000, relative: true };
    const cache = new InsightsCache();
    const progress: number[] = [];
    sim.resetLog();
    const first = await cache.load('k', window, fruxonSource(client, agentId), { onProgress: (n) => progress.push(n) });
    assert.equal(first.records.length, all.length);
    assert.equal(first.requests, Math.ceil(all.length / FRUXON_MAX_PAGE_SIZE));
    assert.equal(listQueries().length, first.requests);
    assert.deepEqual(listQueries()[0]!.pageSize, [String(FRUXON_MAX_PAGE_SIZE)]);
    // The range includes the window before (for the headline's comparison).
    assert.deepEqual(listQueries()[0]!.startTime, [String(window.from - (window.to - window.from))]);
    assert.equal(progress.at(-1), all.length);
    assert.equal(first.incremental, false);

    const d = aggregate(first.records, { from: window.from, to: window.to, offset: utcOffset, costUnit: 'usd', previous: first.records });
    assert.equal(d.totals.runs, all.length);
    assert.equal(d.counts.flat().reduce((a, b) => a + b, 0), all.length);

    sim.resetLog();
    const again = await cache.load('k', window, fruxonSource(client, agentId));
    assert.equal(again.incremental, true);
    // From the oldest record that was still running: one page, not twenty.
    const running = all.filter((r) => r.endTime === 0).map((r) => r.startTime);
    assert.deepEqual(listQueries().map((q) => q.startTime), [[String(Math.min(...running))]]);
    assert.equal(again.records.length, all.length);
  });

  it('passes the tree\'s filters to the server, and a cancelled load keeps what was cached before', async () => {
    const agentId = 'support-triage';
    const now = sim.data.now;
    const window = { from: now - 7 * DAY, to: now, relative: false };
    const cache = new InsightsCache();
    sim.resetLog();
    const r = await cache.load('f', window, fruxonSource(client, agentId, { status: ['FAILED'], environment: 'production' }));
    const q = listQueries()[0]!;
    assert.deepEqual([q.status, q.environment, q.endTime], [['FAILED'], ['production'], [String(now - 1)]]);
    assert.ok(r.records.length > 0 && r.records.every((x) => x.status === 'FAILED' && x.environment === 'production'));

    const ac = new AbortController();
    ac.abort();
    await assert.rejects(cache.load('f', window, fruxonSource(client, agentId, { status: ['FAILED'], environment: 'production' }), { signal: ac.signal }));
    const after = await cache.load('f', window, fruxonSource(client, agentId, { status: ['FAILED'], environment: 'production' }));
    assert.equal(after.incremental, true);
    assert.equal(after.records.length, r.records.length);
  });
});
