// The Zaia Endless public API (alpha) as typed methods: responders, executions, nestings. Same HTTP layer
// as Fruxon (retries for GETs, timeouts, ProblemDetails → ApiError, secrets scrubbed). The API key goes
// in the `Authorization` header as is, without `Bearer` [doc].
import type { Dispatcher } from 'undici';
import { HttpClient } from '../http';
import type { HttpLogger, HttpRequest, QueryValue } from '../http';
import type { RetryPolicy } from '../retry';
import { ExecutionPageSchema, NestingsSchema, ResponderPageSchema, SingleExecutionSchema } from './schemas';
import type { ZaiaExecution, ZaiaNestings, ZaiaPageInfo, ZaiaResponder } from './schemas';
import type { ProxySettings } from '../proxy';

export const DEFAULT_ZAIA_BASE_URL = 'https://api.endless.zaia.app';
/** [doc] 1–100. */
export const ZAIA_MAX_PAGE_SIZE = 100;
const SERVICE = 'Zaia';
const enc = encodeURIComponent;

export interface ZaiaClientOptions {
  baseUrl?: string;
  apiKey: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  dispatcher?: Dispatcher;
  /** VS Code's proxy settings and the environment (see ../proxy.ts); ignored with `dispatcher`. */
  proxy?: ProxySettings;
  logger?: HttpLogger;
}

/** The options that are plain data (no dispatcher, no logger): what a worker thread can be handed to make its own client. */
export type ZaiaClientInit = Pick<ZaiaClientOptions, 'baseUrl' | 'apiKey' | 'proxy' | 'timeoutMs'>;

export interface ZaiaRequestOptions {
  signal?: AbortSignal;
}

export interface ZaiaPageQuery {
  /** From 1. */
  pageNumber?: number;
  /** 1–100; clamped. */
  pageSize?: number;
}

export interface ZaiaResponderQuery extends ZaiaPageQuery {
  /** agents | squads | workflows. */
  entities?: string | readonly string[];
  search?: string;
}

export interface ZaiaExecutionQuery extends ZaiaPageQuery {
  /** Sent as repeated `responderIds` parameters (one is sent as a single value). */
  responderIds?: readonly string[];
}

export interface ZaiaPage<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  total?: number;
  /** From the service when it said; else from the total; else "the page was full". */
  hasMore: boolean;
}

export type NestingsKey = { executionId: string } | { chatMessageId: string };

export class ZaiaClient {
  readonly baseUrl: string;
  readonly #http: HttpClient;

  constructor(o: ZaiaClientOptions) {
    const apiKey = o.apiKey?.trim();
    if (!apiKey) throw new TypeError('The Zaia API key is empty.');
    this.baseUrl = o.baseUrl ?? DEFAULT_ZAIA_BASE_URL;
    this.#http = new HttpClient({
      baseUrl: this.baseUrl,
      service: SERVICE,
      headers: { authorization: apiKey },
      secrets: [o.apiKey, apiKey],
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.retry ? { retry: o.retry } : {}),
      ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
      ...(o.proxy ? { proxy: o.proxy } : {}),
      ...(o.logger ? { logger: o.logger } : {}),
    });
  }

  async listResponders(q: ZaiaResponderQuery = {}, opts?: ZaiaRequestOptions): Promise<ZaiaPage<ZaiaResponder>> {
    const paging = pagingOf(q);
    const page = await this.get('/api/v1/super-identities/responders', ResponderPageSchema, opts, 'Responders', {
      ...paging, responderEntities: typeof q.entities === 'string' ? q.entities : q.entities?.length ? [...q.entities] : undefined, search: q.search,
    });
    return toPage(page, paging);
  }

  /** Every responder, page by page (bounded: a service that never says "last page" cannot loop forever). */
  async listAllResponders(q: Omit<ZaiaResponderQuery, 'pageNumber'> = {}, opts?: ZaiaRequestOptions, maxPages = 50): Promise<ZaiaResponder[]> {
    const out: ZaiaResponder[] = [];
    const seen = new Set<string>();
    for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
      const page = await this.listResponders({ ...q, pageSize: q.pageSize ?? ZAIA_MAX_PAGE_SIZE, pageNumber }, opts);
      const fresh = page.items.filter((r) => !seen.has(r.id));
      for (const r of fresh) seen.add(r.id);
      out.push(...fresh);
      // A page with nothing new means the service ignored pageNumber.
      if (!page.hasMore || !fresh.length) break;
    }
    return out;
  }

  async listExecutions(q: ZaiaExecutionQuery = {}, opts?: ZaiaRequestOptions): Promise<ZaiaPage<ZaiaExecution>> {
    const paging = pagingOf(q);
    const ids = q.responderIds?.filter(Boolean) ?? [];
    const page = await this.get('/api/v1/executions', ExecutionPageSchema, opts, 'Executions', {
      ...paging, responderIds: ids.length ? ids : undefined,
    });
    return toPage(page, paging);
  }

  getExecution(executionId: string, opts?: ZaiaRequestOptions): Promise<ZaiaExecution> {
    return this.get(`/api/v1/executions/${enc(executionId)}`, SingleExecutionSchema, opts, `Execution "${executionId}"`);
  }

  /** An execution with all its descendants, flattened (see schemas.ts NestingsSchema). */
  getNestings(key: NestingsKey, opts?: ZaiaRequestOptions): Promise<ZaiaNestings> {
    const query = 'executionId' in key ? { executionId: key.executionId } : { chatMessageId: key.chatMessageId };
    const what = 'executionId' in key ? `Execution "${key.executionId}"` : `Chat message "${key.chatMessageId}"`;
    return this.get('/api/v1/executions/nestings', NestingsSchema, opts, what, query);
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  private get<T>(path: string, schema: NonNullable<HttpRequest<T>['schema']>, opts: ZaiaRequestOptions | undefined, what: string,
    query?: Record<string, QueryValue>): Promise<T> {
    const req: HttpRequest<T> = { method: 'GET', path, schema, what, ...(query ? { query } : {}) };
    return this.#http.request(opts?.signal ? { ...req, signal: opts.signal } : req);
  }
}

function pagingOf(q: ZaiaPageQuery): { pageNumber: number; pageSize: number } {
  const int = (v: number | undefined, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : d);
  return { pageNumber: Math.max(1, int(q.pageNumber, 1)), pageSize: Math.min(ZAIA_MAX_PAGE_SIZE, Math.max(1, int(q.pageSize, 10))) };
}

function toPage<T>(page: { items: T[] } & ZaiaPageInfo, paging: { pageNumber: number; pageSize: number }): ZaiaPage<T> {
  const hasMore = page.hasMore
    ?? (page.total !== undefined ? paging.pageNumber * paging.pageSize < page.total : page.items.length >= paging.pageSize);
  const out: ZaiaPage<T> = { items: page.items, pageNumber: paging.pageNumber, pageSize: paging.pageSize, hasMore };
  if (page.total !== undefined) out.total = page.total;
  return out;
}
