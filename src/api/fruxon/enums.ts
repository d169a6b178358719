// Fruxon enums are open: the service adds members, and older API versions spelled them in PascalCase
// (`Completed`) or sent numbers (`type: 0`). Schemas therefore keep whatever string arrived, and code
// compares through these helpers instead of with `===`. The lists are the values known today, for menus
// and for recognising a value; an unknown value is still valid and must be displayed as it came.

export const EXECUTION_STATUSES = ['IN_PROGRESS', 'WAITING_FOR_ASYNC', 'COMPLETED', 'FAILED', 'CANCELLED', 'REJECTED'] as const;
/** `HITL` is what gate steps carry in practice; the others are spellings seen in related APIs. */
export const STEP_TYPES = ['UNSPECIFIED', 'FLOW_STEP', 'LLM_STEP', 'TOOL', 'HITL', 'HITL_STEP', 'HUMAN_APPROVAL'] as const;
export const STEP_STATUSES = ['UNSPECIFIED', 'SUCCESS', 'ERROR'] as const;
export const SAMPLE_QUALITIES = ['UNSPECIFIED', 'GOOD', 'BAD', 'NEEDS_REVIEW'] as const;
export const EXECUTION_MODES = ['UNSPECIFIED', 'PRODUCTION', 'SANDBOX'] as const;
export const APPROVAL_STATUSES = ['UNSPECIFIED', 'PENDING', 'RESPONDED', 'CANCELLED', 'EXPIRED'] as const;
export const APPROVAL_DECISIONS = ['APPROVE', 'REJECT'] as const;
/** Incomplete in the docs: only the members seen so far. */
export const DELIVERY_STATUSES = ['NOT_APPLICABLE', 'DELIVERED'] as const;
export const TRIGGER_TYPES = ['UNSPECIFIED', 'API'] as const;
export const TOOL_TYPES = ['UNSPECIFIED', 'AGENT_TOOL'] as const;
export const GATE_TYPES = ['UNSPECIFIED', 'TOOL_FLOW_STEP'] as const;

export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export type StepType = (typeof STEP_TYPES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type SampleQuality = (typeof SAMPLE_QUALITIES)[number];
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

/**
 * UPPER_SNAKE spelling of an enum value: `Completed` → `COMPLETED`, `InProgress` → `IN_PROGRESS`,
 * `LlmStep` → `LLM_STEP`, `in-progress` → `IN_PROGRESS`. Already-canonical values and numbers pass
 * through unchanged (as strings); null and undefined give ''.
 */
export function normalizeEnum(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value).trim();
  if (/^[A-Z0-9]+(_[A-Z0-9]+)*$/.test(s)) return s;
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[\s\-.]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

/** Case- and separator-insensitive equality: `InProgress`, `IN_PROGRESS` and `in progress` are equal. */
export function enumEquals(a: unknown, b: unknown): boolean {
  const key = (v: unknown): string => normalizeEnum(v).replace(/_/g, '');
  const ka = key(a);
  return ka !== '' && ka === key(b);
}

/** The known member `value` stands for, in canonical spelling; undefined when it is not one of `known`. */
export function knownEnum<T extends string>(known: readonly T[], value: unknown): T | undefined {
  return known.find((k) => enumEquals(k, value));
}

/** Gate steps are `HITL` today; anything naming a human or an approval counts too. */
export function isHitlStepType(type: unknown): boolean {
  const n = normalizeEnum(type);
  return /(^|_)(HITL|HUMAN|APPROVAL|GATE)(_|$)/.test(n);
}

/** Statuses after which a record will not change again. */
export function isTerminalStatus(status: unknown): boolean {
  return ['COMPLETED', 'FAILED', 'CANCELLED', 'REJECTED'].some((s) => enumEquals(s, status));
}
