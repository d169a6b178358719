// Per-agent filters for execution records: what the user picked, how it is stored, how it becomes the
// documented query parameters, and how it is described in the view. Pure: no `vscode`.

export type TimeRange =
  | { readonly kind: 'lastHour' | 'lastDay' | 'lastWeek' }
  | { readonly kind: 'custom'; readonly start?: number; readonly end?: number };

export interface RecordFilter {
  readonly statuses?: readonly string[];
  readonly environment?: string;
  readonly revisions?: readonly number[];
  readonly range?: TimeRange;
}

export interface RecordQuery {
  status?: string[];
  environment?: string;
  agentRevision?: number[];
  startTime?: number;
  endTime?: number;
}

const HOUR = 3_600_000;
const spans = { lastHour: HOUR, lastDay: 24 * HOUR, lastWeek: 7 * 24 * HOUR } as const;

export function isEmptyFilter(f: RecordFilter | undefined): boolean {
  return !f || (!f.statuses?.length && !f.environment && !f.revisions?.length && !f.range);
}

/** Relative ranges are resolved at request time, so "last hour" stays the last hour on every refresh. */
export function toQuery(f: RecordFilter | undefined, now: number): RecordQuery {
  const q: RecordQuery = {};
  if (!f) return q;
  if (f.statuses?.length) q.status = [...f.statuses];
  if (f.environment) q.environment = f.environment;
  if (f.revisions?.length) q.agentRevision = [...f.revisions];
  if (f.range) {
    if (f.range.kind === 'custom') {
      if (f.range.start !== undefined) q.startTime = f.range.start;
      if (f.range.end !== undefined) q.endTime = f.range.end;
    } else {
      q.startTime = now - spans[f.range.kind];
    }
  }
  return q;
}

function describeRange(r: TimeRange): string {
  switch (r.kind) {
    case 'lastHour': return 'last hour';
    case 'lastDay': return 'last day';
    case 'lastWeek': return 'last week';
    case 'custom': {
      const d = (t: number | undefined) => (t === undefined ? '…' : new Date(t).toISOString().replace(/:00\.000Z$|\.000Z$/, 'Z'));
      return `${d(r.start)} – ${d(r.end)}`;
    }
  }
}

export function describeFilter(f: RecordFilter | undefined): string {
  if (!f || isEmptyFilter(f)) return '';
  const parts: string[] = [];
  if (f.statuses?.length) parts.push(f.statuses.join(', '));
  if (f.environment) parts.push(f.environment);
  if (f.revisions?.length) parts.push(`rev ${f.revisions.join(', ')}`);
  if (f.range) parts.push(describeRange(f.range));
  return parts.join(' · ');
}

/** An input box's `validateInput` for `parseIsoInput`: its error message, or undefined when the text parses. */
export function validateIsoInput(text: string): string | undefined {
  try {
    parseIsoInput(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Parses an ISO 8601 date or date-time typed by a person; undefined for blank, NaN-free or throws. */
export function parseIsoInput(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    throw new Error(`"${t}" is not an ISO date such as 2026-11-01 or 2026-11-01T09:30:00Z`);
  }
  const ms = Date.parse(t.replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new Error(`"${t}" is not a valid date`);
  return ms;
}

/** Reads a stored filter defensively (state written by another version must not break the view). */
export function parseStoredFilter(v: unknown): RecordFilter | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const statuses = Array.isArray(o.statuses) ? o.statuses.filter((s): s is string => typeof s === 'string') : undefined;
  const revisions = Array.isArray(o.revisions) ? o.revisions.filter((n): n is number => Number.isInteger(n)) : undefined;
  const environment = typeof o.environment === 'string' && o.environment ? o.environment : undefined;
  let range: TimeRange | undefined;
  const r = o.range as Record<string, unknown> | undefined;
  if (r && (r.kind === 'lastHour' || r.kind === 'lastDay' || r.kind === 'lastWeek')) range = { kind: r.kind };
  else if (r && r.kind === 'custom') {
    range = {
      kind: 'custom',
      ...(typeof r.start === 'number' ? { start: r.start } : {}),
      ...(typeof r.end === 'number' ? { end: r.end } : {}),
    };
  }
  const f: RecordFilter = {
    ...(statuses?.length ? { statuses } : {}),
    ...(environment ? { environment } : {}),
    ...(revisions?.length ? { revisions } : {}),
    ...(range ? { range } : {}),
  };
  return isEmptyFilter(f) ? undefined : f;
}
