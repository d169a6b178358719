// Zaia executions for insights, from the simulator over real HTTP: the responder's executions only, credits as
// cost, pages of the largest size, and no page read past the start of the range (the API has no time filter).
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { ZaiaClient } from '../../../../src/api/zaia/client';
import { executionStart } from '../../../../src/api/zaia/schemas';
import { InsightsCache } from '../../../../src/model/insights/cache';
import { ZAIA_PAGE_SIZE, zaiaSource } from '../../../../src/model/insights/sources';
import { FAST_RETRY } from '../../api/support';

describe('model/insights: Zaia executions (simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: ZaiaClient;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 7, bigTraceSteps: 100, quiet: true });
    client = new ZaiaClient({ baseUrl: sim.baseUrl, apiKey: sim.zaiaApiKey, retry: FAST_RETRY });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  it('reads a responder\'s executions in the range, in credits', async () => {
    const counts = new Map<string, number>();
    for (const e of sim.zaia.executions) if (e.responderId) counts.set(e.responderId, (counts.get(e.responderId) ?? 0) + 1);
    const [id] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const mine = sim.zaia.executions.filter((e) => e.responderId === id);
    const now = sim.data.now;
    const DAY = 86_400_000;
    sim.resetLog();
    const r = await new InsightsCache().load('z', { from: now - 30 * DAY, to: now + 1, relative: false }, zaiaSource(client, id));
    const starts = mine.map((e) => executionStart(e as never)).filter((t) => t >= now - 60 * DAY);
    assert.equal(r.records.length, starts.length);
    assert.deepEqual(new Set(r.records.map((x) => x.id)), new Set(mine.filter((e) => executionStart(e as never) >= now - 60 * DAY).map((e) => e.id)));
    assert.ok(r.records.reduce((a, x) => a + x.cost, 0) > 0);
    const q = sim.requests.filter((x) => x.route === 'zaiaExecutions').map((x) => x.query);
    assert.ok(q.length >= 1 && q.every((x) => x.pageSize?.[0] === String(ZAIA_PAGE_SIZE) && x.responderIds?.[0] === id), JSON.stringify(q));
  });
});
