import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { clickMenuItem, screenshotOnFailure, uiContext } from './context';

// A person opens Show Insights on the 10,000-record agent: the charts paint (real pixels of the theme's chart
// colours on the canvases, in the light and in the dark theme), and a click on a bar filters the Agents view.
describe('Insights panel UI (code-server + Chromium)', () => {
  let page: Page;
  let view: FrameLocator;
  const row = (t: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: t });

  before(async () => {
    const ctx = uiContext();
    page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  /** Pixels of each chart canvas close to the theme's --vscode-charts-<name> colour, as the page resolves it. */
  async function chartPixels(name: string): Promise<number[]> {
    const canvases = view.locator('.chart canvas');
    const out: number[] = [];
    for (let i = 0; i < (await canvases.count()); i++) {
      out.push(await canvases.nth(i).evaluate((cv: any, n: string) => {
        const doc = cv.ownerDocument;
        const color = doc.defaultView.getComputedStyle(doc.body).getPropertyValue(`--vscode-charts-${n}`).trim();
        const probe = doc.createElement('canvas').getContext('2d');
        probe.fillStyle = color;
        probe.fillRect(0, 0, 1, 1);
        const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
        const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
        let count = 0;
        for (let k = 0; k < px.length; k += 4) {
          if (px[k + 3] > 200 && Math.abs(px[k] - r) + Math.abs(px[k + 1] - g) + Math.abs(px[k + 2] - b) < 24) count++;
        }
        return count;
      }, name));
    }
    return out;
  }

  it('opens from the agent\'s menu and paints its charts (light theme)', async () => {
    await row('Bulk Ingest').first().click({ button: 'right' });
    await clickMenuItem(page, 'Show Insights');
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('.chart canvas').nth(2).waitFor({ timeout: 60_000 });
    await view.locator('.headline').waitFor();
    const green = await chartPixels('green');
    const blue = await chartPixels('blue');
    assert.ok(green[0]! > 500, `the runs chart has no successes painted: ${green}`);
    assert.ok(blue[1]! > 50, `the duration chart has no p50 line painted: ${blue}`);
    assert.match(await view.locator('.headline').innerText(), /Runs\s+[\d,]+/);
    // Unfiltered: the server's per-environment summaries add all-time totals.
    await view.locator('section[aria-label="By environment"] th', { hasText: 'all-time runs' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'insights-light.png') });
  });

  it('paints again in the dark theme', async () => {
    const before = await chartPixels('green');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Preferences: Color Theme');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
    await input.fill('Dark Modern');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().click();
    await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
    // The charts are redrawn with the dark theme's colours (its green differs from the light theme's).
    let green: number[] = [];
    for (let i = 0; i < 100; i++) {
      green = await chartPixels('green');
      if (green[0]! > 500 && green.join() !== before.join()) break;
      await page.waitForTimeout(100);
    }
    assert.ok(green[0]! > 500, `the runs chart has no successes painted in the dark theme: ${green}`);
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'insights-dark.png') });
  });

  it('filters the Agents view to the runs of a clicked bar', async () => {
    const over = view.locator('.chart .u-over').first();
    const box = (await over.boundingBox())!;
    // The bar of the day before today (the window is 7 days: 8 local days), at its foot (COMPLETED).
    const x = box.x + box.width * (6.35 / 8);
    const y = box.y + box.height - 3;
    await page.mouse.move(x, y);
    await view.locator('.readout', { hasText: /COMPLETED \d+/ }).first().waitFor({ timeout: 10_000 });
    await page.mouse.click(x, y);
    const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Filter the Agents view' }).first();
    await item.waitFor({ timeout: 20_000 });
    assert.ok((await page.locator('.quick-input-widget .monaco-list-row').count()) > 1, 'no runs listed');
    await item.click();
    await row(/Bulk Ingest.*COMPLETED/).first().waitFor({ timeout: 20_000 });
  });
});
