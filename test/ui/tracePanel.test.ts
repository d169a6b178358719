import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { RECORD_ROW, screenshotOnFailure, uiContext, openPalette } from './context';

// A person opens an execution from the sidebar and reads its trace: rows with a waterfall, an LLM step's
// conversation, a gate's decision. The webview is two frames deep inside the workbench.
describe('Trace panel UI (code-server + Chromium)', () => {
  let page: Page;
  let view: FrameLocator;

  before(async () => {
    const ctx = uiContext();
    page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  it('opens from a record in the sidebar and draws its steps', async () => {
    const { sim } = uiContext();
    const agent = sim.data.agents.find((a) => a.id === sim.data.special.hitl.agentId)!;
    const row = (t: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: t });
    await row(agent.displayName).first().click();
    await row(RECORD_ROW).first().click();
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const rows = view.locator('[role=tree] [role=treeitem]');
    await rows.nth(2).waitFor();
    assert.ok((await rows.count()) >= 3);
    assert.ok((await view.locator('.cell-waterfall .bar').count()) >= 3, 'no waterfall bars');
  });

  it('shows an LLM step\'s conversation by role in the detail pane', async () => {
    const llmRow = view.locator('[role=treeitem]:has(.kind.codicon-hubot), [role=treeitem]:has(.kind[title=llm])').first();
    await llmRow.click();
    const detail = view.locator('.step-detail.kind-llm');
    await detail.waitFor();
    assert.ok((await detail.locator('.message').count()) >= 2, 'no messages in the LLM detail');
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'trace-light.png') });
  });

  it('comes back with its trace after the window reloads', async () => {
    // A marker on the old page proves the reload really happened (the new page does not have it).
    await page.evaluate(() => ((globalThis as Record<string, unknown>).__agentlensBeforeReload = true));
    await openPalette(page);
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().click();
    await page.waitForFunction(() => (globalThis as Record<string, unknown>).__agentlensBeforeReload !== true);
    await page.locator('.monaco-workbench .activitybar').waitFor();
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('[role=tree] [role=treeitem]').nth(2).waitFor();
    // The selection persisted in the webview's state is restored with it.
    await view.locator('.step-detail.kind-llm').waitFor();
  });

  it('reads in a dark theme too', async () => {
    await openPalette(page);
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Preferences: Color Theme');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
    await input.fill('Dark Modern');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().click();
    // The workbench and the webview both switched to the dark theme before the screenshot.
    await page.locator('.monaco-workbench.vs-dark').waitFor();
    await view.locator('body.vscode-dark .step-detail').waitFor();
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'trace-dark.png') });
  });
});
