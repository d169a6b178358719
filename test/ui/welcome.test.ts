import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { screenshotOnFailure, uiContext, withoutFruxonEnv, openPalette } from './context';

// What a person sees before signing in: the AgentLens activity-bar entry, the Agents view with its welcome
// content, and the AgentLens log in the Output panel. The window starts without FRUXON_* variables.
describe('workbench UI before sign-in (code-server + Chromium)', () => {
  let page: Page;

  before(async () => {
    const ctx = uiContext();
    page = await openWorkbench(ctx.browser, ctx.cs, { ...ctx.options, env: withoutFruxonEnv(ctx.options.env) });
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  it('shows an AgentLens entry in the activity bar that opens the Agents view with a Sign in button', async () => {
    const entry = page.locator('.activitybar a.action-label[aria-label^="AgentLens"]');
    await entry.waitFor();
    await entry.click();
    // A container with a single view shows the view's name in its title bar instead of a pane header.
    await page.locator('.sidebar .composite.title', { hasText: /AgentLens/i }).waitFor();
    const signIn = page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Fruxon' });
    await signIn.waitFor();
    assert.equal(await signIn.isVisible(), true);
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'agents-welcome.png') });
  });

  it('writes to the "AgentLens" log channel, shown by "AgentLens: Show Log"', async () => {
    await openPalette(page);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>AgentLens: Show Log');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'AgentLens: Show Log' }).first();
    await row.waitFor();
    await row.click();
    const output = page.locator('.part.panel .view-lines', { hasText: 'AgentLens core loaded' });
    await output.waitFor();
    // Monaco renders spaces as no-break spaces.
    const text = (await output.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /AgentLens \S+ loading/);
    assert.match(text, /AgentLens core loaded in \d+(\.\d)? ms with \d+ connection/);
    // The simulator's key was in the extension host's environment; the log must not show it.
    assert.equal(text.includes(uiContext().sim.apiKey), false);
  });
});
