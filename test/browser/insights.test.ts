// The insights bundle in Chromium under the panel's CSP: charts really paint (pixels of the status colours on
// the canvas, not just a canvas element), nothing is blocked by the CSP, hover shows exact values, a click on a
// bar asks the host for that bucket and series, the table alternative lists the same numbers, and untrusted
// names (statuses, revisions, environments) show as text.
import * as assert from 'node:assert/strict';
import { InsightsPage } from '../../bench/insightsPage';
import { aggregate } from '../../src/model/insights/aggregate';
import { utcOffset } from '../../src/model/insights/buckets';
import type { InsightRecord } from '../../src/model/insights/types';
import type { InsightsHostToWebview } from '../../src/shared/insightsProtocol';

const DAY = 86_400_000;
const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

function sampleData() {
  const to = Date.UTC(2026, 10, 8);
  const from = to - 7 * DAY;
  const records: InsightRecord[] = [];
  for (let i = 0; i < 700; i++) {
    const start = from - 7 * DAY + i * 1_728_000;
    const failed = i % 9 === 0;
    records.push({ id: `r${i}`, start, end: start + 1000 + (i % 50) * 200, status: failed ? 'FAILED' : i % 31 === 0 ? PAYLOAD : 'COMPLETED',
      outcome: failed ? 'failed' : i % 31 === 0 ? 'other' : 'ok', tokens: 500 + i, cost: 0.002 * (1 + (i % 5)), revision: 1 + Math.floor(i / 200), environment: i % 3 ? 'production' : PAYLOAD });
  }
  records.push({ id: 'live', start: to - 1000, end: undefined, status: 'IN_PROGRESS', outcome: 'running', tokens: 1, cost: 0, revision: 4, environment: 'production' });
  return aggregate(records, { from, to, offset: utcOffset, costUnit: 'usd', previous: records });
}

for (const theme of ['light', 'dark', 'hc'] as const) {
  describe(`insights webview (${theme} theme, panel CSP)`, function () {
    this.timeout(60_000);
    let p: InsightsPage;
    const data = sampleData();
    const msg: InsightsHostToWebview = { type: 'data', title: `Agent ${PAYLOAD}`, windowKind: 'week', windowLabel: 'Last 7 days', filter: '', data, requests: 2, incremental: false, fetchedAt: 0,
      allTime: [{ environment: 'production', runs: 12_345, cost: 99 }] };

    before(async () => {
      p = await InsightsPage.start(theme);
      assert.deepEqual(p.received.map((m) => m.type), ['ready']);
      await p.deliver(msg);
      // Locators, not waitForFunction: a polled string predicate is an eval, which the panel's CSP refuses.
      await p.page.locator('.chart canvas').nth(2).waitFor();
    });
    after(async () => p?.close());

    it('paints the charts: success and failure colours on the runs chart, duration and cost lines on the others', async () => {
      const green = await p.pixelsOf('--vscode-charts-green');
      const red = await p.pixelsOf('--vscode-charts-red');
      const blue = await p.pixelsOf('--vscode-charts-blue');
      const yellow = await p.pixelsOf('--vscode-charts-yellow');
      assert.ok(green[0]! > 500, `runs chart green pixels: ${green}`);
      assert.ok(red[0]! > 20, `runs chart red pixels: ${red}`);
      assert.ok(blue[1]! > 50 && yellow[1]! > 50, `duration chart p50/p95 pixels: ${blue} ${yellow}`);
      assert.ok(green[2]! > 50, `cost line pixels: ${green}`);
      assert.deepEqual(await p.violations(), []);
    });

    it('shows the headline numbers and untrusted names as text', async () => {
      const text = await p.page.locator('.insights').innerText();
      assert.ok(text.includes(`Agent ${PAYLOAD}`));
      assert.ok(text.includes(String(data.totals.runs)));
      assert.ok(text.includes('vs previous'));
      // The server's all-time totals beside the window's, per environment.
      const env = await p.page.locator('section[aria-label="By environment"]').innerText();
      assert.ok(env.includes('all-time runs') && env.includes('12,345'), env);
      assert.equal(await p.page.locator('#root img').count(), 0);
      assert.equal(await p.page.evaluate('window.__pwned'), undefined);
    });

    it('reads out exact values on hover and asks the host for a clicked bar\'s runs', async () => {
      const over = p.page.locator('.chart .u-over').first();
      const box = (await over.boundingBox())!;
      // The last full day, near the bottom of its bar (the first series: COMPLETED).
      const x = box.x + box.width * (5.35 / 7);
      const y = box.y + box.height - 3;
      await p.page.mouse.move(x, y);
      await p.page.locator('.readout', { hasText: /COMPLETED \d+/ }).first().waitFor();
      await p.page.mouse.click(x, y);
      const deadline = Date.now() + 10_000;
      while (!p.received.some((m) => m.type === 'select') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const sel = p.received.find((m) => m.type === 'select');
      assert.deepEqual(sel, { type: 'select', bucket: 5, status: 'COMPLETED' });
    });

    it('offers every chart as a table with the same numbers', async () => {
      await p.page.locator('.card .card-head button').first().click();
      const table = p.page.locator('table.data').first();
      const rows = await table.locator('tbody tr').count();
      assert.equal(rows, data.starts.filter((_, i) => data.counts.some((c) => c[i]! > 0)).length);
      const head = await table.locator('thead').innerText();
      for (const s of data.statuses) assert.ok(head.includes(s), `${s} in ${head}`);
      await p.page.locator('.card .card-head button').first().click();
    });
  });
}

describe('insights webview with names that disguise themselves (bidi controls, zero-width characters)', function () {
  this.timeout(60_000);
  // An environment drawn as "production" backwards-and-forwards, a status with a zero-width space, a title
  // with a right-to-left override, a filter with a left-to-right isolate.
  const ENV = 'prod\u202Enoitcudorp';
  const STATUS = 'COMPLETED\u200B';
  const TITLE = 'Agent \u202Egnp.exe';
  const FILTER = 'environment \u2066staging';
  const PLANTED = /[\u202E\u200B\u2066]/u;
  let p: InsightsPage;

  before(async () => {
    const to = Date.UTC(2026, 10, 8);
    const from = to - 7 * DAY;
    const records: InsightRecord[] = [];
    for (let i = 0; i < 60; i++) {
      const start = from + i * 10_000_000;
      records.push({ id: `r${i}`, start, end: start + 1000, status: i % 2 ? STATUS : 'FAILED', outcome: i % 2 ? 'ok' : 'failed', tokens: 10, cost: 0.01, revision: 1 + (i % 2), environment: i % 3 ? ENV : 'production' });
    }
    const data = aggregate(records, { from, to, offset: utcOffset, costUnit: 'usd', previous: [] });
    p = await InsightsPage.start('dark');
    await p.deliver({ type: 'data', title: TITLE, windowKind: 'week', windowLabel: 'Last 7 days', filter: FILTER, data, requests: 1, incremental: false, fetchedAt: 0 });
    await p.page.locator('.chart canvas').nth(2).waitFor();
  });
  after(async () => p?.close());

  it('shows each hidden character as a placeholder, in isolated text, in the title, filter, legend, tables and readout', async () => {
    const text = await p.page.locator('.insights').innerText();
    for (const s of ['Agent ⟨U+202E⟩gnp.exe', 'environment ⟨U+2066⟩staging', 'COMPLETED⟨U+200B⟩', 'prod⟨U+202E⟩noitcudorp']) assert.ok(text.includes(s), `${s} in ${text}`);
    const env = p.page.locator('section[aria-label="By environment"] tbody th .untrusted', { hasText: 'noitcudorp' });
    assert.equal(await env.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { unicodeBidi: string } }).getComputedStyle(e).unicodeBidi), 'isolate');
    assert.match((await env.locator('.hidden-char').getAttribute('title')) ?? '', /RIGHT-TO-LEFT OVERRIDE/);
    // The runs chart as a table: status headers.
    await p.page.locator('.card .card-head button').first().click();
    assert.ok((await p.page.locator('table.data').first().locator('thead').innerText()).includes('COMPLETED⟨U+200B⟩'));
    await p.page.locator('.card .card-head button').first().click();
    await p.page.locator('.chart canvas').first().waitFor();
    // The hover readout names the statuses too. (Shown text and what is read out: a data-* attribute keeps the raw value.)
    // The chart is drawn again after the table closes: hover once its overlay has its size, and again (a pixel
    // over) until the readout answers, so a move that landed while it was still being laid out is not the last.
    const readout = p.page.locator('.readout', { hasText: 'COMPLETED⟨U+200B⟩' }).first();
    for (let k = 0; !(await readout.isVisible()); k++) {
      const box = await p.page.locator('.chart .u-over').first().boundingBox();
      if (box && box.width > 0) await p.page.mouse.move(box.x + box.width * 0.5 + (k % 2), box.y + box.height - 3);
      await readout.waitFor({ timeout: 1000 }).catch(() => undefined);
      if (k > 100) throw new Error('the hover readout never named COMPLETED⟨U+200B⟩');
    }
    const left = await p.page.locator('#root').evaluate((root, src) => {
      const re = new RegExp(src, 'u');
      const out: string[] = [];
      const doc = (globalThis as unknown as { document: { createTreeWalker(r: unknown, f: number): { currentNode: unknown; nextNode(): unknown } } }).document;
      const walker = doc.createTreeWalker(root, 1 | 4);
      for (let n = walker.currentNode as { nodeType: number; data?: string; attributes?: Array<{ name: string; value: string }> } | null; n; n = walker.nextNode() as typeof n) {
        if (n.nodeType === 3 && re.test(n.data!)) out.push(n.data!);
        if (n.nodeType === 1) for (const a of n.attributes!) if ((a.name === 'title' || a.name.startsWith('aria-')) && re.test(a.value)) out.push(`${a.name}=${a.value}`);
      }
      return out;
    }, PLANTED.source);
    assert.deepEqual(left, []);
  });
});
