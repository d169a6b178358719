import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { RECORD_ROW, clickMenuItem, quickInputs, screenshotOnFailure, uiContext } from './context';

// A person selects two runs of one agent in the Agents view, compares them, lands on the first divergence,
// steps through the changes with F7, and opens the changed prompt in VS Code's diff editor.
/**
 * The newest start among the compare set: the agent's records are filtered to end there, so the runs other suites
 * started (the host suite's, newer than any seeded one) neither push the set past the first page nor out of the
 * rows the virtualized list draws.
 */
function compareSetEnd(): number {
  const { sim } = uiContext();
  const s = sim.data.special;
  const ids = new Set([s.compareBase, s.comparePrompt, s.compareExtraTool, s.compareFailed].map((r) => r.recordId));
  const list = sim.data.recordsByAgent.get(s.compareBase.agentId)!;
  return Math.max(...list.filter((r) => ids.has(r.id)).map((r) => r.startTime));
}

/** A record's row among the filtered record rows: its place in the simulator's newest-first list up to that end. */
function position(recordId: string): number {
  const { sim } = uiContext();
  const end = compareSetEnd();
  const i = sim.data.recordsByAgent.get(sim.data.special.compareBase.agentId)!.filter((r) => r.startTime <= end).findIndex((r) => r.id === recordId);
  assert.ok(i >= 0, `record ${recordId} is not in the simulator's list`);
  return i;
}

describe('Compare view UI (code-server + Chromium)', () => {
  let page: Page;
  let view: FrameLocator;

  before(async () => {
    const ctx = uiContext();
    page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
  });

  after(async () => {
    // The filter this suite set would hide later suites' runs.
    if (page && filtered) await runCommand('AgentLens: Clear All Filters').catch(() => undefined);
    await page?.close();
  });

  let filtered = false;
  // `page` is opened in before(): the helpers are bound to it when called.
  const runCommand = (title: string) => quickInputs(page).runCommand(title);
  const answer = (titlePart: string, value: string) => quickInputs(page).answer(titlePart, value);
  const pick = (titlePart: string, labels: string[], multi: boolean) => quickInputs(page).pick(titlePart, labels, multi);

  screenshotOnFailure(() => page);

  it('compares two selected records and opens at the first divergence', async () => {
    const { sim } = uiContext();
    const agent = sim.data.agents.find((a) => a.id === sim.data.special.compareBase.agentId)!;
    const row = (t: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: t });
    // Room for ten records: the Local Traces view folds away (the list renders only the rows in view).
    await page.locator('.pane-header', { hasText: 'Local Traces' }).click();
    // Records up to the compare set's newest, through the agent's own filter (a custom time range).
    await row(agent.displayName).first().click({ button: 'right' });
    await clickMenuItem(page, 'Filter Executions…');
    await pick('(1/4)', [], true);
    await pick('(2/4)', ['Any environment'], false);
    await pick('(3/4)', [], true);
    await pick('(4/4)', ['Custom range…'], false);
    await answer('from (ISO', '');
    await answer('to (ISO', new Date(compareSetEnd() + 1000).toISOString());
    filtered = true;
    await row(agent.displayName).first().locator('.label-description', { hasText: /–/ }).waitFor();
    if ((await row(agent.displayName).first().getAttribute('aria-expanded')) !== 'true') await row(agent.displayName).first().click();
    const records = row(RECORD_ROW);
    // Rows are newest first, like the simulator's list (other suites may have added runs before this one).
    const prompt = position(sim.data.special.comparePrompt.recordId);
    const base = position(sim.data.special.compareBase.recordId);
    await records.nth(base).waitFor({ timeout: 60_000 });
    await records.nth(prompt).click();
    // The click opens that record's trace: once its tab is there, the panel will not take the focus away from the
    // context menu opened next (on a busy machine it could open late and close the menu).
    await page.locator('.tab', { hasText: sim.data.special.comparePrompt.recordId.slice(0, 8) }).waitFor({ timeout: 60_000 });
    await records.nth(base).click({ modifiers: ['ControlOrMeta'] });
    await records.nth(base).click({ button: 'right' });
    await clickMenuItem(page, 'Compare Executions');
    view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const first = view.locator('.cmp-row.first-divergence');
    await first.waitFor({ timeout: 60_000 });
    assert.match(String(await first.getAttribute('class')), /selected/, 'the first divergence is not selected');
    assert.equal(await first.getAttribute('data-state'), 'changed');
    await view.locator('.compare-detail .cmp-field.differs[data-field=messages]').waitFor({ timeout: 30_000 });
    assert.match(await view.locator('.compare-verdict').innerText(), /first divergence/i);
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'compare.png') });
  });

  it('steps to the next change with F7 and filters to changes only', async () => {
    const count = view.locator('.change-count');
    const before = await count.innerText();
    assert.match(before, /^1 of \d+ changes?$/);
    await view.locator('.compare-tree').focus();
    await page.keyboard.press('F7');
    await view.locator('.change-count', { hasText: /^2 of / }).waitFor({ timeout: 10_000 });
    const all = await view.locator('.cmp-row').count();
    await view.locator('.changes-only input').check();
    await view.locator('.cmp-row.state-unchanged:not(:has(.twisty))').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    const rows = view.locator('.cmp-row');
    assert.ok((await rows.count()) <= all);
    for (const state of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))) assert.ok(state, 'a row without a state');
    await view.locator('.changes-only input').uncheck();
  });

  it('opens the changed prompt in VS Code\'s diff editor', async () => {
    await view.locator('.compare-header .link-button', { hasText: /./ }).first().click();
    const button = view.locator('.compare-detail .cmp-field.differs[data-field=messages] .open-diff');
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    await page.locator('.tabs-container .tab', { hasText: 'messages (A ↔ B)' }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
  });

  it('compares an open trace with the previous run from the trace panel\'s title bar', async () => {
    await page.keyboard.press('Escape');
    const records = page.locator('.sidebar .monaco-list-row', { hasText: RECORD_ROW });
    // The run with the extra tool call; the run before it is the baseline.
    await records.nth(position(uiContext().sim.data.special.compareExtraTool.recordId)).click();
    const trace = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await trace.locator('[role=tree] [role=treeitem]').nth(2).waitFor({ timeout: 60_000 });
    await page.locator('.editor-actions .action-label[aria-label="Compare with…"]').first().click();
    const quick = page.locator('.quick-input-widget');
    await quick.locator('.monaco-list-row', { hasText: 'Previous run of this agent' }).first().click();
    await page.locator('.tabs-container .tab', { hasText: /^Compare / }).first().waitFor({ timeout: 60_000 });
    const compare = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
    const first = compare.locator('.cmp-row.first-divergence');
    await first.waitFor({ timeout: 60_000 });
    assert.equal(await first.getAttribute('data-state'), 'onlyB');
  });

  it('comes back after the window reloads', async () => {
    await page.evaluate(() => ((globalThis as Record<string, unknown>).__agentlensBeforeReload = true));
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().click();
    await page.waitForFunction(() => (globalThis as Record<string, unknown>).__agentlensBeforeReload !== true, undefined, { timeout: 60_000 });
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab.active', { hasText: /^Compare / }).waitFor({ timeout: 60_000 });
    const compare = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
    const first = compare.locator('.cmp-row.first-divergence');
    await first.waitFor({ timeout: 60_000 });
    assert.equal(await first.getAttribute('data-state'), 'onlyB');
  });
});
