import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { T1, request, span } from '../unit/model/otlpFixtures';
import { screenshotOnFailure, uiContext, withoutFruxonEnv, openPalette } from './context';

// What a person without any platform account sees: the Local Traces view's welcome with a Start button,
// the status bar item while the receiver listens, a trace an instrumented program sent appearing in the
// view, and the trace opening in the panel.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('Local Traces UI (code-server + Chromium)', () => {
  let page: Page;
  let port: number;

  before(async () => {
    const ctx = uiContext();
    port = await freePort();
    // A workspace setting, so the receiver does not depend on 4318 being free on this machine.
    mkdirSync(join(ctx.options.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(ctx.options.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'agentlens.receiver.port': port }, null, 2));
    page = await openWorkbench(ctx.browser, ctx.cs, { ...ctx.options, env: withoutFruxonEnv(ctx.options.env) });
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
  });

  after(async () => {
    // Leave no panel to be restored into the next suite's window (they share the workspace).
    if (page) {
      await openPalette(page);
      await page.locator('.quick-input-widget input').fill('>View: Close All Editors');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'View: Close All Editors' }).first().click().catch(() => undefined);
      await page.locator('.editor-group-container .tabs-container .tab').first().waitFor({ state: 'detached' }).catch(() => undefined);
    }
    await page?.close();
    // Other suites share the workspace; a workspace setting would override what they set.
    rmSync(join(uiContext().options.workspace, '.vscode', 'settings.json'), { force: true });
  });

  screenshotOnFailure(() => page);

  it('starts the receiver from the welcome button and shows it in the status bar', async () => {
    const pane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Local Traces' }) });
    const header = pane.locator('.pane-header');
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const start = pane.locator('.welcome-view-content a.monaco-button', { hasText: 'Start Local Trace Receiver' });
    await start.waitFor();
    await start.click();
    await page.locator('.statusbar-item', { hasText: `OTLP :${port}` }).waitFor();
    await pane.locator('.welcome-view-content', { hasText: 'Listening for traces' }).waitFor();
  });

  it('lists a trace posted to the receiver and opens it in the panel', async () => {
    const body = request([
      span({ trace: T1, id: '5500000000000001', name: 'invoke_agent Concierge', start: 0, end: 1500,
        attrs: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Concierge' } }),
      span({ trace: T1, id: '5500000000000002', parent: '5500000000000001', name: 'chat gpt-4o', start: 10, end: 700, kind: 3,
        attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3,
          'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Book a table' }] }]) } }),
    ]);
    const res = await fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 200);
    const row = page.locator('.sidebar .pane .monaco-list-row', { hasText: 'Concierge' });
    await row.waitFor();
    assert.match(await row.innerText(), /2 spans/);
    await row.click();
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const rows = view.locator('[role=tree] [role=treeitem]');
    await rows.nth(1).waitFor();
    assert.match(await rows.nth(1).innerText(), /chat gpt-4o/);
    await view.locator('.trace-header', { hasText: 'OTLP' }).waitFor();
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'local-traces.png') });
  });

  it('keeps the trace after the window reloads (journaled in global storage), and Clear Local Traces deletes it', async () => {
    const journal = join(uiContext().cs.dir, 'ud', 'User', 'globalStorage', 'agentlens-dev.agentlens', 'local-traces', 'local-traces.jsonl');
    // Written at most a second after the spans arrived.
    for (const end = Date.now() + 30_000; !(existsSync(journal) && readFileSync(journal, 'utf8').includes(T1));) {
      if (Date.now() > end) throw new Error(`the journal ${journal} was not written`);
      await page.waitForTimeout(100);
    }
    await page.evaluate(() => ((globalThis as Record<string, unknown>).__agentlensBeforeReload = true));
    await runCommand('Developer: Reload Window');
    await page.waitForFunction(() => (globalThis as Record<string, unknown>).__agentlensBeforeReload !== true, undefined, { timeout: 60_000 });
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    const pane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Local Traces' }) });
    // The window restores its views after the activity bar shows: clicking AgentLens's icon while it is already the
    // shown container would hide the sidebar, so click only while another container (or none) is shown.
    const icon = page.locator('.activitybar .action-item:has(a.action-label[aria-label^="AgentLens"])');
    for (const end = Date.now() + 60_000; !(await pane.isVisible());) {
      if (Date.now() > end) throw new Error('the Local Traces view did not show after the reload');
      if (!/\bchecked\b/.test((await icon.getAttribute('class')) ?? '')) await icon.locator('a.action-label').click();
      await page.waitForTimeout(250);
    }
    const row = pane.locator('.monaco-list-row', { hasText: 'Concierge' });
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.innerText(), /2 spans/);
    await runCommand('AgentLens: Clear Local Traces');
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    for (const end = Date.now() + 30_000; existsSync(journal);) {
      if (Date.now() > end) throw new Error(`the journal ${journal} was not deleted`);
      await page.waitForTimeout(100);
    }
  });

  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  }
});
