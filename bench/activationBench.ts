// `npm run bench:activation`: what installing AgentLens costs. Packages the VSIX (production bundles),
// installs it into code-server, and activates it cold in fresh extension hosts. Prints one JSON line:
//   vsixBytes            the .vsix `npm run package` makes
//   bundles              minified dist/ outputs in bytes, with what each package contributes (esbuild metafile)
//   activation.vscode    VS Code's own figure, as "Developer: Show Running Extensions" shows it (code loading +
//                        activate() call), after opening the AgentLens view in a fresh window: samples, median
//                        (budget ≤ 50 ms)
//   activation.probe     `await extension.activate()` from the extension host, cold, one sample per fresh window:
//                        samples, min, median, max. This also waits for what VS Code does for every extension
//                        before calling activate() (its storage and secrets, over RPC); then, from as many more
//                        windows, the medians of the two parts: module load, activate() wait; and how long
//                        AgentLens's activate() itself ran (its own clock: VS Code's "activate call" share)
//   firstUse             the first use after activation loads the core (dist/core.js): median ms of `ready()`
//   moduleLoadMs         median time for plain Node to require each production bundle (vscode stubbed): the
//                        parse/evaluate share, which grows with the bundle
// Figures, not assertions. BENCH_RUNS sets the number of windows (default 5); BENCH_PROFILE=dir writes a CPU
// profile of each activation there; BENCH_DEBUG=1 shows the workbench's console.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer } from '../test/harness/codeServer';
import { ensureToolchain } from '../test/harness/provision';
import { installVsix, makeProbeExtension, packageVsix } from '../test/harness/vsix';
import type { Browser } from 'playwright-core';
import type { CodeServer } from '../test/harness/codeServer';
import { launchBrowser, openWorkbench, runExtensionHostTests } from '../test/harness/workbench';
import { median, round, withLoad } from './stats';

const root = resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);


/**
 * VS Code's own activation figure for AgentLens: opens a fresh window, opens the AgentLens view (its usual first
 * activation, which also loads the core for the tree's data), then reads "Activation: N ms" from Developer: Show
 * Running Extensions.
 */
async function vscodeActivationMs(browser: Browser, cs: CodeServer, probe: string, workspace: string): Promise<number> {
  const page = await openWorkbench(browser, cs, { extensionPath: probe, workspace, env: {} });
  try {
    await settle();
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
    // The Agents view's welcome content (no connection in this window) shows once the core answered.
    await page.locator('.welcome-view-content', { hasText: 'Sign in' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().click();
    const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ hasText: /AgentLens|agentlens-dev\.agentlens/ });
    const text = (await row.locator('.activation-time').first().textContent({ timeout: 30_000 })) ?? '';
    const m = /Activation: (\d+(?:\.\d+)?)\s*ms/.exec(text);
    if (!m) throw new Error(`unexpected activation text: ${text}`);
    return Number(m[1]);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * A window's extension host spends its first seconds starting VS Code's own extensions; an activation in the middle
 * of that is timed together with whatever else the host runs (VS Code's figure is wall-clock and spans awaits).
 * BENCH_SETTLE_MS (default 3000; 0 measures straight after the window is up) waits that out first.
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000);
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, SETTLE_MS));

/** require() of the bundle in a fresh Node, with a stub for `vscode` (nothing runs at load but definitions). */
function moduleLoadMs(bundle: string): number {
  const script = `
    const Module = require('module');
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? {} : load.call(this, request, ...rest); };
    const t = performance.now();
    require(${JSON.stringify(bundle)});
    process.stdout.write(String(performance.now() - t));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loading ${bundle} failed: ${r.stderr}`);
  return Number(r.stdout);
}

async function main(): Promise<void> {
  const tc = ensureToolchain(join(root, '.vscode-test'));
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-bench-activation-'));
  const started = Date.now();
  const pkg = packageVsix(root, join(dir, 'agentlens.vsix'));
  // The production build vsce ran wrote dist/sizes.json (esbuild.mjs --production).
  const sizesFile = join(root, 'dist', 'sizes.json');
  if (statSync(sizesFile).mtimeMs < started) throw new Error('dist/sizes.json was not refreshed by the production build');
  const sizes = JSON.parse(readFileSync(sizesFile, 'utf8')) as Record<string, { bytes: number; parts: Record<string, number> }>;

  const csDir = join(dir, 'cs');
  installVsix(tc, csDir, pkg.file);
  const installed = readdirSync(join(csDir, 'ext')).find((n) => n.startsWith('agentlens-dev.agentlens-'));
  if (!installed) throw new Error('the VSIX did not install');
  const bundleLoads = Object.fromEntries(['extension.js', 'core.js'].map((f) => {
    const bundle = join(csDir, 'ext', installed, 'dist', f);
    return [f, round(median(Array.from({ length: 5 }, () => moduleLoadMs(bundle))))];
  }));

  const cs = await startCodeServer(tc, csDir);
  const browser = await launchBrowser();
  const samples: number[] = [];
  const split: Array<{ loadMs: number; activateMs: number }> = [];
  const firstUse: number[] = [];
  const calls: number[] = [];
  const vscodeSamples: number[] = [];
  try {
    const probe = makeProbeExtension(join(dir, 'probe'));
    const workspace = join(dir, 'ws');
    mkdirSync(workspace);
    // Whole activations first, then as many split into module load + activate() call.
    for (let i = 0; i < 2 * RUNS; i++) {
      const out = join(dir, `activation-${i}.json`);
      const env: Record<string, string> = { AGENTLENS_BENCH_OUT: out, AGENTLENS_BENCH_SETTLE_MS: String(SETTLE_MS), ...(i >= RUNS ? { AGENTLENS_BENCH_SPLIT: '1' } : {}) };
      // BENCH_PROFILE=dir: a CPU profile of every activation into that folder.
      if (process.env.BENCH_PROFILE) env.AGENTLENS_BENCH_PROFILE = resolve(process.env.BENCH_PROFILE, `activation-${i}.cpuprofile`);
      const code = await runExtensionHostTests(browser, cs, {
        extensionPath: probe, workspace, env, testsPath: join(root, 'out', 'bench', 'activationProbe.js'),
      }, 120_000, Boolean(process.env.BENCH_DEBUG));
      if (code !== 0) throw new Error(`the activation probe exited with ${code}`);
      const r = JSON.parse(readFileSync(out, 'utf8')) as {
        wasActive: boolean; loadMs?: number; activateMs: number; activateCallMs: number; coreLoadedByActivation: boolean; firstUseMs: number; extensionPath: string;
      };
      if (r.wasActive) throw new Error('AgentLens was already active: activation is not lazy');
      if (r.coreLoadedByActivation) throw new Error('activation loaded the core');
      firstUse.push(r.firstUseMs);
      calls.push(r.activateCallMs);
      if (!r.extensionPath.includes(installed)) throw new Error(`measured ${r.extensionPath}, not the installed VSIX`);
      if (r.loadMs === undefined) samples.push(r.activateMs);
      else split.push({ loadMs: r.loadMs, activateMs: r.activateMs });
    }
    for (let i = 0; i < RUNS; i++) vscodeSamples.push(await vscodeActivationMs(browser, cs, probe, workspace));
  } finally {
    await browser.close().catch(() => undefined);
    await cs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(withLoad({
    vsixBytes: pkg.bytes,
    bundles: sizes,
    activation: {
      vscode: { samples: vscodeSamples, median: round(median(vscodeSamples)) },
      probe: {
        samples: samples.map(round), min: round(Math.min(...samples)), median: round(median(samples)), max: round(Math.max(...samples)),
        medianModuleLoadMs: round(median(split.map((s) => s.loadMs))), medianActivateWaitMs: round(median(split.map((s) => s.activateMs))),
        medianActivateCallMs: round(median(calls)), maxActivateCallMs: round(Math.max(...calls)),
      },
    },
    firstUse: { coreLoadMedianMs: round(median(firstUse)), min: round(Math.min(...firstUse)), max: round(Math.max(...firstUse)) },
    moduleLoadMs: bundleLoads,
  })));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
