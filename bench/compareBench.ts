// Compare bench: npm run bench:compare -- --steps N
// Prints one JSON line: {"steps","alignMs","alignCpuMs","alignWarmMs","outlineMs","firstPaintMs","heapMB","changes","load"}.
//   alignMs      diffTraces on two generated N-step traces, first (cold) run in this process; alignCpuMs its CPU
//                time (less sensitive to a busy machine); alignWarmMs the median of three more runs
//   outlineMs    the columnar outline the host posts (toCompareOutline)
//   firstPaintMs the `compare` message (JSON parse included) to the first painted rows of the compare view
//   heapMB       host heap the comparison holds (after GC, with the diff and outline, minus the two traces)
//   changes      rows that differ; the traces differ in known places (see mutate)
//   load         os.loadavg()[0] while it ran: the machine is shared, figures are noisy
// Build first, production last (it minifies dist/): node esbuild.mjs && node esbuild.mjs --production
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateTrace } from './generateTrace';
import { Harness } from './harness';
import { median, round } from './stats';
import { diffTraces } from '../src/model/traceDiff/diff';
import { toCompareOutline } from '../src/model/traceDiff/outline';
import { preorder } from '../src/model/outline';
import type { CompareSide } from '../src/shared/compareProtocol';
import type { Step, Trace } from '../src/model/types';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
};

/** B = A with four known edits: an extra tool call, a changed prompt, a failed step, a removed step. */
function mutate(b: Trace): void {
  const steps = preorder(b);
  const parentOf = new Map<Step, Step>();
  for (const s of steps) for (const c of s.children) parentOf.set(c, s);
  const at = (f: number, ok: (s: Step) => boolean) => steps.slice(Math.floor(steps.length * f)).find((s) => ok(s) && parentOf.has(s))!;
  const tool = at(0.2, (s) => s.kind === 'tool');
  const sib = parentOf.get(tool)!.children;
  sib.splice(sib.indexOf(tool) + 1, 0, { ...tool, id: `${tool.id}-extra`, name: 'sendEmail', detail: { kind: 'tool', tool: 'sendEmail', parameters: { to: 'customer' } }, children: [] });
  const llm = at(0.4, (s) => s.kind === 'llm');
  if (llm.detail.kind === 'llm') llm.detail.messages = llm.detail.messages.map((m, i) => (i === 0 ? { ...m, content: `${m.content} Be brief.` } : m));
  const failing = at(0.6, (s) => s.kind === 'tool' && s.status === 'ok');
  failing.status = 'error';
  failing.error = 'HTTP 502';
  const gone = at(0.8, (s) => s.children.length === 0);
  const gs = parentOf.get(gone)!.children;
  gs.splice(gs.indexOf(gone), 1);
  b.stepCount = preorder(b).length;
}

function side(t: Trace, label: string): CompareSide {
  return { label, id: t.id, source: t.source, title: t.title, status: t.status, start: t.start, running: false };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--steps');
  const steps = i >= 0 ? Number(argv[i + 1]) : 10_000;
  if (!(steps > 0)) throw new Error('--steps needs a positive number');
  const a = generateTrace(steps, 42);
  const b = generateTrace(steps, 42);
  b.id = `${b.id}-b`;
  mutate(b);
  const before = heap();
  let t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const diff = diffTraces(a, b);
  const alignMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this thread and V8's helpers: on a shared machine it moves much less than the wall clock.
  const alignCpuMs = (cpu.user + cpu.system) / 1000;
  t0 = performance.now();
  const outline = toCompareOutline(diff, side(a, 'A'), side(b, 'B'));
  const outlineMs = performance.now() - t0;
  const heapMB = heap() - before;
  // Again, warm (JIT-compiled), median of three: what a second comparison in the same window costs.
  const warmRuns = [0, 1, 2].map(() => {
    const t = performance.now();
    diffTraces(a, b);
    return performance.now() - t;
  });
  const warm = median(warmRuns);

  const h = await Harness.start({ view: 'compare' });
  try {
    await h.openPage();
    h.handler = () => [];
    const firstPaintMs = await h.deliverTimed({ type: 'compare', outline });
    const violations = (await h.page.evaluate('window.__violations.length')) as number;
    if (violations > 0) process.stderr.write(`warning: ${violations} CSP violation(s) in the page\n`);
    const first = diff.rows[diff.firstDivergence];
    process.stderr.write(`first divergence: row ${diff.firstDivergence} ${first?.state} ${(first?.a ?? first?.b)?.name} [${first?.changes.join(',')}]\n`);
    console.log(JSON.stringify({
      steps, alignMs: round(alignMs), alignCpuMs: round(alignCpuMs), alignWarmMs: round(warm), outlineMs: round(outlineMs), firstPaintMs: round(firstPaintMs), heapMB: round(heapMB),
      changes: diff.changes.length, load: round(loadavg()[0]!),
    }));
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
