// GET .../executionRecords: query parsing, filtering, opaque page tokens, and per-environment summaries.
// Query names bind case-insensitively, as ASP.NET model binding does (`pageSize` == `PageSize`).
import { createHash } from 'node:crypto';
import { ProblemError } from './problems';
import type { ExecutionRecord, SimData } from './types';

export const STATUSES = ['IN_PROGRESS', 'WAITING_FOR_ASYNC', 'COMPLETED', 'FAILED', 'CANCELLED', 'REJECTED'] as const;
const STATUS_KEY = new Map<string, string>(STATUSES.map((s) => [s.replace(/_/g, ''), s]));

export type Query = Map<string, string[]>;

/** Lower-cased names → values in order; the log keeps the original spelling separately. */
export function parseQuery(search: string): Query {
  const q: Query = new Map();
  for (const [k, v] of new URLSearchParams(search)) {
    const key = k.toLowerCase();
    const list = q.get(key) ?? [];
    list.push(v);
    q.set(key, list);
  }
  return q;
}

function bad(param: string, message: string): ProblemError {
  return ProblemError.validation(param, message);
}

function intParam(q: Query, name: string, display: string): number | undefined {
  const v = q.get(name)?.[0];
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw bad(display, `The value '${v}' is not valid for ${display}; an integer is required.`);
  return Number(v.trim());
}

export function normaliseStatus(v: string): string | undefined {
  return STATUS_KEY.get(v.trim().toUpperCase().replace(/_/g, ''));
}

export interface Filter { statuses: string[]; revisions: number[]; environment?: string; startTime?: number; endTime?: number }

export function parseFilter(q: Query): Filter {
  const statuses = (q.get('status') ?? []).filter((s) => s !== '').map((s) => {
    const n = normaliseStatus(s);
    if (!n) throw bad('status', `The value '${s}' is not a valid execution status. Expected one of ${STATUSES.join(', ')}.`);
    return n;
  });
  const revisions = (q.get('agentrevision') ?? []).filter((s) => s !== '').map((s) => {
    if (!/^\d+$/.test(s.trim())) throw bad('agentRevision', `The value '${s}' is not valid for agentRevision; an integer is required.`);
    return Number(s.trim());
  });
  const environment = q.get('environment')?.[0] || undefined;
  return {
    statuses: [...new Set(statuses)].sort(), revisions: [...new Set(revisions)].sort((a, b) => a - b), environment,
    startTime: intParam(q, 'starttime', 'startTime'), endTime: intParam(q, 'endtime', 'endTime'),
  };
}

function filterHash(agentId: string, f: Filter): string {
  return createHash('sha256').update(JSON.stringify([agentId, f])).digest('base64url').slice(0, 12);
}

export function encodeToken(offset: number, hash: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: hash })).toString('base64url');
}

function decodeToken(token: string, hash: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad('pageToken', 'The page token is malformed.');
  }
  const t = parsed as { o?: unknown; f?: unknown } | null;
  if (!t || typeof t !== 'object' || !Number.isInteger(t.o) || (t.o as number) < 0 || typeof t.f !== 'string') {
    throw bad('pageToken', 'The page token is malformed.');
  }
  if (t.f !== hash) throw bad('pageToken', 'The page token was issued for a different query; restart paging without it.');
  return t.o as number;
}

function matches(r: ExecutionRecord, f: Filter): boolean {
  if (f.statuses.length && !f.statuses.includes(r.status)) return false;
  if (f.revisions.length && !f.revisions.includes(r.agentRevision)) return false;
  if (f.environment !== undefined && r.environmentSlug !== f.environment) return false;
  if (f.startTime !== undefined && r.startTime < f.startTime) return false;
  if (f.endTime !== undefined && r.startTime > f.endTime) return false;
  return true;
}

export interface Page { items: ExecutionRecord[]; nextPageToken: string | null; totalCount: number }

/** Recently used filter results, so paging 10,000 records does not refilter them per page. */
const cache = new WeakMap<SimData, Map<string, { version: number; rows: ExecutionRecord[] }>>();

function filtered(data: SimData, agentId: string, f: Filter, hash: string): ExecutionRecord[] {
  const all = data.recordsByAgent.get(agentId) ?? [];
  const version = data.versions.get(agentId) ?? 0;
  let byHash = cache.get(data);
  if (!byHash) cache.set(data, (byHash = new Map()));
  const hit = byHash.get(hash);
  if (hit && hit.version === version) return hit.rows;
  const rows = all.filter((r) => matches(r, f));
  if (byHash.size >= 32) byHash.delete(byHash.keys().next().value as string);
  byHash.set(hash, { version, rows });
  return rows;
}

export function listRecords(data: SimData, agentId: string, q: Query): Page {
  const f = parseFilter(q);
  const pageSize = intParam(q, 'pagesize', 'pageSize') ?? 20;
  if (pageSize < 1 || pageSize > 500) throw bad('pageSize', `pageSize must be between 1 and 500 (got ${pageSize}).`);
  const hash = filterHash(agentId, f);
  const token = q.get('pagetoken')?.[0] || q.get('pagetoken.cursor')?.[0];
  let offset = token ? decodeToken(token, hash) : 0;
  const skip = intParam(q, 'pagetoken.skip', 'PageToken.Skip');
  if (!token && skip !== undefined) {
    if (skip < 0) throw bad('PageToken.Skip', 'PageToken.Skip must not be negative.');
    offset = skip;
  }
  const rows = filtered(data, agentId, f, hash);
  const items = rows.slice(offset, offset + pageSize);
  const next = offset + pageSize < rows.length ? encodeToken(offset + pageSize, hash) : null;
  return { items, nextPageToken: next, totalCount: rows.length };
}

export interface EnvSummary { environmentSlug: string; executionCount: number; totalCost: number; lastActivityTime: number }

export function summaries(records: readonly ExecutionRecord[]): EnvSummary[] {
  const by = new Map<string, { count: number; micro: number; last: number }>();
  for (const r of records) {
    const s = by.get(r.environmentSlug) ?? { count: 0, micro: 0, last: 0 };
    s.count++;
    s.micro += Math.round(r.totalCost * 1e6);
    s.last = Math.max(s.last, r.startTime, r.endTime);
    by.set(r.environmentSlug, s);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([env, s]) => ({ environmentSlug: env, executionCount: s.count, totalCost: s.micro / 1e6, lastActivityTime: s.last }));
}
