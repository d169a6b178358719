// Human-approval requests (`pendingApprovals`, api/fruxon.md). Only the routes and the status and decision
// values are documented; the fields are [guess]. The names a gate step carries in a trace (`hitlTrace`:
// requestId, toolKey, outboundMessage, proposedParameters, requestedAt…) are the best evidence, so those are
// the canonical names and plausible alternates fill them in. Every field the schema does not know stays on
// the object (looseObject), so the UI can show it.
import { z } from 'zod';
import { anyJson, id, list, openEnum, optionalEnum, optionalNumber, optionalString, optionalText, optionalTimestamp } from './fields';

/** Canonical name → alternates seen in related APIs, tried in order when the canonical one is missing. */
const ALIASES: Record<string, readonly string[]> = {
  id: ['requestId', 'approvalId', 'humanApprovalRequestId', 'approvalRequestId', 'name'],
  agentId: ['agent', 'agentKey'],
  executionRecordId: ['executionId', 'agentExecutionRecordId', 'recordId', 'execution', 'executionRecord'],
  status: ['state', 'approvalStatus'],
  toolKey: ['toolName', 'tool', 'toolId'],
  outboundMessage: ['message', 'prompt', 'question', 'summary', 'proposal', 'description'],
  proposedParameters: ['parameters', 'arguments', 'toolArguments', 'args', 'input', 'proposal'],
  requestedAt: ['createdAt', 'createTime', 'requestTime', 'requestedTime', 'created', 'timestamp'],
  expiresAt: ['expireTime', 'expiresAtMs', 'expiry', 'expiration', 'expirationTime', 'deadline', 'expiresOn'],
  respondedAt: ['responseTime', 'answeredAt', 'resolvedAt'],
  respondedBy: ['responder', 'answeredBy', 'resolvedBy'],
  responseText: ['response', 'comment', 'reason'],
};

/** `{id}` / `{key, name}` objects and resource names (`…/pendingApprovals/{id}`) reduced to their id. */
function idOf(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return o.id ?? o.key ?? o.name ?? undefined;
  }
  if (typeof v === 'string' && v.includes('/')) return v.split('/').filter(Boolean).at(-1);
  return v;
}

function aliases(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const own = v as Record<string, unknown>;
  // Some shapes nest the gate's own fields (`hitlTrace`, `request`); the outer fields win.
  const nested = [own.hitlTrace, own.request, own.gate].filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x));
  const o: Record<string, unknown> = { ...Object.assign({}, ...nested), ...own };
  for (const [name, alternates] of Object.entries(ALIASES)) {
    if (o[name] != null) continue;
    const alt = alternates.find((a) => o[a] != null && !(name === 'outboundMessage' && typeof o[a] === 'object') && !(name === 'proposedParameters' && typeof o[a] === 'string' && !/^\s*[[{]/.test(o[a] as string)));
    if (alt !== undefined) o[name] = o[alt];
  }
  for (const k of ['id', 'agentId', 'executionRecordId', 'toolKey']) if (o[k] != null) o[k] = idOf(o[k]);
  // Arguments sent as a JSON string are shown as the object they encode.
  if (typeof o.proposedParameters === 'string') {
    try { o.proposedParameters = JSON.parse(o.proposedParameters); } catch { /* kept as text */ }
  }
  return o;
}

export const ApprovalSchema = z.preprocess(aliases, z.looseObject({
  id,
  /** Missing on some tenant-wide shapes; then the approval cannot be answered from here. */
  agentId: optionalString,
  executionRecordId: optionalString,
  /** Open: UNSPECIFIED, PENDING, RESPONDED, CANCELLED, EXPIRED. */
  status: openEnum(),
  /** Open: APPROVE, REJECT; null until answered. */
  decision: optionalEnum,
  gateType: optionalEnum,
  toolKey: optionalString,
  displayName: optionalString,
  stepIdentifier: optionalString,
  outboundMessage: optionalText,
  proposedParameters: anyJson,
  requestedAt: optionalTimestamp,
  expiresAt: optionalTimestamp,
  respondedAt: optionalTimestamp,
  respondedBy: optionalText,
  responseText: optionalText,
  durationMs: optionalNumber,
}));

const LIST_KEYS = ['items', 'pendingApprovals', 'approvals', 'approvalRequests', 'humanApprovalRequests', 'requests', 'data', 'results', 'value'];

/** A page: `{items|pendingApprovals|approvals|…, nextPageToken, totalCount}` or a bare array (one page, no token). */
export const ApprovalPageSchema = z.preprocess((v) => {
  if (Array.isArray(v)) return { items: v };
  if (v == null) return { items: [] };
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const key = LIST_KEYS.find((k) => Array.isArray(o[k]));
  const paging = (o.meta ?? o.pagination ?? o.page) as Record<string, unknown> | undefined;
  return {
    ...o, items: key ? o[key] : o.items,
    nextPageToken: o.nextPageToken ?? o.next_page_token ?? o.nextToken ?? paging?.nextPageToken,
    totalCount: o.totalCount ?? o.total ?? o.totalSize ?? paging?.totalCount ?? paging?.total,
  };
}, z.looseObject({
  items: list(ApprovalSchema),
  nextPageToken: optionalString,
  totalCount: optionalNumber,
}));

/**
 * What :respond / :cancel answer: the approval, `{approval, …}`, nothing, or something else. Never fails:
 * the POST has done its work by then, and a body we cannot read must not look like a failed answer.
 */
export const ApprovalAnswerSchema = z.unknown().transform((v): ApprovalAnswer => {
  const inner = v && typeof v === 'object' && !Array.isArray(v)
    ? ((v as Record<string, unknown>).approval ?? (v as Record<string, unknown>).pendingApproval ?? (v as Record<string, unknown>).request ?? v) : undefined;
  const parsed = inner === undefined ? undefined : ApprovalSchema.safeParse(inner);
  return { ...(parsed?.success ? { approval: parsed.data } : {}), raw: v };
});

export type Approval = z.output<typeof ApprovalSchema>;
export type ApprovalPage = z.output<typeof ApprovalPageSchema>;
export interface ApprovalAnswer { approval?: Approval; raw: unknown }

/** The fields the schema reads (and their alternates): everything else is "other fields" in the UI. */
export const KNOWN_APPROVAL_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(ALIASES), ...Object.values(ALIASES).flat(), 'tenantId', 'decision', 'gateType', 'displayName', 'stepIdentifier',
  'durationMs', 'hitlTrace', 'request', 'gate', 'deliveryRoute', 'correlationToken',
]);
