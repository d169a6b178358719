// `node esbuild.mjs && node out/bench/zaiaBench.js`: how long Zaia nestings take to validate (NestingsSchema,
// which also flattens) and to map (traceFromNestings), for shapes a big agentic run could have:
//   wide   one squad run with N direct sub-executions
//   deep   a chain N executions deep, nested `children` (the tree variant)
//   flat   the same chain as a flat list linked by parentId, children first (worst order for linking)
// Prints one JSON line per shape: first run, median and best of the rest. Figures, not assertions.
import { NestingsSchema } from '../src/api/zaia/schemas';
import { traceFromNestings } from '../src/model/zaiaTrace';
import { withLoad } from './stats';

const N = Number(process.env.BENCH_EXECUTIONS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const T0 = Date.UTC(2026, 0, 1);

const id = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
function exec(i: number, parentId: string | null): Record<string, unknown> {
  return {
    id: id(i), createdAt: new Date(T0 + i).toISOString(), updatedAt: new Date(T0 + i + 900).toISOString(), creditsUsed: 0.25,
    detail: { type: 'agent-chat', input: { message: `q${i}` }, output: { message: `a${i}` } }, startedAt: new Date(T0 + i).toISOString(),
    endedAt: new Date(T0 + i + 900).toISOString(), isAgentic: true, isPurged: false, parentId, responderId: 'r', status: 'completed', workspaceId: 'ws',
  };
}

function shapes(): Record<string, () => unknown> {
  return {
    wide: () => ({ ...exec(0, null), children: Array.from({ length: N - 1 }, (_, i) => exec(i + 1, id(0))) }),
    // Written as text: JSON.stringify recurses and cannot serialize a chain this deep (JSON.parse can read it).
    deep: () => {
      const open = Array.from({ length: N }, (_, i) => JSON.stringify(exec(i, null)).slice(0, -1) + ',"children":[').join('');
      return { text: open.slice(0, -',"children":['.length) + '}' + ']}'.repeat(N - 1) };
    },
    flat: () => [exec(0, null), ...Array.from({ length: N - 1 }, (_, k) => exec(N - 1 - k, id(N - 2 - k)))],
  };
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const ms = (n: number | undefined): number => Math.round((n ?? 0) * 10) / 10;

for (const [name, make] of Object.entries(shapes())) {
  // A fresh body per run: validation copies, but each run should see an unparsed JSON value like a response.
  const made = make() as { text?: string };
  const body = typeof made.text === 'string' ? made.text : JSON.stringify(made);
  const parse = () => NestingsSchema.parse(JSON.parse(body));
  const parsed = parse();
  const firstMap = time(() => traceFromNestings(parsed));
  const parseRuns = Array.from({ length: RUNS }, () => time(parse)).sort((a, b) => a - b);
  const mapRuns = Array.from({ length: RUNS }, () => time(() => traceFromNestings(parsed))).sort((a, b) => a - b);
  const steps = traceFromNestings(parsed).stepCount;
  console.log(JSON.stringify(withLoad({
    shape: name, executions: N, steps, bytes: body.length,
    parseMedianMs: ms(parseRuns[parseRuns.length >> 1]), parseBestMs: ms(parseRuns[0]),
    mapFirstMs: ms(firstMap), mapMedianMs: ms(mapRuns[mapRuns.length >> 1]), mapBestMs: ms(mapRuns[0]),
  })));
}
