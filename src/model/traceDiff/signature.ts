// What the aligner and the differ look at in one step: a structural key (what kind of step this is, whatever
// its ids and counters) and the step's "choice" fields (what it was asked and what it decided), in a stable
// text form so equal content compares equal whatever the key order of the source's JSON.
import type { Step } from '../types';

// Ids, hashes, timestamps and counters change between two runs of the same agent; the structure does not.
const STRIP: readonly RegExp[] = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, // UUIDs
  /\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?/gi, // ISO timestamps
  /\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi, // long hex ids with at least one digit
  /\d+(\.\d+)?/g, // any other number: "turn 3", "call_17"
];

/** A step name without ids, timestamps and numbers, lower-cased and with runs of blanks folded (for matching only). */
export function normalizeName(name: string): string {
  const hit = normalized.get(name);
  if (hit !== undefined) return hit;
  let s = name;
  for (const re of STRIP) s = s.replace(re, '#');
  s = s.toLowerCase().replace(/\s+/g, ' ').trim();
  // Names repeat across a trace ("chat gpt-4o", "lookupOrder"); the cache is cleared when it grows large.
  if (normalized.size > 50_000) normalized.clear();
  normalized.set(name, s);
  return s;
}

const normalized = new Map<string, string>();

/** The tool a step ran, for tool steps and approval gates; '' otherwise. */
export function toolOf(step: Step): string {
  const d = step.detail;
  if (d.kind === 'tool') return d.tool ?? d.toolKey ?? '';
  if (d.kind === 'hitl') return d.toolKey ?? '';
  return '';
}

/** The structural key: steps with equal keys are "the same step" of two runs. */
export function stepKey(step: Step): string {
  return `${step.kind}\u0000${normalizeName(step.name)}\u0000${toolOf(step)}`;
}

/** JSON with object keys sorted at every level, indented: equal values give equal text, and it reads well in a diff. */
export function stableJson(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value, new WeakSet()), null, indent) ?? 'undefined';
}

function sortKeys(v: unknown, seen: WeakSet<object>): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) return '[circular]';
  seen.add(v);
  let out: unknown;
  if (Array.isArray(v)) out = v.map((x) => sortKeys(x, seen));
  else {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) o[k] = sortKeys((v as Record<string, unknown>)[k], seen);
    out = o;
  }
  seen.delete(v);
  return out;
}

/** A field of a step that two runs can differ in (not timing, tokens or cost: those are deltas, not changes). */
export type FieldKey =
  | 'name'
  | 'tool'
  | 'model'
  | 'messages'
  | 'answer'
  | 'parameters'
  | 'result'
  | 'input'
  | 'output'
  | 'decision'
  | 'status'
  | 'error'
  | 'order';

/**
 * The step's comparable fields as text, keyed by field. A field absent on both sides is left out; `name` and
 * `status` are always there. Texts are what the diff editor shows, so JSON is pretty-printed with sorted keys.
 */
export function stepFields(step: Step): Partial<Record<FieldKey, string>> {
  const f: Partial<Record<FieldKey, string>> = { name: step.name, status: step.status };
  if (step.error) f.error = step.error;
  const d = step.detail;
  const put = (k: FieldKey, v: unknown) => {
    if (v !== undefined) f[k] = typeof v === 'string' ? v : stableJson(v);
  };
  switch (d.kind) {
    case 'llm':
      put('model', d.model);
      if (d.messages.length > 0) put('messages', d.messages);
      put('answer', d.result?.text ?? d.result?.json ?? d.result?.fileLink);
      break;
    case 'tool':
      put('tool', d.tool ?? d.toolKey);
      put('parameters', d.parameters);
      put('result', d.result?.text ?? d.result?.json ?? d.result?.fileLink);
      break;
    case 'hitl':
      put('tool', d.toolKey);
      put('parameters', d.proposedParameters);
      put('decision', d.decision);
      break;
    case 'generic':
      put('input', d.input);
      put('output', d.output ?? d.result?.text ?? d.result?.json ?? d.result?.fileLink);
      break;
  }
  return f;
}

/** Fields that are the consequence of what a step's children did, not a decision of the step itself. */
export const OUTCOME_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['output', 'result', 'answer', 'status', 'error']);


/**
 * A 53-bit hash of a step's comparable fields (the same fields as stepFields), fed value by value with sorted
 * object keys instead of building the JSON texts: two runs' worth of steps are hashed without allocating their
 * content again. Equal hashes are taken as equal content (a collision is ~2^-53 per pair); unequal ones are
 * compared field by field on the texts (stepFields) to name what changed.
 */
export function contentHash(step: Step): number {
  const h = new Hasher();
  h.str(step.name).str(step.status).str(step.error ?? '');
  const d = step.detail;
  h.str(d.kind);
  switch (d.kind) {
    case 'llm':
      h.value(d.model).value(d.messages.length > 0 ? d.messages : undefined).value(d.result?.text ?? d.result?.json ?? d.result?.fileLink);
      break;
    case 'tool':
      h.value(d.tool ?? d.toolKey).value(d.parameters).value(d.result?.text ?? d.result?.json ?? d.result?.fileLink);
      break;
    case 'hitl':
      h.value(d.toolKey).value(d.proposedParameters).value(d.decision);
      break;
    case 'generic':
      h.value(d.input).value(d.output ?? d.result?.text ?? d.result?.json ?? d.result?.fileLink);
      break;
  }
  return h.digest();
}

/** cyrb53's mixing, fed incrementally. */
class Hasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  private depth = 0;

  str(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator, so ["ab"] and ["a","b"] differ.
    this.h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    this.h2 = Math.imul(h2 ^ 0x1f, 1597334677);
    return this;
  }

  value(v: unknown): this {
    if (v === undefined) return this.str('\u0000u');
    if (typeof v === 'string') return this.tag(1).str(v);
    if (v === null || typeof v !== 'object') return this.tag(2).str(String(v));
    if (this.depth > 64) return this.str('\u0000deep');
    this.depth++;
    if (Array.isArray(v)) {
      this.tag(3).tag(v.length);
      for (const x of v) this.value(x);
    } else {
      const keys = Object.keys(v);
      if (keys.length > 1) keys.sort();
      this.tag(4).tag(keys.length);
      for (const k of keys) this.str(k).value((v as Record<string, unknown>)[k]);
    }
    this.depth--;
    return this;
  }

  /** One number into the state (a type tag, a length). */
  private tag(n: number): this {
    this.h1 = Math.imul(this.h1 ^ (n + 0x100), 2654435761);
    this.h2 = Math.imul(this.h2 ^ (n + 0x100), 1597334677);
    return this;
  }

  digest(): number {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}
