// Human-approval requests (`pendingApprovals`): one per run paused at a gate. Seeded waiting records get
// one lazily (the gate's details come from their trace); scripted runs register theirs when they pause.
// Answering one moves its run on: approve → the guarded tool runs and the run completes; reject → the run
// ends REJECTED; cancel or expiry → CANCELLED. The trace the simulator serves shows the gate's state
// (gates.ts patches it in). Times follow the simulator's clock; expiry is checked on every access.
import { CATALOG } from './catalog';
import { ProblemError } from './problems';
import { hashString, mulberry32, uuid } from './prng';
import type { Query } from './records';
import type { TraceService } from './traceService';
import type { ExecutionRecord, SimData, Step } from './types';

export type ApprovalStatus = 'PENDING' | 'RESPONDED' | 'CANCELLED' | 'EXPIRED';
export type Decision = 'APPROVE' | 'REJECT';

export interface SimApproval {
  id: string;
  tenantId: string;
  agentId: string;
  executionRecordId: string;
  status: ApprovalStatus;
  gateType: string;
  toolKey: string;
  toolName: string;
  stepIdentifier: string;
  displayName: string;
  outboundMessage: string;
  proposedParameters: Record<string, unknown>;
  requestedAt: number;
  expiresAt: number;
  respondedAt: number | null;
  respondedBy: string | null;
  decision: Decision | null;
  responseText: string | null;
  /** Real time the run takes after an approval before it completes (the guarded tool running). */
  resumeMs: number;
  /** When the run completed after an approval. */
  completedAt: number | null;
}

export const APPROVAL_TTL_MS = 7 * 86_400_000;
const STATUSES: readonly ApprovalStatus[] = ['PENDING', 'RESPONDED', 'CANCELLED', 'EXPIRED'];

export interface RegisterOptions { id?: string; ttlMs?: number; resumeMs?: number; requestedAt?: number }

export interface ApprovalPage { items: SimApproval[]; nextPageToken: string; totalCount: number }

/** The open gate (decision null) and the steps above it, depth first. */
export function findOpenGate(steps: Step[], path: Step[] = []): { gate: Step; parents: Step[] } | undefined {
  for (const s of steps) {
    if (s.type === 'HITL' && s.hitlTrace && s.hitlTrace.decision == null) return { gate: s, parents: path };
    const inner = findOpenGate(s.steps, [...path, s]);
    if (inner) return inner;
  }
  return undefined;
}

export class ApprovalStore {
  readonly byId = new Map<string, SimApproval>();
  private seeded = false;

  constructor(private readonly data: SimData, private readonly traces: TraceService, private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>) {}

  /** Seeded runs that wait for a person get their approval on first use (building traces costs a little). */
  private ensureSeeded(): void {
    if (this.seeded) return;
    this.seeded = true;
    for (const list of this.data.recordsByAgent.values()) {
      for (const rec of list) {
        const meta = this.data.meta.get(rec.id);
        if (rec.status !== 'WAITING_FOR_ASYNC' || meta?.mode !== 'waiting' || meta.approvalId) continue;
        const id = uuid(mulberry32(hashString(`approval:${rec.id}`, this.data.seed)));
        // Seeded approvals never expire within a session: the record lists other tests read must stay put.
        this.register(rec, { id, ttlMs: Math.max(APPROVAL_TTL_MS, this.data.now - rec.startTime + APPROVAL_TTL_MS) });
      }
    }
  }

  /** Opens the approval for a record whose trace ends at an open gate. */
  register(rec: ExecutionRecord, o: RegisterOptions = {}): SimApproval {
    const meta = this.data.meta.get(rec.id);
    if (!meta) throw new Error(`no meta for ${rec.id}`);
    const open = findOpenGate(this.traces.rawSteps(rec));
    const h = (open?.gate.hitlTrace ?? {}) as Record<string, unknown>;
    const p = CATALOG[meta.profile];
    const toolKey = String(h.toolKey ?? '');
    const requestedAt = o.requestedAt ?? (typeof h.requestedAt === 'number' && h.requestedAt > 0 ? h.requestedAt : this.clock());
    const a: SimApproval = {
      id: o.id ?? uuid(mulberry32(hashString(`approval:${rec.id}`, this.data.seed))),
      tenantId: this.data.tenantId, agentId: rec.agentId, executionRecordId: rec.id, status: 'PENDING',
      gateType: String(h.gateType ?? 'TOOL_FLOW_STEP'), toolKey,
      toolName: p?.tools.find((t) => t.key === toolKey)?.name ?? toolKey,
      stepIdentifier: String(h.stepIdentifier ?? ''), displayName: open?.gate.displayName ?? 'Approval',
      outboundMessage: String(h.outboundMessage ?? ''),
      proposedParameters: (h.proposedParameters as Record<string, unknown> | undefined) ?? {},
      requestedAt, expiresAt: requestedAt + (o.ttlMs ?? APPROVAL_TTL_MS),
      respondedAt: null, respondedBy: null, decision: null, responseText: null, resumeMs: o.resumeMs ?? 0, completedAt: null,
    };
    this.byId.set(a.id, a);
    meta.approvalId = a.id;
    return a;
  }

  get(id: string): SimApproval | undefined {
    this.ensureSeeded();
    const a = this.byId.get(id.toLowerCase()) ?? this.byId.get(id);
    if (a) this.expire(a);
    return a;
  }

  /** Newest first; `status` filters (any spelling; PENDING when none is given), paged by an offset token. */
  list(q: Query, agentId?: string): ApprovalPage {
    this.ensureSeeded();
    const wanted = (q.get('status') ?? []).filter((s) => s !== '').map((s) => {
      const n = STATUSES.find((k) => k === s.trim().toUpperCase().replace(/[\s-]/g, '_'));
      if (!n && s.trim().toUpperCase() !== 'ALL' && s.trim().toUpperCase() !== 'UNSPECIFIED') {
        throw ProblemError.validation('status', `The value '${s}' is not a valid approval status. Expected one of ${STATUSES.join(', ')}.`);
      }
      return n;
    });
    const all = wanted.length > 0 && wanted.some((w) => w === undefined);
    const statuses = new Set(wanted.length === 0 ? ['PENDING'] : wanted.filter((w): w is ApprovalStatus => !!w));
    const rows = [...this.byId.values()]
      .map((a) => { this.expire(a); return a; })
      .filter((a) => (!agentId || a.agentId === agentId) && (all || statuses.has(a.status)))
      .sort((a, b) => b.requestedAt - a.requestedAt || (a.id < b.id ? -1 : 1));
    const sizeRaw = q.get('pagesize')?.[0];
    if (sizeRaw !== undefined && !/^\d+$/.test(sizeRaw.trim())) throw ProblemError.validation('pageSize', `The value '${sizeRaw}' is not valid for pageSize.`);
    const size = Math.min(100, Math.max(1, sizeRaw ? Number(sizeRaw) : 50));
    const token = q.get('pagetoken')?.[0];
    let offset = 0;
    if (token) {
      const m = /^a(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!m) throw ProblemError.validation('pageToken', 'The page token is not valid.');
      offset = Number(m[1]);
    }
    const items = rows.slice(offset, offset + size);
    const next = offset + size < rows.length ? Buffer.from(`a${offset + size}`).toString('base64url') : '';
    return { items, nextPageToken: next, totalCount: rows.length };
  }

  /** Answers a pending approval; anything else is a ProblemError carrying the approval's current status. */
  respond(agentId: string, id: string, body: unknown, who: string): SimApproval {
    const a = this.open(agentId, id);
    const decision = decisionOf(body);
    const now = this.clock();
    const b = body as Record<string, unknown>;
    Object.assign(a, { status: 'RESPONDED', decision, respondedAt: now, respondedBy: who,
      responseText: typeof b.text === 'string' && b.text !== '' ? b.text : null });
    const rec = this.data.recordById.get(a.executionRecordId);
    if (!rec) return a;
    if (decision === 'REJECT') {
      this.finish(rec, 'REJECTED', now);
      return a;
    }
    rec.status = 'IN_PROGRESS';
    const complete = (): void => {
      a.completedAt = this.clock();
      this.finish(rec, 'COMPLETED', a.completedAt);
      rec.hasResult = true;
    };
    if (a.resumeMs > 0) void this.sleep(a.resumeMs).then(complete);
    else complete();
    return a;
  }

  cancel(agentId: string, id: string): SimApproval {
    const a = this.open(agentId, id);
    const now = this.clock();
    Object.assign(a, { status: 'CANCELLED', respondedAt: now });
    const rec = this.data.recordById.get(a.executionRecordId);
    if (rec) this.finish(rec, 'CANCELLED', now);
    return a;
  }

  private open(agentId: string, id: string): SimApproval {
    const a = this.get(id);
    if (!a || a.agentId !== agentId) throw ProblemError.notFound(`Approval request '${id}' was not found for agent '${agentId}'.`);
    if (a.status !== 'PENDING') throw new ClosedApproval(a);
    return a;
  }

  private expire(a: SimApproval): void {
    if (a.status !== 'PENDING' || this.clock() < a.expiresAt) return;
    a.status = 'EXPIRED';
    a.respondedAt = a.expiresAt;
    const rec = this.data.recordById.get(a.executionRecordId);
    if (rec) this.finish(rec, 'CANCELLED', a.expiresAt);
  }

  private finish(rec: ExecutionRecord, status: string, at: number): void {
    rec.status = status;
    rec.endTime = Math.max(at, rec.startTime + 1);
    const meta = this.data.meta.get(rec.id);
    if (meta) meta.windowEnd = rec.endTime;
    this.data.versions.set(rec.agentId, (this.data.versions.get(rec.agentId) ?? 0) + 1);
  }
}

/** Answering an approval that is no longer pending; the handler decides how the variant reports it. */
export class ClosedApproval extends Error {
  constructor(readonly approval: SimApproval) {
    super(`Approval request '${approval.id}' is ${approval.status.toLowerCase()}.`);
  }
}

const APPROVE = /^(approve|approved|accept|accepted|yes|y|ok|true|1)$/i;
const REJECT = /^(reject|rejected|deny|denied|decline|declined|no|n|false|0)$/i;

/** `decision` in any spelling, or `approved: boolean`, or (text-only clients) a text that is just the word. */
export function decisionOf(body: unknown): Decision {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ProblemError.validation('request', 'The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  if (b.text !== undefined && b.text !== null && typeof b.text !== 'string') throw ProblemError.validation('text', 'text must be a string.');
  const word = (v: unknown): Decision | undefined => {
    const s = String(v).trim().replace(/^DECISION_/i, '');
    return APPROVE.test(s) ? 'APPROVE' : REJECT.test(s) ? 'REJECT' : undefined;
  };
  const d = b.decision != null ? word(b.decision) : typeof b.approved === 'boolean' ? (b.approved ? 'APPROVE' : 'REJECT') : typeof b.text === 'string' ? word(b.text) : undefined;
  if (!d) throw ProblemError.validation('decision', 'decision must be APPROVE or REJECT.');
  return d;
}
