// The Zaia Endless public API routes (seed 003, api/zaia.md) on the simulator's server: raw-key auth,
// pageNumber/pageSize paging, responder and execution filters, nestings. Where the docs are silent the
// simulator serves each plausible variant (see Variants in ../types.ts and README in this folder).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { pascal } from '../drift';
import { ProblemError } from '../problems';
import type { Query } from '../records';
import type { Variants, ZaiaRouteName } from '../types';
import type { ZaiaData, ZaiaExecution, ZaiaResponder } from './data';

export type ZaiaMatch =
  | { kind: 'route'; route: ZaiaRouteName; id?: string }
  | { kind: 'method'; route: ZaiaRouteName; allowed: string }
  | { kind: 'unknown' };

/** Zaia paths live under /api/ (Fruxon's under /v1/), so one server can serve both. */
export function isZaiaPath(path: string): boolean {
  return /^\/api(\/|$)/i.test(path);
}

export function matchZaiaRoute(method: string, path: string): ZaiaMatch {
  let seg: string[];
  try {
    seg = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'unknown' };
  }
  const lower = seg.map((s) => s.toLowerCase());
  if (lower[0] !== 'api' || lower[1] !== 'v1') return { kind: 'unknown' };
  const rest = lower.slice(2);
  const hit = (route: ZaiaRouteName, id?: string): ZaiaMatch =>
    method === 'GET' ? { kind: 'route', route, ...(id !== undefined ? { id } : {}) } : { kind: 'method', route, allowed: 'GET' };
  if (rest.join('/') === 'super-identities/responders') return hit('zaiaResponders');
  if (rest.join('/') === 'executions') return hit('zaiaExecutions');
  if (rest.join('/') === 'executions/nestings') return hit('zaiaNestings');
  if (rest.length === 2 && rest[0] === 'executions') return hit('zaiaExecution', seg[3]);
  return { kind: 'unknown' };
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** [doc] `Authorization: <apiKey>`, the raw key. `Bearer <key>` is refused, as a strict server would. */
export function checkZaiaAuth(headers: IncomingHttpHeaders, keys: readonly string[]): 'apiKey' | 'none' | 'invalid' {
  const raw = headers.authorization;
  const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!v) return 'none';
  // Every key compared, so the time taken does not say which one matched.
  let ok = false;
  for (const k of keys) ok = timingSafeEqual(digest(v), digest(k)) || ok;
  return ok ? 'apiKey' : 'invalid';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const bad = (param: string, message: string): ProblemError => ProblemError.validation(param, message);

function intParam(q: Query, name: string, display: string, min: number, max: number, fallback: number): number {
  const v = q.get(name)?.[0];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v.trim())) throw bad(display, `'${v}' is not a number.`);
  const n = Number(v.trim());
  if (n < min || n > max) throw bad(display, `must be between ${min} and ${max}.`);
  return n;
}

/** Repeated, single, `name[]=`, or comma-separated: every spelling a client might use. */
function listParam(q: Query, name: string): string[] {
  return [...(q.get(name) ?? []), ...(q.get(`${name}[]`) ?? [])].flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function statusText(s: string, v: Variants): string {
  if (v.zaiaStatusCase === 'upper') return s.toUpperCase();
  if (v.zaiaStatusCase === 'pascal') return pascal(s);
  return s;
}

function serveExecution(e: ZaiaExecution, v: Variants): Record<string, unknown> {
  return {
    createdAt: iso(e.createdAt), id: e.id, updatedAt: iso(e.updatedAt), creditsUsed: e.creditsUsed, detail: e.detail,
    endedAt: iso(e.endedAt), isAgentic: e.isAgentic, isPurged: e.isPurged, parentId: e.parentId, responderId: e.responderId,
    startedAt: iso(e.startedAt), status: statusText(e.status, v), workspaceId: e.workspaceId,
  };
}

function serveResponder(r: ZaiaResponder, v: Variants): Record<string, unknown> {
  return { entity: v.zaiaEntitySpelling === 'plural' ? `${r.entity}s` : r.entity, id: r.id, name: r.name, picture: r.picture, workspaceId: r.workspaceId };
}

function page(items: unknown[], total: number, pageNumber: number, pageSize: number, v: Variants): unknown {
  switch (v.zaiaListShape) {
    case 'array': return items;
    case 'data': return { data: items, meta: { totalCount: total, page: pageNumber, pageSize, totalPages: Math.ceil(total / pageSize) } };
    default: return { items, total, pageNumber, pageSize };
  }
}

function paging(q: Query): { pageNumber: number; pageSize: number } {
  return { pageNumber: intParam(q, 'pagenumber', 'pageNumber', 1, 1_000_000, 1), pageSize: intParam(q, 'pagesize', 'pageSize', 1, 100, 10) };
}

function nestings(data: ZaiaData, root: ZaiaExecution, v: Variants): unknown {
  if (v.zaiaNestingShape === 'flat' || v.zaiaNestingShape === 'wrapped') {
    const flat: ZaiaExecution[] = [];
    const stack = [...(data.children.get(root.id) ?? [])].reverse();
    while (stack.length) {
      const e = stack.pop()!;
      flat.push(e);
      stack.push(...[...(data.children.get(e.id) ?? [])].reverse());
    }
    const kids = flat.map((e) => serveExecution(e, v));
    return v.zaiaNestingShape === 'flat' ? [serveExecution(root, v), ...kids] : { execution: serveExecution(root, v), children: kids };
  }
  // Nested `children`, built bottom-up without recursion (the deep chain).
  const order: ZaiaExecution[] = [];
  const stack = [root];
  while (stack.length) {
    const e = stack.pop()!;
    order.push(e);
    stack.push(...(data.children.get(e.id) ?? []));
  }
  const served = new Map<string, Record<string, unknown>>();
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i]!;
    served.set(e.id, { ...serveExecution(e, v), children: (data.children.get(e.id) ?? []).map((c) => served.get(c.id)) });
  }
  return served.get(root.id);
}

export function handleZaia(data: ZaiaData, route: ZaiaRouteName, id: string | undefined, q: Query, v: Variants): unknown {
  switch (route) {
    case 'zaiaResponders': {
      const { pageNumber, pageSize } = paging(q);
      const entities = listParam(q, 'responderentities').map((e) => e.toLowerCase().replace(/s$/, ''));
      for (const e of entities) if (!['agent', 'squad', 'workflow'].includes(e)) throw bad('responderEntities', `'${e}' is not one of agents, squads, workflows.`);
      const search = q.get('search')?.[0]?.trim().toLowerCase();
      const all = data.responders.filter((r) => (!entities.length || entities.includes(r.entity)) && (!search || r.name.toLowerCase().includes(search)));
      const items = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((r) => serveResponder(r, v));
      return page(items, all.length, pageNumber, pageSize, v);
    }
    case 'zaiaExecutions': {
      const { pageNumber, pageSize } = paging(q);
      const ids = listParam(q, 'responderids');
      for (const r of ids) if (!UUID.test(r)) throw bad('responderIds', `'${r}' is not a valid UUID.`);
      const wanted = new Set(ids.map((r) => r.toLowerCase()));
      const all = wanted.size ? data.executions.filter((e) => wanted.has(e.responderId.toLowerCase())) : data.executions;
      const items = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((e) => serveExecution(e, v));
      return page(items, all.length, pageNumber, pageSize, v);
    }
    case 'zaiaExecution': {
      if (!id || !UUID.test(id)) throw bad('id', `'${id ?? ''}' is not a valid UUID.`);
      const e = data.byId.get(id.toLowerCase());
      if (!e) throw ProblemError.notFound(`Execution '${id}' was not found.`);
      return serveExecution(e, v);
    }
    case 'zaiaNestings': {
      const executionId = q.get('executionid')?.[0]?.trim();
      const chatMessageId = q.get('chatmessageid')?.[0]?.trim();
      if (!executionId && !chatMessageId) throw bad('executionId', 'Either executionId or chatMessageId is required.');
      for (const [name, value] of [['executionId', executionId], ['chatMessageId', chatMessageId]] as const) {
        if (value && !UUID.test(value)) throw bad(name, `'${value}' is not a valid UUID.`);
      }
      const root = executionId ? data.byId.get(executionId.toLowerCase()) : data.byChatMessage.get(chatMessageId!.toLowerCase());
      if (!root) throw ProblemError.notFound(executionId ? `Execution '${executionId}' was not found.` : `No execution for chat message '${chatMessageId}'.`);
      return nestings(data, root, v);
    }
  }
}
