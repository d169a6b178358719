// Answering a human-approval request, at most once. `:respond` and `:cancel` are POSTs: the HTTP client
// never repeats them once they may have reached the server (http.ts), and an approval that is no longer
// pending — said by 409, 410 or 404, or by a 200 whose approval is in another state — becomes one typed
// error, so the UI can say so plainly and refresh. Pure: no `vscode`.
import { ApiError } from '../errors';
import type { Approval, ApprovalAnswer } from './approvalSchemas';
import { enumEquals } from './enums';

export type ApprovalDecision = 'APPROVE' | 'REJECT';
export type ApprovalAction = ApprovalDecision | 'CANCEL';
/** Why an approval can no longer be answered. `gone`: the service no longer knows it (404). */
export type ClosedReason = 'answered' | 'expired' | 'cancelled' | 'gone';

export class ApprovalClosedError extends Error {
  constructor(
    readonly approvalId: string,
    readonly reason: ClosedReason,
    /** The approval's status as the service spelled it, when it said. */
    readonly status?: string,
    /** The HTTP error behind it, when there was one. */
    override readonly cause?: ApiError,
  ) {
    super(closedMessage(reason));
    this.name = 'ApprovalClosedError';
  }
}

export function closedMessage(reason: ClosedReason): string {
  switch (reason) {
    case 'answered': return 'This approval was already answered.';
    case 'expired': return 'This approval expired before it was answered.';
    case 'cancelled': return 'This approval was cancelled.';
    case 'gone': return 'This approval no longer exists: it was answered, cancelled or expired.';
  }
}

/** The reason a status names; undefined for PENDING, UNSPECIFIED and values nobody knows yet. */
export function reasonOfStatus(status: unknown): ClosedReason | undefined {
  if (enumEquals(status, 'RESPONDED') || enumEquals(status, 'APPROVED') || enumEquals(status, 'REJECTED') || enumEquals(status, 'ANSWERED')) return 'answered';
  if (enumEquals(status, 'EXPIRED') || enumEquals(status, 'TIMED_OUT')) return 'expired';
  if (enumEquals(status, 'CANCELLED') || enumEquals(status, 'CANCELED')) return 'cancelled';
  return undefined;
}

export function isPending(a: Pick<Approval, 'status'>): boolean {
  return enumEquals(a.status, 'PENDING') || enumEquals(a.status, 'UNSPECIFIED') || a.status === '';
}

/** 409 / 410 / 404 on an answer → ApprovalClosedError; anything else is passed through unchanged. */
export function closedFromError(approvalId: string, e: unknown): unknown {
  if (!(e instanceof ApiError) || e.kind !== 'http' || ![404, 409, 410].includes(e.status)) return e;
  const p = e.problem ?? {};
  const said = p.approvalStatus ?? p.status_text ?? p.state ?? (typeof p.status === 'string' ? p.status : undefined);
  const text = `${e.title ?? ''} ${e.detail ?? ''}`;
  const reason = reasonOfStatus(said)
    ?? (/expire/i.test(text) ? 'expired' : /cancel/i.test(text) ? 'cancelled' : /(respond|answer|decid|already)/i.test(text) ? 'answered' : undefined)
    ?? (e.status === 410 ? 'expired' : e.status === 404 ? 'gone' : 'answered');
  return new ApprovalClosedError(approvalId, reason, typeof said === 'string' ? said : undefined, e);
}

/**
 * A 2xx answer whose approval is in a state this action cannot have produced (still pending is fine: the
 * service may apply it asynchronously) means someone else got there first.
 */
export function checkAnswer(approvalId: string, action: ApprovalAction, answer: ApprovalAnswer): ApprovalAnswer {
  const a = answer.approval;
  if (!a) return answer;
  const reason = reasonOfStatus(a.status);
  if (!reason) return answer;
  if (action === 'CANCEL') {
    if (reason === 'cancelled') return answer;
  } else if (reason === 'answered') {
    const decided = decisionOf(a);
    // Same decision (or none stated): this answer is the one that took effect; a 200 cannot tell it from an
    // identical earlier answer by someone else, and then nothing is lost either.
    if (!decided || decided === action || enumEquals(a.status, action === 'APPROVE' ? 'APPROVED' : 'REJECTED')) return answer;
  }
  throw new ApprovalClosedError(approvalId, reason, a.status);
}

/** APPROVE / REJECT from `decision` (any spelling, APPROVED too) or from an APPROVED / REJECTED status. */
export function decisionOf(a: Pick<Approval, 'status' | 'decision'>): ApprovalDecision | undefined {
  for (const v of [a.decision, a.status]) {
    if (enumEquals(v, 'APPROVE') || enumEquals(v, 'APPROVED')) return 'APPROVE';
    if (enumEquals(v, 'REJECT') || enumEquals(v, 'REJECTED')) return 'REJECT';
  }
  return undefined;
}

/** The request body: `decision` (and `approved`) for services that read them, `text` for those that read only text. */
export function respondBody(decision: ApprovalDecision, message?: string): Record<string, unknown> {
  const text = message && message.length > 0 ? message : decision === 'APPROVE' ? 'approve' : 'reject';
  return { decision, approved: decision === 'APPROVE', text };
}
