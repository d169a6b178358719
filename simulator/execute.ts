// POST :execute / revisions/{n}:execute (seed 004) and :addToDatasets / samples (seed 001).
// An execution's trace and totals derive from a hash of its parameters, so the same input gives
// the same steps, tokens and answer; each call still creates a new record, inserted newest first.
import { CATALOG } from './catalog';
import { ProblemError } from './problems';
import { hashString, hex, mulberry32, uuid } from './prng';
import { newestFirst, makeRecord } from './seedData';
import { finalResult, resultText, stepCountFor } from './traceContent';
import type { TraceService } from './traceService';
import type { Agent, AuthKind, ExecutionRecord, Sample, SimData } from './types';

const MODES = ['UNSPECIFIED', 'PRODUCTION', 'SANDBOX'];
const QUALITIES = ['UNSPECIFIED', 'GOOD', 'BAD', 'NEEDS_REVIEW'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ExecCtx { data: SimData; traces: TraceService; clock: () => number; nextId: () => string }

function object(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ProblemError.validation('request', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** JSON with sorted keys, so {a,b} and {b,a} hash alike. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function optString(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw ProblemError.validation(key, `${key} must be a string.`);
  return v;
}

export function execute(ctx: ExecCtx, agent: Agent, revision: number, raw: unknown): unknown {
  const b = object(raw);
  const params = b.parameters ?? null;
  if (params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    throw ProblemError.validation('parameters', 'parameters must be a JSON object or null.');
  }
  if (b.attachments != null && !Array.isArray(b.attachments)) throw ProblemError.validation('attachments', 'attachments must be an array.');
  if (b.chatUser != null && (typeof b.chatUser !== 'object' || Array.isArray(b.chatUser))) throw ProblemError.validation('chatUser', 'chatUser must be an object.');
  const mode = optString(b, 'mode');
  if (mode !== undefined && !MODES.includes(mode.toUpperCase())) throw ProblemError.validation('mode', `mode must be one of ${MODES.join(', ')}.`);
  const sessionId = optString(b, 'sessionId');
  const environment = optString(b, 'environmentSlug') || 'production';

  const pi = CATALOG.findIndex((p) => p.id === agent.id);
  const p = CATALOG[pi];
  if (!p) throw ProblemError.notFound(`Agent '${agent.id}' was not found.`);
  const parameters = (params ?? {}) as Record<string, unknown>;
  const traceSeed = hashString(`${agent.id}@${revision}:${canonical(parameters)}`, ctx.data.seed);
  const rng = mulberry32(traceSeed ^ 0x1b873593);
  const durationMs = 800 + Math.floor(rng() * 5200);
  const end = ctx.clock();
  const [rec, meta] = makeRecord({ now: end + 1000, tenantId: ctx.data.tenantId }, pi, rng, {
    id: ctx.nextId(), start: end - durationMs, revision, environment, status: 'COMPLETED', mode: 'completed',
    trigger: { type: 'API', id: `key_${hex(rng, 4)}`, provider: 'fruxon' },
    steps: stepCountFor(traceSeed), durationMs, traceSeed,
  }, parameters);
  rec.isSample = false;
  insert(ctx.data, rec);
  ctx.data.meta.set(rec.id, meta);

  const view = ctx.traces.view('trace', rec, ctx.traces.steps(rec), 0) as { trace: Record<string, unknown> };
  const { agentExecutionRecordId: _omit, ...trace } = view.trace;
  const final = finalResult(p, traceSeed);
  return {
    response: resultText(final), trace, sessionId: sessionId ?? uuid(rng), links: [],
    executionRecordId: rec.id, status: 'COMPLETED', humanApprovalRequestId: null,
  };
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
