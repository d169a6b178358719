// `node esbuild.mjs && node out/bench/mapTraceBench.js`: how long the Fruxon mappers take on 100,000 steps.
// Two traces, both as FruxonClient returns them (fetched from the simulator, zod-validated):
//   lean   the simulator's huge record (no messages or offered tools, as the service sends huge traces)
//   rich   an ordinary record's trace (messages, tool calls, tool schemas, gates) repeated to 100,000
//          steps; its ids repeat, so the duplicate-id path is exercised on every copy after the first
// Only fromProjectedTrace is timed (plus traceTotals alone); fetching and validating are not. Prints one
// JSON line per trace with the first run and the median and best of the rest. Figures, not assertions.
import { startSimulator } from '../simulator/index';
import { FruxonClient } from '../src/api/fruxon/client';
import type { ProjectedTrace } from '../src/api/fruxon/schemas';
import { fromProjectedTrace } from '../src/model/fruxonTrace';
import { traceTotals } from '../src/model/rollup';
import { withLoad } from './stats';

const STEPS = Number(process.env.BENCH_STEPS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function report(name: string, p: ProjectedTrace): void {
  let steps = 0;
  const first = time(() => {
    steps = fromProjectedTrace(p).stepCount;
  });
  const rest = Array.from({ length: RUNS }, () => time(() => fromProjectedTrace(p))).sort((a, b) => a - b);
  const roots = fromProjectedTrace(p).roots;
  const totals = time(() => traceTotals(roots));
  const ms = (n: number | undefined): number => Math.round((n ?? 0) * 10) / 10;
  console.log(JSON.stringify(withLoad({ trace: name, steps, firstMs: ms(first), medianMs: ms(rest[rest.length >> 1]), bestMs: ms(rest[0]), traceTotalsMs: ms(totals) })));
}

function countSteps(p: ProjectedTrace): number {
  let n = 0;
  const stack = [...p.traces];
  for (let s = stack.pop(); s; s = stack.pop()) {
    n++;
    stack.push(...s.steps);
  }
  return n;
}

async function main(): Promise<void> {
  const sim = await startSimulator({ port: 0, quiet: true, bigTraceSteps: STEPS });
  const client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey, timeoutMs: 120_000 });
  try {
    const huge = sim.data.special.huge;
    report('lean', await client.getProjectedTrace(huge.agentId, huge.recordId));
    const hitl = sim.data.special.hitl;
    const one = await client.getProjectedTrace(hitl.agentId, hitl.recordId);
    const per = countSteps(one);
    const copies = Math.ceil(STEPS / per);
    // structuredClone, so each copy is a separate object graph like a parsed response would be.
    const traces = Array.from({ length: copies }, () => structuredClone(one.traces)).flat();
    report('rich', { ...one, traces });
  } finally {
    await client.close();
    await sim.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
