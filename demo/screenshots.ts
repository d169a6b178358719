// `npm run screenshots`: the README's screenshots, taken against `npm run demo` in headless Chromium, so they can
// be re-taken after any change. Writes docs/*.png; a shot that fails is reported and the others are still taken.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { freePort } from '../test/harness/codeServer';
import { FAKE_CHAT_MODEL_NAME, askChat } from '../test/harness/fakeChatModel';
import { launchBrowser } from '../test/harness/workbench';

const root = resolve(__dirname, '..', '..');
const docs = join(root, 'docs');

async function startDemo(extraArgs: string[] = []): Promise<{ url: string; simulatorUrl: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-shots-'));
  const stateFile = join(dir, 'state.json');
  const demo = spawn(process.execPath, [join(root, 'out', 'demo', 'main.js'), '--state-file', stateFile, '--receiver-port', String(await freePort()), ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const end = Date.now() + 300_000;
  while (!existsSync(stateFile)) {
    if (demo.exitCode !== null) throw new Error(`the demo exited with ${demo.exitCode}`);
    if (Date.now() > end) throw new Error('the demo did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const { url, simulatorUrl } = JSON.parse(readFileSync(stateFile, 'utf8')) as { url: string; simulatorUrl: string };
  const stop = async (): Promise<void> => {
    const exited = new Promise((r) => demo.once('exit', r));
    demo.kill('SIGINT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, simulatorUrl, stop };
}

// `npm run screenshots -- insights` re-takes only the shots whose names match.
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wanted = (name: string): boolean => !only.length || only.some((o) => name.includes(o));

class Shots {
  readonly failed: string[] = [];
  constructor(readonly page: Page) {}

  /** A row of one view of the AgentLens container (its pane header starts with `view`). */
  row(text: string | RegExp, view = 'Agents'): Locator {
    const pane = this.page.locator('.sidebar .pane', { has: this.page.locator('.pane-header', { hasText: new RegExp(`^${view}`) }) });
    return pane.locator('.monaco-list-row', { hasText: text });
  }

  async command(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('F1');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
    await input.press('Enter');
  }

  async theme(name: string): Promise<void> {
    await this.command('Preferences: Color Theme');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.waitForTimeout(500);
    await input.fill(name);
    await this.page.waitForTimeout(300);
    await input.press('Enter');
    await this.page.waitForTimeout(800);
  }

  webview(): ReturnType<Page['frameLocator']> {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  report(): void {
    if (!this.failed.length) return;
    console.error(`[screenshots] failed: ${this.failed.join(', ')}`);
    process.exitCode = 1;
  }

  async take(name: string, steps: () => Promise<void>): Promise<void> {
    if (!wanted(name)) return;
    try {
      await steps();
      await this.page.waitForTimeout(400);
      await this.page.screenshot({ path: join(docs, `${name}.png`) });
      console.log(`[screenshots] docs/${name}.png`);
    } catch (e) {
      this.failed.push(name);
      console.error(`[screenshots] ${name} failed: ${(e as Error).message.split('\n')[0]}`);
      await this.page.screenshot({ path: join(root, 'out', `FAILED-screenshot-${name}.png`) }).catch(() => undefined);
      await this.page.keyboard.press('Escape').catch(() => undefined);
    }
  }
}

async function main(): Promise<void> {
  // The chat shot needs a window with chat on and the fake model: a demo of its own, after the others.
  if (!only.length || only.some((o) => o !== 'chat')) await mainShots();
  if (wanted('chat')) await chatShot();
}

async function mainShots(): Promise<void> {
  const demo = await startDemo();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(demo.url);
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').waitFor({ timeout: 60_000 });
    const s = new Shots(page);
    await s.theme('Light Modern');
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();

    await s.take('sidebar', async () => {
      await s.row('Support Triage').first().click();
      await s.row(/ago.*tok|\d{4}-\d{2}-\d{2}.*tok/).first().waitFor({ timeout: 60_000 });
    });

    await s.take('trace-light', async () => {
      await s.row(/ago.*tok|\d{4}-\d{2}-\d{2}.*tok/).first().click();
      const view = s.webview();
      await view.locator('[role=tree] [role=treeitem]').nth(2).waitFor({ timeout: 60_000 });
      await view.locator('[role=treeitem]:has(.kind.codicon-hubot), [role=treeitem]:has(.kind[title=llm])').first().click();
      await view.locator('.step-detail.kind-llm').waitFor({ timeout: 30_000 });
    });

    await s.take('trace-dark', async () => {
      await s.theme('Dark Modern');
      await s.webview().locator('.step-detail').waitFor({ timeout: 10_000 });
    });

    await s.take('trace-search', async () => {
      const view = s.webview();
      await view.locator('.search-input').fill('refund');
      await view.locator('.search-count[data-results-for="refund"]').waitFor({ timeout: 30_000 });
    });
    await s.theme('Light Modern');

    await s.take('zaia', async () => {
      await page.keyboard.press('Escape');
      await s.row('Support Triage').first().click(); // collapse the Fruxon agent opened above
      await s.row(/^Zaia Endless/).first().waitFor({ timeout: 30_000 });
      const squad = s.row(/squad/i).first();
      await squad.click();
      const executions = s.row(/credits?/);
      await executions.first().waitFor({ timeout: 30_000 });
      await executions.first().click();
      await s.webview().locator('[role=tree] [role=treeitem]').nth(1).waitFor({ timeout: 60_000 });
    });

    await s.take('local-traces', async () => {
      const local = s.row(/checkout-assistant|get_cart/, 'Local Traces').first();
      await local.waitFor({ timeout: 60_000 });
      await local.click();
      const view = s.webview();
      await view.locator('[role=tree] [role=treeitem]').nth(3).waitFor({ timeout: 60_000 });
      await view.locator('[role=treeitem]', { hasText: 'chat gpt-4o-mini' }).first().click();
      await view.locator('.step-detail.kind-llm').waitFor({ timeout: 30_000 });
    });

    await s.take('run-file', async () => {
      const openRunFile = async (): Promise<void> => {
        await s.command('Go to File...');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await input.fill('support-triage.agentrun.json');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'support-triage.agentrun.json' }).first().waitFor({ timeout: 20_000 });
        await input.press('Enter');
      };
      await openRunFile();
      const lens = page.locator('.codelens-decoration a', { hasText: 'Run agent' }).first();
      await lens.waitFor({ timeout: 30_000 });
      await lens.click();
      // The run lands in its trace panel; back to the run file, whose lens now tells how the run went.
      await page.locator('.tabs-container .tab', { hasText: /^Support Triage · / }).first().waitFor({ timeout: 60_000 });
      const lastRun = page.locator('.codelens-decoration', { hasText: /Last run/ }).first();
      for (let k = 0; k < 5 && !(await lastRun.isVisible()); k++) {
        await page.waitForTimeout(1500);
        await page.locator('.tabs-container .tab', { hasText: 'support-triage.agentrun.json' }).first().click();
      }
      await lastRun.waitFor({ timeout: 10_000 });
    });

    await s.take('approvals', async () => {
      await s.command('View: Close All Editors');
      await s.command('Go to File...');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.fill('refund-approval.agentrun.json');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'refund-approval.agentrun.json' }).first().waitFor({ timeout: 20_000 });
      await input.press('Enter');
      const lens = page.locator('.codelens-decoration a', { hasText: 'Run agent' }).first();
      await lens.waitFor({ timeout: 30_000 });
      await lens.click();
      // The paused run's trace, its waiting gate with the answer buttons, the notification, the Approvals node.
      await page.locator('.tabs-container .tab', { hasText: /^Support Triage · / }).first().waitFor({ timeout: 60_000 });
      const view = s.webview();
      await view.locator('[role=treeitem]:has(.kind.codicon-person)').first().click();
      await view.locator('.gate-actions').waitFor({ timeout: 30_000 });
      await s.row(/^Approvals/).first().click();
      await s.row(/^Support Triage: /).first().waitFor({ timeout: 30_000 });
      // Headless Chromium draws no toasts (see Known limits): show the notification in the notification center.
      await s.command('Notifications: Show Notifications');
      await page.locator('.notifications-center .notification-list-item', { hasText: 'waits for approval' }).first().waitFor({ timeout: 30_000 });
    });

    await s.take('insights-light', async () => {
      await page.keyboard.press('Escape');
      await s.row('Bulk Ingest').first().click({ button: 'right' });
      const item = page.locator('.context-view .action-label', { hasText: 'Show Insights' }).first();
      await item.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      await item.click();
      await s.webview().locator('.chart canvas').nth(2).waitFor({ timeout: 60_000 });
    });

    await s.take('insights-dark', async () => {
      // Clicks the theme's row (as the UI tests do): Enter can land on the picker's marketplace entry.
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.fill('>Preferences: Color Theme');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
      await input.fill('Dark Modern');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().click();
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 10_000 });
      await s.webview().locator('.chart canvas').nth(2).waitFor({ timeout: 10_000 });
    });
    await s.theme('Light Modern');

    await s.take('walkthrough', async () => {
      await s.command('Welcome: Open Walkthrough...');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with AgentLens' }).first().click();
      await page.locator('.gettingStartedContainer', { hasText: 'Get started with AgentLens' }).first().waitFor({ timeout: 20_000 });
    });

    await s.take('stores', async () => {
      // Jaeger as a user adds it: palette → Sign In… → Jaeger → the simulator's /jaeger, no authentication (so no
      // secret is typed or shown), then a service's recent traces and one of them in the viewer beside the tree.
      // The last shot, a wider window: the trace rows' details beside a trace viewer with its step names.
      await page.setViewportSize({ width: 1600, height: 860 });
      await page.keyboard.press('Escape');
      await s.command('View: Close All Editors');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      const quick = page.locator('.quick-input-widget');
      await s.command('AgentLens: Sign In');
      await quick.locator('.quick-input-title', { hasText: 'which platform' }).waitFor({ timeout: 20_000 });
      await quick.locator('.monaco-list-row', { hasText: 'Jaeger' }).first().click();
      await quick.locator('.quick-input-title', { hasText: 'Jaeger (1/2)' }).waitFor({ timeout: 20_000 });
      const jaegerUrl = `${demo.simulatorUrl}/jaeger`;
      for (let k = 0; k < 20 && (await input.inputValue()) !== jaegerUrl; k++) {
        await input.fill(jaegerUrl);
        await page.waitForTimeout(200);
      }
      await input.press('Enter');
      await quick.locator('.quick-input-title', { hasText: 'Jaeger (2/2)' }).waitFor({ timeout: 20_000 });
      await quick.locator('.monaco-list-row', { hasText: 'No authentication' }).first().click();
      // Only the store is open: the platforms' roots (expanded by default) are folded, which also brings the
      // store's root into the list's rendered rows.
      const open = s.row(/./).and(page.locator('[aria-level="1"][aria-expanded="true"]'));
      for (let k = 0; k < 6; k++) {
        const others = open.filter({ hasNotText: /^Jaeger @ / });
        if (!(await others.count())) break;
        await others.first().locator('.monaco-tl-twistie').click();
        await page.waitForTimeout(300);
      }
      const jaeger = s.row(/^Jaeger @ /).first();
      await jaeger.waitFor({ timeout: 60_000 });
      // Room for the trace rows' details (start, duration, spans, tokens): Local Traces folded, the sidebar wider.
      const localHeader = page.locator('.sidebar .pane-header', { hasText: /^Local Traces/ }).first();
      if ((await localHeader.getAttribute('aria-expanded')) === 'true') await localHeader.click();
      const bar = await page.locator('.part.sidebar').boundingBox();
      if (bar) {
        await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
        await page.mouse.down();
        await page.mouse.move(bar.x + 560, bar.y + bar.height / 2, { steps: 8 });
        await page.mouse.up();
      }
      if ((await jaeger.getAttribute('aria-expanded')) !== 'true') await jaeger.click();
      const service = s.row(/^support-triage/).first();
      await service.waitFor({ timeout: 60_000 });
      await service.click();
      const traces = s.row(/^invoke_agent /);
      await traces.nth(2).waitFor({ timeout: 60_000 });
      await traces.first().click();
      const view = s.webview();
      await view.locator('[role=tree] [role=treeitem]').nth(3).waitFor({ timeout: 60_000 });
      await view.locator('[role=treeitem]', { hasText: /^chat / }).first().click();
      await view.locator('.step-detail.kind-llm').waitFor({ timeout: 30_000 });
    });

    s.report();
  } finally {
    await browser.close();
    await demo.stop();
  }
}

/**
 * @agentlens /explain on a failed execution selected in the Agents view, answered by the scripted fake model
 * (test/fixtures/fake-chat-model: no real model is available where the screenshots are taken), with the trace
 * opened at the step the answer cites by its button.
 */
async function chatShot(): Promise<void> {
  const demo = await startDemo(['--fake-chat-model']);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 860 } });
    await page.goto(demo.url);
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').waitFor({ timeout: 60_000 });
    const s = new Shots(page);
    await s.theme('Light Modern');
    await s.take('chat', async () => {
      await page.locator('.interactive-input-part', { hasText: FAKE_CHAT_MODEL_NAME }).first().waitFor({ timeout: 60_000 });
      await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
      const localHeader = page.locator('.sidebar .pane-header', { hasText: /^Local Traces/ }).first();
      if ((await localHeader.getAttribute('aria-expanded')) === 'true') await localHeader.click();
      await s.row('Invoice Extractor').first().click();
      const failed = page.locator('.sidebar .monaco-list-row:has(.codicon-error)').first();
      await failed.waitFor({ timeout: 60_000 });
      await failed.click();
      await s.webview().locator('[role=tree] [role=treeitem]').nth(2).waitFor({ timeout: 60_000 });
      // A wider chat view, for an answer without many wrapped lines.
      const chat = await page.locator('.part.auxiliarybar').boundingBox();
      if (chat) {
        await page.mouse.move(chat.x - 1, chat.y + chat.height / 2);
        await page.mouse.down();
        await page.mouse.move(chat.x - 180, chat.y + chat.height / 2, { steps: 8 });
        await page.mouse.up();
      }
      await askChat(page, '@agentlens /explain why did it fail?');
      const response = page.locator('.interactive-response').last();
      await response.getByRole('button', { name: 'Open the trace' }).waitFor({ timeout: 60_000 });
      await response.getByRole('button', { name: /^Open #\d+ / }).first().click();
      await s.webview().locator('[role=treeitem][aria-selected="true"]').waitFor({ timeout: 30_000 });
      await s.webview().locator('.step-detail .error-box').first().waitFor({ timeout: 30_000 });
    });
    s.report();
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
