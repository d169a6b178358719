// Which execution a tool call means: an AgentLens link, "zaia:<id>", "local:<traceId>", a trace file path, or
// an execution record id with its agent; and which connection, when the caller names none.
import type { TraceOrigin } from '../panels/origin';
import type { ToolBackend, ToolConnection } from './backend';

/** A wrong or ambiguous input: the message tells the model what to pass instead. */
export class ToolInputError extends Error {}

export function pickConnection(backend: ToolBackend, kind: 'fruxon' | 'zaia' | undefined, id: string | undefined): ToolConnection {
  const all = backend.connections();
  if (id !== undefined && id !== '') {
    const c = all.find((x) => x.id === id || x.label === id);
    if (!c) throw new ToolInputError(`No connection "${id}". Signed in: ${all.map((x) => x.id).join(', ') || 'none'}.`);
    return c;
  }
  const fitting = kind ? all.filter((x) => x.kind === kind) : all;
  if (fitting.length === 1) return fitting[0]!;
  if (fitting.length === 0) {
    throw new ToolInputError(`AgentLens is not signed in to ${kind === 'zaia' ? 'Zaia Endless' : kind === 'fruxon' ? 'Fruxon' : 'any agent platform'}. `
      + 'Ask the user to run "AgentLens: Sign In…" (or set FRUXON_API_KEY and FRUXON_TENANT, or ZAIA_API_KEY).');
  }
  throw new ToolInputError(`Several connections are signed in; pass "connection" as one of: ${fitting.map((x) => x.id).join(', ')}.`);
}

const LINK = /^[a-z][a-z0-9+.-]*:\/\/agentlens-dev\.agentlens\/open\?/i;

/** An execution reference as a trace origin; `agent` and `connection` complete a bare record id. */
export function resolveExecution(backend: ToolBackend, ref: string, agent?: string, connection?: string): TraceOrigin {
  const r = ref.trim();
  if (r === '') throw new ToolInputError('Pass "execution": an execution id, a link, "zaia:<id>", "local:<traceId>" or a trace file path.');
  if (LINK.test(r)) {
    const q = new URLSearchParams(r.slice(r.indexOf('?') + 1));
    const agentId = q.get('agent');
    const record = q.get('record');
    const zaia = q.get('zaia');
    if (zaia) return { kind: 'zaia', connection: pickConnection(backend, 'zaia', q.get('connection') ?? connection).id, executionId: zaia };
    if (!agentId || !record) throw new ToolInputError('This AgentLens link names no agent and record.');
    return { kind: 'fruxon', connection: pickConnection(backend, 'fruxon', q.get('connection') ?? connection).id, agentId, executionRecordId: record };
  }
  if (/^zaia:/i.test(r)) return { kind: 'zaia', connection: pickConnection(backend, 'zaia', connection).id, executionId: r.slice(5).trim() };
  if (/^local:/i.test(r)) return { kind: 'local', traceId: r.slice(6).trim() };
  if (/\.(json|jsonl|ndjson)$/i.test(r) || r.includes('/') || r.includes('\\')) return { kind: 'file', path: r };
  if (agent) {
    const c = pickConnection(backend, undefined, connection);
    if (c.kind === 'zaia') return { kind: 'zaia', connection: c.id, executionId: r };
    return { kind: 'fruxon', connection: c.id, agentId: agent, executionRecordId: r };
  }
  const zaiaOnly = backend.connections().every((c) => c.kind === 'zaia') && backend.connections().length > 0;
  if (zaiaOnly) return { kind: 'zaia', connection: pickConnection(backend, 'zaia', connection).id, executionId: r };
  throw new ToolInputError(`"${r}" needs its agent: pass "agent" with the execution record id (list executions shows both), or pass the execution's link.`);
}

/** "24h", "7d", "30m" ago, or an ISO time; undefined for undefined. */
export function parseTime(v: string | undefined, now: number, what: string): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/i.exec(v.trim());
  if (m) return now - Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as 'm']!;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new ToolInputError(`"${what}" must be an ISO 8601 time or a duration ago like "24h" or "7d"; got "${v}".`);
  return t;
}
