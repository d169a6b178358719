// Runs inside the extension host (as `extensionTestsPath`) for bench/activationBench.ts: activates the
// installed AgentLens once, cold, then loads its core as a first use would, and writes how long each took to
// AGENTLENS_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AgentLensExports } from '../src/extension';

export async function run(): Promise<void> {
  const out = process.env.AGENTLENS_BENCH_OUT;
  if (!out) throw new Error('AGENTLENS_BENCH_OUT is not set');
  const ext = vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens');
  if (!ext) throw new Error('agentlens-dev.agentlens is not installed');
  const wasActive = ext.isActive;
  // Let the host finish starting VS Code's own extensions first (see SETTLE_MS in activationBench.ts).
  await new Promise((r) => setTimeout(r, Number(process.env.AGENTLENS_BENCH_SETTLE_MS ?? 0)));
  // What VS Code does on the first activation event is load dist/extension.js, then call activate(). With
  // AGENTLENS_BENCH_SPLIT the probe loads the module first (VS Code's own require then finds it cached), so
  // the two parts are timed apart.
  let loadMs: number | undefined;
  if (process.env.AGENTLENS_BENCH_SPLIT) {
    const t = performance.now();
    require(join(ext.extensionPath, ext.packageJSON.main as string));
    loadMs = performance.now() - t;
  }
  // AGENTLENS_BENCH_PROFILE=file.cpuprofile: a V8 CPU profile of the activation (open it in VS Code or DevTools).
  const profile = process.env.AGENTLENS_BENCH_PROFILE;
  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
    await post(session, 'Profiler.start');
  }
  const started = performance.now();
  const exports = await ext.activate();
  const activateMs = performance.now() - started;
  // Activation leaves the core unloaded; the first use (a view's data, a command) loads it. Timed here as such a use.
  const coreLoadedByActivation = exports.coreLoaded;
  const activateCallMs = exports.activateCallMs;
  const readyStarted = performance.now();
  await exports.ready();
  const firstUseMs = performance.now() - readyStarted;
  if (session && profile) {
    const { profile: data } = (await post(session, 'Profiler.stop')) as { profile: unknown };
    writeFileSync(profile, JSON.stringify(data));
    session.disconnect();
  }
  writeFileSync(out, JSON.stringify({ wasActive, loadMs, activateMs, activateCallMs, coreLoadedByActivation, firstUseMs, extensionPath: ext.extensionPath }));
}

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
}
