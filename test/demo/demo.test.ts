// `npm run demo` end to end: the demo starts, a browser sees the simulator's agents in the sidebar and opens a
// trace, and Ctrl+C (SIGINT) leaves nothing running: no process of code-server's group, no listening port.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../harness/codeServer';
import { launchBrowser } from '../harness/workbench';
import { PATIENCE_MS, TEST_TIMEOUT_MS } from '../support/patience';

interface DemoState { url: string; codeServerPid: number; codeServerPort: number; simulatorUrl: string; receiverPort: number; pid: number }

const root = resolve(__dirname, '..', '..', '..');

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), done(true)));
    s.once('error', () => done(false));
  });
}

function groupAlive(pgid: number): boolean {
  const r = spawnSync('ps', ['-e', '-o', 'pgid=,stat='], { encoding: 'utf8' });
  // Zombies are already gone in all but name (their parent has not reaped them yet).
  return r.stdout.split('\n').some((line) => {
    const [group, stat] = line.trim().split(/\s+/);
    return Number(group) === pgid && !stat?.startsWith('Z');
  });
}

describe('npm run demo', function () {
  this.timeout(Math.max(240_000, TEST_TIMEOUT_MS));
  let demo: ChildProcess;
  let state: DemoState;
  let browser: Browser;
  let page: Page;
  let output = '';
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-demo-'));

  before(async () => {
    const stateFile = join(dir, 'state.json');
    demo = spawn(process.execPath, [join(root, 'out', 'demo', 'main.js'), '--state-file', stateFile, '--receiver-port', String(await freePort())], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    demo.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const end = Date.now() + 180_000;
    while (!existsSync(stateFile) || !output.includes('Open AgentLens')) {
      if (demo.exitCode !== null) throw new Error(`the demo exited with ${demo.exitCode}:\n${output}`);
      if (Date.now() > end) throw new Error(`the demo did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(PATIENCE_MS);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    const name = (this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(root, 'out', 'test-results', `FAILED-demo-${name}.png`) }).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) demo.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a URL that opens AgentLens with the simulator\'s agents', async () => {
    assert.ok(output.includes(state.url), 'the URL is printed');
    assert.ok(!state.url.includes('fx_'), 'the URL carries no key');
    await page.goto(state.url);
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
    // Rows of the Agents view only: Local Traces (the demo posts traces to it) has rows that read alike.
    const row = (t: string | RegExp) => page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^Agents/ }) }).locator('.monaco-list-row', { hasText: t });
    await row('Support Triage').first().waitFor();
    await row(/^Zaia Endless/).first().waitFor();
  });

  it('has the local receiver on, with the sample OpenTelemetry traces in Local Traces', async () => {
    const local = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^Local Traces/ }) }).locator('.monaco-list-row');
    await local.nth(2).waitFor();
    assert.equal(await local.count(), 3);
    assert.match(await local.allInnerTexts().then((t) => t.join('\n')), /4 spans/);
  });

  it('opens a trace from the sidebar', async () => {
    // Rows of the Agents view only: Local Traces (the demo posts traces to it) has rows that read alike.
    const row = (t: string | RegExp) => page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^Agents/ }) }).locator('.monaco-list-row', { hasText: t });
    await row('Support Triage').first().click();
    await row(/tok · .* · rev \d/).first().click();
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('[role=tree] [role=treeitem]').nth(1).waitFor();
  });

  it('stops everything it started on Ctrl+C', async () => {
    const exited = new Promise<number | null>((r) => demo.once('exit', (code) => r(code)));
    demo.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.ok(output.includes('stopped; nothing left running'), output);
    assert.equal(groupAlive(state.codeServerPid), false, 'a code-server process is still running');
    assert.equal(await listening(state.codeServerPort), false, 'code-server\'s port is still open');
    assert.equal(await listening(Number(new URL(state.simulatorUrl).port)), false, 'the simulator\'s port is still open');
  });
});
