// The scripted agent behind :execute and :stream. One run is planned up front from the request (a
// deterministic trace derived from the parameters) and committed as a new execution record when it ends,
// even when the caller stopped listening: like the real service, a run does not stop because the client
// went away. How a run behaves comes from the admin script (`/_sim/script`) and, per request, from a
// `_sim` object in the parameters: `{ durationMs, fail, approval }`.
import { CATALOG } from './catalog';
import { ProblemError } from './problems';
import { hashString, hex, mulberry32, uuid } from './prng';
import { makeRecord } from './seedData';
import { finalResult, resultText, stepCountFor } from './traceContent';
import type { ExecCtx } from './execute';
import type { Agent, ExecutionRecord, RecordMeta, Step, TraceMode } from './types';

/** How scripted runs behave. */
export interface RunScript {
  /** Real time the run takes before it answers (the stream spreads its events over it). Default 0. */
  durationMs?: number;
  /** The run fails: status FAILED, and the stream sends an `error` event. A string is the error message. */
  fail?: boolean | string;
  /** The run pauses for a human approval: status WAITING_FOR_ASYNC with a `humanApprovalRequestId`. */
  approval?: boolean;
  /** How long the approval stays answerable before it expires (default a week). */
  approvalTtlMs?: number;
  /** Real time the run takes after an approval before it completes (default 0). */
  resumeMs?: number;
}

export interface SseEvent { event: string; data: unknown }

export interface PlannedRun {
  durationMs: number;
  /** Inserts the record (once) and returns the :execute response body. */
  commit(): Record<string, unknown>;
  /** The stream's events in order; `done` last. The record id is only in `done` (and `status` for a pause). */
  events: SseEvent[];
}

const MODES = ['UNSPECIFIED', 'PRODUCTION', 'SANDBOX'];
const KEYS = new Set(['durationMs', 'fail', 'approval', 'approvalTtlMs', 'resumeMs']);

export function validateScript(v: unknown): RunScript {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('a script must be an object');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new Error(`unknown script field '${k}'`);
  if (o.durationMs !== undefined && (typeof o.durationMs !== 'number' || !Number.isInteger(o.durationMs) || o.durationMs < 0 || o.durationMs > 600_000)) {
    throw new Error('durationMs must be an integer from 0 to 600000');
  }
  if (o.fail !== undefined && typeof o.fail !== 'boolean' && typeof o.fail !== 'string') throw new Error('fail must be a boolean or a message');
  if (o.approval !== undefined && typeof o.approval !== 'boolean') throw new Error('approval must be a boolean');
  for (const k of ['approvalTtlMs', 'resumeMs'] as const) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 30 * 86_400_000)) throw new Error(`${k} must be a non-negative integer (ms)`);
  }
  return { ...o } as RunScript;
}

function object(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ProblemError.validation('request', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** JSON with sorted keys, so {a,b} and {b,a} hash alike. */
export function canonical(v: unknown): string {
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

/** Validates the body (seed 004) and plans the run; nothing is stored until `commit`. */
export function planRun(ctx: ExecCtx, agent: Agent, revision: number, raw: unknown, defaults: RunScript, insert: (rec: ExecutionRecord, meta: RecordMeta) => void): PlannedRun {
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
  const environment = optString(b, 'environmentSlug') || (mode?.toUpperCase() === 'SANDBOX' ? 'sandbox' : 'production');
  const parameters = (params ?? {}) as Record<string, unknown>;
  let script: RunScript = { ...defaults };
  if (parameters._sim !== undefined) {
    try {
      script = { ...script, ...validateScript(parameters._sim) };
    } catch (e) {
      throw ProblemError.validation('parameters._sim', (e as Error).message);
    }
  }

  const pi = CATALOG.findIndex((p) => p.id === agent.id);
  const p = CATALOG[pi];
  if (!p) throw ProblemError.notFound(`Agent '${agent.id}' was not found.`);
  const traceSeed = hashString(`${agent.id}@${revision}:${canonical(parameters)}`, ctx.data.seed);
  const rng = mulberry32(traceSeed ^ 0x1b873593);
  const simulatedMs = 800 + Math.floor(rng() * 5200);
  const realMs = script.durationMs ?? 0;
  const durationMs = realMs > 0 ? realMs : simulatedMs;
  const id = ctx.nextId();
  const session = sessionId ?? uuid(rng);
  const approvalId = script.approval ? uuid(rng) : null;
  const failMessage = script.fail ? (typeof script.fail === 'string' ? script.fail : `Tool call failed: the scripted agent was told to fail.`) : undefined;
  const traceMode: TraceMode = failMessage ? 'failed' : approvalId ? 'waiting' : 'completed';
  const status = failMessage ? 'FAILED' : approvalId ? 'WAITING_FOR_ASYNC' : 'COMPLETED';
  const final = finalResult(p, traceSeed);
  const text = status === 'COMPLETED' ? resultText(final) : '';
  const steps = stepCountFor(traceSeed);
  const recRng = mulberry32(traceSeed ^ 0x68e31da4);

  // The record is made at commit time so its times follow the clock; its content follows the parameters.
  let body: Record<string, unknown> | undefined;
  const commit = (): Record<string, unknown> => {
    if (body) return body;
    const end = ctx.clock();
    const [rec, meta] = makeRecord({ now: end + 1000, tenantId: ctx.data.tenantId }, pi, mulberry32(traceSeed ^ 0x1b873593), {
      id, start: end - durationMs, revision, environment, status, mode: traceMode,
      trigger: { type: 'API', id: `key_${hex(recRng, 4)}`, provider: 'fruxon' }, steps, durationMs, traceSeed,
    }, parameters);
    rec.isSample = false;
    insert(rec, meta);
    if (approvalId) {
      ctx.approvals.register(rec, { id: approvalId, ...(script.approvalTtlMs !== undefined ? { ttlMs: script.approvalTtlMs } : {}),
        ...(script.resumeMs !== undefined ? { resumeMs: script.resumeMs } : {}) });
    }
    const view = ctx.traces.view('trace', rec, ctx.traces.steps(rec), 0) as { trace: Record<string, unknown> };
    const { agentExecutionRecordId: _omit, ...trace } = view.trace;
    body = {
      response: status === 'COMPLETED' ? text : null, trace, sessionId: session, links: [],
      executionRecordId: rec.id, status, humanApprovalRequestId: approvalId,
    };
    return body;
  };

  // The stream's events come from the same trace the record will have (its steps depend only on the seed).
  const events: SseEvent[] = [{ event: 'start', data: { agentId: agent.id, agentRevision: revision, sessionId: session } }];
  events.push({ event: 'status', data: { status: 'IN_PROGRESS' } });
  const preview = previewSteps(ctx, pi, traceSeed, steps, traceMode, parameters);
  let usage = { inputTokens: 0, outputTokens: 0, totalCost: 0 };
  for (const s of walk(preview)) {
    if (s.type === 'TOOL' && s.toolTrace) {
      const t = s.toolTrace as { tool?: { key?: string }; displayName?: string; parameters?: unknown };
      const callId = s.id;
      events.push({ event: 'tool_call', data: { id: callId, name: t.tool?.key ?? s.displayName, displayName: t.displayName ?? s.displayName, arguments: t.parameters ?? {} } });
      if (s.status === 'ERROR') {
        events.push({ event: 'tool_result', data: { id: callId, name: t.tool?.key ?? s.displayName, status: 'ERROR', error: s.error } });
        break;
      }
      events.push({ event: 'tool_result', data: { id: callId, name: t.tool?.key ?? s.displayName, status: 'SUCCESS', result: s.result?.strValue ?? s.result?.jsonValue ?? null } });
    } else if (s.type === 'HITL' && approvalId) {
      events.push({ event: 'status', data: { status: 'WAITING_FOR_ASYNC', humanApprovalRequestId: approvalId, displayName: s.displayName } });
    }
  }
  // An event type no client knows yet, to keep clients tolerant.
  events.push({ event: 'heartbeat', data: { at: 'mid-run' } });
  if (failMessage) events.push({ event: 'error', data: { message: failMessage, code: 'TOOL_FAILED' } });
  for (const delta of chunks(text)) events.push({ event: 'text', data: { delta } });
  usage = usageOf(ctx, pi, traceSeed, steps, traceMode, durationMs, parameters, revision, environment);
  events.push({ event: 'usage', data: usage });
  events.push({ event: 'done', data: { status, executionRecordId: id, humanApprovalRequestId: approvalId, sessionId: session } });
  return { durationMs: realMs, commit, events };
}

/** Builds the trace the record will get, without storing anything (same seed → same steps). */
function previewSteps(ctx: ExecCtx, pi: number, traceSeed: number, steps: number, mode: TraceMode, parameters: Record<string, unknown>): Step[] {
  const [rec, meta] = previewRecord(ctx, pi, traceSeed, steps, mode, 1000, parameters, 1, 'production');
  ctx.data.meta.set(rec.id, meta);
  try {
    return ctx.traces.steps(rec);
  } finally {
    ctx.data.meta.delete(rec.id);
  }
}

function previewRecord(ctx: ExecCtx, pi: number, traceSeed: number, steps: number, mode: TraceMode, durationMs: number,
  parameters: Record<string, unknown>, revision: number, environment: string): [ExecutionRecord, RecordMeta] {
  const end = ctx.clock();
  return makeRecord({ now: end + 1000, tenantId: ctx.data.tenantId }, pi, mulberry32(traceSeed ^ 0x1b873593), {
    id: `preview-${traceSeed}`, start: end - durationMs, revision, environment, status: 'COMPLETED', mode,
    trigger: { type: 'API', id: 'preview', provider: 'fruxon' }, steps, durationMs, traceSeed,
  }, parameters);
}

function usageOf(ctx: ExecCtx, pi: number, traceSeed: number, steps: number, mode: TraceMode, durationMs: number,
  parameters: Record<string, unknown>, revision: number, environment: string): { inputTokens: number; outputTokens: number; totalCost: number } {
  const [rec] = previewRecord(ctx, pi, traceSeed, steps, mode, durationMs, parameters, revision, environment);
  return { inputTokens: rec.inputTokens, outputTokens: rec.outputTokens, totalCost: rec.totalCost };
}

function* walk(steps: readonly Step[]): Generator<Step> {
  for (const s of steps) {
    yield s;
    yield* walk(s.steps);
  }
}

/** The answer in a few word-aligned pieces, as a model would stream it. */
export function chunks(text: string): string[] {
  if (!text) return [];
  const words = text.split(/(?<=\s)/);
  const size = Math.max(1, Math.ceil(words.length / 4));
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}
