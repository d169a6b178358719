// What an approval request says, in words for a tree row, a tooltip and a notification. Pure: no `vscode`.
// Text from the service is kept exactly as sent; only the one-line summary is shortened (with an ellipsis),
// and the full text is always available next to it.
import { KNOWN_APPROVAL_FIELDS } from '../api/fruxon/approvalSchemas';
import type { Approval } from '../api/fruxon/approvalSchemas';

const SUMMARY_MAX = 80;

/** Compact JSON of the proposed arguments: `{"amount":120}`; undefined when there are none. */
export function argumentsText(a: Pick<Approval, 'proposedParameters'>): string | undefined {
  const p = a.proposedParameters;
  if (p === undefined || p === null) return undefined;
  if (typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) return undefined;
  return typeof p === 'string' ? p : JSON.stringify(p);
}

/**
 * The whole proposal: the gate's message when it has one (that is what a person would be asked), else the
 * tool call it guards (`refund_order({"amount":120})`), else the gate's name.
 */
export function proposalText(a: Approval): string {
  if (a.outboundMessage && a.outboundMessage.trim() !== '') return a.outboundMessage;
  const args = argumentsText(a);
  if (a.toolKey) return args ? `${a.toolKey}(${args})` : a.toolKey;
  return a.displayName || 'Approval';
}

/** The proposal on one line, at most `max` characters (the cut is marked with "…"). */
export function proposalSummary(a: Approval, max = SUMMARY_MAX): string {
  const firstLine = proposalText(a).split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const line = firstLine.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line || 'Approval';
}

/** Fields the service sent that AgentLens does not read: shown as they came, so nothing is hidden. */
export function otherFields(a: Approval): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (!KNOWN_APPROVAL_FIELDS.has(k) && v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** How long it has waited, from its request time; undefined when the service did not say. */
export function waitedMs(a: Pick<Approval, 'requestedAt'>, now: number): number | undefined {
  return typeof a.requestedAt === 'number' && a.requestedAt > 0 ? Math.max(0, now - a.requestedAt) : undefined;
}

/** Time left before it expires (negative once past); undefined when there is no expiry. */
export function expiresInMs(a: Pick<Approval, 'expiresAt'>, now: number): number | undefined {
  return typeof a.expiresAt === 'number' && a.expiresAt > 0 ? a.expiresAt - now : undefined;
}

/** Newest first by request time; ties (and missing times) keep the service's order. */
export function newestFirst(items: readonly Approval[]): Approval[] {
  return items.map((a, i) => [a, i] as const)
    .sort(([a, i], [b, j]) => (b.requestedAt ?? 0) - (a.requestedAt ?? 0) || i - j)
    .map(([a]) => a);
}
