// The compact, columnar outline of a trace the webview renders (see src/shared/protocol.ts), and the
// pre-order step table that answers `getStep`. Pure: runs in the extension host, in Node tests and the bench.
import { KIND_CODES, STATUS_CODES, type StepPayload, type TraceOutline } from '../shared/protocol';
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

export function toOutline(trace: Trace, now: number = Date.now()): TraceOutline {
  const { steps, parent, depth } = walk(trace);
  const n = steps.length;
  const size = new Array<number>(n).fill(1);
  const childCount = new Array<number>(n);
  const kind = new Array<number>(n);
  const status = new Array<number>(n);
  const start = new Array<number>(n);
  const end = new Array<number>(n);
  const tokens = new Array<number>(n);
  const cost = new Array<number>(n);
  const error = new Array<number>(n);
  const ids = new Array<string>(n);
  const names = new Array<string>(n);
  const errorIndices: number[] = [];
  let axisStart = Number.isFinite(trace.start) ? trace.start : Infinity;
  let axisEnd = trace.end ?? -Infinity;

  for (let i = 0; i < n; i++) {
    const s = steps[i]!;
    ids[i] = s.id;
    names[i] = s.name;
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
  const tokensRolled = tokens.slice();
  const costRolled = cost.slice();
  for (let i = n - 1; i >= 0; i--) {
    const p = parent[i]!;
    if (p < 0) continue;
    size[p]! += size[i]!;
    tokensRolled[p]! += tokensRolled[i]!;
    costRolled[p]! += costRolled[i]!;
  }
  if (!Number.isFinite(axisStart)) axisStart = 0;
  if (!(axisEnd > axisStart)) axisEnd = axisStart + 1;

  return {
    header: {
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
      stepCount: n,
      axisStart,
      axisEnd,
    },
    ids,
    names,
    parent,
    depth,
    size,
    childCount,
    kind,
    status,
    start,
    end,
    tokens,
    tokensRolled,
    cost,
    costRolled,
    error,
    errorIndices,
  };
}

/** What `getStep` sends: the step without its children (the outline has them), so the payload stays small. */
export function toStepPayload(step: Step): StepPayload {
  const { children, ...rest } = step;
  return { ...rest, childCount: children.length };
}
