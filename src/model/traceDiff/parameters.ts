// The run parameters of A and B, compared leaf by leaf (dotted paths), so "temperature: 0.2 → 0.7" reads at once.
import { stableJson } from './signature';

export interface ParamChange {
  /** `question`, `options.temperature`, `items[2]`; '' for the whole value when it is not an object. */
  path: string;
  /** Compact JSON of each side; undefined when the side lacks it. */
  a?: string;
  b?: string;
}

const MAX_DEPTH = 6;
const MAX_CHANGES = 500;

export function diffParameters(a: unknown, b: unknown): ParamChange[] {
  const out: ParamChange[] = [];
  visit(a, b, '', 0, out);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function visit(a: unknown, b: unknown, path: string, depth: number, out: ParamChange[]): void {
  if (out.length >= MAX_CHANGES) return;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b) && depth < MAX_DEPTH) {
    const keys = Array.isArray(a)
      ? Array.from({ length: Math.max(a.length, (b as unknown as unknown[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const p = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      visit(a[k], b[k as keyof typeof b], p, depth + 1, out);
    }
    return;
  }
  const ja = a === undefined ? undefined : stableJson(a, 0);
  const jb = b === undefined ? undefined : stableJson(b, 0);
  if (ja === jb) return;
  const c: ParamChange = { path };
  if (ja !== undefined) c.a = ja;
  if (jb !== undefined) c.b = jb;
  out.push(c);
}
