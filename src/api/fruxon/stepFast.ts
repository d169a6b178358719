// A fast path for TraceStepSchema in deepParse's per-step validation (a 100,000-step trace validates 100,000
// steps): a step whose fields all have the usual types gets the very object zod would build, from a table of
// the schemas' fields and what each field kind makes of a value, without zod's preprocess/catchall machinery.
// Anything the table is not sure of (a missing required field, a wrong type, an undefined) returns undefined and
// the step goes through zod, so every issue and its path stay zod's. A unit test keeps the tables in step with
// the schemas (same keys in the same order) and compares both on every kind's variants.
import { toMillis, toNumber } from './fields';
import type { TraceStep } from './traceSchemas';

type Obj = Record<string, unknown>;
/** What a field kind makes of a value: the output, SKIP (the key stays out), or FAIL (ask zod). */
const SKIP = Symbol('skip');
const FAIL = Symbol('fail');
type Out = unknown | typeof SKIP | typeof FAIL;
/** `present` is `key in input`; the value is never undefined here (such input is left to zod). */
type Kind = (present: boolean, v: unknown) => Out;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (x: unknown): Out => (typeof x === 'number' && Number.isFinite(x) ? x : FAIL);
/** `scalarToString` then `z.string()`. */
const asString = (v: unknown): Out => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : FAIL);

// The field kinds of fields.ts, as zod outputs them.
const id: Kind = (p, v) => (p ? asString(v) : FAIL);
const withDefault = (fallback: unknown, k: (v: unknown) => Out): Kind => (p, v) => (!p || v === null ? fallback : k(v));
const nullish = (k: (v: unknown) => Out): Kind => (p, v) => (!p ? SKIP : v === null ? null : k(v));
const optionalString = nullish(asString);
const optionalText = nullish((v) => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)));
const amount = withDefault(0, (v) => finite(toNumber(v)));
const optionalNumber = nullish((v) => finite(toNumber(v)));
const timestamp: Kind = (p, v) => (p && v !== null ? finite(toMillis(v)) : FAIL);
const timestampOrZero = withDefault(0, (v) => finite(toMillis(v)));
const optionalTimestamp = nullish((v) => finite(toMillis(v)));
const anyJson: Kind = (p, v) => (p ? v : SKIP);
/** `list(z.unknown())`: a new array, as z.array makes. */
const list = withDefault([], (v) => (Array.isArray(v) ? v.slice() : FAIL));
/** A step's `steps`: deepParse validates the children one by one and hands each step over with `steps: []`. */
const emptySteps = withDefault([], (v) => (Array.isArray(v) && v.length === 0 ? [] : FAIL));

/** A loose object's fields in its shape order (exported for the test that compares them with the schemas). */
export type Fields = readonly (readonly [string, Kind])[];

const object = (fields: Fields): ((v: unknown) => Out) => {
  const known = new Set(fields.map(([k]) => k));
  return (v) => {
    if (!isObj(v)) return FAIL;
    const out: Obj = {};
    for (const [k, kind] of fields) {
      const present = k in v;
      if (present && v[k] === undefined) return FAIL;
      const r = kind(present, v[k]);
      if (r === FAIL) return FAIL;
      if (r !== SKIP) out[k] = r;
    }
    // Unknown fields are kept (loose objects), after the shape's, in the order they came.
    for (const k in v) {
      if (known.has(k)) continue;
      if (k === '__proto__' || v[k] === undefined) return FAIL;
      out[k] = v[k];
    }
    return out;
  };
};

export const RESULT_FIELDS: Fields = [['strValue', optionalText], ['jsonValue', anyJson], ['fileLink', optionalString]];
export const LLM_FIELDS: Fields = [
  ['providerId', optionalString], ['model', optionalString], ['inputTokens', amount], ['outputTokens', amount], ['cachedTokens', amount],
  ['thinkingTokens', amount], ['inputCost', amount], ['outputCost', amount], ['cachedCost', amount], ['tools', list], ['llmMessages', list],
  ['serverToolInvocations', list],
];
export const TOOL_FIELDS: Fields = [['tool', anyJson], ['displayName', optionalString], ['toolType', optionalString], ['parameters', anyJson], ['cost', optionalNumber]];
export const HITL_FIELDS: Fields = [
  ['requestId', optionalString], ['gateType', optionalString], ['toolKey', optionalString], ['stepIdentifier', optionalString],
  ['requestedAt', optionalTimestamp], ['respondedAt', optionalTimestamp], ['respondedBy', optionalString], ['decision', optionalString],
  ['responseText', optionalText], ['outboundMessage', optionalText], ['proposedParameters', anyJson], ['deliveryRoute', anyJson],
  ['correlationToken', optionalString], ['durationMs', optionalNumber],
];
const nested = (fields: Fields): Kind => nullish(object(fields));
export const STEP_FIELDS: Fields = [
  ['id', id], ['displayName', withDefault('', asString)], ['type', withDefault('UNSPECIFIED', asString)], ['llmStepTrace', nested(LLM_FIELDS)],
  ['toolTrace', nested(TOOL_FIELDS)], ['hitlTrace', nested(HITL_FIELDS)], ['result', nested(RESULT_FIELDS)],
  ['status', withDefault('UNSPECIFIED', asString)], ['error', optionalText], ['startTime', timestamp], ['endTime', timestampOrZero],
  ['duration', amount], ['steps', emptySteps],
];

const step = object(STEP_FIELDS);

/** The object TraceStepSchema would output for `v`, or undefined when zod has to look at it. */
export function canonicalStep(v: unknown): TraceStep | undefined {
  const r = step(v);
  return r === FAIL ? undefined : (r as TraceStep);
}
