// `node out/bench/cpuProfileTop.js FILE.cpuprofile [N]`: the top N (default 25) self-time entries of a V8 CPU
// profile (`node --cpu-prof`), by function and source location, with their share of the sampled time. For
// reading a `bench:open` profile (see bench/README-open.md) without DevTools.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, n] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuProfileTop FILE.cpuprofile [N]');
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((x) => [x.id, x]));
const self = new Map<string, number>();
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const dt = (p.timeDeltas[i + 1] ?? 0) / 1000; // a sample's time is the delta to the next one
  const f = byId.get(p.samples[i]!)!.callFrame;
  const where = f.url ? `${relative(process.cwd(), f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
}
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n ?? 25));
console.log(`total sampled ${Math.round(total)} ms`);
for (const [k, ms] of top) console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
