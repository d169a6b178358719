// The index-based tree building of otlp.ts (buildForest) and zaiaTrace.ts (traceFromNestings) against the
// Map/Set-based algorithms they replaced, kept here as references: on random forests with duplicate ids,
// orphans, self-parents, cycles, tied start times and several traces, both give the same ids in the same
// places (and the same orphan notes).
import assert from 'node:assert/strict';
import type { ZaiaExecution } from '../../../src/api/zaia/schemas';
import { traceFromSpans } from '../../../src/model/otlp';
import type { OtlpSpan } from '../../../src/model/otlpRead';
import { preorder } from '../../../src/model/outline';
import type { Trace } from '../../../src/model/types';
import { traceFromNestings } from '../../../src/model/zaiaTrace';

let seed = 1;
const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;

/** Each step as "id<parent id|depth": the whole shape of the forest, in pre-order. */
function shape(t: Trace): string[] {
  const out: string[] = [];
  const stack = t.roots.map((s) => ({ s, parent: '', depth: 0 })).reverse();
  while (stack.length > 0) {
    const { s, parent, depth } = stack.pop()!;
    out.push(`${s.id}<${parent}|${depth}${s.attributes?.orphan ? `|${String(s.attributes.orphan).slice(0, 20)}` : ''}`);
    for (let i = s.children.length - 1; i >= 0; i--) stack.push({ s: s.children[i]!, parent: s.id, depth: depth + 1 });
  }
  return out;
}

const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');

function randomSpans(): OtlpSpan[] {
  const traces = 1 + rand(3);
  const n = 1 + rand(60);
  const spans: OtlpSpan[] = [];
  for (let i = 0; i < n; i++) {
    // A small id pool: duplicates within a trace and the same span id in two traces both happen.
    const spanId = hex(1 + rand(n + 5), 16);
    const r = rand(10);
    const parentSpanId = r < 2 ? '' : r < 3 ? spanId : r < 4 ? hex(999, 16) : hex(1 + rand(n + 5), 16);
    spans.push({
      traceId: hex(1 + rand(traces), 32), spanId, parentSpanId, name: `s${i}`, kind: 1, start: rand(8), end: 10,
      attrs: {}, statusCode: 0, statusMessage: '', events: [], resource: {}, scope: '',
    });
  }
  return spans;
}

/** The forest of one trace the way otlp.ts built it before (Maps and Sets of ids), as shapes of [id, kids]. */
interface Ref { id: string; start: number; kids: Ref[] }
function referenceForest(traceId: string, spans: readonly OtlpSpan[], used: Set<string>): Ref[] {
  const byStart = (a: OtlpSpan, b: OtlpSpan): number => a.start - b.start;
  const byId = new Map<string, OtlpSpan>();
  for (const s of spans) byId.set(s.spanId, s);
  const children = new Map<string, OtlpSpan[]>();
  const rootSpans: OtlpSpan[] = [];
  for (const s of byId.values()) {
    if (s.parentSpanId && s.parentSpanId !== s.spanId && byId.has(s.parentSpanId)) {
      let list = children.get(s.parentSpanId);
      if (!list) children.set(s.parentSpanId, (list = []));
      list.push(s);
    } else rootSpans.push(s);
  }
  rootSpans.sort(byStart);
  for (const list of children.values()) list.sort(byStart);
  const visited = new Set<string>();
  const roots: Ref[] = [];
  const attach = (top: OtlpSpan): void => {
    const todo: OtlpSpan[] = [top];
    const into: Ref[][] = [roots];
    while (todo.length > 0) {
      const s = todo.pop()!;
      const siblings = into.pop()!;
      if (visited.has(s.spanId)) continue;
      visited.add(s.spanId);
      let id = s.spanId;
      if (used.has(id)) id = `${traceId}/${s.spanId}`;
      for (let k = 2; used.has(id); k++) id = `${traceId}/${s.spanId}~${k}`;
      used.add(id);
      const ref: Ref = { id, start: s.start, kids: [] };
      siblings.push(ref);
      const kids = children.get(s.spanId) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) {
        todo.push(kids[i]!);
        into.push(ref.kids);
      }
    }
  };
  for (const r of rootSpans) attach(r);
  for (const s of [...byId.values()].sort(byStart)) if (!visited.has(s.spanId)) attach(s);
  return roots;
}

function referenceShape(spans: readonly OtlpSpan[]): string[] {
  const groups = new Map<string, OtlpSpan[]>();
  for (const s of spans) {
    let g = groups.get(s.traceId);
    if (!g) groups.set(s.traceId, (g = []));
    g.push(s);
  }
  const used = new Set<string>();
  let roots: Ref[] = [];
  for (const [traceId, g] of groups) {
    const forest = referenceForest(traceId, g, used);
    if (groups.size === 1) roots = forest;
    else if (forest.length === 1) roots.push(forest[0]!);
    else {
      let id = `trace:${traceId}`;
      for (let k = 2; used.has(id); k++) id = `trace:${traceId}~${k}`;
      used.add(id);
      roots.push({ id, start: Math.min(...forest.map((r) => r.start)), kids: forest });
    }
  }
  if (groups.size > 1) roots.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  const stack = roots.map((s) => ({ s, parent: '', depth: 0 })).reverse();
  while (stack.length > 0) {
    const { s, parent, depth } = stack.pop()!;
    out.push(`${s.id}<${parent}|${depth}`);
    for (let i = s.kids.length - 1; i >= 0; i--) stack.push({ s: s.kids[i]!, parent: s.id, depth: depth + 1 });
  }
  return out;
}

describe('index-based forests match the Map/Set algorithms they replaced', () => {
  it('OTLP: 500 random span sets (duplicates, orphans, self-parents, cycles, ties, several traces)', () => {
    seed = 7;
    for (let round = 0; round < 500; round++) {
      const spans = randomSpans();
      const t = traceFromSpans(spans);
      assert.deepEqual(shape(t), referenceShape(spans), `round ${round}`);
      assert.equal(t.stepCount, preorder(t).length);
    }
  });

  it('Zaia: 500 random nestings (duplicate ids, missing parents, self-parents, cycles, ties)', () => {
    seed = 11;
    for (let round = 0; round < 500; round++) {
      const n = 1 + rand(40);
      const id = (k: number): string => `e${k}`;
      const execs: ZaiaExecution[] = [];
      for (let i = 0; i < n; i++) {
        const r = rand(10);
        const parentId = r < 1 ? null : r < 2 ? id(i) : r < 3 ? 'gone' : id(rand(n + 3));
        execs.push({ id: i === 0 ? 'root' : id(1 + rand(n + 2)), parentId, startedAt: rand(6), creditsUsed: 0, isAgentic: false, isPurged: false } as ZaiaExecution);
      }
      const [root, ...rest] = execs;
      const t = traceFromNestings({ root: root!, executions: [root!, ...rest] });
      assert.deepEqual(shape(t), referenceZaia(root!, [root!, ...rest]), `round ${round}`);
    }
  });
});

/** traceFromNestings' tree as it was built before (Maps and Sets of ids). */
function referenceZaia(rootExec: ZaiaExecution, list: readonly ZaiaExecution[]): string[] {
  interface Z { id: string; start: number; children: Z[]; orphan?: string }
  const steps = new Map<string, Z>();
  const executions: ZaiaExecution[] = [];
  for (const e of [rootExec, ...list]) {
    if (steps.has(e.id)) continue;
    steps.set(e.id, { id: e.id, start: e.startedAt ?? 0, children: [] });
    executions.push(e);
  }
  const rootStep = steps.get(rootExec.id)!;
  const kids = new Map<string, Z[]>();
  for (const e of executions) {
    if (e.id === rootExec.id || !e.parentId || !steps.has(e.parentId) || e.parentId === e.id) continue;
    const l = kids.get(e.parentId);
    if (l) l.push(steps.get(e.id)!);
    else kids.set(e.parentId, [steps.get(e.id)!]);
  }
  const reached = new Set<string>();
  const attach = (top: Z): void => {
    reached.add(top.id);
    const stack: Z[] = [top];
    while (stack.length) {
      const s = stack.pop()!;
      const children = (kids.get(s.id) ?? []).filter((c) => !reached.has(c.id)).sort((a, b) => a.start - b.start);
      for (const c of children) reached.add(c.id);
      s.children = children;
      stack.push(...children);
    }
  };
  attach(rootStep);
  const parentOf = new Map(executions.map((e) => [e.id, e.parentId]));
  const hang = (s: Z, why: string): void => {
    s.orphan = why;
    attach(s);
    rootStep.children.push(s);
  };
  for (const [id, s] of steps) {
    const parent = parentOf.get(id);
    if (!reached.has(id) && (!parent || !steps.has(parent) || parent === id)) hang(s, 'Its parent execution was not in the response; shown under the root.');
  }
  for (const [id, s] of steps) if (!reached.has(id)) hang(s, 'Its parent executions form a cycle in the response; shown under the root.');
  const out: string[] = [];
  const stack = [{ s: rootStep, parent: '', depth: 0 }];
  while (stack.length > 0) {
    const { s, parent, depth } = stack.pop()!;
    out.push(`${s.id}<${parent}|${depth}${s.orphan ? `|${s.orphan.slice(0, 20)}` : ''}`);
    for (let i = s.children.length - 1; i >= 0; i--) stack.push({ s: s.children[i]!, parent: s.id, depth: depth + 1 });
  }
  return out;
}
