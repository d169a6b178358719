// Fruxon traces (`:projectedTrace`, `:trace`, the trace inside `:execute`) → the model's Trace. The
// tree is built with an explicit stack: traces reach 100,000 steps and arbitrary depth.
import type { TraceWithFallback } from '../api/fruxon/client';
import { EXECUTION_STATUSES, knownEnum, normalizeEnum } from '../api/fruxon/enums';
import type { ExecuteResponse, ExecutionRecord, ProjectedTrace, ResultResponse, TraceResponse, TraceStep } from '../api/fruxon/schemas';
import { mapStep } from './fruxonSteps';
import { toResult } from './llmContent';
import { rootSpan, traceTotals } from './rollup';
import type { ResultValue, Step, StepStatus, Trace, TraceSource } from './types';

export interface MapOptions {
  /** The agent's display name (records carry only its id); becomes the trace title. */
  agentName?: string;
  /**
   * The record's `:result` (its parameters and final result). Projected traces carry neither, so the header takes
   * them from here; a trace's own values come first.
   */
  result?: ResultResponse;
}

/** Derived ids longer than this fall back to a sequence number, so a deep id-less chain stays linear. */
const MAX_PATH_ID = 160;

/**
 * Maps a step forest. Ids are the source's when present and not yet used; otherwise derived from the
 * parent's id and the position (`parent/2`, roots `#0`), which stays stable while a running trace grows,
 * unlike a running counter. The source id of a replaced duplicate is kept as `attributes.sourceId`.
 */
export function mapSteps(roots: readonly TraceStep[]): { roots: Step[]; count: number } {
  const out: Step[] = [];
  const used = new Set<string>();
  // The stack as parallel arrays: a frame object per step would be 100,000 more objects to collect.
  const srcs: TraceStep[] = [];
  const into: Step[][] = [];
  const indexes: number[] = [];
  const parents: string[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    srcs.push(roots[i] as TraceStep);
    into.push(out);
    indexes.push(i);
    parents.push('');
  }
  let count = 0;
  while (srcs.length > 0) {
    const src = srcs.pop() as TraceStep;
    const siblings = into.pop() as Step[];
    const index = indexes.pop() as number;
    const parentId = parents.pop() as string;
    let id = src.id;
    const size = used.size;
    // add-then-compare is one hash lookup instead of two, on the path nearly every step takes.
    if (id) used.add(id);
    if (!id || used.size === size) {
      id = parentId ? `${parentId}/${index}` : `#${index}`;
      if (id.length > MAX_PATH_ID) id = `#~${count}`;
      const base = id;
      for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
      used.add(id);
    }
    const step = mapStep(src, id);
    if (src.id && src.id !== id) (step.attributes ??= {}).sourceId = src.id;
    siblings.push(step);
    count++;
    const kids = src.steps ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      srcs.push(kids[i] as TraceStep);
      into.push(step.children);
      indexes.push(i);
      parents.push(id);
    }
  }
  return { roots: out, count };
}

const EXECUTION_STATUS: Record<string, StepStatus> = {
  COMPLETED: 'ok', FAILED: 'error', CANCELLED: 'error', REJECTED: 'error', IN_PROGRESS: 'running', WAITING_FOR_ASYNC: 'running',
};

/** An execution status as a step status; undefined when unset, so the caller derives it from the steps. */
function executionStatus(raw: string | null | undefined): StepStatus | undefined {
  if (normalizeEnum(raw) === '' || normalizeEnum(raw) === 'UNSPECIFIED') return undefined;
  const known = knownEnum(EXECUTION_STATUSES, raw);
  return known ? EXECUTION_STATUS[known] : 'unknown';
}

function derivedStatus(roots: readonly Step[]): StepStatus {
  if (roots.length === 0) return 'unknown';
  if (roots.some((r) => r.status === 'error')) return 'error';
  if (roots.some((r) => r.status === 'running')) return 'running';
  return roots.every((r) => r.status === 'ok') ? 'ok' : 'unknown';
}

interface Header {
  id?: string | null;
  agentId?: string | null;
  revision?: string | number | null;
  environment?: string | null;
  rawStatus?: string | null;
  start?: number;
  end?: number;
  result?: ResultValue;
  parameters?: unknown;
}

function build(source: TraceSource, steps: readonly TraceStep[], h: Header, record: ExecutionRecord | undefined, opts: MapOptions): Trace {
  const { roots, count } = mapSteps(steps);
  const rawStatus = record?.status ?? h.rawStatus ?? undefined;
  const status = executionStatus(rawStatus) ?? derivedStatus(roots);
  const span = rootSpan(roots);
  const startGiven = record?.startTime || h.start || 0;
  const start = startGiven > 0 ? startGiven : span.start;
  const endGiven = record?.endTime || h.end || 0;
  const end = status === 'running' ? undefined : endGiven > 0 ? endGiven : span.end;
  const { tokens, cost } = traceTotals(roots);
  // Fruxon steps carry thinking tokens but no thinking cost; the record has it, so the header can match
  // the record's total. Only when the steps said nothing, so nothing is counted twice.
  if (record && record.thinkingCost > 0 && cost.thinking === 0) {
    cost.thinking = record.thinkingCost;
    cost.total += record.thinkingCost;
  }
  const id = record?.id || h.id || roots[0]?.id || '';
  const agentId = record?.agentId || h.agentId || undefined;
  const trace: Trace = {
    id, source, title: opts.agentName || agentId || (roots.length === 1 ? roots[0]?.name : undefined) || `Execution ${id}`,
    status, start, end, currency: 'USD', tokens, cost, roots, stepCount: count,
  };
  if (agentId) trace.agentId = agentId;
  if (opts.agentName) trace.agentName = opts.agentName;
  const revision = h.revision ?? record?.agentRevision;
  if (revision !== undefined && revision !== null) trace.revision = revision;
  const environment = record?.environmentSlug || h.environment;
  if (environment) trace.environment = environment;
  if (rawStatus) trace.rawStatus = rawStatus;
  // Projected traces have no trace-level result; the root flow's result is the run's answer.
  const last = roots.at(-1)?.detail;
  const result = h.result ?? toResult(opts.result?.result) ?? (last && (last.kind === 'generic' || last.kind === 'llm' || last.kind === 'tool') ? last.result : undefined);
  if (result) trace.result = result;
  const parameters = h.parameters ?? opts.result?.parameters;
  if (parameters !== undefined && parameters !== null) trace.parameters = parameters;
  return trace;
}

export function fromProjectedTrace(p: ProjectedTrace, record?: ExecutionRecord, opts: MapOptions = {}): Trace {
  return build('projected', p.traces, { id: p.executionRecordId }, record, opts);
}

export function fromStoredTrace(t: TraceResponse, record?: ExecutionRecord, opts: MapOptions = {}): Trace {
  const s = t.trace;
  return build('stored', s?.traces ?? [], {
    id: s?.agentExecutionRecordId, agentId: s?.agentId, revision: s?.agentRevision, rawStatus: t.status,
    start: s?.startTime, end: s?.endTime, result: toResult(s?.result), parameters: s?.parameters,
  }, record, opts);
}

export function fromExecuteResponse(r: ExecuteResponse, opts: MapOptions = {}): Trace {
  const s = r.trace;
  // The trace's own result first; `response` is the same answer flattened to text.
  const result = toResult(s?.result) ?? (typeof r.response === 'string' ? { text: r.response } : undefined);
  return build('execute', s?.traces ?? [], {
    id: r.executionRecordId ?? s?.agentExecutionRecordId, agentId: s?.agentId, revision: s?.agentRevision, rawStatus: r.status,
    start: s?.startTime, end: s?.endTime, result, parameters: s?.parameters,
  }, undefined, opts);
}

export function fromTraceWithFallback(x: TraceWithFallback, record?: ExecutionRecord, opts: MapOptions = {}): Trace {
  return x.source === 'projected' ? fromProjectedTrace(x.trace, record, opts) : fromStoredTrace(x.trace, record, opts);
}
