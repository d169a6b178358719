// Runs inside the extension host (as `extensionTestsPath`) for bench/activationBench.ts: activates the
// installed AgentLens once, cold, and writes how long that took to AGENTLENS_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const out = process.env.AGENTLENS_BENCH_OUT;
  if (!out) throw new Error('AGENTLENS_BENCH_OUT is not set');
  const ext = vscode.extensions.getExtension('agentlens-dev.agentlens');
  if (!ext) throw new Error('agentlens-dev.agentlens is not installed');
  const wasActive = ext.isActive;
  // What VS Code does on the first activation event: load dist/extension.js, then call activate().
  const started = performance.now();
  await ext.activate();
  const activateMs = performance.now() - started;
  writeFileSync(out, JSON.stringify({ wasActive, activateMs, extensionPath: ext.extensionPath }));
}
