// Two executions compared for a model: totals side by side, the first step where they diverge and the steps
// that changed. The alignment here is deliberately plain (pre-order steps matched by kind and name, in order)
// until the compare engine (issue 15) is merged, which aligns retried and reordered steps too; the text shape
// stays the same when it replaces `alignSteps`.
import { indexSteps } from '../model/agentText/traceOutline';
import { durationText, moneyText, oneLine, resultText, stepIo } from '../model/agentText/text';
import type { Step, Trace } from '../model/types';

export interface StepPair {
  a?: { index: number; step: Step };
  b?: { index: number; step: Step };
}

const key = (s: Step): string => `${s.kind}\u0000${s.name}`;

/** Steps of a and b matched in order by kind and name (a longest-common-subsequence on a window), unmatched ones alone. */
export function alignSteps(a: readonly Step[], b: readonly Step[]): StepPair[] {
  const out: StepPair[] = [];
  let i = 0;
  let j = 0;
  const WINDOW = 50;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && key(a[i]!) === key(b[j]!)) {
      out.push({ a: { index: i, step: a[i]! }, b: { index: j, step: b[j]! } });
      i++;
      j++;
      continue;
    }
    // The nearest resynchronisation within the window: skip whichever side needs fewer steps skipped.
    let skipA = -1;
    let skipB = -1;
    for (let d = 1; d <= WINDOW && skipA < 0 && skipB < 0; d++) {
      if (i + d < a.length && j < b.length && key(a[i + d]!) === key(b[j]!)) skipA = d;
      else if (j + d < b.length && i < a.length && key(a[i]!) === key(b[j + d]!)) skipB = d;
    }
    if (skipA > 0) for (let k = 0; k < skipA; k++, i++) out.push({ a: { index: i, step: a[i]! } });
    else if (skipB > 0) for (let k = 0; k < skipB; k++, j++) out.push({ b: { index: j, step: b[j]! } });
    else {
      if (i < a.length) out.push({ a: { index: i, step: a[i++]! } });
      if (j < b.length) out.push({ b: { index: j, step: b[j++]! } });
    }
  }
  return out;
}

function changes(x: Step, y: Step): string[] {
  const out: string[] = [];
  if (x.status !== y.status) out.push(`status ${x.status} → ${y.status}`);
  if ((x.error ?? '') !== (y.error ?? '')) out.push(`error ${x.error ? `"${oneLine(x.error, 80)}"` : 'none'} → ${y.error ? `"${oneLine(y.error, 120)}"` : 'none'}`);
  const ix = stepIo(x.detail);
  const iy = stepIo(y.detail);
  if (ix.input !== iy.input) out.push(`input "${oneLine(ix.input, 80)}" → "${oneLine(iy.input, 80)}"`);
  if (ix.output !== iy.output) out.push(`output "${oneLine(ix.output, 80)}" → "${oneLine(iy.output, 80)}"`);
  return out;
}

function total(t: Trace): string {
  const tok = t.tokens.input + t.tokens.output + t.tokens.thinking;
  return `${t.status} · ${durationText(t)} · ${t.stepCount} steps · ${tok} tokens · ${moneyText(t.cost.total, t.currency)}`;
}

export function compareText(a: Trace, b: Trace): string[] {
  const sa = indexSteps(a).steps;
  const sb = indexSteps(b).steps;
  const pairs = alignSteps(sa, sb);
  const lines = [`A: ${a.id} "${oneLine(a.title, 80)}" — ${total(a)}`, `B: ${b.id} "${oneLine(b.title, 80)}" — ${total(b)}`];
  const ra = resultText(a.result);
  const rb = resultText(b.result);
  if (ra !== rb) lines.push(`Result A: ${oneLine(ra, 200) || '(none)'}`, `Result B: ${oneLine(rb, 200) || '(none)'}`);
  const changed: string[] = [];
  let first: string | undefined;
  for (const p of pairs) {
    let line: string | undefined;
    if (p.a && p.b) {
      const c = changes(p.a.step, p.b.step);
      if (c.length > 0) line = `A#${p.a.index} / B#${p.b.index} ${p.a.step.kind} "${oneLine(p.a.step.name, 60)}": ${c.join('; ')}`;
    } else if (p.a) line = `only in A: #${p.a.index} ${p.a.step.kind} "${oneLine(p.a.step.name, 60)}" ${p.a.step.status}`;
    else if (p.b) line = `only in B: #${p.b.index} ${p.b.step.kind} "${oneLine(p.b.step.name, 60)}" ${p.b.step.status}${p.b.step.error ? ` error: ${oneLine(p.b.step.error, 120)}` : ''}`;
    if (line) {
      first ??= line;
      changed.push(line);
    }
  }
  const same = pairs.filter((p) => p.a && p.b).length;
  lines.push(`${same} steps matched by kind and name; ${changed.length} differ.`);
  if (!first) lines.push('No divergence: the same steps with the same statuses, inputs and outputs.');
  else lines.push(`First divergence: ${first}`, 'Changed steps (A# / B# are step numbers for get trace focus):', ...changed.map((l) => `  ${l}`));
  return lines;
}

