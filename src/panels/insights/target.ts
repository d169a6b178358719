// What an insights panel is about, and its time windows. Pure.
import type { Window } from '../../model/insights/cache';
import type { WindowKind } from '../../shared/insightsProtocol';

export type InsightsTarget =
  | { kind: 'fruxon'; connection: string; agentId: string; label: string }
  | { kind: 'zaia'; connection: string; responderId: string; label: string };

export const targetKey = (t: InsightsTarget): string =>
  t.kind === 'fruxon' ? `fruxon|${t.connection}|${t.agentId}` : `zaia|${t.connection}|${t.responderId}`;

const HOUR = 3_600_000;
const SPANS = { day: 24 * HOUR, week: 7 * 24 * HOUR, month: 30 * 24 * HOUR } as const;

export interface WindowChoice {
  kind: WindowKind;
  /** Custom windows only. */
  from?: number;
  to?: number;
}

/** The window a choice means now: relative ones end at `now`. */
export function resolveWindow(c: WindowChoice, now: number): Window {
  if (c.kind === 'custom' && c.from !== undefined) return { from: c.from, to: c.to ?? now, relative: c.to === undefined };
  const span = SPANS[c.kind === 'custom' ? 'week' : c.kind];
  return { from: now - span, to: now, relative: true };
}

export function describeWindow(c: WindowChoice): string {
  if (c.kind === 'day') return 'Last 24 hours';
  if (c.kind === 'week') return 'Last 7 days';
  if (c.kind === 'month') return 'Last 30 days';
  const d = (t: number | undefined) => (t === undefined ? 'now' : new Date(t).toISOString().replace(/:00\.000Z$/, 'Z'));
  return `${d(c.from)} – ${d(c.to)}`;
}
