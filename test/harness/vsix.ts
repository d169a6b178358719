// The extension as users get it: `vsce package` → a .vsix → `code-server --install-extension` into an
// extensions folder of its own → a workbench that loads it from there (no development path to AgentLens).
// Used by the integration tier (one extra suite) and by bench/activationBench.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Toolchain } from './provision';

/**
 * Packages the extension into `outFile` with the project's vsce (its prepublish step makes the production
 * bundles), then rebuilds the development bundles so dist/ is as the other suites and F5 expect it.
 */
export function packageVsix(root: string, outFile: string): { file: string; bytes: number; ms: number } {
  const started = Date.now();
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', outFile], root);
  run(process.execPath, [join(root, 'esbuild.mjs'), '--no-out'], root);
  return { file: outFile, bytes: statSync(outFile).size, ms: Date.now() - started };
}

/** Installs a .vsix into code-server's extensions folder under `csDir` (what startCodeServer(tc, csDir) uses). */
export function installVsix(tc: Toolchain, csDir: string, vsix: string): void {
  mkdirSync(join(csDir, 'ext'), { recursive: true });
  run(tc.node24, [tc.codeServer, '--extensions-dir', join(csDir, 'ext'), '--user-data-dir', join(csDir, 'ud'), '--install-extension', vsix], csDir, {
    PATH: `${tc.node24Dir}/bin:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(csDir, 'xdg-config'),
    XDG_DATA_HOME: join(csDir, 'xdg-data'),
  });
}

/**
 * VS Code only runs an `extensionTestsPath` next to an extension under development, so the tests come with
 * this empty one (no activation events, no code): AgentLens itself is the installed copy.
 */
export function makeProbeExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'agentlens-test-probe', publisher: 'agentlens-test', version: '0.0.0', engines: { vscode: '*' },
  }));
  return dir;
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
  // Without npm_* variables: under `npm test` they would make vsce's nested `npm run` misbehave.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync(cmd, args, { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${[cmd, ...args].join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
}
