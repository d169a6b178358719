// Insights bench: npm run bench:insights
// The simulator's 10,000-record agent (bulk-ingest) over a 180-day window, through the real client and the real
// webview bundle. Prints one JSON line:
//   records       records read (the window and the one before it, which the headline compares with)
//   fetchMs       paging through executionRecords at the largest page size, validated (InsightsCache.load)
//   requests      pages requested; expected = ceil(records / 500)
//   aggregateMs   records → everything the panel draws (median of 9; the first includes compiling the code)
//   aggregateCpuMs the CPU time the same work used (what it costs when the machine is not shared; median of 9)
//   firstPaintMs  the `data` message posted to the webview (JSON parse included) → the frame after its first
//                 chart drew, in Chromium under the panel's CSP
//   refreshMs / refreshRequests   an incremental refresh right after
//   heapMB        the Node process's used heap after the load; pageHeapMB the page's after GC
//   load          os.loadavg()[0] while it ran (the machine may be shared)
import { loadavg } from 'node:os';
import { currentHour, startSimulator } from '../simulator/index';
import { FruxonClient } from '../src/api/fruxon/client';
import { aggregate } from '../src/model/insights/aggregate';
import { localOffset } from '../src/model/insights/buckets';
import { InsightsCache } from '../src/model/insights/cache';
import { FRUXON_MAX_PAGE_SIZE, fruxonSource } from '../src/model/insights/sources';
import type { InsightsData } from '../src/model/insights/types';
import { InsightsPage } from './insightsPage';
import { median, round } from './stats';

const DAY = 86_400_000;

async function main(): Promise<void> {
  const sim = await startSimulator({ port: 0, quiet: true, now: currentHour() });
  const client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  const agentId = sim.data.bulkAgentId;
  const page = await InsightsPage.start('dark');
  try {
    const to = Date.now();
    const window = { from: to - 180 * DAY, to, relative: true };
    const cache = new InsightsCache();
    const source = fruxonSource(client, agentId);
    const t0 = performance.now();
    const loaded = await cache.load('bench', window, source);
    const fetchMs = performance.now() - t0;
    const heapMB = process.memoryUsage().heapUsed / (1024 * 1024);

    const times: number[] = [];
    const cpu: number[] = [];
    let data: InsightsData | undefined;
    for (let k = 0; k < 9; k++) {
      const a = performance.now();
      const c = process.cpuUsage();
      data = aggregate(loaded.records, { from: window.from, to: window.to, offset: localOffset, costUnit: 'usd', previous: loaded.records });
      const used = process.cpuUsage(c);
      times.push(performance.now() - a);
      cpu.push((used.user + used.system) / 1000);
    }
    process.stderr.write(`aggregate runs: ${times.map(round).join(' ')} ms\n`);
    const firstPaintMs = await page.deliver({
      type: 'data', title: agentId, windowKind: 'custom', windowLabel: 'Last 180 days', filter: '', data: data!, requests: loaded.requests, incremental: false, fetchedAt: Date.now(),
    });
    const violations = await page.violations();
    if (violations.length) process.stderr.write(`warning: ${violations.length} CSP violation(s)\n`);

    const r0 = performance.now();
    // As the panel's Refresh does: the relative window recomputed from the clock.
    const now = Date.now();
    const refresh = await cache.load('bench', { from: now - 180 * DAY, to: now, relative: true }, source);
    const refreshMs = performance.now() - r0;

    console.log(JSON.stringify({
      records: loaded.records.length,
      fetchMs: round(fetchMs),
      aggregateMs: round(median(times)),
      aggregateCpuMs: round(median(cpu)),
      firstPaintMs: round(firstPaintMs),
      requests: loaded.requests,
      expectedRequests: Math.ceil(loaded.records.length / FRUXON_MAX_PAGE_SIZE),
      refreshMs: round(refreshMs),
      refreshRequests: refresh.requests,
      buckets: data!.starts.length,
      heapMB: round(heapMB),
      pageHeapMB: round(await page.heapMB()),
      load: round(loadavg()[0]!),
    }));
  } finally {
    await page.close();
    await client.close();
    await sim.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
