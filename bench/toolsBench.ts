// Coding-agent tools bench: npm run bench:tools -- [--steps N] [--max-tokens T] [--runs R]
// Prints one JSON line: {"steps","maxTokens","outlineMs","outlineFocusMs","outlineTokens","outlineChars","markdownMs","otlpExportMs","load"}.
//   outlineMs       median time of the budgeted outline of the whole trace (pre-order walk included), the get trace answer
//   outlineFocusMs  the same with a focus step deep in the trace and a cursor near its end
//   outlineTokens   the outline's estimated tokens (never above maxTokens; the run fails if it is)
//   markdownMs      Copy as Markdown (first 500 steps in full, the rest counted)
//   otlpExportMs    Export as OTLP/JSON of the whole trace, JSON.stringify included
//   load            os.loadavg()[0] while it ran: the figures are only comparable at similar loads
import { loadavg } from 'node:os';
import { traceMarkdown } from '../src/model/agentText/markdown';
import { traceToOtlp } from '../src/model/agentText/otlpExport';
import { traceOutline } from '../src/model/agentText/traceOutline';
import { generateTrace } from './generateTrace';
import { median, round } from './stats';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function time(runs: number, fn: () => void): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return round(median(t));
}

const steps = arg('--steps', 100_000);
const maxTokens = arg('--max-tokens', 4000);
const runs = arg('--runs', 7);
const trace = generateTrace(steps);
const outline = traceOutline(trace, { maxTokens });
if (outline.tokens > maxTokens) throw new Error(`outline over budget: ${outline.tokens} > ${maxTokens}`);
const focused = traceOutline(trace, { maxTokens, focus: `#${steps - 7}`, cursor: String(steps - 50) });
if (focused.tokens > maxTokens) throw new Error(`focused outline over budget: ${focused.tokens} > ${maxTokens}`);
console.log(JSON.stringify({
  steps,
  maxTokens,
  outlineMs: time(runs, () => traceOutline(trace, { maxTokens })),
  outlineFocusMs: time(runs, () => traceOutline(trace, { maxTokens, focus: `#${steps - 7}`, cursor: String(steps - 50) })),
  outlineTokens: outline.tokens,
  outlineChars: outline.text.length,
  markdownMs: time(3, () => traceMarkdown(trace)),
  otlpExportMs: time(3, () => JSON.stringify(traceToOtlp(trace))),
  load: round(loadavg()[0]!),
}));
