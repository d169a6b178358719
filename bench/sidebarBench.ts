// `npm run bench:sidebar`: the Agents view against the simulator in a real VS Code (code-server + Chromium).
// Expands the 10,000-record agent, scrolls, loads more pages, and prints one JSON line:
//   firstPageMs      click on the agent → its first records drawn
//   loadMoreMs       p50/p95 of click on "Load more…" → the next page drawn
//   requests         what the tree asked the simulator for: on expand, while scrolling, per Load more
// Figures, not assertions: run it, read it, compare.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { currentHour, startSimulator } from '../simulator/index';
import { startCodeServer } from '../test/harness/codeServer';
import { ensureToolchain } from '../test/harness/provision';
import { launchBrowser, openWorkbench } from '../test/harness/workbench';
import { withLoad } from './stats';

const root = resolve(__dirname, '..', '..');
const PAGES = Number(process.env.BENCH_PAGES ?? 10);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function main(): Promise<void> {
  const tc = ensureToolchain(join(root, '.vscode-test'));
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-bench-'));
  const sim = await startSimulator({ port: 0, quiet: true, now: currentHour() });
  const cs = await startCodeServer(tc, join(dir, 'cs'));
  const browser = await launchBrowser();
  try {
    mkdirSync(join(dir, 'ws'));
    const page = await openWorkbench(browser, cs, {
      extensionPath: root,
      workspace: join(dir, 'ws'),
      env: { FRUXON_BASE_URL: sim.baseUrl, FRUXON_TENANT: sim.tenant, FRUXON_API_KEY: sim.apiKey },
    });
    page.on('crash', () => console.error('[bench] the workbench page crashed'));
    const began = Date.now();
    page.on('close', () => console.error(`[bench] the workbench page closed after ${Date.now() - began} ms`));
    const bulk = sim.data.agents.find((a) => a.id === sim.data.bulkAgentId)!;
    const row = (text: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: text });
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
    await row(bulk.displayName).first().waitFor({ timeout: 60_000 });
    const count = (route: string) => sim.requests.filter((r) => r.route === route).length;

    sim.resetLog();
    let t0 = performance.now();
    await row(bulk.displayName).first().click();
    await row(/ago.*tok|\d{4}-\d{2}-\d{2}.*tok/).nth(5).waitFor({ timeout: 30_000 });
    const firstPageMs = performance.now() - t0;
    const onExpand = { list: count('listExecutionRecords'), summaries: count('summaries'), total: sim.requests.length };

    // Scroll through what is loaded: the tree must not fetch anything for that.
    sim.resetLog();
    const list = page.locator('.sidebar .monaco-list').first();
    await list.hover();
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 400);
    await page.waitForTimeout(500);
    const whileScrolling = sim.requests.length;

    const loadMoreMs: number[] = [];
    sim.resetLog();
    for (let i = 0; i < PAGES; i++) {
      const more = row(/Load more…/).first();
      for (let j = 0; j < 50 && !(await more.isVisible()); j++) await page.mouse.wheel(0, 2000);
      const label = await more.innerText();
      t0 = performance.now();
      await more.click();
      // The next page is drawn when the clicked row gives way to records (the new "Load more…" row is
      // further down, outside the virtualized viewport).
      await row(label.split('\n')[0]!).first().waitFor({ state: 'detached', timeout: 30_000 });
      loadMoreMs.push(performance.now() - t0);
      if (process.env.BENCH_DEBUG) console.error(`[bench] page ${i + 1}: ${Math.round(performance.now() - t0)} ms`);
    }
    const perLoadMore = count('listExecutionRecords') / PAGES;
    const pageSize = 50;
    console.log(JSON.stringify(withLoad({
      agentRecords: sim.data.recordsByAgent.get(bulk.id)?.length,
      pageSize,
      firstPageMs: Math.round(firstPageMs),
      loadMoreMs: { p50: Math.round(pct(loadMoreMs, 50)), p95: Math.round(pct(loadMoreMs, 95)), pages: PAGES },
      requests: { onExpand, whileScrolling, perLoadMore },
      recordsShown: pageSize * (PAGES + 1),
    })));
  } finally {
    await browser.close();
    await cs.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
