// zod 4 schemas for the Zaia Endless public API (alpha; seed 003 and api/zaia.md). Much of it is not
// public [guess]: list envelopes, status values, `detail` variants, and how `nestings` returns children.
// So every schema is loose (unknown fields are kept for the key/value view), every list accepts a bare
// array or an object holding the array under an obvious key, and nestings accepts a nested tree, a flat
// list linked by parentId, or a wrapper around either; the result is always a flat list.
import { z } from 'zod';
import { amount, anyJson, flag, id, optionalString, optionalTimestamp, toNumber } from '../fruxon/fields';
import { canonicalExecution } from './executionFast';

export const ExecutionSchema = z.looseObject({
  id,
  createdAt: optionalTimestamp,
  updatedAt: optionalTimestamp,
  /** Credits, not money. */
  creditsUsed: amount,
  /** [guess] one of several type-specific shapes; kept as sent and shown as a key/value tree. */
  detail: anyJson,
  startedAt: optionalTimestamp,
  /** null while running. */
  endedAt: optionalTimestamp,
  isAgentic: flag(false),
  isPurged: flag(false),
  parentId: optionalString,
  responderId: optionalString,
  /** [guess] open: running, completed, failed… in whatever spelling arrived. */
  status: optionalString,
  workspaceId: optionalString,
});

/** [doc] agents | squads | workflows; kept as sent (singular or plural, any case). */
export const ResponderSchema = z.preprocess((v) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  // [guess] `type`/`entityType`/`kind` instead of `entity`; `displayName`/`title` instead of `name`.
  const entity = o.entity ?? o.entityType ?? o.type ?? o.kind;
  const name = o.name ?? o.displayName ?? o.title;
  return { ...o, entity, name };
}, z.looseObject({
  id,
  entity: optionalString,
  name: optionalString,
  picture: anyJson,
  workspaceId: optionalString,
}));

export type ZaiaExecution = z.output<typeof ExecutionSchema>;
export type ZaiaResponder = z.output<typeof ResponderSchema>;

export interface ZaiaPageInfo {
  /** Total matching items, when the service said. */
  total?: number;
  /** An explicit "there is another page" from the service, when it said. */
  hasMore?: boolean;
}

const LIST_KEYS = ['items', 'data', 'results', 'records', 'executions', 'responders', 'rows', 'content', 'value'];
const TOTAL_KEYS = ['total', 'totalCount', 'totalItems', 'totalRecords', 'count', 'totalElements'];
const MORE_KEYS = ['hasMore', 'hasNextPage', 'hasNext', 'more'];

function pageInfo(o: Record<string, unknown>): ZaiaPageInfo {
  const out: ZaiaPageInfo = {};
  const sources = [o, ...['meta', 'pagination', 'page', 'paging'].map((k) => o[k]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x))];
  for (const src of sources) {
    for (const k of TOTAL_KEYS) {
      const n = toNumber(src[k]);
      if (out.total === undefined && typeof n === 'number' && Number.isFinite(n) && n >= 0) out.total = n;
    }
    for (const k of MORE_KEYS) if (out.hasMore === undefined && typeof src[k] === 'boolean') out.hasMore = src[k] as boolean;
    // `totalPages` with the current page number says as much as hasMore.
    const pages = toNumber(src.totalPages);
    const current = toNumber(src.pageNumber ?? src.currentPage ?? src.page);
    if (out.hasMore === undefined && typeof pages === 'number' && typeof current === 'number') out.hasMore = current < pages;
  }
  return out;
}

/** A page of `item`: a bare array, or `{items|data|results…: [...], total…}`. */
export function zaiaPage<T extends z.ZodType>(item: T) {
  return z.unknown().transform((v, ctx): { items: z.output<T>[] } & ZaiaPageInfo => {
    let list: unknown = v;
    let info: ZaiaPageInfo = {};
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const key = LIST_KEYS.find((k) => Array.isArray(o[k]));
      // `{data: {items: [...]}}` (a wrapper around the envelope).
      const inner = !key && o.data && typeof o.data === 'object' && !Array.isArray(o.data) ? (o.data as Record<string, unknown>) : undefined;
      const innerKey = inner ? LIST_KEYS.find((k) => Array.isArray(inner[k])) : undefined;
      list = key ? o[key] : inner && innerKey ? inner[innerKey] : undefined;
      info = { ...(inner ? pageInfo(inner) : {}), ...pageInfo(o) };
    }
    const parsed = z.array(item).safeParse(list);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      if (!Array.isArray(list)) ctx.addIssue({ code: 'custom', message: 'expected a list, or an object with an items/data array' });
      return z.NEVER;
    }
    return { items: parsed.data, ...info };
  });
}

export const ExecutionPageSchema = zaiaPage(ExecutionSchema);
export const ResponderPageSchema = zaiaPage(ResponderSchema);

/** An execution, also when wrapped as `{execution: {...}}` or `{data: {...}}`. */
export const SingleExecutionSchema = z.preprocess((v) => {
  if (v && typeof v === 'object' && !Array.isArray(v) && !('id' in v)) {
    const o = v as Record<string, unknown>;
    const inner = o.execution ?? o.data ?? o.item;
    if (inner && typeof inner === 'object') return inner;
  }
  return v;
}, ExecutionSchema);

// ---- nestings -----------------------------------------------------------------------------------------

/** [guess] where children may sit on an execution. */
export const CHILD_KEYS = ['children', 'nestings', 'childExecutions', 'executions', 'nested', 'subExecutions', 'items'] as const;

export interface ZaiaNestings {
  /** The execution asked for (or the one the chat message started). */
  root: ZaiaExecution;
  /** Root first, then every descendant (each with parentId set), in the order the service sent them. */
  executions: ZaiaExecution[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Flattens whatever came back into executions with parentId, without recursion (a chain of sub-executions
 * can be deeper than the call stack). The child arrays are removed from each execution.
 */
export function flattenNestings(v: unknown): { rootIndex: number; nodes: unknown[] } | undefined {
  let top: unknown = v;
  let rootHint: unknown;
  if (isObject(v) && !('id' in v)) {
    // `{execution: {...}, children: [...]}` or `{data: ...}` or `{items: [...]}`.
    rootHint = v.execution ?? v.root ?? v.parent;
    const kids = CHILD_KEYS.map((k) => v[k]).find(Array.isArray) ?? (Array.isArray(v.data) ? v.data : undefined);
    if (isObject(rootHint)) top = { ...rootHint, children: [...((CHILD_KEYS.map((k) => rootHint && (rootHint as Record<string, unknown>)[k]).find(Array.isArray) as unknown[]) ?? []), ...(kids ?? [])] };
    else if (kids) top = kids;
    else if (isObject(v.data)) top = v.data;
  }
  const nodes: unknown[] = [];
  // Two parallel stacks rather than a {node, parentId} object per execution (100,000 of them in a big run).
  const stack: unknown[] = [];
  const parents: unknown[] = [];
  const roots = Array.isArray(top) ? top : [top];
  for (let i = roots.length - 1; i >= 0; i--) {
    stack.push(roots[i]);
    parents.push(undefined);
  }
  while (stack.length) {
    const node = stack.pop();
    const parentId = parents.pop();
    if (!isObject(node)) {
      nodes.push(node);
      continue;
    }
    let kids: unknown[] | undefined;
    for (const k of CHILD_KEYS) {
      const list = node[k];
      if (Array.isArray(list)) {
        kids ??= [];
        for (const c of list) kids.push(c);
      }
    }
    // Copied only when something changes (children taken out, the parent filled in): the input stays untouched,
    // and a leaf that already names its parent (most of a big run) costs no copy.
    const fill = node.parentId == null && parentId != null;
    let copy = node;
    if (kids || fill) {
      copy = { ...node };
      if (kids) for (const k of CHILD_KEYS) if (Array.isArray(copy[k])) delete copy[k];
      if (fill) copy.parentId = parentId;
    }
    nodes.push(copy);
    if (!kids) continue;
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push(kids[i]);
      parents.push(copy.id);
    }
  }
  if (!nodes.length) return undefined;
  // The root: the one without a parent among the returned ones; else the first. The id set is built only when
  // a node before the root names a parent (the root usually comes first).
  let ids: Set<string> | undefined;
  const rootIndex = Math.max(0, nodes.findIndex((n) => {
    if (!isObject(n)) return false;
    if (n.parentId == null) return true;
    if (!ids) {
      ids = new Set<string>();
      for (const m of nodes) if (isObject(m)) ids.add(String(m.id));
    }
    return !ids.has(String(n.parentId));
  }));
  return { rootIndex, nodes };
}

export const NestingsSchema = z.unknown().transform((v, ctx): ZaiaNestings => {
  const flat = flattenNestings(v);
  if (!flat) {
    ctx.addIssue({ code: 'custom', message: 'expected an execution with its children' });
    return z.NEVER;
  }
  // Executions already in canonical form skip zod (see executionFast.ts); one that is not sends the whole list
  // through zod, so what is reported, and where, is exactly what it always was.
  let executions: ZaiaExecution[] | undefined = [];
  for (const node of flat.nodes) {
    const e = canonicalExecution(node);
    if (!e) {
      executions = undefined;
      break;
    }
    executions.push(e);
  }
  if (!executions) {
    const parsed = z.array(ExecutionSchema).safeParse(flat.nodes);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    executions = parsed.data;
  }
  const root = executions[flat.rootIndex]!;
  return { root, executions: [root, ...executions.filter((_, i) => i !== flat.rootIndex)] };
});

/** When an execution started: startedAt, else createdAt, else 0. */
export function executionStart(e: Pick<ZaiaExecution, 'startedAt' | 'createdAt'>): number {
  return e.startedAt ?? e.createdAt ?? 0;
}

