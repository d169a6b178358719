// Schema drift a real service might show tomorrow: new enum members, older PascalCase spellings,
// fields the client has never seen, and optional fields left out. Works on a deep copy; the seeded
// data is never touched.
import type { DriftKind } from './types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Enum-valued keys; `type` only counts on steps and triggers (ProblemDetails and OTLP use it too). */
const ENUM_KEYS = new Set(['status', 'deliveryStatus', 'toolType', 'gateType', 'quality', 'decision']);
const UNKNOWN: Record<string, string> = {
  status: 'QUANTUM_PENDING', deliveryStatus: 'QUANTUM_RELAYED', toolType: 'QUANTUM_TOOL', gateType: 'QUANTUM_GATE',
  quality: 'QUANTUM_QUALITY', decision: 'QUANTUM_DEFER', stepType: 'QUANTUM_STEP', triggerType: 'QUANTUM_TRIGGER',
};

const OPTIONAL = new Set([
  'cachedTokens', 'cachedCost', 'thinkingCost', 'thinkingTokens', 'trigger', 'destinations', 'remoteAgentRevision',
  'deliveryStatus', 'llmMessages', 'serverToolInvocations', 'tools', 'description', 'tags', 'origin', 'respondedBy',
  'outboundMessage', 'deliveryRoute', 'correlationToken', 'stepIdentifier', 'fileLink', 'links',
]);
/** Never dropped even when null: ids, times, list containers. */
const KEEP = /(^id$|Id$|Time$|At$|^items$|^traces$|^steps$|^totalCount$|^duration)/;
/** User data whose inner keys belong to the user, not to the API schema. */
const OPAQUE = new Set(['parameters', 'jsonValue', 'proposedParameters', 'inputPayload', 'arguments', 'input', 'output', 'value']);

const SCREAMING = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export function pascal(v: string): string {
  return v.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

interface State { kinds: Set<DriftKind>; n: number }

function isStep(o: Record<string, Json>): boolean {
  return 'steps' in o && ('llmStepTrace' in o || 'toolTrace' in o);
}

function enumValue(st: State, slot: string, v: Json): Json {
  if (typeof v !== 'string' || !SCREAMING.test(v)) return v;
  // Every other enum value becomes unknown, so both known and unknown values appear in one response.
  if (st.kinds.has('unknownEnums') && st.n++ % 2 === 0) return UNKNOWN[slot] ?? 'QUANTUM_VALUE';
  if (st.kinds.has('pascalCase')) return pascal(v);
  return v;
}

function walk(st: State, v: Json, parentKey: string): Json {
  if (Array.isArray(v)) return v.map((x) => walk(st, x, parentKey));
  if (v === null || typeof v !== 'object') return v;
  const out: { [k: string]: Json } = {};
  const step = isStep(v);
  for (const [k, x] of Object.entries(v)) {
    if (st.kinds.has('missingOptional') && !KEEP.test(k) && (OPTIONAL.has(k) || x === null)) continue;
    if (OPAQUE.has(k)) out[k] = x;
    else if (ENUM_KEYS.has(k) && typeof x === 'string') out[k] = enumValue(st, k, x);
    else if (k === 'type' && step) out[k] = enumValue(st, 'stepType', x);
    else if (k === 'type' && parentKey === 'trigger') out[k] = enumValue(st, 'triggerType', x);
    else out[k] = walk(st, x, k);
  }
  if (st.kinds.has('extraFields')) out.x_sim_extra = { note: 'field unknown to clients', level: parentKey || 'root', n: st.n };
  return out;
}

export function applyDrift(body: unknown, kinds: readonly DriftKind[]): unknown {
  if (kinds.length === 0) return body;
  return walk({ kinds: new Set(kinds), n: 0 }, body as Json, '');
}
