// Zaia Endless nestings → the backend-neutral trace. Each execution is a step (parent/child by parentId),
// credits are the cost (currency 'credits'), and everything the model has no slot for — the type-specific
// `detail`, the agentic and purged flags, fields nobody documented — goes to `attributes`, which the
// panel shows as a key/value tree. Pure, iterative (a chain of sub-executions can be very deep).
import { executionStart } from '../api/zaia/schemas';
import type { ZaiaExecution, ZaiaNestings } from '../api/zaia/schemas';
import { isZaiaRunning, zaiaStatusClass } from '../api/zaia/status';
import { traceTotals, zeroTokens } from './rollup';
import { StringPool } from './stringPool';
import type { ResultValue, Step, StepKind, StepStatus, TokenCounts, Trace } from './types';

export interface ZaiaResponderInfo {
  readonly name?: string | null;
  /** agent(s) | squad(s) | workflow(s), or whatever the service said. */
  readonly entity?: string | null;
}

export interface ZaiaTraceOptions {
  /** Names and types of responders by id, for step names and kinds. */
  readonly responders?: ReadonlyMap<string, ZaiaResponderInfo>;
}

export const PURGED_NOTE = 'This execution was purged: its content is gone, only its metadata remains.';

const MAPPED = new Set(['id', 'startedAt', 'endedAt', 'status', 'creditsUsed', 'detail']);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function zaiaStepStatus(e: Pick<ZaiaExecution, 'status' | 'endedAt'>): StepStatus {
  if (isZaiaRunning(e)) return 'running';
  switch (zaiaStatusClass(e.status)) {
    case 'completed': return 'ok';
    case 'failed': case 'cancelled': return 'error';
    default: return 'unknown';
  }
}

export function responderKind(entity: string | null | undefined): StepKind {
  const e = (entity ?? '').toLowerCase().replace(/s$/, '');
  if (e === 'agent' || e === 'squad') return 'agent';
  if (e === 'workflow') return 'flow';
  return 'other';
}

function firstOf(o: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

function errorText(detail: Record<string, unknown>): string | undefined {
  const err = firstOf(detail, ['error', 'errorMessage', 'failureReason']);
  if (typeof err === 'string') return err;
  if (isObject(err)) {
    const m = firstOf(err, ['message', 'detail', 'title']);
    return typeof m === 'string' ? m : JSON.stringify(err);
  }
  return undefined;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** [guess] token counts under `tokens` or `usage`, in any of the usual spellings. */
function tokensOf(detail: Record<string, unknown>): TokenCounts {
  const t = zeroTokens();
  const u = firstOf(detail, ['tokens', 'usage', 'tokenUsage']);
  if (!isObject(u)) return t;
  t.input = num(firstOf(u, ['input', 'inputTokens', 'promptTokens', 'prompt_tokens', 'input_tokens']));
  t.output = num(firstOf(u, ['output', 'outputTokens', 'completionTokens', 'completion_tokens', 'output_tokens']));
  t.cached = num(firstOf(u, ['cached', 'cachedTokens', 'cached_tokens']));
  return t;
}

function asResult(v: unknown): ResultValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return { text: v };
  if (isObject(v) && typeof v.message === 'string' && Object.keys(v).length === 1) return { text: v.message };
  return { json: v };
}

/** One Date, re-set for each time: two per execution would be 200,000 Date objects for a 100,000-execution run. */
const scratchDate = new Date(0);

function iso(ms: number | null | undefined): string | null | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return ms === null ? null : undefined;
  scratchDate.setTime(ms);
  return scratchDate.toISOString();
}

function toStep(e: ZaiaExecution, responder: ZaiaResponderInfo | undefined, pool: StringPool): Step {
  const detail = isObject(e.detail) ? e.detail : {};
  const entity = responder?.entity ?? undefined;
  const typeName = firstOf(detail, ['type', 'kind', 'name']);
  const base = responder?.name || (typeof typeName === 'string' ? typeName : '') || `Execution ${e.id.slice(0, 8)}`;
  const status = zaiaStepStatus(e);
  const start = executionStart(e);
  const end = status === 'running' ? undefined : (e.endedAt ?? e.updatedAt ?? undefined);
  const credits = num(e.creditsUsed);
  const attributes: Record<string, unknown> = {};
  if (e.isPurged) attributes.purged = PURGED_NOTE;
  // for-in over the validated (plain, own-keyed) object: Object.entries made an array and a pair per field.
  for (const k in e) {
    const v = (e as Record<string, unknown>)[k];
    if (v === undefined || MAPPED.has(k)) continue;
    // Parent, responder and workspace ids repeat across a run's executions: kept once (see StringPool).
    attributes[k] = k === 'createdAt' || k === 'updatedAt' ? iso(v as number | null) : typeof v === 'string' ? pool.get(v) : v;
  }
  if (entity) attributes.responderEntity = entity;
  attributes.creditsUsed = credits;
  // The type-specific detail is not public: shown whole, whatever its shape.
  if (e.detail !== undefined) attributes.detail = e.detail;
  const input = firstOf(detail, ['input', 'prompt', 'request', 'inputs']);
  const output = firstOf(detail, ['output', 'response', 'result', 'outputs', 'answer']);
  const result = asResult(output);
  const detailOut: Step['detail'] & { kind: 'generic' } = { kind: 'generic' };
  if (input !== undefined) detailOut.input = input;
  if (output !== undefined) detailOut.output = output;
  if (result) detailOut.result = result;
  const kind = responderKind(entity);
  const name = e.isPurged ? `${base} (purged)` : base;
  const tokens = tokensOf(detail);
  const cost = { input: 0, output: 0, cached: 0, thinking: 0, other: credits, total: credits };
  const rawStatus = e.status ? pool.get(e.status) : undefined;
  // The usual execution (known responder, a status, an end) gets one literal with every key in its place: keys
  // added after a literal cost each step a property array. The others get theirs added, in the same order.
  const usual = !!entity && !!rawStatus && end !== undefined && end !== null;
  const step: Step = usual
    ? { id: e.id, kind, name, status, start, tokens, cost, detail: detailOut, attributes, children: [], rawType: entity, rawStatus, end }
    : { id: e.id, kind, name, status, start, tokens, cost, detail: detailOut, attributes, children: [] };
  if (!usual) {
    if (entity) step.rawType = entity;
    if (rawStatus) step.rawStatus = rawStatus;
    if (end !== undefined && end !== null) step.end = end;
  }
  const error = errorText(detail);
  if (error) step.error = error;
  else if (status === 'error') step.error = `Execution ${e.status ?? 'failed'}`;
  return step;
}

/**
 * The nestings of one execution as a trace. Children are ordered by start time; an execution whose parent
 * is not in the response (or that sits in a parent cycle) hangs under the root, flagged in its attributes.
 */
export function traceFromNestings(n: ZaiaNestings, opts: ZaiaTraceOptions = {}): Trace {
  const responders = opts.responders ?? new Map<string, ZaiaResponderInfo>();
  // Executions are addressed by index (one id map, typed flags) rather than by id in several Maps and Sets:
  // at 100,000 executions the string-keyed bookkeeping and its garbage cost more than the mapping itself.
  const byId = new Map<string, number>();
  const executions: ZaiaExecution[] = [];
  const steps: Step[] = [];
  const pool = new StringPool();
  const add = (e: ZaiaExecution): void => {
    if (byId.has(e.id)) return;
    byId.set(e.id, steps.length);
    steps.push(toStep(e, e.responderId ? responders.get(e.responderId) : undefined, pool));
    executions.push(e);
  };
  add(n.root);
  for (const e of n.executions) add(e);
  const count = steps.length;
  const rootIndex = byId.get(n.root.id)!;
  const rootStep = steps[rootIndex]!;
  /** The parent's index when it is in the response (and is not the execution itself), else -1. */
  const parentIndex = new Int32Array(count).fill(-1);
  const kids: (number[] | undefined)[] = new Array<number[] | undefined>(count);
  for (let i = 0; i < count; i++) {
    const e = executions[i]!;
    const p = e.parentId && e.parentId !== e.id ? byId.get(e.parentId) : undefined;
    if (p === undefined) continue;
    parentIndex[i] = p;
    if (e.id !== n.root.id) (kids[p] ??= []).push(i);
  }
  // Attach from the root down; whatever is not reached is an orphan.
  const reached = new Uint8Array(count);
  const byStart = (a: number, b: number): number => steps[a]!.start - steps[b]!.start;
  const attach = (top: number): void => {
    reached[top] = 1;
    const stack: number[] = [top];
    while (stack.length) {
      const i = stack.pop()!;
      const list = kids[i];
      const children = list ? list.filter((c) => !reached[c]).sort(byStart) : [];
      for (const c of children) reached[c] = 1;
      steps[i]!.children = children.map((c) => steps[c]!);
      for (const c of children) stack.push(c);
    }
  };
  attach(rootIndex);
  // First the executions whose parent really is missing, each with its own subtree; then what is still left,
  // which can only sit in a parent cycle. (One pass in list order would take a child of an orphan for an orphan.)
  const hang = (i: number, why: string): void => {
    const s = steps[i]!;
    s.attributes = { ...s.attributes, orphan: why };
    attach(i);
    rootStep.children.push(s);
  };
  for (let i = 0; i < count; i++) {
    if (!reached[i] && parentIndex[i] === -1) hang(i, 'Its parent execution was not in the response; shown under the root.');
  }
  for (let i = 0; i < count; i++) {
    if (!reached[i]) hang(i, 'Its parent executions form a cycle in the response; shown under the root.');
  }
  const root = n.root;
  const responder = root.responderId ? responders.get(root.responderId) : undefined;
  const { tokens, cost } = traceTotals([rootStep]);
  const trace: Trace = {
    id: root.id,
    source: 'zaia',
    title: responder?.name || rootStep.name,
    status: rootStep.status,
    start: rootStep.start,
    currency: 'credits',
    tokens,
    cost,
    roots: [rootStep],
    stepCount: count,
  };
  if (rootStep.end !== undefined) trace.end = rootStep.end;
  if (root.responderId) trace.agentId = root.responderId;
  if (responder?.name) trace.agentName = responder.name;
  if (root.status) trace.rawStatus = root.status;
  const d = rootStep.detail;
  if (d.kind === 'generic') {
    if (d.result) trace.result = d.result;
    if (d.input !== undefined) trace.parameters = d.input;
  }
  return trace;
}
