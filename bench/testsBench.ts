// `npm run bench:tests`: agent tests (run files with `expect`). Prints one JSON line:
//   files          run files discovered (each with an `expect` block, in 20 folders)
//   discoveryMs    median of 5: finding them on disk, reading each and locating + parsing its `expect`
//                  (what `agentlens test` does before running, and what the Test Explorer does per file)
//   tests          tests run against the simulator (its default run time), `concurrency` at a time
//   runWallMs      wall time of that run, through the shared runner (src/testRunner/) over real HTTP
//   maxConcurrent  the most :execute requests the simulator saw in flight at once (from its request log)
//   slow           the same 50 tests with every run taking 200 ms (simulator script), where executions overlap
//                  for certain: {runWallMs, maxConcurrent}
//   load           os.loadavg()[0] when it finished: the machine is shared, figures are noisy
// Figures, not assertions: targets are discovery ≤ 1 s for 1,000 files, maxConcurrent ≤ concurrency.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FruxonClient } from '../src/api/fruxon/client';
import { findRunFiles } from '../src/cli/files';
import { locateExpect } from '../src/model/expect/parse';
import { runTests } from '../src/testRunner/pool';
import { parseTestFile } from '../src/testRunner/runTest';
import type { TestFile } from '../src/testRunner/types';
import { startSimulator, type Simulator } from '../simulator/index';
import { median, round } from './stats';

const FILES = Number(process.env.BENCH_FILES ?? 1000);
const TESTS = Number(process.env.BENCH_TESTS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

function runFile(i: number): string {
  return JSON.stringify({
    agent: 'support-triage',
    parameters: { ticketId: `ZD-${i}`, message: `Bench ticket ${i}: please refund the duplicate charge.` },
    expect: { status: 'COMPLETED', noErrors: true, output: { matches: '\\S' }, tools: { notCalled: ['post_to_erp'] }, maxCostUsd: 1, maxLlmCalls: 40 },
  }, null, 2);
}

async function discover(dir: string): Promise<{ ms: number; files: TestFile[] }> {
  const t0 = performance.now();
  const { files: paths } = await findRunFiles([], dir);
  const files: TestFile[] = [];
  await Promise.all(paths.map(async (path) => {
    const text = await readFile(path, 'utf8');
    if (!locateExpect(text)) return;
    const parsed = parseTestFile({ name: path, text });
    if ('error' in parsed) throw new Error(parsed.error.message);
    files.push({ id: path, name: path.slice(dir.length + 1), path, text });
  }));
  return { ms: performance.now() - t0, files };
}

function maxInFlight(sim: Simulator): number {
  const edges: Array<[number, number]> = [];
  for (const r of sim.requests.filter((x) => x.route === 'execute')) edges.push([r.time, 1], [r.end ?? r.time, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cur = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (cur += d));
  return max;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-bench-tests-'));
  const sim = await startSimulator({ port: 0, quiet: true });
  const client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  try {
    for (let i = 0; i < FILES; i++) {
      const folder = join(dir, `suite-${i % 20}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `t${i}.agentrun.json`), runFile(i));
    }
    const times: number[] = [];
    let found: TestFile[] = [];
    for (let k = 0; k < 5; k++) {
      const d = await discover(dir);
      times.push(d.ms);
      found = d.files;
    }
    const runAll = async (): Promise<{ runWallMs: number; maxConcurrent: number; executes: number; tests: number }> => {
      sim.resetLog();
      const t0 = performance.now();
      const results = await runTests(found.slice(0, TESTS), { client: async () => client, readTraceFile: async () => { throw new Error('unused'); } }, { concurrency: CONCURRENCY });
      const runWallMs = performance.now() - t0;
      const notPassed = results.filter((r) => r.outcome !== 'passed');
      if (notPassed.length) throw new Error(`${notPassed.length} bench test(s) did not pass: ${notPassed[0]?.error?.message ?? JSON.stringify(notPassed[0]?.verdicts.filter((v) => !v.pass))}`);
      return { runWallMs: round(runWallMs), maxConcurrent: maxInFlight(sim), executes: sim.count('execute', 'POST'), tests: results.length };
    };
    const fast = await runAll();
    sim.setScript({ durationMs: 200 });
    const slow = await runAll();
    console.log(JSON.stringify({
      files: found.length, discoveryMs: round(median(times)), tests: fast.tests, concurrency: CONCURRENCY,
      runWallMs: fast.runWallMs, maxConcurrent: fast.maxConcurrent, executes: fast.executes,
      slow: { runWallMs: slow.runWallMs, maxConcurrent: slow.maxConcurrent }, load: round(loadavg()[0] ?? 0),
    }));
  } finally {
    await client.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
