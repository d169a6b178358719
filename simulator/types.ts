import type { ZaiaData } from './zaia/data';
// The simulator's public contract (re-exported by index.ts) and the shapes of what it serves.
// Served shapes follow the Fruxon seeds 000 (records), 001 (samples), 002 (steps) and 004 (execute).

export type RouteName =
  | 'listAgents' | 'getAgent' | 'listExecutionRecords' | 'getExecutionRecord' | 'summaries' | 'trace'
  | 'projectedTrace' | 'otlpTrace' | 'result' | 'execute' | 'executeRevision' | 'stream' | 'addToDatasets'
  | 'listSamples' | ApprovalRouteName | ZaiaRouteName;

/** Human-approval routes: tenant-wide and per-agent lists, `:respond`, `:cancel` (approvals.ts). */
export type ApprovalRouteName = 'listApprovals' | 'listAgentApprovals' | 'respondApproval' | 'cancelApproval';

/** Zaia Endless routes (zaia/routes.ts), served by the same server under /api/v1. */
export type ZaiaRouteName = 'zaiaResponders' | 'zaiaExecutions' | 'zaiaExecution' | 'zaiaNestings';

export type DriftKind = 'unknownEnums' | 'pascalCase' | 'extraFields' | 'missingOptional';

export interface Fault {
  route?: RouteName | '*';
  method?: string;
  latencyMs?: number;
  status?: number;
  retryAfter?: string;
  reset?: boolean;
  truncate?: boolean;
  drift?: DriftKind[];
  times?: number;
  /** The request is handled (its effect happens) and only then answered with `status`: a reply lost on the way back. */
  afterHandling?: boolean;
}

/** [guess] Shapes the public docs leave open; a client must accept each. */
export interface Variants {
  agentsShape?: 'array' | 'items';
  summariesShape?: 'array' | 'items';
  /** Zaia list envelope: `{items,total,pageNumber,pageSize}` (default), `{data, meta:{totalCount,…}}`, or a bare array (no total). */
  zaiaListShape?: 'items' | 'data' | 'array';
  /** Zaia nestings: nested `children` (default), a flat array linked by parentId, or `{execution, children: [flat]}`. */
  zaiaNestingShape?: 'tree' | 'flat' | 'wrapped';
  /** Zaia status spelling: `completed` (default), `COMPLETED`, `Completed`. */
  zaiaStatusCase?: 'lower' | 'upper' | 'pascal';
  /** Zaia responder `entity`: `agent` (default) or `agents`. */
  zaiaEntitySpelling?: 'singular' | 'plural';
  /** Approval fields: the hitlTrace names (default) or `requestId/executionId/message/arguments`, PascalCase enums, ISO times. */
  approvalFields?: 'canonical' | 'alt';
  /** Approval list envelope: `{items,nextPageToken,totalCount}` (default), `{pendingApprovals,…}`, or a bare array. */
  approvalsListShape?: 'items' | 'named' | 'array';
  /** What :respond / :cancel answer: the approval (default), 204 with no body, or `{approval, execution}`. */
  approvalAnswerShape?: 'approval' | 'empty' | 'wrapped';
  /** Answering a closed approval: 409 (default), 410, 404, or 200 with the approval in its closed status. */
  approvalClosedAs?: 'conflict' | 'gone' | 'notFound' | 'ok';
}

export interface SimulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  tenant?: string;
  apiKey?: string;
  token?: string;
  /** The Zaia API key (sent raw in Authorization). */
  zaiaApiKey?: string;
  /** More keys of the same Zaia workspace (a workspace can have several), e.g. a canary that only a sign-in uses. */
  zaiaExtraKeys?: readonly string[];
  bigTraceSteps?: number;
  now?: number;
  faults?: Fault[];
  variants?: Variants;
  /** How scripted :execute / :stream runs behave from the start (`/_sim/script` changes it later). */
  script?: import('./scripted').RunScript;
  quiet?: boolean;
}

export type AuthKind = 'apiKey' | 'bearer' | 'none' | 'invalid';

export interface RequestLogEntry {
  time: number;
  method: string;
  path: string;
  route: RouteName | 'admin' | 'unknown';
  query: Record<string, string[]>;
  auth: AuthKind;
  status: number;
  /** When the answer was written (or the request given up): with `time`, how many requests overlapped. */
  end?: number;
}

export interface Agent {
  id: string;
  displayName: string;
  description: string;
  tags: string[];
  /** [guess] open enum: CONVERSATIONAL | TASK */
  type: string;
  enabled: boolean;
  currentRevision: number;
  createdAt: number;
  modifiedAt: number;
  tenantId: string;
  /** [guess] open enum: NATIVE (built in Fruxon) | EXTERNAL (ingested over OTel) */
  origin: string;
}

export interface Trigger { type: string; id: string; provider: string }

/** A list item of seed 000, field for field and in the same order. */
export interface ExecutionRecord {
  id: string;
  agentId: string;
  agentRevision: number;
  remoteAgentRevision: string | null;
  startTime: number;
  endTime: number;
  status: string;
  deliveryStatus: string;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  hasResult: boolean;
  hasTrace: boolean;
  isSample: boolean;
  trigger: Trigger;
  destinations: unknown[];
  environmentSlug: string;
  createdAt: number;
  tenantId: string;
  inputCost: number;
  outputCost: number;
  cachedCost: number;
  thinkingCost: number;
  totalCost: number;
}

export interface StepResult { strValue: string | null; jsonValue: unknown; fileLink: string | null }

/** A trace step of seed 002. */
export interface Step {
  id: string;
  displayName: string;
  type: string;
  llmStepTrace: Record<string, unknown> | null;
  toolTrace: Record<string, unknown> | null;
  hitlTrace: Record<string, unknown> | null;
  steps: Step[];
  result: StepResult | null;
  status: string;
  error: string | null;
  startTime: number;
  endTime: number;
  duration: number;
}

/** How a record's trace ends; decides the shape of its last step. */
export type TraceMode =
  | 'completed' | 'approved' | 'rejected' | 'waiting' | 'failed' | 'cancelled' | 'running';

/** What the simulator knows about a record but does not serve. */
export interface RecordMeta {
  profile: number;          // index into the agent catalogue
  traceSeed: number;
  steps: number;            // node count of its trace
  mode: TraceMode;
  windowEnd: number;        // last moment the trace covers (endTime, or "now" for open records)
  native: boolean;
  parameters: Record<string, unknown>;
  /** One of the compare set's runs (simulator/compareSet.ts). */
  variant?: import('./compareSet').CompareVariant;
  /** The approval request this waiting run paused at (approvals.ts). */
  approvalId?: string;
}

export interface SpecialRef { agentId: string; recordId: string }

export interface Sample {
  id: string;
  tenantId: string;
  createdAt: number;
  modifiedAt: number;
  createdBy: string;
  datasetId: string;
  executionId: string;
  inputPayload: unknown;
  output: string;
  agentRevision: number;
  quality: string;
  isGolden: boolean;
  tags: { id: string; tenantId: string; sampleId: string; tag: string; sample: null }[];
}

export interface SimData {
  readonly seed: number;
  readonly tenant: string;
  readonly tenantId: string;
  readonly now: number;
  readonly bigTraceSteps: number;
  readonly agents: Agent[];
  /** Newest first by startTime (ties by id). */
  readonly recordsByAgent: Map<string, ExecutionRecord[]>;
  readonly recordById: Map<string, ExecutionRecord>;
  readonly meta: Map<string, RecordMeta>;
  readonly samplesByRecord: Map<string, Sample[]>;
  readonly special: {
    running: SpecialRef; waiting: SpecialRef; failed: SpecialRef;
    native: SpecialRef; huge: SpecialRef; hitl: SpecialRef;
    /** The compare set: same agent and parameters, differing in known ways (simulator/compareSet.ts). */
    compareBase: SpecialRef; compareExtraTool: SpecialRef; comparePrompt: SpecialRef; compareFailed: SpecialRef;
  };
  /** The agent with exactly 10,000 records. */
  readonly bulkAgentId: string;
  /** The agent whose records have no OTel spans (projected trace empty). */
  readonly nativeAgentId: string;
  /** Bumped on every change to an agent's record list, to invalidate filter caches. */
  readonly versions: Map<string, number>;
}

export interface Simulator {
  readonly baseUrl: string;
  readonly tenant: string;
  readonly apiKey: string;
  readonly token: string;
  readonly data: SimData;
  /** Zaia base URL is the same server (`baseUrl`); its key is separate. */
  readonly zaiaApiKey: string;
  /** Every Zaia key accepted: zaiaApiKey first, then zaiaExtraKeys. */
  readonly zaiaKeys: readonly string[];
  readonly zaia: ZaiaData;
  readonly requests: readonly RequestLogEntry[];
  /** Requests received (faulted ones included); with no route, every non-admin request. */
  count(route?: RouteName, method?: string): number;
  resetLog(): void;
  setFaults(faults: Fault[]): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  setVariants(v: Variants): void;
  /** How scripted :execute / :stream runs behave (duration, failure, approval pause). */
  setScript(s: import('./scripted').RunScript): void;
  close(): Promise<void>;
}
