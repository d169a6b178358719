// The integration tier: the extension inside a real VS Code.
//  - here (no desktop VS Code): code-server 4.139 + Debian Chromium, provisioned into .vscode-test/ on first use;
//  - with AGENTLENS_TEST_HOST=electron on a machine with desktop VS Code: @vscode/test-electron.
// A Fruxon simulator is started on 127.0.0.1 and handed to the extension host through its environment.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { currentHour, startSimulator, type Simulator } from '../../simulator/index';
import { startCodeServer, type CodeServer } from './codeServer';
import { ensureToolchain } from './provision';
import { runUiSuite } from './uiSuite';
import { installVsix, makeProbeExtension, packageVsix } from './vsix';
import { launchBrowser, runExtensionHostTests } from './workbench';
import type { Browser } from 'playwright-core';
import type { Toolchain } from './provision';

const root = resolve(__dirname, '..', '..', '..');
const resultsDir = join(root, 'out', 'test-results');
const hostTestsPath = join(root, 'out', 'test', 'integration', 'index.js');
const vsixTestsPath = join(root, 'out', 'test', 'integration', 'vsix', 'index.js');

function extensionEnv(sim: Simulator): Record<string, string> {
  return {
    FRUXON_BASE_URL: sim.baseUrl,
    FRUXON_TENANT: sim.tenant,
    FRUXON_API_KEY: sim.apiKey,
    // Zaia Endless is served by the same simulator (under /api/v1) with its own key; the canary key is
    // kept out of the environment (which the harness hands over in the workbench URL) for the sign-in tests.
    ZAIA_BASE_URL: sim.baseUrl,
    ZAIA_API_KEY: sim.zaiaApiKey,
    AGENTLENS_TEST_STATS: join(resultsDir, 'integration-host.json'),
    // For quick iteration: a regular expression on test file names (host and UI suites); unset under `npm test`.
    ...(process.env.AGENTLENS_IT_FILES ? { AGENTLENS_IT_FILES: process.env.AGENTLENS_IT_FILES } : {}),
  };
}

function makeWorkspace(dir: string): string {
  const ws = join(dir, 'workspace');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'README.md'), '# AgentLens integration workspace\n');
  return ws;
}

async function runElectron(sim: Simulator, workspace: string): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: hostTestsPath,
      extensionTestsEnv: extensionEnv(sim),
      launchArgs: [workspace, '--disable-extensions'],
    });
    return 0;
  } catch (e) {
    console.error('[harness] desktop VS Code run failed:', e);
    return 1;
  }
}

async function runCodeServer(sim: Simulator, dir: string, workspace: string): Promise<number> {
  const tc = ensureToolchain(join(root, '.vscode-test'));
  let cs: CodeServer | undefined;
  const browser = await launchBrowser();
  try {
    cs = await startCodeServer(tc, join(dir, 'cs'));
    console.log(`[harness] code-server ${cs.url}, simulator ${sim.baseUrl}`);
    const options = { extensionPath: root, workspace, env: extensionEnv(sim) };
    // AGENTLENS_IT_ONLY=host|ui|vsix runs one part, for quick iteration; `npm test` always runs all three.
    const only = process.env.AGENTLENS_IT_ONLY;
    let hostCode = 0;
    if (only !== 'ui' && only !== 'vsix') {
      hostCode = await runExtensionHostTests(browser, cs, { ...options, testsPath: hostTestsPath }, 10 * 60_000);
      console.log(`[harness] extension-host tests exited with ${hostCode}`);
    }
    const uiFailures = only === 'host' || only === 'vsix' ? 0 : await runUiSuite({ browser, cs, sim, options, statsFile: join(resultsDir, 'integration-ui.json') });
    // A workspace of its own: the UI suite leaves run files in the shared one, and `workspaceContains:**/*.agentrun.json`
    // would activate AgentLens before the suite can check that nothing else does.
    const vsixCode = only === 'host' || only === 'ui' ? 0 : await runVsixSuite(tc, browser, sim, dir, makeWorkspace(join(dir, 'vsix')));
    return hostCode !== 0 || uiFailures > 0 || vsixCode !== 0 ? 1 : 0;
  } finally {
    await browser.close().catch(() => undefined);
    if (cs) {
      await cs.stop();
      cpSync(cs.logFile, join(resultsDir, 'code-server.log'));
    }
  }
}

/** The packaged extension: `vsce package`, installed into a code-server of its own, a trace opened through it. */
async function runVsixSuite(tc: Toolchain, browser: Browser, sim: Simulator, dir: string, workspace: string): Promise<number> {
  const pkg = packageVsix(root, join(dir, 'agentlens.vsix'));
  console.log(`[harness] packaged ${pkg.file}: ${(pkg.bytes / 1024).toFixed(1)} KB in ${pkg.ms} ms`);
  const csDir = join(dir, 'cs-vsix');
  installVsix(tc, csDir, pkg.file);
  const cs = await startCodeServer(tc, csDir);
  try {
    const env = { ...extensionEnv(sim), AGENTLENS_TEST_STATS: join(resultsDir, 'integration-vsix.json') };
    const options = { extensionPath: makeProbeExtension(join(dir, 'probe')), workspace, env, testsPath: vsixTestsPath };
    const code = await runExtensionHostTests(browser, cs, options, 5 * 60_000);
    console.log(`[harness] installed-VSIX tests exited with ${code}`);
    return code;
  } finally {
    await cs.stop();
    cpSync(cs.logFile, join(resultsDir, 'code-server-vsix.log'));
  }
}

async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-it-'));
  // A canary token: tests sign in with it, and the last UI test proves it was written nowhere on disk.
  // Data laid out back from the real clock: the extension formats times against it (see simulator/clock.ts).
  const sim = await startSimulator({
    port: 0, quiet: true, now: currentHour(), token: `fx_pat_canary_${randomBytes(12).toString('hex')}`, zaiaExtraKeys: [`zaia_canary_${randomBytes(12).toString('hex')}`],
  });
  let code = 1;
  try {
    const workspace = makeWorkspace(dir);
    code = process.env.AGENTLENS_TEST_HOST === 'electron' ? await runElectron(sim, workspace) : await runCodeServer(sim, dir, workspace);
  } catch (e) {
    console.error('[harness] integration tier failed to run:', e);
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
}

void main();
