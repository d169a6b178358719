import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { screenshotOnFailure, uiContext, openPalette } from './context';
import { until } from '../support/patience';

// What a person sees on a run file: the CodeLens above it, one click to run, the trace panel opening, and
// the lens reporting the last run.
describe('Run file CodeLens UI (code-server + Chromium)', () => {
  let page: Page;

  before(async () => {
    const ctx = uiContext();
    writeFileSync(join(ctx.options.workspace, 'refund.agentrun.json'), `${JSON.stringify({
      agent: 'support-triage',
      environmentSlug: 'staging',
      parameters: { message: 'I was charged twice for order #8812, please refund one.', ticketId: 'ZD-4410' },
    }, null, 2)}\n`);
    page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  it('shows Run agent above a run file, runs it with one click, and reports the last run', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.fill('refund.agentrun.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'refund.agentrun.json' }).first().click();
    const lens = page.locator('.contentWidgets .codelens-decoration, .codelens-decoration');
    // Several decorations can be in the DOM (an empty one while the lens resolves): read the one that shows it.
    const runLens = lens.filter({ hasText: 'Run agent' }).first();
    // Lenses are redrawn as they resolve: read until the drawn one says it all.
    const lensText = (l: typeof runLens, re: RegExp) => until(`a lens reading ${re}`, async () => {
      const t = await l.innerText({ timeout: 5_000 }).catch(() => '');
      return re.test(t) ? t : undefined;
    }, undefined, 200);
    assert.match(await lensText(runLens, /Run agent.*Run in sandbox/s), /Run agent.*Run in sandbox/s);
    await lens.locator('a', { hasText: 'Run agent' }).first().click();
    // The trace panel opens on the new record.
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('[role=tree] [role=treeitem]').nth(2).waitFor();
    // Back on the run file, the lens says how it went.
    await page.locator('.tabs-container .tab', { hasText: 'refund.agentrun.json' }).first().click();
    const lastRun = lens.filter({ hasText: 'Last run:' }).first();
    assert.match(await lensText(lastRun, /Open last trace.*Last run: COMPLETED/s), /Open last trace.*Last run: COMPLETED/s);
    // The streamed events, in the run output (only its visible lines are in the DOM).
    await openPalette(page);
    await input.fill('>AgentLens: Show Run Output');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Run Output' }).first().click();
    const output = page.locator('.part.panel .view-lines');
    await output.filter({ hasText: 'done: COMPLETED' }).first().waitFor();
    // Monaco draws spaces as no-break spaces.
    assert.match((await output.first().innerText()).replace(/\u00a0/g, ' '), /⚙[\s\S]*↳[\s\S]*✎[\s\S]*done: COMPLETED/);
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'run-file.png') });
  });
});
