import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { RECORD_ROW, clickMenuItem, quickInputs, screenshotOnFailure, uiContext, withoutFruxonEnv } from './context';
import { settled } from '../support/patience';

// A person signs in through the real dialogs (a wrong key first), browses a 10,000-record agent, filters it
// through the real quick picks, and signs out again.
describe('Agents view UI: sign in, browse, filter (code-server + Chromium)', () => {
  let page: Page;
  let baseUrl: string;

  const row = (text: string | RegExp): Locator => page.locator('.sidebar .monaco-list-row', { hasText: text });
  // `page` is opened in before(): the helpers are bound to it when called.
  const runCommand = (title: string) => quickInputs(page).runCommand(title);
  const answer = (titlePart: string, value: string) => quickInputs(page).answer(titlePart, value);
  const pick = (titlePart: string, labels: string[], multi: boolean) => quickInputs(page).pick(titlePart, labels, multi);

  // Toasts do not show in this headless workbench (smoke-test mode); the notification center lists the same
  // notifications with the same buttons.
  async function notification(text: string): Promise<Locator> {
    await runCommand('Notifications: Show Notifications');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor();
    return item;
  }

  before(async () => {
    const ctx = uiContext();
    baseUrl = ctx.sim.baseUrl.replace('127.0.0.1', 'localhost');
    page = await openWorkbench(ctx.browser, ctx.cs, { ...ctx.options, env: withoutFruxonEnv(ctx.options.env) });
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  it('refuses a wrong key with a message saying so, then keeps the values for a retry', async () => {
    await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Fruxon' }).click();
    await answer('(1/3)', baseUrl);
    await answer('(2/3)', uiContext().sim.tenant);
    await answer('(3/3)', 'fx_live_wrong_key_0000');
    const note = await notification('rejected');
    assert.match(await note.innerText(), /401/);
    await note.locator('.monaco-button', { hasText: 'Retry' }).first().click();
    assert.equal(await answer('(1/3)', baseUrl), baseUrl);
    assert.equal(await answer('(2/3)', uiContext().sim.tenant), uiContext().sim.tenant);
    await answer('(3/3)', uiContext().sim.token);
    await row(/localhost/).first().waitFor();
  });

  it('shows the agents and the first page of a 10,000-record agent', async () => {
    const bulk = uiContext().sim.data.agents.find((a) => a.id === uiContext().sim.data.bulkAgentId)!;
    const agentRow = row(bulk.displayName).first();
    await agentRow.waitFor();
    const t0 = Date.now();
    await agentRow.click();
    // Record rows read "<when> <duration> · <tokens> · <cost> · … · rev N"; the list is virtualized, so count what
    // is drawn. Matched without the time, which is formatted against the real clock.
    const records = row(RECORD_ROW);
    await records.nth(5).waitFor();
    // The harness lays the simulator's data out back from the real clock, so the newest record is recent on any date.
    assert.match(await records.first().innerText(), /ago|just now/);
    console.log(`[figure] first page of ${bulk.displayName} visible ${Date.now() - t0} ms after the click`);
    assert.ok((await records.count()) > 5);
    // "1 run · $…", "2 runs · $…": never "1 runs".
    assert.ok((await row(/\bruns? · \$/).count()) >= 1, 'no per-environment summary row');
    assert.equal(await row(/(^|\D)1 runs\b/).count(), 0, 'a count that disagrees with its noun');
  });

  it('filters the agent through the quick picks and shows the filter in the view', async () => {
    const bulk = uiContext().sim.data.agents.find((a) => a.id === uiContext().sim.data.bulkAgentId)!;
    await row(bulk.displayName).first().click({ button: 'right' });
    await clickMenuItem(page, 'Filter Executions…');
    await pick('(1/4)', ['Failed'], true);
    await pick('(2/4)', ['production'], false);
    await pick('(3/4)', [], true);
    await pick('(4/4)', ['Any time'], false);
    const filtered = row(bulk.displayName).first();
    await filtered.locator('.label-description', { hasText: 'FAILED · production' }).waitFor();
    await page.locator('.sidebar .message', { hasText: `Filtered — ${bulk.displayName}: FAILED · production` }).first().waitFor();
    // Widen the sidebar so the screenshot shows whole descriptions.
    const bar = await page.locator('.part.sidebar').boundingBox();
    if (bar) {
      const edge = bar.x + bar.width + 1;
      await page.mouse.move(edge, bar.y + bar.height / 2);
      await page.mouse.down();
      await page.mouse.move(edge + 380, bar.y + bar.height / 2, { steps: 8 });
      await page.mouse.up();
      // The screenshot waits for the layout to settle after the drag.
      await settled('the sidebar width', async () => (await page.locator('.part.sidebar').boundingBox())?.width);
    }
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'sidebar-filtered.png') });
  });

  it('signs out from the connection\'s context menu and shows the welcome again', async () => {
    await row(/localhost/).first().click({ button: 'right' });
    await clickMenuItem(page, 'Sign Out');
    await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Fruxon' }).waitFor();
  });
});
