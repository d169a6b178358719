// `node esbuild.mjs && node out/bench/otlpBench.js [--spans N] [--out FILE]`: the simulator's huge record as
// raw OTel spans (`:otlpTrace`, GenAI attributes), written to FILE (for `npm run bench:trace -- FILE`), and
// how long the OTLP mapper takes on it: reading the JSON and mapping, first run and median of the rest.
// Figures, not assertions.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { startSimulator } from '../simulator/index';
import { FruxonClient } from '../src/api/fruxon/client';
import { traceFromOtlp } from '../src/model/otlp';
import { parseTraceText } from '../src/model/traceFile';
import { withLoad } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const spans = Number(at('--spans') ?? 100_000);
  const out = at('--out') ?? `otlp-${spans}.json`;
  const sim = await startSimulator({ port: 0, seed: 7, bigTraceSteps: spans, quiet: true });
  const client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
  try {
    const { agentId, recordId } = sim.data.special.huge;
    writeFileSync(out, JSON.stringify(await client.getOtlpTrace(agentId, recordId)));
  } finally {
    await client.close();
    await sim.close();
  }
  const text = readFileSync(out, 'utf8');
  const time = (fn: () => unknown): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  let json: unknown;
  const parseMs = time(() => {
    json = parseTraceText(text, out);
  });
  let steps = 0;
  const first = time(() => {
    steps = traceFromOtlp(json).stepCount;
  });
  const rest = Array.from({ length: RUNS }, () => time(() => traceFromOtlp(json))).sort((a, b) => a - b);
  const ms = (n: number | undefined): number => Math.round((n ?? 0) * 10) / 10;
  console.log(JSON.stringify(withLoad({ file: out, fileMB: ms(statSync(out).size / 1e6), steps, parseMs: ms(parseMs), mapFirstMs: ms(first), mapMedianMs: ms(rest[rest.length >> 1]) })));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
