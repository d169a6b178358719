// A fast path for ExecutionSchema on the executions of a big nestings response (100,000 of them in a long run):
// an execution in the usual form (ids and texts as strings, times as numbers or the strings the schema's toMillis
// reads, flags as booleans; null or absent where the schema allows it) gets the very object zod would build,
// without zod's per-field preprocess and catchall machinery. Anything else (a value zod would coerce another way
// or report) returns undefined,
// and the caller validates the whole list with zod as before, so every issue and its path stay zod's.
// Kept in step with ExecutionSchema by a unit test that compares both on every field's variants.
import { toMillis, toNumber } from '../fruxon/fields';
import type { ZaiaExecution } from './schemas';

type Obj = Record<string, unknown>;

/** ExecutionSchema's fields in its shape order, which is the order zod writes them in. */
const STRINGS_BEFORE = ['id'] as const;
const TIMES_A = ['createdAt', 'updatedAt'] as const;
const TIMES_B = ['startedAt', 'endedAt'] as const;
const FLAGS = ['isAgentic', 'isPurged'] as const;
const OPTIONAL_STRINGS = ['parentId', 'responderId', 'status', 'workspaceId'] as const;
const SHAPE = new Set<string>([...STRINGS_BEFORE, ...TIMES_A, 'creditsUsed', 'detail', ...TIMES_B, ...FLAGS, ...OPTIONAL_STRINGS]);

/** A finite number as `z.number()` takes it (the preprocessed value), else undefined. */
const finite = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/**
 * Copies an optional timestamp as `optionalTimestamp` outputs it: null as is, a number or a numeric / ISO string
 * through the same toMillis; absent stays absent. False for anything zod would reject.
 */
function time(v: Obj, out: Obj, k: string): boolean {
  if (!(k in v)) return true;
  const x = v[k];
  if (x === null) {
    out[k] = null;
    return true;
  }
  const t = x === undefined ? undefined : finite(toMillis(x));
  if (t === undefined) return false;
  out[k] = t;
  return true;
}

/** The object ExecutionSchema would output for `v`, or undefined when zod has to look at it. */
export function canonicalExecution(v: unknown): ZaiaExecution | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Obj;
  if (typeof o.id !== 'string') return undefined;
  const out: Obj = { id: o.id };
  if (!time(o, out, 'createdAt') || !time(o, out, 'updatedAt')) return undefined;
  // `amount`: missing or null is 0.
  const credits = o.creditsUsed;
  if (credits === undefined || credits === null) out.creditsUsed = 0;
  else {
    const n = finite(toNumber(credits));
    if (n === undefined) return undefined;
    out.creditsUsed = n;
  }
  if ('detail' in o) {
    if (o.detail === undefined) return undefined;
    out.detail = o.detail;
  }
  if (!time(o, out, 'startedAt') || !time(o, out, 'endedAt')) return undefined;
  for (const k of FLAGS) {
    // `flag(false)`: missing or null is false; the strings "true"/"false" (coerced by zod) go the slow way.
    const f = o[k];
    if (f === undefined || f === null) out[k] = false;
    else if (typeof f === 'boolean') out[k] = f;
    else return undefined;
  }
  for (const k of OPTIONAL_STRINGS) {
    if (!(k in o)) continue;
    const s = o[k];
    if (s !== null && typeof s !== 'string') return undefined;
    out[k] = s;
  }
  // Unknown fields are kept (a loose object), after the shape's, in the order they came.
  for (const k in o) {
    if (SHAPE.has(k)) continue;
    if (k === '__proto__' || o[k] === undefined) return undefined;
    out[k] = o[k];
  }
  return out as ZaiaExecution;
}
