// Trace shapes: the step tree of `:projectedTrace` (seed 002), `:trace`, and the trace inside an
// `:execute` response (seed 004). Steps nest recursively through `steps`. All objects are loose: fields
// the client does not know yet are kept, so the raw view and later mappers can still use them.
import { z } from 'zod';
import {
  amount, anyJson, id, list, openEnum, optionalEnum, optionalNumber, optionalString, optionalText, optionalTimestamp, text,
  timestamp, timestampOrZero,
} from './fields';

export const StepResultSchema = z.looseObject({
  strValue: optionalText,
  jsonValue: anyJson,
  fileLink: optionalString,
});

export const LlmStepTraceSchema = z.looseObject({
  providerId: optionalString,
  model: optionalString,
  inputTokens: amount,
  outputTokens: amount,
  cachedTokens: amount,
  thinkingTokens: amount,
  inputCost: amount,
  outputCost: amount,
  cachedCost: amount,
  tools: list(z.unknown()),
  /** [guess] OpenAI-like `{role, content, toolCalls?, toolCallId?}`; kept as-is for the mapper to read. */
  llmMessages: list(z.unknown()),
  serverToolInvocations: list(z.unknown()),
});

export const ToolTraceSchema = z.looseObject({
  tool: anyJson,
  displayName: optionalString,
  toolType: optionalEnum,
  parameters: anyJson,
  cost: optionalNumber,
});

export const HitlTraceSchema = z.looseObject({
  requestId: optionalString,
  gateType: optionalEnum,
  toolKey: optionalString,
  stepIdentifier: optionalString,
  requestedAt: optionalTimestamp,
  respondedAt: optionalTimestamp,
  respondedBy: optionalString,
  decision: optionalEnum,
  responseText: optionalText,
  outboundMessage: optionalText,
  proposedParameters: anyJson,
  deliveryRoute: anyJson,
  correlationToken: optionalString,
  durationMs: optionalNumber,
});

const StepBaseSchema = z.looseObject({
  id,
  displayName: text(''),
  /** Open: FLOW_STEP, LLM_STEP, TOOL, HITL… (see enums.ts). */
  type: openEnum(),
  llmStepTrace: LlmStepTraceSchema.nullish(),
  toolTrace: ToolTraceSchema.nullish(),
  hitlTrace: HitlTraceSchema.nullish(),
  result: StepResultSchema.nullish(),
  /** Open: SUCCESS, ERROR, UNSPECIFIED (still running). */
  status: openEnum(),
  error: optionalText,
  startTime: timestamp,
  /** 0 while the step is still open. */
  endTime: timestampOrZero,
  duration: amount,
});

export type TraceStep = z.output<typeof StepBaseSchema> & { steps: TraceStep[] };

// The explicit annotation breaks the type-inference cycle of a recursive schema.
export const TraceStepSchema: z.ZodType<TraceStep> = StepBaseSchema.extend({
  steps: z.lazy(() => list(TraceStepSchema)),
});

export const ProjectedTraceSchema = z.looseObject({
  executionRecordId: id,
  /** 0 when the execution was not ingested over OTel: fall back to `:trace`. */
  rawSpanCount: amount,
  traces: list(TraceStepSchema),
});

/** The stored trace: `trace` of `:trace`, and of an `:execute` response. */
export const StoredTraceSchema = z.looseObject({
  agentExecutionRecordId: optionalString,
  agentId: optionalString,
  agentRevision: optionalNumber,
  createdAt: optionalTimestamp,
  parameters: anyJson,
  startTime: timestampOrZero,
  endTime: timestampOrZero,
  duration: amount,
  traces: list(TraceStepSchema),
  result: StepResultSchema.nullish(),
  inputCost: amount,
  outputCost: amount,
  totalCost: amount,
});

export const TraceResponseSchema = z.looseObject({
  status: optionalEnum,
  trace: StoredTraceSchema.nullish(),
});

export const ResultResponseSchema = z.looseObject({
  agentExecutionRecordId: optionalString,
  parameters: z.record(z.string(), z.unknown()).nullish(),
  result: StepResultSchema.nullish(),
});

export const ExecuteLinkSchema = z.looseObject({
  fileId: optionalString,
  fileType: optionalString,
  promptLink: optionalString,
});

export const ExecuteResponseSchema = z.looseObject({
  response: optionalText,
  trace: StoredTraceSchema.nullish(),
  sessionId: optionalString,
  links: list(ExecuteLinkSchema),
  executionRecordId: optionalString,
  /** Open: COMPLETED, or WAITING_FOR_ASYNC with `humanApprovalRequestId` when a gate paused the run. */
  status: optionalEnum,
  humanApprovalRequestId: optionalString,
});

/** Request body of `:execute` (seed 004). Extra keys are sent as given. */
export const ExecuteRequestSchema = z.looseObject({
  parameters: z.record(z.string(), z.unknown()).nullish(),
  attachments: z.array(z.unknown()).nullish(),
  chatUser: anyJson,
  sessionId: z.string().nullish(),
  environmentSlug: z.string().nullish(),
  /** UNSPECIFIED | PRODUCTION | SANDBOX */
  mode: z.string().optional(),
});

export interface ExecuteRequest {
  parameters?: Record<string, unknown> | null;
  attachments?: unknown[] | null;
  chatUser?: unknown;
  sessionId?: string | null;
  environmentSlug?: string | null;
  mode?: string;
  [key: string]: unknown;
}

export type StepResult = z.output<typeof StepResultSchema>;
export type LlmStepTrace = z.output<typeof LlmStepTraceSchema>;
export type ToolTrace = z.output<typeof ToolTraceSchema>;
export type HitlTrace = z.output<typeof HitlTraceSchema>;
export type ProjectedTrace = z.output<typeof ProjectedTraceSchema>;
export type StoredTrace = z.output<typeof StoredTraceSchema>;
export type TraceResponse = z.output<typeof TraceResponseSchema>;
export type ResultResponse = z.output<typeof ResultResponseSchema>;
export type ExecuteResponse = z.output<typeof ExecuteResponseSchema>;
