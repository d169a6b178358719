import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { screenshotOnFailure, uiContext } from './context';

// A person expands a Zaia workflow in the sidebar, clicks an execution and reads its nestings in the trace
// panel: sub-executions as rows, costs in credits (never dollars).
describe('Zaia Endless UI (code-server + Chromium)', () => {
  let page: Page;

  before(async () => {
    const ctx = uiContext();
    page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  it('opens a squad execution from the sidebar and shows its sub-executions with credits', async () => {
    const { sim } = uiContext();
    const squadRun = sim.zaia.byId.get(sim.zaia.special.squad)!;
    const squad = sim.zaia.responders.find((r) => r.id === squadRun.responderId)!;
    const row = (t: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: t });
    await row(/^Zaia Endless/).first().waitFor({ timeout: 60_000 });
    await row(squad.name).first().click();
    // Execution rows read "<when>" with "<status> · <duration> · <n> credits" as description.
    const executions = row(/credits?/);
    await executions.first().waitFor({ timeout: 30_000 });
    await executions.first().click();
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const rows = view.locator('[role=tree] [role=treeitem]');
    await rows.nth(1).waitFor({ timeout: 60_000 });
    assert.ok((await rows.count()) >= 2, 'no sub-execution rows');
    assert.match(await rows.first().innerText(), new RegExp(squad.name));
    const header = await view.locator('.trace-header').innerText();
    assert.match(header, /Zaia nesting/);
    assert.match(header, /\d credits?/);
    assert.equal(header.includes('$'), false, 'credits shown as dollars');
    assert.match(await view.locator('.tree-columns').innerText(), /Credits/);
    const costCells = await rows.locator('.cell-num').allInnerTexts();
    assert.ok(costCells.some((t) => /^\d+(\.\d+)?$/.test(t.trim())), `no credit counts in the rows: ${costCells.join(' | ')}`);
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'zaia-trace.png') });
  });
});
