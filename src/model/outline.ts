// The compact, columnar outline of a trace the webview renders (see src/shared/protocol.ts), and the
// pre-order step table that answers `getStep`. Pure: runs in the extension host, in Node tests and the bench.
import { KIND_CODES, STATUS_CODES, type OutlineHeader, type StepPayload, type TraceOutline } from '../shared/protocol';
import type { PackedOutline } from '../shared/outlineWire';
import type { Step, Trace } from './types';

const KIND_INDEX = new Map(KIND_CODES.map((k, i) => [k, i] as const));
const STATUS_INDEX = new Map(STATUS_CODES.map((s, i) => [s, i] as const));

/** Every step of the trace in DFS pre-order: index i here is index i of the outline. Iterative (deep traces). */
export function preorder(trace: Trace): Step[] {
  return walk(trace).steps;
}

/** Pre-order steps with each one's parent index and depth, in one pass. */
function walk(trace: Trace): { steps: Step[]; parent: number[]; depth: number[] } {
  const steps: Step[] = [];
  const parent: number[] = [];
  const depth: number[] = [];
  // The stack as parallel arrays: a frame object per step would be 100,000 more objects to collect.
  const stackSteps: Step[] = [];
  const stackParents: number[] = [];
  const stackDepths: number[] = [];
  for (let r = trace.roots.length - 1; r >= 0; r--) {
    stackSteps.push(trace.roots[r]!);
    stackParents.push(-1);
    stackDepths.push(0);
  }
  while (stackSteps.length > 0) {
    const step = stackSteps.pop()!;
    const d = stackDepths.pop()!;
    const i = steps.length;
    steps.push(step);
    parent.push(stackParents.pop()!);
    depth.push(d);
    const kids = step.children;
    for (let c = kids.length - 1; c >= 0; c--) {
      stackSteps.push(kids[c]!);
      stackParents.push(i);
      stackDepths.push(d + 1);
    }
  }
  return { steps, parent, depth };
}

/** A walk of the trace (see walkTrace): a session walks once for its step table and its first outline. */
export type Walked = ReturnType<typeof walk>;

/** Pre-order steps with parent indices and depths: what toOutline and toPackedOutline start from. */
export function walkTrace(trace: Trace): Walked {
  return walk(trace);
}

/** A numeric column being filled: a plain array (toOutline) or a typed array (toPackedOutline). */
type Column = { [i: number]: number; length: number };

interface Columns<C extends Column> {
  size: C; childCount: C; kind: C; status: C; start: C; end: C; tokens: C; cost: C; error: C; tokensRolled: C; costRolled: C;
}

/**
 * Fills the per-step columns and returns the axis; `make` allocates a column. Shared by both outlines, so the packed
 * one is the plain one packed (test/unit/model/outline.test.ts checks they agree).
 */
function fill<C extends Column>(trace: Trace, { steps, parent }: Walked, now: number, make: (kind: 'int' | 'byte' | 'float', n: number) => C,
  errorIndices: number[]): Columns<C> & { axisStart: number; axisEnd: number } {
  const n = steps.length;
  const size = make('int', n);
  const childCount = make('int', n);
  const kind = make('byte', n);
  const status = make('byte', n);
  const start = make('float', n);
  const end = make('float', n);
  const tokens = make('float', n);
  const cost = make('float', n);
  const error = make('byte', n);
  let axisStart = Number.isFinite(trace.start) ? trace.start : Infinity;
  let axisEnd = trace.end ?? -Infinity;

  for (let i = 0; i < n; i++) {
    const s = steps[i]!;
    size[i] = 1;
    childCount[i] = s.children.length;
    kind[i] = KIND_INDEX.get(s.kind) ?? KIND_CODES.length - 1;
    status[i] = STATUS_INDEX.get(s.status) ?? STATUS_CODES.length - 1;
    start[i] = s.start;
    end[i] = s.end ?? -1;
    tokens[i] = s.tokens.input + s.tokens.output + s.tokens.thinking;
    cost[i] = s.cost.total;
    const failed = s.status === 'error' || (s.error !== undefined && s.error !== '');
    error[i] = failed ? 1 : 0;
    if (failed) errorIndices.push(i);
    if (s.start < axisStart) axisStart = s.start;
    const e = s.end ?? now;
    if (e > axisEnd) axisEnd = e;
  }
  // Roll sizes, tokens and cost up: children have larger indices, so walk backwards.
  const tokensRolled = make('float', n);
  const costRolled = make('float', n);
  for (let i = 0; i < n; i++) {
    tokensRolled[i] = tokens[i]!;
    costRolled[i] = cost[i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    const p = parent[i]!;
    if (p < 0) continue;
    size[p]! += size[i]!;
    tokensRolled[p]! += tokensRolled[i]!;
    costRolled[p]! += costRolled[i]!;
  }
  if (!Number.isFinite(axisStart)) axisStart = 0;
  if (!(axisEnd > axisStart)) axisEnd = axisStart + 1;
  return { size, childCount, kind, status, start, end, tokens, cost, error, tokensRolled, costRolled, axisStart, axisEnd };
}

function header(trace: Trace, stepCount: number, axisStart: number, axisEnd: number): OutlineHeader {
  return {
    id: trace.id,
    source: trace.source,
    title: trace.title,
    agentId: trace.agentId,
    agentName: trace.agentName,
    revision: trace.revision,
    environment: trace.environment,
    status: trace.status,
    rawStatus: trace.rawStatus,
    start: trace.start,
    end: trace.end ?? -1,
    currency: trace.currency,
    tokens: { ...trace.tokens },
    cost: { ...trace.cost },
    result: trace.result,
    parameters: trace.parameters,
    comparison: trace.comparison,
    stepCount,
    axisStart,
    axisEnd,
  };
}

export function toOutline(trace: Trace, now: number = Date.now(), walked: Walked = walk(trace)): TraceOutline {
  const { steps, parent, depth } = walked;
  const n = steps.length;
  const ids = new Array<string>(n);
  const names = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    ids[i] = steps[i]!.id;
    names[i] = steps[i]!.name;
  }
  const errorIndices: number[] = [];
  const c = fill(trace, walked, now, (_kind, len) => new Array<number>(len), errorIndices);
  return {
    header: header(trace, n, c.axisStart, c.axisEnd), ids, names, parent, depth, size: c.size, childCount: c.childCount, kind: c.kind,
    status: c.status, start: c.start, end: c.end, tokens: c.tokens, tokensRolled: c.tokensRolled, cost: c.cost, costRolled: c.costRolled,
    error: c.error, errorIndices,
  };
}

const TYPED = { int: Int32Array, byte: Uint8Array, float: Float64Array } as const;

/**
 * The outline packed for the wire (src/shared/outlineWire.ts), built straight into typed arrays: equal to
 * `packOutline(toOutline(trace, now))` without the plain arrays in between (~30 ms and their garbage at 100k steps).
 */
export function toPackedOutline(trace: Trace, now: number = Date.now(), walked: Walked = walk(trace)): PackedOutline {
  const { steps, parent, depth } = walked;
  const n = steps.length;
  const ends = new Int32Array(2 * n);
  const ids = new Array<string>(n);
  const names = new Array<string>(n);
  let at = 0;
  for (let i = 0; i < n; i++) ends[i] = at += (ids[i] = steps[i]!.id).length;
  for (let i = 0; i < n; i++) ends[n + i] = at += (names[i] = steps[i]!.name).length;
  const errorIndices: number[] = [];
  const c = fill(trace, walked, now, (kind, len) => new TYPED[kind](len), errorIndices);
  return {
    packed: 1,
    header: header(trace, n, c.axisStart, c.axisEnd),
    // One join each: V8 builds each result once instead of 200k intermediate concatenations.
    strings: ids.join('') + names.join(''),
    ends,
    parent: Int32Array.from(parent),
    depth: Int32Array.from(depth),
    size: c.size as Int32Array,
    childCount: c.childCount as Int32Array,
    kind: c.kind as Uint8Array,
    status: c.status as Uint8Array,
    start: c.start as Float64Array,
    end: c.end as Float64Array,
    tokens: c.tokens as Float64Array,
    tokensRolled: c.tokensRolled as Float64Array,
    cost: c.cost as Float64Array,
    costRolled: c.costRolled as Float64Array,
    error: c.error as Uint8Array,
    errorIndices: Int32Array.from(errorIndices),
  };
}

/** What `getStep` sends: the step without its children (the outline has them), so the payload stays small. */
export function toStepPayload(step: Step): StepPayload {
  const { children, ...rest } = step;
  return { ...rest, childCount: children.length };
}
