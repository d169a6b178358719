// How an approval shows: in the trace (the gate step carries its state, and after an approval the
// guarded tool runs as the gate's next sibling) and on the wire, in each [guess] shape the docs leave open.
import { findOpenGate } from './approvals';
import type { SimApproval } from './approvals';
import { hex, mulberry32, hashString } from './prng';
import type { ExecutionRecord, Step, Variants } from './types';

/** Brings a waiting trace up to date with its approval: decision on the gate, the tool after it, ends closed. */
export function patchGate(steps: Step[], a: SimApproval, rec: ExecutionRecord, now: number): void {
  const open = findOpenGate(steps);
  if (!open) return;
  const { gate, parents } = open;
  const h = gate.hitlTrace as Record<string, unknown>;
  h.requestId = a.id;
  h.requestedAt = a.requestedAt;
  gate.startTime = Math.min(gate.startTime || a.requestedAt, a.requestedAt);
  if (a.status === 'PENDING') return;
  const at = a.respondedAt ?? now;
  Object.assign(h, {
    respondedAt: a.status === 'RESPONDED' ? at : null, respondedBy: a.respondedBy, decision: a.decision,
    responseText: a.responseText, durationMs: at - a.requestedAt,
  });
  if (a.status !== 'RESPONDED') h.status = a.status;
  gate.endTime = at;
  gate.duration = at - gate.startTime;
  gate.status = a.status === 'RESPONDED' ? 'SUCCESS' : 'ERROR';
  gate.error = a.status === 'EXPIRED' ? 'The approval request expired before anyone answered.'
    : a.status === 'CANCELLED' ? 'The approval request was cancelled.' : null;
  const done = rec.endTime > 0 ? rec.endTime : 0;
  if (a.decision === 'APPROVE') {
    const parent = parents.at(-1);
    const siblings = parent ? parent.steps : steps;
    const rng = mulberry32(hashString(`tool:${a.id}`));
    const tool: Step = {
      id: hex(rng, 8), displayName: a.toolName || a.toolKey, type: 'TOOL', llmStepTrace: null,
      toolTrace: { tool: { key: a.toolKey }, displayName: a.toolName || a.toolKey, toolType: 'AGENT_TOOL', parameters: a.proposedParameters, cost: null },
      hitlTrace: null, steps: [], result: done ? { strValue: `${a.toolName || a.toolKey} done (approved by ${a.respondedBy ?? 'a reviewer'}).`, jsonValue: null, fileLink: null } : null,
      status: done ? 'SUCCESS' : 'UNSPECIFIED', error: null, startTime: at, endTime: done, duration: done ? done - at : 0,
    };
    siblings.splice(siblings.indexOf(gate) + 1, 0, tool);
  }
  if (!done) return;
  for (const s of parents) {
    if (s.endTime > 0) continue;
    s.endTime = done;
    s.duration = done - s.startTime;
    s.status = rec.status === 'COMPLETED' || rec.status === 'REJECTED' ? 'SUCCESS' : 'ERROR';
  }
}

const pascal = (s: string | null): string | null => (s == null ? s : s.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase()));
const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());

/** One approval as the variant spells it. */
export function serveApproval(a: SimApproval, v: Variants): Record<string, unknown> {
  if (v.approvalFields === 'alt') {
    // Another plausible contract: requestId / executionId, PascalCase enums, ISO times, arguments as a JSON string.
    return {
      requestId: a.id, agentId: a.agentId, executionId: a.executionRecordId, status: pascal(a.status),
      gateType: pascal(a.gateType), toolName: a.toolKey, message: a.outboundMessage, arguments: JSON.stringify(a.proposedParameters),
      createdAt: iso(a.requestedAt), expireTime: iso(a.expiresAt), respondedAt: iso(a.respondedAt), respondedBy: a.respondedBy,
      decision: pascal(a.decision), responseText: a.responseText, priority: 'NORMAL', channel: { kind: 'IN_APP' },
    };
  }
  return {
    id: a.id, tenantId: a.tenantId, agentId: a.agentId, executionRecordId: a.executionRecordId, status: a.status,
    gateType: a.gateType, toolKey: a.toolKey, stepIdentifier: a.stepIdentifier, displayName: a.displayName,
    outboundMessage: a.outboundMessage, proposedParameters: a.proposedParameters, requestedAt: a.requestedAt,
    expiresAt: a.expiresAt, respondedAt: a.respondedAt, respondedBy: a.respondedBy, decision: a.decision,
    responseText: a.responseText, deliveryRoute: null, correlationToken: a.id.replace(/-/g, '').slice(0, 12),
  };
}

/** A page in the variant's envelope: `{items,…}` (default), `{pendingApprovals,…}`, or a bare array. */
export function servePage(page: { items: SimApproval[]; nextPageToken: string; totalCount: number }, v: Variants): unknown {
  const items = page.items.map((a) => serveApproval(a, v));
  if (v.approvalsListShape === 'array') return items;
  const rest = { ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}), totalCount: page.totalCount };
  return v.approvalsListShape === 'named' ? { pendingApprovals: items, ...rest } : { items, ...rest };
}

/** The answer to :respond / :cancel: the approval (default), nothing (204), or `{approval, execution}`. */
export function serveAnswer(a: SimApproval, rec: ExecutionRecord | undefined, v: Variants): { status: number; body?: unknown } {
  if (v.approvalAnswerShape === 'empty') return { status: 204 };
  if (v.approvalAnswerShape === 'wrapped') {
    return { status: 200, body: { approval: serveApproval(a, v), execution: rec ? { id: rec.id, status: rec.status } : null } };
  }
  return { status: 200, body: serveApproval(a, v) };
}
