// Grafana Tempo's query API: TraceQL search (/api/search), trace by id as OTLP JSON (/api/v2/traces/{id}, else
// the older /api/traces/{id}), tag values (/api/v2/search/tag/{tag}/values, else v1). Same HTTP layer as the
// platforms (retries for GETs, timeouts, plain-text or JSON errors, proxies, secrets scrubbed).
import { HttpClient } from '../http';
import type { HttpRequest, QueryValue } from '../http';
import { ApiError } from '../errors';
import { httpOptions, normalizeTraceId, type StoreClientOptions } from '../stores/auth';
import { SearchSchema, TagValuesSchema, TraceBodySchema } from './schemas';
import type { TempoSearchTrace } from './schemas';

const SERVICE = 'Tempo';
const enc = encodeURIComponent;

/** GenAI spans of any instrumentation that follows the OpenTelemetry GenAI conventions. */
export const DEFAULT_GENAI_QUERY = '{ span.gen_ai.operation.name != nil }';

export interface TempoSearch {
  /** TraceQL; `{}` (every trace) when empty. */
  q?: string;
  /** Unix ms; sent as seconds (Tempo's unit), the end rounded up so nothing at its edge is lost. */
  start?: number;
  end?: number;
  limit?: number;
  /** Spans per spanset. */
  spss?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
}

export interface RequestOptions { signal?: AbortSignal }

const goDuration = (ms: number | undefined): string | undefined => (ms !== undefined && ms > 0 ? `${Math.round(ms)}ms` : undefined);

export class TempoClient {
  readonly baseUrl: string;
  readonly #http: HttpClient;

  constructor(o: StoreClientOptions) {
    this.baseUrl = o.baseUrl;
    this.#http = new HttpClient(httpOptions(o, SERVICE));
  }

  async search(q: TempoSearch, opts?: RequestOptions): Promise<TempoSearchTrace[]> {
    const r = await this.get('/api/search', SearchSchema, opts, 'Search', {
      q: q.q?.trim() || '{}',
      start: q.start !== undefined ? Math.floor(q.start / 1000) : undefined,
      end: q.end !== undefined ? Math.ceil(q.end / 1000) : undefined,
      limit: q.limit, spss: q.spss,
      minDuration: goDuration(q.minDurationMs), maxDuration: goDuration(q.maxDurationMs),
    });
    return r.traces ?? [];
  }

  /** The trace as OTLP/JSON TracesData. Tries v2 first; a Tempo without it (404) is asked on v1. */
  async getTrace(traceId: string, opts?: RequestOptions): Promise<{ resourceSpans: unknown[] }> {
    const id = normalizeTraceId(traceId);
    if (!id) throw new TypeError(`"${traceId}" is not a trace ID (up to 32 hexadecimal digits).`);
    try {
      return await this.get(`/api/v2/traces/${enc(id)}`, TraceBodySchema, opts, `Trace ${id}`);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      return this.get(`/api/traces/${enc(id)}`, TraceBodySchema, opts, `Trace ${id}`);
    }
  }

  /** Values of a tag (`resource.service.name`, `span.gen_ai.request.model`); v1 takes the unscoped name. */
  async tagValues(scopedTag: string, opts?: RequestOptions): Promise<string[]> {
    try {
      return await this.get(`/api/v2/search/tag/${enc(scopedTag)}/values`, TagValuesSchema, opts, `Tag "${scopedTag}"`);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      const bare = scopedTag.replace(/^(span|resource)\./, '').replace(/^\./, '');
      return this.get(`/api/search/tag/${enc(bare)}/values`, TagValuesSchema, opts, `Tag "${bare}"`);
    }
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
