// `npm run bench:run`: running an agent from a run file, against the simulator with zero added latency.
// Prints one JSON line:
//   clickToTraceMs   p50/p95/min of a click on the "▶ Run agent" CodeLens in a real VS Code (code-server +
//                    Chromium) → the new execution's trace drawn in the trace panel (its rows visible)
//   client           the API path alone, no VS Code: :stream to its first event and to `done`, :execute,
//                    and the trace fetch the panel makes afterwards (p50, ms)
// Figures, not assertions: run it, read it, compare. BENCH_RUNS sets the number of clicks (default 7).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FruxonClient } from '../src/api/fruxon/client';
import { runAgentOnce } from '../src/api/fruxon/run';
import { currentHour, startSimulator, type Simulator } from '../simulator/index';
import { startCodeServer } from '../test/harness/codeServer';
import { ensureToolchain } from '../test/harness/provision';
import { launchBrowser, openWorkbench } from '../test/harness/workbench';
import { withLoad } from './stats';

const root = resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0);
}

async function clientFigures(sim: Simulator): Promise<Record<string, number>> {
  const client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  const first: number[] = [];
  const done: number[] = [];
  const exec: number[] = [];
  const trace: number[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      const body = { parameters: { message: `bench ${i}` } };
      let t0 = performance.now();
      let firstAt = 0;
      const out = await runAgentOnce(client, { agentId: 'support-triage', body, stream: true }, { onEvent: () => { firstAt ||= performance.now(); } });
      done.push(performance.now() - t0);
      first.push(firstAt - t0);
      t0 = performance.now();
      await client.getTraceWithFallback('support-triage', out.executionRecordId ?? '');
      trace.push(performance.now() - t0);
      t0 = performance.now();
      await runAgentOnce(client, { agentId: 'support-triage', body, stream: false });
      exec.push(performance.now() - t0);
    }
  } finally {
    await client.close();
  }
  return { streamFirstEventMs: pct(first, 50), streamDoneMs: pct(done, 50), executeMs: pct(exec, 50), traceFetchMs: pct(trace, 50) };
}

async function main(): Promise<void> {
  const tc = ensureToolchain(join(root, '.vscode-test'));
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-bench-'));
  const sim = await startSimulator({ port: 0, quiet: true, now: currentHour() });
  const client = await clientFigures(sim);
  const cs = await startCodeServer(tc, join(dir, 'cs'));
  const browser = await launchBrowser();
  try {
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, 'bench.agentrun.json'), JSON.stringify({ agent: 'support-triage', parameters: { message: 'Where is my order?' } }, null, 2));
    const page = await openWorkbench(browser, cs, { extensionPath: root, workspace: ws, env: { FRUXON_BASE_URL: sim.baseUrl, FRUXON_TENANT: sim.tenant, FRUXON_API_KEY: sim.apiKey } });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('bench.agentrun.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'bench.agentrun.json' }).first().click();
    const lens = page.locator('.codelens-decoration a', { hasText: 'Run agent' }).first();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await lens.waitFor({ timeout: 60_000 });
      const t0 = performance.now();
      await lens.click();
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await view.locator('[role=tree] [role=treeitem]').nth(2).waitFor({ timeout: 60_000 });
      times.push(performance.now() - t0);
      // Close the panel and go back to the run file for the next click.
      await page.keyboard.press('Control+W');
      await page.locator('.tabs-container .tab', { hasText: 'bench.agentrun.json' }).first().click();
      await page.waitForTimeout(300);
    }
    console.log(JSON.stringify(withLoad({
      runs: RUNS,
      clickToTraceMs: { p50: pct(times, 50), p95: pct(times, 95), min: pct(times, 0) },
      client,
      requests: { stream: sim.count('stream'), execute: sim.count('execute') },
    })));
  } finally {
    await browser.close();
    await cs.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
