import type { Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { RECORD_ROW, clickMenuItem, screenshotOnFailure, uiContext } from './context';

// The trace panel's export buttons as a person uses them: Copy as Markdown in the title bar, and the selected
// step's subtree from the "…" menu. What they copy is checked by the host suite; here, that they are there and act.
describe('Trace exports in the trace panel (code-server + Chromium)', () => {
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

  it('copies the trace, then the selected step, as Markdown from the panel\'s title bar', async () => {
    const { sim } = uiContext();
    const agent = sim.data.agents.find((a) => a.id === sim.data.special.failed.agentId)!;
    const row = (t: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: t });
    await row(agent.displayName).first().click();
    await row(RECORD_ROW).first().click();
    const trace = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await trace.locator('[role=tree] [role=treeitem]').nth(2).waitFor({ timeout: 60_000 });
    await page.locator('.editor-actions .action-label[aria-label="Copy as Markdown"]').first().click();
    await page.locator('.statusbar', { hasText: 'Copied the trace as Markdown' }).waitFor({ timeout: 30_000 });
    await trace.locator('[role=tree] [role=treeitem]').nth(1).click();
    await page.locator('.editor-actions .action-label[aria-label="More Actions..."]').first().click();
    await clickMenuItem(page, 'Copy Selected Step as Markdown');
    await page.locator('.statusbar', { hasText: 'Copied the step and its children as Markdown' }).waitFor({ timeout: 30_000 });
  });
});
