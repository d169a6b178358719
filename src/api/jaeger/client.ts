// Jaeger's query HTTP API (what the Jaeger UI calls; served by jaeger-query v1 and by Jaeger v2): services,
// operations, trace search, trace by id, and v2's OTLP-shaped api/v3 trace by id. Same HTTP layer as the
// platforms (retries for GETs, timeouts, ProblemDetails-or-plain errors, proxies, secrets scrubbed).
import { HttpClient } from '../http';
import type { HttpRequest, QueryValue } from '../http';
import { ApiError } from '../errors';
import { httpOptions, normalizeTraceId, type StoreClientOptions } from '../stores/auth';
import { OperationsSchema, OtlpResultSchema, ServicesSchema, TracesSchema } from './schemas';
import type { JaegerTrace } from './schemas';

const SERVICE = 'Jaeger';
const enc = encodeURIComponent;

export interface JaegerSearch {
  service: string;
  operation?: string;
  /** Span tags that must all match (`{"error": "true", "gen_ai.request.model": "gpt-4o"}`). */
  tags?: Readonly<Record<string, string>>;
  /** Unix ms. */
  start?: number;
  end?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
  limit?: number;
}

export interface JaegerSearchResult {
  traces: JaegerTrace[];
  /** Partial failures Jaeger reported beside the data (`errors: [{msg}]`). */
  warnings: string[];
}

export interface RequestOptions { signal?: AbortSignal }

/** Go's duration syntax, which Jaeger parses (`1500ms`). */
const goDuration = (ms: number | undefined): string | undefined => (ms !== undefined && ms > 0 ? `${Math.round(ms * 1000)}us` : undefined);

export class JaegerClient {
  readonly baseUrl: string;
  readonly #http: HttpClient;

  constructor(o: StoreClientOptions) {
    this.baseUrl = o.baseUrl;
    this.#http = new HttpClient(httpOptions(o, SERVICE));
  }

  listServices(opts?: RequestOptions): Promise<string[]> {
    return this.get('/api/services', ServicesSchema, opts, 'Services');
  }

  /** Newer Jaegers answer /api/operations (with span kinds); older ones only /api/services/{s}/operations. */
  async listOperations(service: string, opts?: RequestOptions): Promise<{ name: string; spanKind?: string | undefined }[]> {
    try {
      return await this.get('/api/operations', OperationsSchema, opts, `Operations of "${service}"`, { service });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      return this.get(`/api/services/${enc(service)}/operations`, OperationsSchema, opts, `Service "${service}"`);
    }
  }

  async findTraces(q: JaegerSearch, opts?: RequestOptions): Promise<JaegerSearchResult> {
    const tags = q.tags && Object.keys(q.tags).length ? JSON.stringify(q.tags) : undefined;
    const r = await this.get('/api/traces', TracesSchema, opts, `Traces of "${q.service}"`, {
      service: q.service, operation: q.operation, tags,
      start: q.start !== undefined ? Math.floor(q.start * 1000) : undefined,
      end: q.end !== undefined ? Math.floor(q.end * 1000) : undefined,
      minDuration: goDuration(q.minDurationMs), maxDuration: goDuration(q.maxDurationMs),
      limit: q.limit,
    });
    return { traces: r.data ?? [], warnings: (r.errors ?? []).map((e) => e.msg ?? `error ${e.code ?? ''}`.trim()) };
  }

  /** The trace in Jaeger's JSON (`{traceID, spans, processes}`). */
  async getTrace(traceId: string, opts?: RequestOptions): Promise<JaegerTrace> {
    const id = checkId(traceId);
    const r = await this.get(`/api/traces/${enc(id)}`, TracesSchema, opts, `Trace ${id}`);
    const t = r.data?.[0];
    if (!t) throw new Error(`Jaeger has no trace ${id}${r.errors?.length ? `: ${r.errors.map((e) => e.msg).join('; ')}` : ''}.`);
    return t;
  }

  /** Jaeger v2: the trace as OTLP/JSON TracesData (`{resourceSpans}`), from /api/v3/traces/{id}. */
  async getTraceOtlp(traceId: string, opts?: RequestOptions): Promise<{ resourceSpans: unknown[] }> {
    const id = checkId(traceId);
    const r = await this.get(`/api/v3/traces/${enc(id)}`, OtlpResultSchema, opts, `Trace ${id}`);
    return { resourceSpans: r.result.resourceSpans ?? [] };
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  private get<T>(path: string, schema: NonNullable<HttpRequest<T>['schema']>, opts: RequestOptions | undefined, what: string,
    query?: Record<string, QueryValue>): Promise<T> {
    const req: HttpRequest<T> = { method: 'GET', path, schema, what, ...(query ? { query } : {}) };
    return this.#http.request(opts?.signal ? { ...req, signal: opts.signal } : req);
  }
}

function checkId(traceId: string): string {
  const id = normalizeTraceId(traceId);
  if (!id) throw new TypeError(`"${traceId}" is not a trace ID (16 or 32 hexadecimal digits).`);
  return id;
}
