// The JSON Schema subset `output.jsonSchema` checks (draft 2020-12 / draft-07 meanings):
//   type (one or a list; "integer" too), enum, const, properties, required, additionalProperties (boolean or
//   schema), minProperties, maxProperties, items (one schema for every element), minItems, maxItems,
//   uniqueItems, minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum (numbers),
//   multipleOf, allOf, anyOf, oneOf, not; annotations ($schema, $id, $comment, title, description, default,
//   examples, format — format is not checked) are accepted.
// A keyword outside it ($ref, if/then/else, patternProperties…) is refused when the file is read, so a test never
// looks stricter than it is. Why not ajv: it compiles schemas with `new Function`, and ~120 KB minified would be
// most of this feature's weight for schemas that are, in practice, a shape check of an agent's JSON answer.
// Pure: no `vscode`.
import { deepEqual } from './jsonPath';

const CHECKED = new Set(['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties', 'items',
  'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'allOf', 'anyOf', 'oneOf', 'not']);
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'format', 'deprecated', 'readOnly', 'writeOnly']);
const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

type Schema = boolean | Record<string, unknown>;
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Why a schema cannot be checked (a keyword outside the subset, a malformed value), with where; undefined if it can. */
export function checkSchemaSupported(schema: unknown, path: Array<string | number> = []): { path: Array<string | number>; message: string } | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (!isObj(schema)) return { path, message: 'must be a JSON Schema: an object (or true/false).' };
  for (const [k, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k)) continue;
    if (!CHECKED.has(k)) return { path: [...path, k], message: `"${k}" is not in the JSON Schema subset AgentLens checks (see the README); remove it or check that part another way.` };
    if (k === 'type') {
      const list = Array.isArray(v) ? v : [v];
      if (list.length === 0 || !list.every((t) => typeof t === 'string' && TYPES.has(t))) return { path: [...path, k], message: `must be one of ${[...TYPES].join(', ')} (or a list of them).` };
    } else if (k === 'properties') {
      if (!isObj(v)) return { path: [...path, k], message: 'must be an object of schemas.' };
      for (const [name, sub] of Object.entries(v)) {
        const p = checkSchemaSupported(sub, [...path, k, name]);
        if (p) return p;
      }
    } else if (k === 'items' || k === 'not' || (k === 'additionalProperties' && typeof v !== 'boolean')) {
      const p = checkSchemaSupported(v, [...path, k]);
      if (p) return p;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      if (!Array.isArray(v) || v.length === 0) return { path: [...path, k], message: 'must be a non-empty list of schemas.' };
      for (let i = 0; i < v.length; i++) {
        const p = checkSchemaSupported(v[i], [...path, k, i]);
        if (p) return p;
      }
    } else if (k === 'required') {
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return { path: [...path, k], message: 'must be a list of property names.' };
    } else if (k === 'enum') {
      if (!Array.isArray(v)) return { path: [...path, k], message: 'must be a list of values.' };
    } else if (k === 'pattern') {
      try {
        new RegExp(String(v), 'u');
      } catch (e) {
        return { path: [...path, k], message: `is not a valid regular expression: ${(e as Error).message}.` };
      }
    } else if (k === 'uniqueItems') {
      if (typeof v !== 'boolean') return { path: [...path, k], message: 'must be true or false.' };
    } else if (k !== 'const' && (typeof v !== 'number' || !Number.isFinite(v))) {
      return { path: [...path, k], message: 'must be a number.' };
    }
  }
  return undefined;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v);

const where = (path: string, seg: string | number): string =>
  typeof seg === 'number' ? `${path}[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `${path}.${seg}` : `${path}[${JSON.stringify(seg)}]`;

/** Every way `value` breaks `schema` (a schema checkSchemaSupported accepted), as "$.path: problem". Empty: valid. */
export function validateJsonSchema(schema: unknown, value: unknown, path = '$'): string[] {
  const s = schema as Schema;
  if (s === true) return [];
  if (s === false) return [`${path}: no value is allowed here`];
  const errs: string[] = [];
  const add = (m: string): void => void errs.push(`${path}: ${m}`);
  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      add(`must be ${types.join(' or ')}, not ${t === 'integer' ? 'number' : t}`);
      return errs;
    }
  }
  if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => deepEqual(e, value))) add(`must be one of ${JSON.stringify(s.enum)}`);
  if ('const' in s && !deepEqual(s.const, value)) add(`must be ${JSON.stringify(s.const)}`);
  if (typeof value === 'string') {
    const n = [...value].length;
    if (typeof s.minLength === 'number' && n < s.minLength) add(`must be at least ${s.minLength} characters long`);
    if (typeof s.maxLength === 'number' && n > s.maxLength) add(`must be at most ${s.maxLength} characters long`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) add(`must match /${s.pattern}/`);
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) add(`must be ≥ ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) add(`must be ≤ ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) add(`must be > ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) add(`must be < ${s.exclusiveMaximum}`);
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0 && Math.abs(value / s.multipleOf - Math.round(value / s.multipleOf)) > 1e-9) add(`must be a multiple of ${s.multipleOf}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) add(`must have at least ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) add(`must have at most ${s.maxItems} items`);
    if (s.uniqueItems === true && value.some((x, i) => value.findIndex((y) => deepEqual(x, y)) !== i)) add('must not repeat items');
    if (s.items !== undefined) value.forEach((x, i) => errs.push(...validateJsonSchema(s.items, x, where(path, i))));
  }
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) add(`must have at least ${s.minProperties} properties`);
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) add(`must have at most ${s.maxProperties} properties`);
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in value)) add(`must have the property "${r}"`);
    const props = (s.properties as Record<string, unknown> | undefined) ?? {};
    for (const k of keys) {
      if (k in props) errs.push(...validateJsonSchema(props[k], value[k], where(path, k)));
      else if (s.additionalProperties === false) add(`must not have the property "${k}"`);
      else if (isObj(s.additionalProperties)) errs.push(...validateJsonSchema(s.additionalProperties, value[k], where(path, k)));
    }
  }
  for (const sub of (s.allOf as unknown[] | undefined) ?? []) errs.push(...validateJsonSchema(sub, value, path));
  if (s.anyOf !== undefined && !(s.anyOf as unknown[]).some((sub) => validateJsonSchema(sub, value, path).length === 0)) add('must match at least one of the anyOf schemas');
  if (s.oneOf !== undefined) {
    const n = (s.oneOf as unknown[]).filter((sub) => validateJsonSchema(sub, value, path).length === 0).length;
    if (n !== 1) add(`must match exactly one of the oneOf schemas (matches ${n})`);
  }
  if (s.not !== undefined && validateJsonSchema(s.not, value, path).length === 0) add('must not match the "not" schema');
  return errs;
}
