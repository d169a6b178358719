import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { clickMenuItem, screenshotOnFailure, uiContext, withoutFruxonEnv, openPalette } from './context';
import { settled, until } from '../support/patience';

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
    await row(/^Zaia Endless/).first().waitFor();
    await row(squad.name).first().click();
    // Execution rows read "<when>" with "<status> · <duration> · <n> credits" as description.
    const executions = row(/credits?/);
    await executions.first().waitFor();
    await executions.first().click();
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const rows = view.locator('[role=tree] [role=treeitem]');
    await rows.nth(1).waitFor();
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

// Signed out: the palette's "Sign In…" asks for the platform first, then the Zaia base URL and key.
describe('Zaia Endless UI: sign in from the command palette', () => {
  let page: Page;
  const quickInput = () => page.locator('.quick-input-widget');
  const input = () => page.locator('.quick-input-widget .quick-input-box input');
  const row = (t: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: t });

  async function answer(titlePart: string, value: string): Promise<void> {
    await quickInput().locator('.quick-input-title', { hasText: titlePart }).waitFor();
    // The box is reused between steps: let the step's own value settle before replacing it.
    await settled('the input box value', () => input().inputValue());
    await until(`the input box to read ${value}`, async () => {
      if ((await input().inputValue()) === value) return true;
      await input().fill(value);
      return undefined;
    });
    await input().press('Enter');
  }

  before(async () => {
    const ctx = uiContext();
    page = await openWorkbench(ctx.browser, ctx.cs, { ...ctx.options, env: withoutFruxonEnv(ctx.options.env) });
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
    await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Zaia Endless' }).waitFor();
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  it('picks Zaia Endless, takes base URL and key, lists the responders, and signs out', async () => {
    const { sim } = uiContext();
    await openPalette(page);
    await input().waitFor();
    await input().fill('>AgentLens: Sign In');
    await quickInput().locator('.monaco-list-row', { hasText: 'AgentLens: Sign In' }).first().waitFor();
    await input().press('Enter');
    await quickInput().locator('.quick-input-title', { hasText: 'which platform' }).waitFor();
    await quickInput().locator('.monaco-list-row', { hasText: 'Zaia Endless' }).first().click();
    await answer('Zaia Endless (1/2)', sim.baseUrl.replace('127.0.0.1', 'localhost'));
    // The canary key, typed like a person would; the leak test later looks for it everywhere.
    await answer('Zaia Endless (2/2)', sim.zaiaKeys[1] ?? sim.zaiaApiKey);
    await row(/^Zaia Endless @ localhost/).first().waitFor();
    await row('Nightly Report').first().waitFor();
    await row(/^Zaia Endless @ localhost/).first().click({ button: 'right' });
    await clickMenuItem(page, 'Sign Out');
    await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Zaia Endless' }).waitFor();
  });
});
