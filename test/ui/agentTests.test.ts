import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { screenshotOnFailure, uiContext } from './context';

// What a person sees in the Test Explorer: the demo's example tests listed under their folder, Run All asking
// first when it would start more executions than agentlens.tests.confirmAbove, then passed and failed results
// with duration, cost and tokens, and the failure as "actual != expected" at the failing expectation's line.
describe('Agent tests in the Test Explorer UI (code-server + Chromium)', function () {
  this.timeout(240_000);
  let page: Page;
  let settingsFile: string;
  let oldSettings: string | undefined;
  let dir: string;

  before(async () => {
    const ctx = uiContext();
    dir = join(ctx.options.workspace, 'ui-agent-tests');
    mkdirSync(dir, { recursive: true });
    const demo = resolve(__dirname, '..', '..', '..', 'demo', 'workspace', 'tests');
    for (const f of ['refund-reply.agentrun.json', 'invoice-currency.agentrun.json']) copyFileSync(join(demo, f), join(dir, f));
    writeFileSync(join(dir, 'lead-triage.agentrun.json'), `${JSON.stringify({
      agent: 'support-triage', parameters: { ticketId: 'ZD-4411', message: 'Can someone call me back about pricing?' },
      expect: { status: 'COMPLETED', noErrors: true },
    }, null, 2)}\n`);
    // Three tests, asked above two: the cost guard shows.
    settingsFile = join(ctx.options.workspace, '.vscode', 'settings.json');
    oldSettings = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
    mkdirSync(join(ctx.options.workspace, '.vscode'), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ ...(oldSettings ? JSON.parse(oldSettings) : {}), 'agentlens.tests.confirmAbove': 2 }, null, 2));
    page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
  });

  after(async () => {
    await page?.close();
    rmSync(dir, { recursive: true, force: true });
    if (oldSettings === undefined) rmSync(settingsFile, { force: true });
    else writeFileSync(settingsFile, oldSettings);
  });

  screenshotOnFailure(() => page);

  const palette = async (command: string): Promise<void> => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill(`>${command}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().click();
  };

  it('lists the tests, asks before a large run, and shows passed and failed results with a diff', async () => {
    // The failing test's file is open, so VS Code peeks at its failure there.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('invoice-currency.agentrun.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'invoice-currency.agentrun.json' }).first().click();
    // The Testing container shows once a test controller exists (AgentLens activates on the run files).
    const testing = page.locator('.activitybar .action-item a[aria-label^="Testing"]').first();
    await testing.waitFor({ timeout: 60_000 });
    await testing.click();
    const rows = page.locator('.test-explorer .monaco-list-row');
    await rows.filter({ hasText: 'ui-agent-tests' }).first().waitFor({ timeout: 60_000 });

    await palette('Test: Run All Tests');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /Run 3 agent tests\?[\s\S]*may cost money/);
    await dialog.locator('.monaco-button', { hasText: 'Run 3 Tests' }).click();

    // The failure shows at the failing expectation's line ("actual != expected"), and its peek has the message.
    await page.locator('.monaco-editor', { hasText: 'EUR != USD' }).first().waitFor({ timeout: 90_000 });
    // Each result's figures are the test's description in the tree.
    const folder = rows.filter({ hasText: 'ui-agent-tests' }).first();
    if ((await folder.getAttribute('aria-expanded')) === 'false') await folder.locator('.monaco-tl-twistie').click();
    const passed = rows.filter({ hasText: 'refund-reply.agentrun.json' }).first();
    await passed.filter({ hasText: 'tok' }).waitFor({ timeout: 30_000 });
    assert.match(await passed.innerText(), /\$0\.\d+ · [\d.]+k tok/);
    assert.equal(await passed.locator('.codicon-testing-passed-icon').count(), 1);
    assert.equal(await rows.filter({ hasText: 'invoice-currency.agentrun.json' }).first().locator('.codicon-testing-failed-icon').count(), 1);
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'agent-tests.png') });
  });
});
