// Runs inside the extension host (as `extensionTestsPath`) for bench/activationBench.ts: activates the
// installed AgentLens once, cold, and writes how long that took to AGENTLENS_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const out = process.env.AGENTLENS_BENCH_OUT;
  if (!out) throw new Error('AGENTLENS_BENCH_OUT is not set');
  const ext = vscode.extensions.getExtension('agentlens-dev.agentlens');
  if (!ext) throw new Error('agentlens-dev.agentlens is not installed');
  const wasActive = ext.isActive;
  // What VS Code does on the first activation event is load dist/extension.js, then call activate(). With
  // AGENTLENS_BENCH_SPLIT the probe loads the module first (VS Code's own require then finds it cached), so
  // the two parts are timed apart.
  let loadMs: number | undefined;
  if (process.env.AGENTLENS_BENCH_SPLIT) {
    const t = performance.now();
    require(join(ext.extensionPath, ext.packageJSON.main as string));
    loadMs = performance.now() - t;
  }
  const started = performance.now();
  await ext.activate();
  const activateMs = performance.now() - started;
  writeFileSync(out, JSON.stringify({ wasActive, loadMs, activateMs, extensionPath: ext.extensionPath }));
}
