// Two traces as one merged step tree: the public entry of the compare engine (no `vscode`, no DOM).
// Each sibling list is aligned (align.ts) and the walk recurses into every row's children, so the work is
// linear in the steps of both traces plus the per-level alignment cost; everything is iterative (deep traces).
import type { Step, Trace } from '../types';
import { alignSequences, type SideSeq } from './align';
import { contentHash, OUTCOME_FIELDS, stepFields, stepKey, type FieldKey } from './signature';
import { diffParameters, type ParamChange } from './parameters';
import { KIND_ORDER, totalsOf, type TotalsDelta } from './totals';

export type RowState = 'unchanged' | 'changed' | 'onlyA' | 'onlyB';

export interface DiffRow {
  a?: Step;
  b?: Step;
  depth: number;
  /** Row index of the parent, -1 for roots. */
  parent: number;
  /** Rows in this row's subtree, itself included: the subtree is [index, index + size). */
  size: number;
  state: RowState;
  /** The fields that differ (for `changed`); timing, tokens and cost never count as a change. */
  changes: FieldKey[];
  /** Paired out of order: the runs did this step at different positions among its siblings. */
  moved: boolean;
  /** Some row below this one is not unchanged. */
  changedBelow: boolean;
}

export interface TraceDiff {
  a: Trace;
  b: Trace;
  /** The merged tree in pre-order. */
  rows: DiffRow[];
  totals: TotalsDelta;
  parameters: ParamChange[];
  /** Row of the first step whose choice differs (see firstDivergence), -1 when none. */
  firstDivergence: number;
  /** Rows that are not unchanged, in pre-order: what Next / Previous change walks. */
  changes: number[];
  /** No row changed and no parameter differs. */
  identical: boolean;
}

interface Side {
  steps: readonly Step[];
  seq: SideSeq;
}

/** Aligns two traces step by step. Deterministic: the same two traces give the same rows. */
export function diffTraces(a: Trace, b: Trace): TraceDiff {
  const keys = new Map<string, number>();
  const side = (steps: readonly Step[]): Side => {
    const n = steps.length;
    const seq = { key: new Int32Array(n), kind: new Int8Array(n), content: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const s = steps[i]!;
      const k = stepKey(s);
      let id = keys.get(k);
      if (id === undefined) keys.set(k, (id = keys.size));
      seq.key[i] = id;
      seq.kind[i] = KIND_ORDER.indexOf(s.kind);
      seq.content[i] = contentHash(s);
    }
    return { steps, seq };
  };

  const rows: DiffRow[] = [];
  interface Frame { sa: Side; sb: Side; al: ReturnType<typeof alignSequences>; pos: number; depth: number; parent: number }
  const frames: Frame[] = [];
  const push = (as: readonly Step[], bs: readonly Step[], depth: number, parent: number) => {
    if (as.length === 0 && bs.length === 0) return;
    const sa = side(as);
    const sb = side(bs);
    frames.push({ sa, sb, al: alignSequences(sa.seq, sb.seq, as.length, bs.length), pos: 0, depth, parent });
  };
  push(a.roots, b.roots, 0, -1);
  while (frames.length > 0) {
    const f = frames[frames.length - 1]!;
    if (f.pos >= f.al.a.length) {
      frames.pop();
      continue;
    }
    const p = f.pos++;
    const i = f.al.a[p]!;
    const j = f.al.b[p]!;
    const sa = i >= 0 ? f.sa.steps[i] : undefined;
    const sb = j >= 0 ? f.sb.steps[j] : undefined;
    const row = makeRow(sa, sb, f.al.moved[p]!, i >= 0 && j >= 0 && f.sa.seq.key[i] === f.sb.seq.key[j] && f.sa.seq.content[i] === f.sb.seq.content[j]);
    row.depth = f.depth;
    row.parent = f.parent;
    const index = rows.length;
    rows.push(row);
    push(sa?.children ?? [], sb?.children ?? [], f.depth + 1, index);
  }

  // Subtree sizes (children follow their parent in pre-order) and "changed below" marks.
  const changes: number[] = [];
  for (let r = rows.length - 1; r >= 0; r--) {
    const row = rows[r]!;
    if (row.parent >= 0) rows[row.parent]!.size += row.size;
  }
  for (let r = 0; r < rows.length; r++) {
    if (rows[r]!.state === 'unchanged') continue;
    changes.push(r);
    for (let q = rows[r]!.parent; q >= 0 && !rows[q]!.changedBelow; q = rows[q]!.parent) rows[q]!.changedBelow = true;
  }
  const parameters = diffParameters(a.parameters, b.parameters);
  return {
    a,
    b,
    rows,
    totals: totalsOf(a, b),
    parameters,
    firstDivergence: firstDivergence(rows, changes),
    changes,
    identical: changes.length === 0 && parameters.length === 0,
  };
}

function makeRow(a: Step | undefined, b: Step | undefined, moved: boolean, sameContent: boolean): DiffRow {
  const row: DiffRow = { depth: 0, parent: -1, size: 1, state: 'unchanged', changes: [], moved, changedBelow: false };
  if (a) row.a = a;
  if (b) row.b = b;
  if (!a) row.state = 'onlyB';
  else if (!b) row.state = 'onlyA';
  else {
    if (!sameContent) row.changes = changedFields(a, b);
    if (moved) row.changes.push('order');
    if (row.changes.length > 0) row.state = 'changed';
  }
  return row;
}

/** The fields of two paired steps that differ, in a fixed order. */
export function changedFields(a: Step, b: Step): FieldKey[] {
  const fa = stepFields(a);
  const fb = stepFields(b);
  const out: FieldKey[] = [];
  for (const k of FIELD_ORDER) if (fa[k] !== fb[k]) out.push(k);
  return out;
}

const FIELD_ORDER: readonly FieldKey[] = ['name', 'tool', 'model', 'input', 'parameters', 'messages', 'answer', 'result', 'output', 'decision', 'status', 'error'];

/**
 * The first step, in execution order (the merged pre-order), whose choice differs. A paired step whose only
 * differences are outcomes (its output, result, answer, status or error) or its name and that has changes below
 * it differs *because of* its children (or was only renamed), so the search goes on inside it; a step only on one side, a step that was asked
 * something else (input, parameters, messages, another tool or name), or a changed leaf is the divergence.
 */
function firstDivergence(rows: readonly DiffRow[], changes: readonly number[]): number {
  let k = 0;
  while (k < changes.length) {
    const r = changes[k]!;
    const row = rows[r]!;
    // A renamed wrapper is not a choice either: look inside it when something changed there.
    const outcomeOnly = row.state === 'changed' && row.changes.every((c) => OUTCOME_FIELDS.has(c) || c === 'name');
    const next = changes[k + 1];
    if (outcomeOnly && row.changedBelow && next !== undefined && next < r + row.size) {
      k++;
      continue;
    }
    return r;
  }
  return -1;
}
