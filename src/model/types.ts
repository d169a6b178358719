// The backend-neutral trace model. Every source (Fruxon projected/stored/execute traces, OTLP spans, Zaia
// nestings) is mapped into it by a pure mapper; views, panels and the webview only ever see this.

import type { TraceComparison } from './compare';

export type StepKind = 'agent' | 'flow' | 'llm' | 'tool' | 'hitl' | 'retrieval' | 'other';
export type StepStatus = 'ok' | 'error' | 'running' | 'unknown';
export type TraceSource = 'projected' | 'stored' | 'execute' | 'otlp' | 'zaia';

export interface TokenCounts {
  input: number;
  output: number;
  cached: number;
  thinking: number;
}

/** Money in the source's currency (USD for Fruxon; credits for Zaia, flagged on the trace). */
export interface CostBreakdown {
  input: number;
  output: number;
  cached: number;
  thinking: number;
  /** Tool or other non-LLM cost. */
  other: number;
  total: number;
}

/** An execution result or a tool result: text, JSON, or a link to a file. */
export interface ResultValue {
  text?: string;
  json?: unknown;
  fileLink?: string;
}

export interface LlmToolCall {
  id?: string;
  name: string;
  arguments?: unknown;
}

export interface LlmMessage {
  /** system | user | assistant | tool, or whatever the source said (open). */
  role: string;
  content: string;
  toolCalls?: LlmToolCall[];
  toolCallId?: string;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: unknown;
}

export type StepDetail =
  | {
      readonly kind: 'llm';
      provider?: string;
      model?: string;
      messages: LlmMessage[];
      tools: ToolDefinition[];
      serverToolInvocations: unknown[];
      /**
       * The step's own answer. Added because sources may leave `messages` empty (Fruxon's lean huge traces,
       * spans without content capture) and the answer would otherwise be lost.
       */
      result?: ResultValue;
    }
  | {
      readonly kind: 'tool';
      tool?: string;
      /**
       * The tool's key, when the source gives one. Added because LLM tool calls and gates (`toolKey`) refer
       * to a tool by key, not by name, so this is what links a call or an approval to the step that ran it.
       */
      toolKey?: string;
      toolType?: string;
      parameters?: unknown;
      result?: ResultValue;
    }
  | {
      readonly kind: 'hitl';
      requestId?: string;
      gateType?: string;
      toolKey?: string;
      proposedParameters?: unknown;
      outboundMessage?: string;
      requestedAt?: number;
      respondedAt?: number;
      respondedBy?: string;
      decision?: string;
      responseText?: string;
      waitMs?: number;
    }
  | {
      readonly kind: 'generic';
      input?: unknown;
      output?: unknown;
      result?: ResultValue;
    };

export interface Step {
  /** Unique within the trace. */
  id: string;
  kind: StepKind;
  name: string;
  status: StepStatus;
  /** The source's own spelling of type and status, shown when they are unknown values. */
  rawType?: string;
  rawStatus?: string;
  /** Unix ms. */
  start: number;
  /** Unix ms; undefined while the step runs. */
  end?: number;
  error?: string;
  /** This step's own tokens and cost (not its children's). */
  tokens: TokenCounts;
  cost: CostBreakdown;
  detail: StepDetail;
  /** Anything else the source said, for a key/value view. */
  attributes?: Record<string, unknown>;
  children: Step[];
}

export interface Trace {
  /** Execution record id, trace id… */
  id: string;
  source: TraceSource;
  title: string;
  agentId?: string;
  agentName?: string;
  revision?: string | number;
  environment?: string;
  status: StepStatus;
  rawStatus?: string;
  start: number;
  end?: number;
  /** 'USD' or 'credits'. */
  currency: string;
  tokens: TokenCounts;
  cost: CostBreakdown;
  result?: ResultValue;
  parameters?: unknown;
  roots: Step[];
  /** Number of steps in the whole tree. */
  stepCount: number;
  /** Set when the panel shows this trace next to another mapping of the same execution (raw spans vs projection). */
  comparison?: TraceComparison;
}
