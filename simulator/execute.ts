// POST :execute / revisions/{n}:execute (seed 004) and :addToDatasets / samples (seed 001).
// An execution's trace and totals derive from a hash of its parameters, so the same input gives
// the same steps, tokens and answer; each call still creates a new record, inserted newest first.
// The run itself (duration, failure, approval pause, stream events) is scripted in scripted.ts.
import type { ApprovalStore } from './approvals';
import { CATALOG } from './catalog';
import { ProblemError } from './problems';
import { planRun } from './scripted';
import type { PlannedRun, RunScript } from './scripted';
import { newestFirst } from './seedData';
import { finalResult, resultText } from './traceContent';
import type { TraceService } from './traceService';
import type { Agent, AuthKind, ExecutionRecord, Sample, SimData } from './types';

const QUALITIES = ['UNSPECIFIED', 'GOOD', 'BAD', 'NEEDS_REVIEW'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ExecCtx {
  data: SimData; traces: TraceService; clock: () => number; nextId: () => string;
  /** Waits real time; wakes early when the simulator closes. */
  sleep: (ms: number) => Promise<void>;
  /** The admin script scripted runs start from (`/_sim/script`). */
  script: () => RunScript;
  approvals: ApprovalStore;
}

function object(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ProblemError.validation('request', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function plan(ctx: ExecCtx, agent: Agent, revision: number, raw: unknown): PlannedRun {
  return planRun(ctx, agent, revision, raw, ctx.script(), (rec, meta) => {
    insert(ctx.data, rec);
    ctx.data.meta.set(rec.id, meta);
  });
}

/** :execute: runs the scripted agent for its duration, then answers with the whole result. */
export async function execute(ctx: ExecCtx, agent: Agent, revision: number, raw: unknown): Promise<unknown> {
  const run = plan(ctx, agent, revision, raw);
  if (run.durationMs > 0) await ctx.sleep(run.durationMs);
  return run.commit();
}

function insert(data: SimData, rec: ExecutionRecord): void {
  const list = data.recordsByAgent.get(rec.agentId) ?? [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const other = list[mid];
    if (other && newestFirst(other, rec) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, rec);
  data.recordsByAgent.set(rec.agentId, list);
  data.recordById.set(rec.id, rec);
  data.versions.set(rec.agentId, (data.versions.get(rec.agentId) ?? 0) + 1);
}

export function addToDatasets(ctx: ExecCtx, rec: ExecutionRecord, raw: unknown, auth: AuthKind): Sample[] {
  const b = object(raw);
  const ids = b.datasetIds;
  if (!Array.isArray(ids) || ids.length === 0) throw ProblemError.validation('datasetIds', 'At least one dataset id is required.');
  for (const id of ids) if (typeof id !== 'string' || !GUID.test(id)) throw ProblemError.validation('datasetIds', `'${String(id)}' is not a valid dataset id (a GUID).`);
  const q = b.quality ?? 'UNSPECIFIED';
  // Accepts the older PascalCase spelling too (NeedsReview), as enum binding there is lenient.
  const quality = typeof q === 'string' ? q.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase() : '';
  if (!QUALITIES.includes(quality)) throw ProblemError.validation('quality', `quality must be one of ${QUALITIES.join(', ')}.`);
  const tags = b.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw ProblemError.validation('tags', 'tags must be a list of strings.');
  const meta = ctx.data.meta.get(rec.id);
  const p = meta ? CATALOG[meta.profile] : undefined;
  const output = rec.hasResult && meta && p ? resultText(finalResult(p, meta.traceSeed)) : '';
  const now = ctx.clock();
  const made = (ids as string[]).map((datasetId): Sample => {
    const id = ctx.nextId();
    return {
      id, tenantId: ctx.data.tenantId, createdAt: now, modifiedAt: now,
      createdBy: auth === 'bearer' ? 'sim-user@acme.example' : 'api-key',
      datasetId: datasetId.toLowerCase(), executionId: rec.id, inputPayload: meta?.parameters ?? {}, output,
      agentRevision: rec.agentRevision, quality, isGolden: false,
      tags: (tags as string[]).map((tag) => ({ id: ctx.nextId(), tenantId: ctx.data.tenantId, sampleId: id, tag, sample: null })),
    };
  });
  const list = ctx.data.samplesByRecord.get(rec.id) ?? [];
  list.push(...made);
  ctx.data.samplesByRecord.set(rec.id, list);
  rec.isSample = true;
  return made;
}
