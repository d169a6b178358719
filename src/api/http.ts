// A small JSON-over-HTTP client on undici, shared by every backend: one keep-alive pool per origin, a
// per-attempt timeout covering headers and body, caller cancellation, retries that never repeat a
// request the server may already have acted on, and one error type (ApiError) for every failure.
import type { Dispatcher } from 'undici';
import type { ZodSafeParseResult, ZodType } from 'zod';
import { ApiError, extractProblem, scrubSecrets } from './errors';
import type { ApiErrorInit } from './errors';
import { createDispatcher, proxyFailure } from './proxy';
import type { ProxiedDispatcher, ProxySettings } from './proxy';
import { RETRYABLE_STATUSES, backoffDelay, classifyTransportError, parseRetryAfter, resolveRetryPolicy, sleep } from './retry';
import type { RetryPolicy } from './retry';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type HttpLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
/** Receives one line per response and per retry: method, path, status, timing. Never headers or bodies. */
export type HttpLogger = (level: HttpLogLevel, message: string) => void;
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpClientOptions {
  baseUrl: string;
  /** Names the service in user-facing messages ("Fruxon"). */
  service: string;
  /** Sent with every request (credentials go here); never logged, never put in an error. */
  headers?: Readonly<Record<string, string>>;
  /** Strings scrubbed from anything that reaches an error or a log line. */
  secrets?: readonly string[];
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Replaces the client's own pool (a proxy agent, say); the caller keeps ownership and closes it. */
  dispatcher?: Dispatcher;
  /** Proxy settings (VS Code's http.proxy, http.noProxy, http.proxyStrictSSL, the environment); ignored with `dispatcher`. */
  proxy?: ProxySettings;
  logger?: HttpLogger;
}

export interface HttpRequest<T> {
  method: HttpMethod;
  /** After the base URL's path; segments already encoded. */
  path: string;
  /** Arrays are sent as repeated parameters (`status=A&status=B`); null, undefined and '' are left out. */
  query?: Readonly<Record<string, QueryValue>>;
  /** Serialized as JSON. */
  body?: unknown;
  schema?: ZodType<T>;
  /** Instead of `schema`: a validator with safeParse's contract, for shapes a schema alone cannot take (fruxon/deepParse.ts). */
  parse?: (data: unknown) => ZodSafeParseResult<T>;
  signal?: AbortSignal;
  /** For a 404: what was not found (`Agent "support-bot"`). */
  what?: string;
  /** Defaults to true for GET and HEAD only. */
  idempotent?: boolean;
  /** This request's own limit instead of the client's (an agent run answers when it is done, minutes later). */
  timeoutMs?: number;
}

export interface StreamResponse {
  status: number;
  contentType: string;
  /** The body as it arrives; throws an ApiError (cancelled, network, timeout) when it breaks off. */
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and closes the connection. */
  cancel(): void;
}

type Draft = Omit<ApiErrorInit, 'service' | 'method' | 'path' | 'host' | 'attempts' | 'what'>;
type Outcome<T> = { ok: true; value: T; status: number } | { ok: false; error: Draft; retryable: boolean };

const VERSION = typeof __AGENTLENS_VERSION__ === 'string' ? __AGENTLENS_VERSION__ : 'dev';

export function parseBaseUrl(baseUrl: string): { origin: string; basePath: string; host: string } {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError('The base URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('The base URL must start with https:// or http://.');
  // URL.origin drops any user:password@ part, so it can never be sent or reported.
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''), host: url.host };
}

export function buildQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface Issue { code?: string; path: readonly PropertyKey[]; message: string; errors?: readonly (readonly Issue[])[] }

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '') || '(root)';

/** The first bad field; for a union, from the branch that got furthest into the data. */
export function describeIssue(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): { path: string; message: string } {
  const first = issues[0];
  if (!first) return { path: formatPath(prefix), message: 'invalid value' };
  const here = [...prefix, ...first.path];
  if (first.code === 'invalid_union' && first.errors?.length) {
    const depth = (b: readonly Issue[]): number => b[0]?.path.length ?? -1;
    const best = [...first.errors].sort((a, b) => depth(b) - depth(a))[0];
    if (best?.length) return describeIssue(best, here);
  }
  return { path: formatPath(here), message: first.message };
}

export class HttpClient {
  readonly service: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly host: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownAgent: ProxiedDispatcher['dispatcher'] | undefined;
  /** The proxy this client's requests go through (no credentials), for messages. */
  readonly proxy: string | undefined;
  // True private fields: the credential must not show up when someone logs or serializes the client.
  readonly #headers: Record<string, string>;
  readonly #secrets: readonly string[];
  private readonly logger: HttpLogger | undefined;

  constructor(o: HttpClientOptions) {
    ({ origin: this.origin, basePath: this.basePath, host: this.host } = parseBaseUrl(o.baseUrl));
    this.service = o.service;
    this.policy = resolveRetryPolicy(o.retry);
    this.timeoutMs = o.timeoutMs && o.timeoutMs > 0 ? o.timeoutMs : DEFAULT_TIMEOUT_MS;
    // A connect timeout a little under the request timeout, so a hung connect is reported as "never sent".
    const own = o.dispatcher ? undefined : createDispatcher(this.origin, o.proxy, Math.max(10, Math.min(10_000, this.timeoutMs - 50)));
    this.ownAgent = own?.dispatcher;
    this.proxy = own?.proxy;
    this.dispatcher = o.dispatcher ?? (own as ProxiedDispatcher).dispatcher;
    this.#headers = { 'user-agent': `agentlens/${VERSION}`, accept: 'application/json', ...lowerKeys(o.headers ?? {}) };
    this.#secrets = (o.secrets ?? []).filter(Boolean);
    this.logger = o.logger;
    if (this.proxy) this.log('debug', `${this.host} through the proxy ${this.proxy}`);
  }

  async request<T = unknown>(req: HttpRequest<T>): Promise<T> {
    const path = this.basePath + req.path;
    const target = path + buildQuery(req.query);
    const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'HEAD');
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    let reached = false;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw this.fail(req, path, { kind: 'cancelled', mayHaveReachedServer: reached }, attempt - 1);
      const started = Date.now();
      const outcome = await this.attempt(req, target, body, idempotent);
      if (outcome.ok) {
        this.log('debug', `${req.method} ${target} → ${outcome.status} (${Date.now() - started} ms)`);
        return outcome.value;
      }
      const d = outcome.error;
      reached ||= d.mayHaveReachedServer;
      const final = (): ApiError => this.fail(req, path, { ...d, mayHaveReachedServer: reached }, attempt);
      const what = d.status ? String(d.status) : d.code ?? d.kind;
      if (!outcome.retryable || attempt > this.policy.maxRetries) {
        this.log('debug', `${req.method} ${target} failed: ${what} (${Date.now() - started} ms, attempt ${attempt})`);
        throw final();
      }
      if (d.retryAfterMs !== undefined && d.retryAfterMs > this.policy.maxRetryAfterMs) {
        this.log('warn', `${req.method} ${target} → ${what}; Retry-After ${d.retryAfterMs} ms is beyond the cap, not waiting`);
        throw final();
      }
      const delay = d.retryAfterMs ?? backoffDelay(attempt - 1, this.policy);
      this.log('warn', `${req.method} ${target} → ${what}; retry ${attempt}/${this.policy.maxRetries} in ${delay} ms`);
      try {
        await sleep(delay, req.signal);
      } catch {
        throw this.fail(req, path, { kind: 'cancelled', mayHaveReachedServer: reached }, attempt);
      }
    }
  }

  /**
   * Opens a streaming response (Server-Sent Events, say) and hands back its body as it arrives. Never
   * retried: a stream is a POST that starts work. Fails with an ApiError before the body starts — a
   * non-2xx status (ProblemDetails read), a network error (`mayHaveReachedServer` false when it never
   * left), or a timeout waiting for the headers. `idleTimeoutMs` limits the silence between chunks.
   */
  async openStream(req: Omit<HttpRequest<unknown>, 'schema' | 'parse' | 'idempotent' | 'query'> & { accept?: string; idleTimeoutMs?: number }): Promise<StreamResponse> {
    const path = this.basePath + req.path;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (req.signal?.aborted) throw this.fail(req, path, { kind: 'cancelled', mayHaveReachedServer: false }, 0);
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; ac.abort(); }, this.timeoutMs);
    const onAbort = (): void => ac.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    let res: Dispatcher.ResponseData;
    try {
      const headers: Record<string, string> = { ...this.#headers, accept: req.accept ?? 'text/event-stream' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      res = await this.dispatcher.request({
        origin: this.origin, path, method: req.method, body: body ?? null, signal: ac.signal, headers,
        headersTimeout: this.timeoutMs + 1_000, bodyTimeout: req.idleTimeoutMs ?? 0,
      });
    } catch (e) {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (timedOut) throw this.fail(req, path, { kind: 'timeout', mayHaveReachedServer: true, timeoutMs: this.timeoutMs }, 1);
      if (req.signal?.aborted) throw this.fail(req, path, { kind: 'cancelled', mayHaveReachedServer: true }, 1);
      // The proxy refused the request or its CONNECT: the target never saw it (so `:execute` may still be used).
      const viaProxy = this.proxy ? proxyFailure(e) : undefined;
      if (viaProxy) throw this.fail(req, path, { kind: 'network', code: viaProxy.code, mayHaveReachedServer: false }, 1);
      const t = classifyTransportError(e);
      throw this.fail(req, path, { kind: t.kind, code: t.code, mayHaveReachedServer: !t.neverSent }, 1);
    }
    clearTimeout(timer);
    const status = res.statusCode;
    this.log('debug', `${req.method} ${path} → ${status} (stream opened in ${Date.now() - started} ms)`);
    if (status < 200 || status >= 300) {
      let text = '';
      try { text = await res.body.text(); } catch { /* the status says enough */ }
      req.signal?.removeEventListener('abort', onAbort);
      const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      throw this.fail(req, path, { kind: 'http', status, ...extractProblem(text), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), mayHaveReachedServer: true }, 1);
    }
    const contentType = String(res.headers['content-type'] ?? '');
    const self = this;
    async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
      try {
        for await (const c of res.body) yield c as Uint8Array;
      } catch (e) {
        if (req.signal?.aborted) throw self.fail(req, path, { kind: 'cancelled', mayHaveReachedServer: true }, 1);
        const t = classifyTransportError(e);
        throw self.fail(req, path, { kind: t.kind, code: t.code, mayHaveReachedServer: true }, 1);
      } finally {
        req.signal?.removeEventListener('abort', onAbort);
      }
    }
    return {
      status, contentType, body: chunks(),
      cancel: () => {
        req.signal?.removeEventListener('abort', onAbort);
        ac.abort();
      },
    };
  }

  /** Closes the client's own connection pool; an injected dispatcher is left to its owner. */
  async close(): Promise<void> {
    if (this.ownAgent && !(this.ownAgent as { closed?: boolean }).closed) await this.ownAgent.close();
  }

  private async attempt<T>(req: HttpRequest<T>, target: string, body: string | undefined, idempotent: boolean): Promise<Outcome<T>> {
    const ac = new AbortController();
    const timeoutMs = req.timeoutMs && req.timeoutMs > 0 ? req.timeoutMs : this.timeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, timeoutMs);
    const onAbort = (): void => ac.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    // Once a request is under way nobody can tell whether the server saw it, so both count as "may have".
    const interrupted = (): Outcome<T> | undefined =>
      timedOut ? { ok: false, retryable: false, error: { kind: 'timeout', mayHaveReachedServer: true, timeoutMs: timeoutMs } }
        : req.signal?.aborted ? { ok: false, retryable: false, error: { kind: 'cancelled', mayHaveReachedServer: true } }
          : undefined;
    try {
      let res: Dispatcher.ResponseData;
      try {
        res = await this.dispatcher.request({
          origin: this.origin, path: target, method: req.method, body: body ?? null, signal: ac.signal,
          headers: body === undefined ? this.#headers : { ...this.#headers, 'content-type': 'application/json' },
          // Backstops only: the timer above is the real limit and reports more clearly.
          headersTimeout: timeoutMs + 1_000, bodyTimeout: timeoutMs + 1_000,
        });
      } catch (e) {
        const stop = interrupted();
        if (stop) return stop;
        const viaProxy = this.proxy ? proxyFailure(e) : undefined;
        // The proxy answered its CONNECT or the request with an error: the target never saw it.
        if (viaProxy) return { ok: false, retryable: viaProxy.status >= 502 && viaProxy.status <= 504, error: { kind: 'network', code: viaProxy.code, mayHaveReachedServer: false } };
        const t = classifyTransportError(e);
        return { ok: false, retryable: t.retryable && (t.neverSent || idempotent), error: { kind: t.kind, code: t.code, mayHaveReachedServer: !t.neverSent } };
      }
      const status = res.statusCode;
      let text = '';
      let cutOff = false;
      try {
        text = await res.body.text();
      } catch {
        const stop = interrupted();
        if (stop) return stop;
        cutOff = true;
      }
      if (status >= 200 && status < 300) {
        if (cutOff) return { ok: false, retryable: idempotent, error: { kind: 'invalidResponse', status, code: 'truncated', mayHaveReachedServer: true } };
        return this.parse(req, status, text);
      }
      const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      return {
        ok: false,
        retryable: idempotent && RETRYABLE_STATUSES.has(status),
        error: { kind: 'http', status, ...extractProblem(text), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), mayHaveReachedServer: true },
      };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  private parse<T>(req: HttpRequest<T>, status: number, text: string): Outcome<T> {
    let data: unknown;
    if (text.trim()) {
      try {
        data = JSON.parse(text);
      } catch {
        return { ok: false, retryable: false, error: { kind: 'invalidResponse', status, code: 'invalidJson', mayHaveReachedServer: true } };
      }
    }
    const parsed = req.parse ? req.parse(data) : req.schema?.safeParse(data);
    if (!parsed) return { ok: true, value: data as T, status };
    if (parsed.success) return { ok: true, value: parsed.data, status };
    const issue = describeIssue(parsed.error.issues as unknown as Issue[]);
    return { ok: false, retryable: false, error: { kind: 'invalidResponse', status, code: 'schema', issuePath: issue.path, detail: issue.message, mayHaveReachedServer: true } };
  }

  private fail(req: HttpRequest<unknown>, path: string, d: Draft, attempts: number): ApiError {
    const init: ApiErrorInit = { ...d, service: this.service, method: req.method, path, host: this.host, attempts, ...(req.what ? { what: req.what } : {}),
      ...(this.proxy ? { proxy: this.proxy } : {}) };
    return new ApiError(scrubSecrets(init, this.#secrets));
  }

  private log(level: HttpLogLevel, message: string): void {
    this.logger?.(level, scrubSecrets(`[${this.service.toLowerCase()}] ${message}`, this.#secrets));
  }
}

function lowerKeys(h: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
