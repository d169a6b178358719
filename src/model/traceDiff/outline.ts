// The compare view's columnar outline, built from a TraceDiff (pure; the host sends it to the webview).
import { KIND_CODES, STATUS_CODES } from '../../shared/protocol';
import { ROW_STATES, type CompareOutline, type CompareSide, type FieldPair } from '../../shared/compareProtocol';
import type { Step } from '../types';
import type { TraceDiff } from './diff';
import { stepFields, type FieldKey } from './signature';

const STATE_INDEX = new Map(ROW_STATES.map((s, i) => [s, i] as const));
const KIND_INDEX = new Map(KIND_CODES.map((k, i) => [k, i] as const));
const STATUS_INDEX = new Map(STATUS_CODES.map((s, i) => [s, i] as const));

export function toCompareOutline(d: TraceDiff, a: CompareSide, b: CompareSide, now: number = Date.now()): CompareOutline {
  const n = d.rows.length;
  const col = () => new Array<number>(n);
  const o: CompareOutline = {
    a, b, totals: d.totals, parameters: d.parameters, identical: d.identical, firstDivergence: d.firstDivergence, changes: d.changes,
    names: new Array<string>(n), namesB: new Array<string | null>(n), depth: col(), parent: col(), size: col(), childCount: col(), state: col(), kind: col(),
    statusA: col(), statusB: col(), durA: col(), durB: col(), tokA: col(), tokB: col(), costA: col(), costB: col(),
    changedBelow: col(), fields: new Array<string>(n), moved: col(),
  };
  const status = (s: Step | undefined) => (s ? (STATUS_INDEX.get(s.status) ?? STATUS_CODES.length - 1) : -1);
  const dur = (s: Step | undefined) => (s ? (s.end === undefined ? Math.max(0, now - s.start) : Math.max(0, s.end - s.start)) : -1);
  const tok = (s: Step | undefined) => (s ? s.tokens.input + s.tokens.output + s.tokens.thinking : -1);
  for (let r = 0; r < n; r++) {
    const row = d.rows[r]!;
    const { a: sa, b: sb } = row;
    const main = (sa ?? sb)!;
    o.names[r] = main.name;
    o.namesB[r] = sa && sb && sa.name !== sb.name ? sb.name : null;
    o.depth[r] = row.depth;
    o.parent[r] = row.parent;
    o.size[r] = row.size;
    o.childCount[r] = 0;
    if (row.parent >= 0) o.childCount[row.parent]!++;
    o.state[r] = STATE_INDEX.get(row.state)!;
    o.kind[r] = KIND_INDEX.get(main.kind) ?? KIND_CODES.length - 1;
    o.statusA[r] = status(sa);
    o.statusB[r] = status(sb);
    o.durA[r] = dur(sa);
    o.durB[r] = dur(sb);
    o.tokA[r] = tok(sa);
    o.tokB[r] = tok(sb);
    o.costA[r] = sa ? sa.cost.total : -1;
    o.costB[r] = sb ? sb.cost.total : -1;
    o.changedBelow[r] = row.changedBelow ? 1 : 0;
    o.fields[r] = row.changes.join(',');
    o.moved[r] = row.moved ? 1 : 0;
  }
  return o;
}

/** Both sides' comparable fields of one row, for the detail pane and the diff editor. */
export function fieldPairs(a: Step | undefined, b: Step | undefined): FieldPair[] {
  const fa = a ? stepFields(a) : {};
  const fb = b ? stepFields(b) : {};
  const keys = new Set<FieldKey>([...(Object.keys(fa) as FieldKey[]), ...(Object.keys(fb) as FieldKey[])]);
  const order: FieldKey[] = ['name', 'status', 'error', 'tool', 'model', 'input', 'parameters', 'messages', 'answer', 'result', 'output', 'decision'];
  const out: FieldPair[] = [];
  for (const key of order) {
    if (!keys.has(key)) continue;
    const p: FieldPair = { key, differs: fa[key] !== fb[key] };
    if (fa[key] !== undefined) p.a = fa[key];
    if (fb[key] !== undefined) p.b = fb[key];
    out.push(p);
  }
  return out;
}
