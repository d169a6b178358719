// Two executions compared for a model, from the compare engine (model/traceDiff): totals side by side,
// parameter differences, the first divergence and every changed step with what changed. Step numbers are each
// trace's pre-order indices (A#n, B#n), the numbers get trace's `focus` takes.
import { diffTraces, type DiffRow } from '../model/traceDiff/diff';
import { indexSteps } from '../model/agentText/traceOutline';
import { durationText, moneyText, oneLine, resultText, stepIo } from '../model/agentText/text';
import type { Step, Trace } from '../model/types';

function total(t: Trace): string {
  const tok = t.tokens.input + t.tokens.output + t.tokens.thinking;
  return `${t.status} · ${durationText(t)} · ${t.stepCount} steps · ${tok} tokens · ${moneyText(t.cost.total, t.currency)}`;
}

function what(row: DiffRow, x: Step, y: Step): string {
  const parts: string[] = [];
  for (const f of row.changes) {
    if (f === 'status') parts.push(`status ${x.status} → ${y.status}`);
    else if (f === 'error') parts.push(`error ${x.error ? `"${oneLine(x.error, 80)}"` : 'none'} → ${y.error ? `"${oneLine(y.error, 120)}"` : 'none'}`);
    else if (f === 'input' || f === 'parameters' || f === 'messages') {
      const [a, b] = [stepIo(x.detail).input, stepIo(y.detail).input];
      parts.push(`${f} "${oneLine(a, 80)}" → "${oneLine(b, 80)}"`);
    } else if (f === 'output' || f === 'result' || f === 'answer') {
      const [a, b] = [stepIo(x.detail).output, stepIo(y.detail).output];
      parts.push(`${f} "${oneLine(a, 80)}" → "${oneLine(b, 80)}"`);
    } else parts.push(`${f} changed`);
  }
  if (row.moved) parts.push('done at a different position');
  return parts.join('; ') || 'changed';
}

export function compareText(a: Trace, b: Trace): string[] {
  const diff = diffTraces(a, b);
  const ia = new Map(indexSteps(a).steps.map((s, i) => [s, i] as const));
  const ib = new Map(indexSteps(b).steps.map((s, i) => [s, i] as const));
  const lines = [`A: ${a.id} "${oneLine(a.title, 80)}" — ${total(a)}`, `B: ${b.id} "${oneLine(b.title, 80)}" — ${total(b)}`];
  const ra = resultText(a.result);
  const rb = resultText(b.result);
  if (ra !== rb) lines.push(`Result A: ${oneLine(ra, 200) || '(none)'}`, `Result B: ${oneLine(rb, 200) || '(none)'}`);
  for (const p of diff.parameters.slice(0, 10)) lines.push(`Parameter ${p.path || '(whole)'}: ${oneLine(p.a ?? '(absent)', 80)} → ${oneLine(p.b ?? '(absent)', 80)}`);
  if (diff.parameters.length > 10) lines.push(`… ${diff.parameters.length - 10} more parameter differences`);
  const line = (row: DiffRow): string => {
    if (row.a && row.b) return `A#${ia.get(row.a)} / B#${ib.get(row.b)} ${row.b.kind} "${oneLine(row.b.name, 60)}": ${what(row, row.a, row.b)}`;
    if (row.a) return `only in A: #${ia.get(row.a)} ${row.a.kind} "${oneLine(row.a.name, 60)}" ${row.a.status}`;
    const s = row.b!;
    return `only in B: #${ib.get(s)} ${s.kind} "${oneLine(s.name, 60)}" ${s.status}${s.error ? ` error: ${oneLine(s.error, 120)}` : ''}`;
  };
  const count = (state: DiffRow['state']) => diff.rows.filter((r) => r.state === state).length;
  lines.push(`${diff.rows.length} steps aligned: ${count('unchanged')} unchanged, ${count('changed')} changed, ${count('onlyA')} only in A, ${count('onlyB')} only in B.`);
  if (diff.identical) {
    lines.push('No divergence: the same steps with the same inputs, outputs and statuses, and the same parameters.');
    return lines;
  }
  const first = diff.rows[diff.firstDivergence];
  if (first) lines.push(`First divergence: ${line(first)}`);
  if (diff.changes.length > 0) lines.push('Changed steps (A#n / B#n are step numbers for get trace focus):', ...diff.changes.map((r) => `  ${line(diff.rows[r]!)}`));
  return lines;
}
