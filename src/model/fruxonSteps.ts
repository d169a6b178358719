// One Fruxon trace step → one model Step (children are attached by fruxonTrace.ts). Type and status
// are open enums: they are resolved through the enums.ts helpers once per distinct spelling and cached,
// because a 100,000-step trace repeats the same handful of values and normalizing each would dominate.
import { STEP_STATUSES, STEP_TYPES, isHitlStepType, knownEnum, normalizeEnum } from '../api/fruxon/enums';
import type { HitlTrace, LlmStepTrace, ToolTrace, TraceStep } from '../api/fruxon/traceSchemas';
import { isObj, num, str, time, toMessages, toResult, toToolDefinitions } from './llmContent';
import type { Obj } from './llmContent';
import type { CostBreakdown, Step, StepDetail, StepKind, StepStatus, TokenCounts } from './types';

type TypeBase = 'flow' | 'llm' | 'tool' | 'hitl' | 'unspecified' | 'unknown';
type StatusBase = 'SUCCESS' | 'ERROR' | 'UNSPECIFIED' | 'unknown';

const TYPE_BASE: Record<string, TypeBase> = {
  UNSPECIFIED: 'unspecified', FLOW_STEP: 'flow', LLM_STEP: 'llm', TOOL: 'tool', HITL: 'hitl', HITL_STEP: 'hitl', HUMAN_APPROVAL: 'hitl',
};
/** The spelling a step of each kind carries today; any other spelling is kept as `rawType`. */
const CANONICAL_TYPE: Partial<Record<StepKind, string>> = { flow: 'FLOW_STEP', llm: 'LLM_STEP', tool: 'TOOL', hitl: 'HITL' };
const CANONICAL_STATUS: Partial<Record<StepStatus, string>> = { ok: 'SUCCESS', error: 'ERROR', running: 'UNSPECIFIED' };
// [guess] Older APIs sent proto numbers; the docs list both enums in proto order, UNSPECIFIED = 0.
const TYPE_BY_NUMBER = ['UNSPECIFIED', 'FLOW_STEP', 'LLM_STEP', 'TOOL'];
const STATUS_BY_NUMBER = ['UNSPECIFIED', 'SUCCESS', 'ERROR'];

const typeCache = new Map<string, TypeBase>();
const statusCache = new Map<string, StatusBase>();

function byNumber(raw: string, table: readonly string[]): string | undefined {
  return /^\d+$/.test(raw.trim()) ? table[Number(raw)] : undefined;
}

function typeBase(raw: string): TypeBase {
  let base = typeCache.get(raw);
  if (base === undefined) {
    const known = knownEnum(STEP_TYPES, raw) ?? byNumber(raw, TYPE_BY_NUMBER);
    base = known ? (TYPE_BASE[known] ?? 'unknown') : normalizeEnum(raw) === '' ? 'unspecified' : isHitlStepType(raw) ? 'hitl' : 'unknown';
    typeCache.set(raw, base);
  }
  return base;
}

function statusBase(raw: string): StatusBase {
  let base = statusCache.get(raw);
  if (base === undefined) {
    const known = knownEnum(STEP_STATUSES, raw) ?? byNumber(raw, STATUS_BY_NUMBER);
    base = known === 'SUCCESS' || known === 'ERROR' || known === 'UNSPECIFIED' ? known : normalizeEnum(raw) === '' ? 'UNSPECIFIED' : 'unknown';
    statusCache.set(raw, base);
  }
  return base;
}

/**
 * The brief's precedence: a gate type or any `hitlTrace` makes a gate; otherwise the type decides. A step
 * whose type is merely unset is recognised by the trace it carries; an unknown type stays `other`.
 */
function kindOf(s: TraceStep): StepKind {
  const base = typeBase(s.type);
  if (base === 'hitl' || isObj(s.hitlTrace)) return 'hitl';
  if (base === 'flow' || base === 'llm' || base === 'tool') return base;
  if (base === 'unspecified') return isObj(s.llmStepTrace) ? 'llm' : isObj(s.toolTrace) ? 'tool' : 'other';
  return 'other';
}

function tokensOf(llm: LlmStepTrace | null | undefined): TokenCounts {
  if (!llm) return { input: 0, output: 0, cached: 0, thinking: 0 };
  return { input: llm.inputTokens, output: llm.outputTokens, cached: llm.cachedTokens, thinking: llm.thinkingTokens };
}

/** Read from whichever traces a step carries, whatever its kind, so totals survive unknown step types. */
function costOf(llm: LlmStepTrace | null | undefined, tool: ToolTrace | null | undefined): CostBreakdown {
  const other = tool ? num(tool.cost) : 0;
  if (!llm) return { input: 0, output: 0, cached: 0, thinking: 0, other, total: other };
  // `thinkingCost` is not in the documented step shape; read it when a newer service sends it.
  const thinking = num((llm as Obj).thinkingCost);
  const c = { input: llm.inputCost, output: llm.outputCost, cached: llm.cachedCost, thinking, other, total: 0 };
  c.total = c.input + c.output + c.cached + c.thinking + c.other;
  return c;
}

/** `tool` is documented only as `null`; [guess] an object like the simulator's `{key, name}`, or a plain string. */
function toolName(t: ToolTrace): string | undefined {
  const tool = t.tool;
  if (isObj(tool)) return str(tool.name) ?? str(tool.key) ?? str(tool.displayName) ?? str(t.displayName);
  return str(tool) ?? str(t.displayName);
}

function llmDetail(s: TraceStep, llm: LlmStepTrace | null | undefined): StepDetail {
  const d: StepDetail & { kind: 'llm' } = {
    kind: 'llm',
    messages: llm ? toMessages(llm.llmMessages) : [],
    tools: llm ? toToolDefinitions(llm.tools) : [],
    serverToolInvocations: llm ? llm.serverToolInvocations : [],
  };
  if (llm?.providerId) d.provider = llm.providerId;
  if (llm?.model) d.model = llm.model;
  const result = toResult(s.result);
  if (result) d.result = result;
  return d;
}

function toolDetail(s: TraceStep, t: ToolTrace | null | undefined): StepDetail {
  const d: StepDetail & { kind: 'tool' } = { kind: 'tool' };
  if (t) {
    const name = toolName(t);
    if (name !== undefined) d.tool = name;
    const key = isObj(t.tool) ? str(t.tool.key) : undefined;
    if (key !== undefined) d.toolKey = key;
    if (t.toolType) d.toolType = t.toolType;
    if (t.parameters !== undefined && t.parameters !== null) d.parameters = t.parameters;
  }
  const result = toResult(s.result);
  if (result) d.result = result;
  return d;
}

function hitlDetail(h: HitlTrace | null | undefined): StepDetail {
  const d: StepDetail & { kind: 'hitl' } = { kind: 'hitl' };
  if (!h) return d;
  const requestedAt = time(h.requestedAt);
  const respondedAt = time(h.respondedAt);
  if (h.requestId) d.requestId = h.requestId;
  if (h.gateType) d.gateType = h.gateType;
  if (h.toolKey) d.toolKey = h.toolKey;
  if (h.proposedParameters !== undefined && h.proposedParameters !== null) d.proposedParameters = h.proposedParameters;
  if (typeof h.outboundMessage === 'string') d.outboundMessage = h.outboundMessage;
  if (requestedAt !== undefined) d.requestedAt = requestedAt;
  if (respondedAt !== undefined) d.respondedAt = respondedAt;
  if (h.respondedBy) d.respondedBy = h.respondedBy;
  if (h.decision) d.decision = h.decision;
  if (typeof h.responseText === 'string') d.responseText = h.responseText;
  const wait = typeof h.durationMs === 'number' ? h.durationMs
    : requestedAt !== undefined && respondedAt !== undefined ? respondedAt - requestedAt : undefined;
  if (wait !== undefined) d.waitMs = wait;
  return d;
}

const STEP_KEYS = new Set(['id', 'displayName', 'type', 'llmStepTrace', 'toolTrace', 'hitlTrace', 'steps', 'result', 'status', 'error',
  'startTime', 'endTime', 'duration']);

/** Fields the model has no slot for, kept for the key/value view. Undefined when there are none. */
function attributesOf(s: TraceStep, kind: StepKind): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  const put = (k: string, v: unknown): void => {
    if (v === undefined || v === null) return;
    (out ??= {})[k] = v;
  };
  for (const k in s) if (!STEP_KEYS.has(k)) put(k, (s as Obj)[k]);
  const h = s.hitlTrace;
  if (h) {
    put('stepIdentifier', h.stepIdentifier);
    put('correlationToken', h.correlationToken);
    put('deliveryRoute', h.deliveryRoute);
  }
  // Traces the chosen detail does not show (a gate carrying an LLM trace, a step of an unknown type).
  if (kind !== 'llm') put('llmStepTrace', s.llmStepTrace);
  if (kind !== 'tool') put('toolTrace', s.toolTrace);
  if (kind === 'other') put('hitlTrace', s.hitlTrace);
  return out;
}

function genericDetail(s: TraceStep, kind: StepKind): StepDetail {
  const d: StepDetail & { kind: 'generic' } = { kind: 'generic' };
  // A step of an unknown type that carries a tool trace: its parameters are the best "input" there is.
  const input = kind === 'other' ? s.toolTrace?.parameters : undefined;
  if (input !== undefined && input !== null) d.input = input;
  const result = toResult(s.result);
  if (result) d.result = result;
  return d;
}

function fallbackName(kind: StepKind, detail: StepDetail, rawType: string): string {
  if (detail.kind === 'llm') return detail.model ?? 'LLM call';
  if (detail.kind === 'tool') return detail.tool ?? 'Tool call';
  if (detail.kind === 'hitl') return detail.toolKey ? `Approval: ${detail.toolKey}` : 'Approval';
  return kind === 'flow' ? 'Flow' : rawType || 'Step';
}

/** The step without its children; `id` is already unique within the trace. */
export function mapStep(s: TraceStep, id: string): Step {
  const kind = kindOf(s);
  const llm = s.llmStepTrace;
  const tool = s.toolTrace;
  const detail: StepDetail =
    kind === 'llm' ? llmDetail(s, llm)
      : kind === 'tool' ? toolDetail(s, tool)
        : kind === 'hitl' ? hitlDetail(s.hitlTrace)
          : genericDetail(s, kind);

  const sb = statusBase(s.status);
  const error = typeof s.error === 'string' && s.error.trim() !== '' ? s.error : undefined;
  const failed = sb === 'ERROR' || error !== undefined;
  // endTime 0 means "still open"; a finished step that lost its end time still has its duration.
  const end = s.endTime > 0 ? s.endTime : (failed || sb === 'SUCCESS') && s.duration > 0 ? s.startTime + s.duration : undefined;
  const status: StepStatus = failed ? 'error' : end === undefined ? 'running' : sb === 'SUCCESS' ? 'ok' : 'unknown';

  const step: Step = {
    id, kind, name: s.displayName || fallbackName(kind, detail, s.type), status, start: s.startTime, end,
    tokens: tokensOf(llm), cost: costOf(llm, tool), detail, children: [],
  };
  if (CANONICAL_TYPE[kind] !== s.type) step.rawType = s.type;
  if (CANONICAL_STATUS[status] !== s.status) step.rawStatus = s.status;
  if (error !== undefined) step.error = error;
  const attributes = attributesOf(s, kind);
  if (attributes) step.attributes = attributes;
  return step;
}
