// The Fruxon REST API (v1) as typed methods. Every response is validated (schemas.ts), every failure is an
// ApiError (../errors.ts). GETs are retried on transient failures; POSTs (`:execute`, `:addToDatasets`)
// only when the request provably never left this machine, because repeating them creates a second run or
// a second sample row. The credential lives only inside the HTTP client's headers.
import type { Dispatcher } from 'undici';
import { ApiError } from '../errors';
import { HttpClient } from '../http';
import type { HttpLogger, HttpMethod, HttpRequest } from '../http';
import type { ProxySettings } from '../proxy';
import type { RetryPolicy } from '../retry';
import { authHeaders, detectAuthScheme } from './auth';
import type { AuthScheme } from './auth';
import { SseParser } from '../sse';
import type { SseMessage } from '../sse';
import { ApprovalAnswerSchema, ApprovalPageSchema } from './approvalSchemas';
import type { Approval, ApprovalAnswer } from './approvalSchemas';
import { checkAnswer, closedFromError, respondBody } from './approvals';
import type { ApprovalDecision } from './approvals';
import { parseExecuteResponse, parseProjectedTrace, parseTraceResponse } from './deepParse';
import { StreamAccumulator, toRunEvent } from './stream';
import type { RunEvent, StreamResult } from './stream';
import {
  AgentListSchema, AgentSchema, EnvironmentSummaryListSchema, ExecutionRecordPageSchema, ExecutionRecordSchema, OtlpTraceSchema,
  ResultResponseSchema, SampleListSchema,
} from './schemas';
import type {
  AddToDatasetsRequest, Agent, EnvironmentSummary, ExecuteRequest, ExecuteResponse, ExecutionRecord, OtlpTrace,
  ProjectedTrace, ResultResponse, Sample, TraceResponse,
} from './schemas';

export interface FruxonClientOptions {
  /** e.g. https://api.fruxon.com; a trailing slash or a path prefix (behind a gateway) is fine. */
  baseUrl: string;
  tenant: string;
  /** API key (fx_live_…) or token (fx_pat_…, fx_sat_…, JWT). */
  credential: string;
  /** Per attempt, headers and body together. Default 30 s. */
  timeoutMs?: number;
  /** Overrides the header chosen from the credential's prefix (see auth.ts). */
  auth?: AuthScheme;
  retry?: Partial<RetryPolicy>;
  dispatcher?: Dispatcher;
  /** VS Code's proxy settings and the environment (see ../proxy.ts); ignored with `dispatcher`. */
  proxy?: ProxySettings;
  logger?: HttpLogger;
}

/** The options that are plain data (no dispatcher, no logger): what a worker thread can be handed to make its own client. */
export type FruxonClientInit = Pick<FruxonClientOptions, 'baseUrl' | 'tenant' | 'credential' | 'auth' | 'proxy' | 'timeoutMs'>;

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout for this request. */
  timeoutMs?: number;
}

/** `:execute` answers when the agent has finished: minutes, not the seconds a read may take. */
export const EXECUTE_TIMEOUT_MS = 15 * 60_000;

export interface ExecutionRecordQuery {
  /** Unix ms, inclusive. */
  startTime?: number;
  /** Unix ms, inclusive. */
  endTime?: number;
  environment?: string;
  /** Any of these statuses; sent as repeated `status` parameters. */
  status?: readonly string[];
  /** Any of these revisions; sent as repeated `agentRevision` parameters. */
  agentRevision?: readonly number[];
  pageSize?: number;
  pageToken?: string;
}

export interface ExecutionRecordList {
  items: ExecutionRecord[];
  /** Absent on the last page. */
  nextPageToken?: string;
  totalCount?: number;
}

export interface ApprovalQuery {
  /** Sent as repeated `status` parameters; PENDING when not given. */
  status?: readonly string[];
  pageSize?: number;
  pageToken?: string;
}

export interface ApprovalList {
  items: Approval[];
  /** Absent on the last page (and for services that answer with a bare array). */
  nextPageToken?: string;
  totalCount?: number;
}

export type TraceWithFallback =
  | { source: 'projected'; trace: ProjectedTrace }
  | { source: 'stored'; trace: TraceResponse };

/** How a response is validated: a schema, or (trace-bearing responses, any depth) a parse function. */
type Check<T> = NonNullable<HttpRequest<T>['schema'] | HttpRequest<T>['parse']>;

const SERVICE = 'Fruxon';
const enc = encodeURIComponent;

export class FruxonClient {
  readonly baseUrl: string;
  readonly tenant: string;
  readonly authScheme: AuthScheme;
  readonly #http: HttpClient;

  constructor(o: FruxonClientOptions) {
    if (!o.tenant?.trim()) throw new TypeError('The tenant is empty.');
    this.baseUrl = o.baseUrl;
    this.tenant = o.tenant.trim();
    this.authScheme = o.auth ?? detectAuthScheme(o.credential);
    this.#http = new HttpClient({
      baseUrl: o.baseUrl,
      service: SERVICE,
      headers: authHeaders(o.credential, this.authScheme),
      secrets: [o.credential, o.credential.trim()],
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.retry ? { retry: o.retry } : {}),
      ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
      ...(o.proxy ? { proxy: o.proxy } : {}),
      ...(o.logger ? { logger: o.logger } : {}),
    });
  }

  listAgents(opts?: RequestOptions): Promise<Agent[]> {
    return this.get(this.tenantPath('/agents'), AgentListSchema, opts, `Tenant "${this.tenant}"`);
  }

  getAgent(agentId: string, opts?: RequestOptions): Promise<Agent> {
    return this.get(this.agentPath(agentId), AgentSchema, opts, agentWhat(agentId));
  }

  async listExecutionRecords(agentId: string, query: ExecutionRecordQuery = {}, opts?: RequestOptions): Promise<ExecutionRecordList> {
    const page = await this.call({
      method: 'GET',
      path: this.agentPath(agentId, '/executionRecords'),
      query: {
        startTime: query.startTime, endTime: query.endTime, environment: query.environment,
        status: query.status, agentRevision: query.agentRevision, pageSize: query.pageSize, pageToken: query.pageToken,
      },
      schema: ExecutionRecordPageSchema,
      what: agentWhat(agentId),
    }, opts);
    const out: ExecutionRecordList = { items: page.items };
    if (page.nextPageToken) out.nextPageToken = page.nextPageToken;
    if (typeof page.totalCount === 'number') out.totalCount = page.totalCount;
    return out;
  }

  /** Every matching record, newest first, following `nextPageToken` page by page. */
  async *iterateExecutionRecords(agentId: string, query: ExecutionRecordQuery = {}, opts?: RequestOptions): AsyncGenerator<ExecutionRecord, void, undefined> {
    const seen = new Set<string>();
    let pageToken = query.pageToken;
    for (;;) {
      const page = await this.listExecutionRecords(agentId, { ...query, pageToken }, opts);
      yield* page.items;
      pageToken = page.nextPageToken;
      if (!pageToken) return;
      // A server handing out the same token twice would otherwise loop forever.
      if (seen.has(pageToken)) {
        throw new ApiError({ kind: 'invalidResponse', service: SERVICE, method: 'GET', path: this.agentPath(agentId, '/executionRecords'),
          status: 200, code: 'pagingLoop', detail: 'the same page token was returned twice', mayHaveReachedServer: true });
      }
      seen.add(pageToken);
    }
  }

  getExecutionRecord(agentId: string, recordId: string, opts?: RequestOptions): Promise<ExecutionRecord> {
    return this.get(this.recordPath(agentId, recordId), ExecutionRecordSchema, opts, recordWhat(agentId, recordId));
  }

  /** Per-environment totals, always as an array (the service may wrap it in `{items}`). */
  getEnvironmentSummaries(agentId: string, opts?: RequestOptions): Promise<EnvironmentSummary[]> {
    return this.get(this.agentPath(agentId, '/executionRecords:summaries'), EnvironmentSummaryListSchema, opts, agentWhat(agentId));
  }

  getProjectedTrace(agentId: string, recordId: string, opts?: RequestOptions): Promise<ProjectedTrace> {
    return this.get(this.recordPath(agentId, recordId, ':projectedTrace'), parseProjectedTrace, opts, recordWhat(agentId, recordId));
  }

  getTrace(agentId: string, recordId: string, opts?: RequestOptions): Promise<TraceResponse> {
    return this.get(this.recordPath(agentId, recordId, ':trace'), parseTraceResponse, opts, recordWhat(agentId, recordId));
  }

  /**
   * The projected trace, or the stored `:trace` when the execution has no OTel spans (`rawSpanCount` 0,
   * native agents) or the service does not offer `:projectedTrace` (404/405/501).
   */
  async getTraceWithFallback(agentId: string, recordId: string, opts?: RequestOptions): Promise<TraceWithFallback> {
    try {
      const projected = await this.getProjectedTrace(agentId, recordId, opts);
      if (projected.rawSpanCount > 0 || projected.traces.length > 0) return { source: 'projected', trace: projected };
    } catch (e) {
      if (!(e instanceof ApiError && e.kind === 'http' && [404, 405, 501].includes(e.status))) throw e;
    }
    return { source: 'stored', trace: await this.getTrace(agentId, recordId, opts) };
  }

  getResult(agentId: string, recordId: string, opts?: RequestOptions): Promise<ResultResponse> {
    return this.get(this.recordPath(agentId, recordId, ':result'), ResultResponseSchema, opts, recordWhat(agentId, recordId));
  }

  getOtlpTrace(agentId: string, recordId: string, opts?: RequestOptions): Promise<OtlpTrace> {
    return this.get(this.recordPath(agentId, recordId, ':otlpTrace'), OtlpTraceSchema, opts, recordWhat(agentId, recordId));
  }

  /** Runs the deployed revision. Never repeated once it may have reached the server: see ApiError.mayHaveReachedServer. */
  execute(agentId: string, body: ExecuteRequest = {}, opts?: RequestOptions): Promise<ExecuteResponse> {
    return this.post(this.agentPath(agentId, ':execute'), body, parseExecuteResponse, { timeoutMs: EXECUTE_TIMEOUT_MS, ...opts }, agentWhat(agentId));
  }

  /** Runs a specific revision ([guess] path, see api/fruxon.md); same retry rule as execute. */
  executeRevision(agentId: string, revision: number, body: ExecuteRequest = {}, opts?: RequestOptions): Promise<ExecuteResponse> {
    return this.post(this.agentPath(agentId, `/revisions/${enc(String(revision))}:execute`), body, parseExecuteResponse, { timeoutMs: EXECUTE_TIMEOUT_MS, ...opts },
      `Revision ${revision} of agent "${agentId}"`);
  }

  /**
   * Runs the deployed revision over `:stream` (Server-Sent Events), calling `onEvent` for each event as it
   * arrives. Resolves with the outcome once `done` arrives. Never retried. An ApiError with
   * `mayHaveReachedServer` false, or an http 404/405/406/415/501 (see isStreamUnavailable), means the run
   * was not accepted and `execute` may be used instead; any later failure means it may be running.
   */
  async stream(agentId: string, body: ExecuteRequest = {}, opts: RequestOptions & { onEvent?: (e: RunEvent) => void } = {}): Promise<StreamResult> {
    const path = this.agentPath(agentId, ':stream');
    const res = await this.#http.openStream({ method: 'POST', path, body, what: agentWhat(agentId), ...(opts.signal ? { signal: opts.signal } : {}), idleTimeoutMs: 5 * 60_000 });
    if (!/event-stream/i.test(res.contentType)) {
      res.cancel();
      // A gateway that answers 200 with something else does not stream; the run may still have started.
      throw new ApiError({ kind: 'invalidResponse', service: SERVICE, method: 'POST', path, status: res.status, code: 'notEventStream',
        detail: `expected text/event-stream, got ${res.contentType || 'no content type'}`, mayHaveReachedServer: true, what: agentWhat(agentId) });
    }
    const parser = new SseParser();
    const acc = new StreamAccumulator();
    const deliver = (messages: readonly SseMessage[]): void => {
      for (const m of messages) {
        const e = toRunEvent(m);
        acc.add(e);
        opts.onEvent?.(e);
      }
    };
    for await (const chunk of res.body) {
      deliver(parser.push(chunk));
      if (acc.done) break;
    }
    if (!acc.done) deliver(parser.end());
    res.cancel();
    if (!acc.done) {
      throw new ApiError({ kind: 'invalidResponse', service: SERVICE, method: 'POST', path, status: res.status, code: 'truncated',
        detail: 'the event stream ended before its done event', mayHaveReachedServer: true, what: agentWhat(agentId) });
    }
    return acc.value;
  }

  /** Creates one sample per dataset, every time it is called (no upsert): check listSamples first. */
  addToDatasets(agentId: string, recordId: string, request: AddToDatasetsRequest, opts?: RequestOptions): Promise<Sample[]> {
    return this.post(this.recordPath(agentId, recordId, ':addToDatasets'), request, SampleListSchema, opts, recordWhat(agentId, recordId));
  }

  listSamples(agentId: string, recordId: string, opts?: RequestOptions): Promise<Sample[]> {
    return this.get(this.recordPath(agentId, recordId, '/samples'), SampleListSchema, opts, recordWhat(agentId, recordId));
  }

  /** Tenant-wide approval requests, newest first as the service orders them (`status` defaults to PENDING here). */
  listApprovals(query: ApprovalQuery = {}, opts?: RequestOptions): Promise<ApprovalList> {
    return this.approvalPage(this.tenantPath('/pendingApprovals'), query, opts, `Tenant "${this.tenant}"`);
  }

  listAgentApprovals(agentId: string, query: ApprovalQuery = {}, opts?: RequestOptions): Promise<ApprovalList> {
    return this.approvalPage(this.agentPath(agentId, '/pendingApprovals'), query, opts, agentWhat(agentId));
  }

  /**
   * Approves or rejects. Sent once: never retried after it may have reached the server. An approval no
   * longer pending throws ApprovalClosedError; any other failure is an ApiError (check mayHaveReachedServer).
   */
  async respondToApproval(agentId: string, approvalId: string, decision: ApprovalDecision, message?: string, opts?: RequestOptions): Promise<ApprovalAnswer> {
    const path = this.agentPath(agentId, `/pendingApprovals/${enc(approvalId)}:respond`);
    try {
      const answer = await this.post(path, respondBody(decision, message), ApprovalAnswerSchema, opts, approvalWhat(agentId, approvalId));
      return checkAnswer(approvalId, decision, answer);
    } catch (e) {
      throw closedFromError(approvalId, e);
    }
  }

  /** Cancels the request (the run does not go on). Same at-most-once rule as respondToApproval. */
  async cancelApproval(agentId: string, approvalId: string, opts?: RequestOptions): Promise<ApprovalAnswer> {
    const path = this.agentPath(agentId, `/pendingApprovals/${enc(approvalId)}:cancel`);
    try {
      const answer = await this.post(path, {}, ApprovalAnswerSchema, opts, approvalWhat(agentId, approvalId));
      return checkAnswer(approvalId, 'CANCEL', answer);
    } catch (e) {
      throw closedFromError(approvalId, e);
    }
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  private async approvalPage(path: string, query: ApprovalQuery, opts: RequestOptions | undefined, what: string): Promise<ApprovalList> {
    const page = await this.call({
      method: 'GET', path, query: { status: query.status ?? ['PENDING'], pageSize: query.pageSize, pageToken: query.pageToken },
      schema: ApprovalPageSchema, what,
    }, opts);
    const out: ApprovalList = { items: page.items };
    if (page.nextPageToken) out.nextPageToken = page.nextPageToken;
    if (typeof page.totalCount === 'number') out.totalCount = page.totalCount;
    return out;
  }

  private tenantPath(rest: string): string {
    return `/v1/tenants/${enc(this.tenant)}${rest}`;
  }

  private agentPath(agentId: string, rest = ''): string {
    return this.tenantPath(`/agents/${enc(agentId)}${rest}`);
  }

  /** The custom verb's colon stays literal; a colon inside an id is encoded by encodeURIComponent. */
  private recordPath(agentId: string, recordId: string, suffix = ''): string {
    return this.agentPath(agentId, `/executionRecords/${enc(recordId)}${suffix}`);
  }

  private call<T>(req: HttpRequest<T>, opts: RequestOptions | undefined): Promise<T> {
    return this.#http.request({ ...req, ...(opts?.signal ? { signal: opts.signal } : {}), ...(opts?.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  }

  private get<T>(path: string, check: Check<T>, opts: RequestOptions | undefined, what: string): Promise<T> {
    return this.call({ method: 'GET', path, ...validation(check), what }, opts);
  }

  private post<T>(path: string, body: unknown, check: Check<T>, opts: RequestOptions | undefined, what: string): Promise<T> {
    const method: HttpMethod = 'POST';
    return this.call({ method, path, body, ...validation(check), what }, opts);
  }
}

/** The stream route is missing or refused the request before starting it: `:execute` may be used instead. */
export function isStreamUnavailable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  if (e.kind === 'network' && !e.mayHaveReachedServer) return true;
  return e.kind === 'http' && [404, 405, 406, 415, 501].includes(e.status);
}

const validation = <T>(check: Check<T>): Pick<HttpRequest<T>, 'schema' | 'parse'> =>
  typeof check === 'function' ? { parse: check } : { schema: check };

const agentWhat = (agentId: string): string => `Agent "${agentId}"`;
const approvalWhat = (agentId: string, id: string): string => `Approval request "${id}" of agent "${agentId}"`;
const recordWhat = (agentId: string, recordId: string): string => `Execution record "${recordId}" of agent "${agentId}"`;
