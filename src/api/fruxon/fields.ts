// Field schemas shared by every Fruxon shape. The policy they encode:
// - ids and start times are required; everything else may be missing;
// - tokens, costs and counts default to 0, lists to [], flags to what the seeds show;
// - numbers may arrive as numeric strings, timestamps as numeric strings or ISO dates (→ Unix ms);
// - enums are open strings kept in the spelling that arrived (numbers become strings); compare them with
//   the helpers in enums.ts. Normalizing on parse would hide what the server actually said in the raw view.
import { z } from 'zod';

const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]|$)/;

export function toNumber(v: unknown): unknown {
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim());
  return v;
}

export function toMillis(v: unknown): unknown {
  const n = toNumber(v);
  if (typeof n === 'string' && ISO_DATE.test(n.trim())) {
    const t = Date.parse(n.trim());
    if (!Number.isNaN(t)) return t;
  }
  return n;
}

const scalarToString = (v: unknown): unknown => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);

/** Required Unix-ms time. */
export const timestamp = z.preprocess(toMillis, z.number());
/** Unix-ms time where 0 means "not yet" (an open step's or a running record's end). */
export const timestampOrZero = z.preprocess((v) => (v == null ? 0 : toMillis(v)), z.number());
export const optionalTimestamp = z.preprocess((v) => (v == null ? v : toMillis(v)), z.number().nullish());
/** Tokens, costs, counts: missing or null is 0. */
export const amount = z.preprocess((v) => (v == null ? 0 : toNumber(v)), z.number());
export const optionalNumber = z.preprocess((v) => (v == null ? v : toNumber(v)), z.number().nullish());
/** Required identifier; a numeric id is kept as its decimal string. */
export const id = z.preprocess(scalarToString, z.string());
export const optionalString = z.preprocess(scalarToString, z.string().nullish());
/** Free text where a structured value would still be worth showing: objects become JSON. */
export const optionalText = z.preprocess(
  (v) => (v == null || typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)),
  z.string().nullish(),
);
export const text = (fallback = ''): z.ZodType<string> => z.preprocess((v) => (v == null ? fallback : scalarToString(v)), z.string());
/** An open enum that is always present in the model (`UNSPECIFIED` when the server left it out). */
export const openEnum = (fallback = 'UNSPECIFIED'): z.ZodType<string> =>
  z.preprocess((v) => (v == null ? fallback : scalarToString(v)), z.string());
export const optionalEnum = z.preprocess(scalarToString, z.string().nullish());
export const flag = (fallback: boolean): z.ZodType<boolean> =>
  z.preprocess((v) => (v == null ? fallback : v === 'true' ? true : v === 'false' ? false : v), z.boolean());
/** Any JSON value, including none: zod 4 otherwise requires a `z.unknown()` key to be present. */
export const anyJson = z.unknown().optional();
/** A list that is [] when missing or null. */
export const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v == null ? [] : v), z.array(item));

/**
 * A collection endpoint whose shape the docs leave open: a bare array, `{items: [...]}`, or the list under
 * another obvious key. Always yields the array.
 */
export function listResponse<T extends z.ZodType>(item: T, otherKeys: readonly string[] = []) {
  const keys = ['items', ...otherKeys, 'data', 'results', 'value'];
  const unwrap = (v: unknown): unknown => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    const key = keys.find((k) => Array.isArray(o[k]));
    return key && key !== 'items' ? { ...o, items: o[key] } : v;
  };
  return z.preprocess(
    unwrap,
    z.union([z.array(item), z.looseObject({ items: z.array(item) }).transform((o) => o.items)]),
  );
}
