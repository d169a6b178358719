// zod 4 schemas for every Fruxon response AgentLens reads (seeds 000, 001, 002, 004 and api/fruxon.md),
// and their inferred types. Field policy (required ids and start times, defaults, open enums kept as
// sent) lives in fields.ts; trace shapes in traceSchemas.ts, re-exported here so there is one import.
import { z } from 'zod';
import { isTerminalStatus, enumEquals } from './enums';
import {
  amount, anyJson, flag, id, list, listResponse, openEnum, optionalEnum, optionalNumber, optionalString, optionalTimestamp, text,
  timestamp, timestampOrZero,
} from './fields';

export * from './traceSchemas';

// ---- execution records (seed 000) ----------------------------------------------------------------------

export const TriggerSchema = z.looseObject({
  /** Open: UNSPECIFIED, API… */
  type: optionalEnum,
  id: optionalString,
  provider: optionalString,
});

export const ExecutionRecordSchema = z.looseObject({
  id,
  agentId: id,
  agentRevision: amount,
  remoteAgentRevision: optionalString,
  startTime: timestamp,
  /** 0 while the execution is running. */
  endTime: timestampOrZero,
  /** Open: IN_PROGRESS, WAITING_FOR_ASYNC, COMPLETED, FAILED, CANCELLED, REJECTED. */
  status: openEnum(),
  deliveryStatus: optionalEnum,
  inputTokens: amount,
  outputTokens: amount,
  cachedTokens: amount,
  hasResult: flag(false),
  hasTrace: flag(false),
  isSample: flag(false),
  trigger: TriggerSchema.nullish(),
  destinations: list(z.unknown()),
  environmentSlug: optionalString,
  createdAt: optionalTimestamp,
  tenantId: optionalString,
  inputCost: amount,
  outputCost: amount,
  cachedCost: amount,
  thinkingCost: amount,
  totalCost: amount,
});

/** A page of records; a bare array (no paging) is accepted too. */
export const ExecutionRecordPageSchema = z.preprocess(
  (v) => (Array.isArray(v) ? { items: v } : v),
  z.looseObject({
    items: list(ExecutionRecordSchema),
    nextPageToken: optionalString,
    totalCount: optionalNumber,
  }),
);

// ---- per-environment summaries ([guess] shape) ---------------------------------------------------------

const SUMMARY_ALIASES: Record<string, readonly string[]> = {
  environmentSlug: ['environment', 'environmentName', 'slug', 'env', 'name'],
  executionCount: ['count', 'executions', 'executionsCount', 'totalExecutions', 'recordCount', 'total'],
  totalCost: ['cost', 'totalCostUsd'],
  lastActivityTime: ['lastActivity', 'lastActivityAt', 'lastActivityTimestamp', 'lastExecutionTime', 'lastExecutionAt'],
};

/** Fills the documented field names from plausible alternates; the alternates stay on the object too. */
function summaryAliases(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  for (const [name, alternates] of Object.entries(SUMMARY_ALIASES)) {
    if (o[name] != null) continue;
    const alt = alternates.find((a) => o[a] != null);
    if (alt !== undefined) o[name] = o[alt];
  }
  // `environment: {slug, name}` rather than a string.
  const env = o.environmentSlug;
  if (env && typeof env === 'object') o.environmentSlug = (env as Record<string, unknown>).slug ?? (env as Record<string, unknown>).name;
  return o;
}

export const EnvironmentSummarySchema = z.preprocess(summaryAliases, z.looseObject({
  environmentSlug: text(''),
  executionCount: amount,
  totalCost: amount,
  /** Unix ms; 0 when unknown. */
  lastActivityTime: timestampOrZero,
}));

export const EnvironmentSummaryListSchema = listResponse(EnvironmentSummarySchema, ['summaries', 'environments']);

// ---- agents ---------------------------------------------------------------------------------------------

function agentAliases(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  if (o.displayName != null || o.name == null) return v;
  return { ...o, displayName: o.name };
}

const tagText = z.preprocess((v) => {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return o.tag ?? o.name ?? o.key ?? JSON.stringify(o);
  }
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}, z.string());

export const AgentSchema = z.preprocess(agentAliases, z.looseObject({
  id,
  displayName: text(''),
  description: optionalString,
  tags: list(tagText),
  /** [guess] open enum: CONVERSATIONAL, TASK… (older APIs: a number). */
  type: optionalEnum,
  enabled: flag(true),
  currentRevision: optionalNumber,
  createdAt: optionalTimestamp,
  modifiedAt: optionalTimestamp,
  tenantId: optionalString,
  /** [guess] open enum: NATIVE, EXTERNAL… */
  origin: optionalEnum,
}));

export const AgentListSchema = listResponse(AgentSchema, ['agents']);

// ---- samples (seed 001) ---------------------------------------------------------------------------------

export const SampleTagSchema = z.preprocess((v) => (typeof v === 'string' ? { tag: v } : v), z.looseObject({
  id: optionalString,
  tenantId: optionalString,
  sampleId: optionalString,
  tag: text(''),
}));

export const SampleSchema = z.looseObject({
  id,
  tenantId: optionalString,
  createdAt: optionalTimestamp,
  modifiedAt: optionalTimestamp,
  createdBy: optionalString,
  datasetId: id,
  executionId: optionalString,
  inputPayload: anyJson,
  output: anyJson,
  agentRevision: optionalNumber,
  /** Open: UNSPECIFIED, GOOD, BAD, NEEDS_REVIEW. */
  quality: optionalEnum,
  isGolden: flag(false),
  tags: list(SampleTagSchema),
});

export const SampleListSchema = listResponse(SampleSchema, ['samples']);

export interface AddToDatasetsRequest {
  datasetIds: string[];
  /** UNSPECIFIED | GOOD | BAD | NEEDS_REVIEW (open). */
  quality?: string;
  tags?: string[];
}

// ---- errors and OTLP ------------------------------------------------------------------------------------

export const ProblemDetailsSchema = z.looseObject({
  type: optionalString,
  title: optionalString,
  status: optionalNumber,
  detail: optionalString,
  instance: optionalString,
});

/** `:otlpTrace` is only checked for its envelope; the OTLP mapper reads the rest. */
export const OtlpTraceSchema = z.looseObject({
  resourceSpans: z.array(z.unknown()),
});

export type Trigger = z.output<typeof TriggerSchema>;
export type ExecutionRecord = z.output<typeof ExecutionRecordSchema>;
export type ExecutionRecordPage = z.output<typeof ExecutionRecordPageSchema>;
export type EnvironmentSummary = z.output<typeof EnvironmentSummarySchema>;
export type Agent = z.output<typeof AgentSchema>;
export type Sample = z.output<typeof SampleSchema>;
export type SampleTag = z.output<typeof SampleTagSchema>;
export type ProblemDetails = z.output<typeof ProblemDetailsSchema>;
export type OtlpTrace = z.output<typeof OtlpTraceSchema>;

/**
 * Still running: no end time yet (`endTime == 0`) and not in a final status; or explicitly in progress or
 * waiting for a human.
 */
export function isRunning(record: { endTime: number; status?: string | null }): boolean {
  if (isTerminalStatus(record.status)) return false;
  return record.endTime <= 0 || enumEquals(record.status, 'IN_PROGRESS') || enumEquals(record.status, 'WAITING_FOR_ASYNC');
}
