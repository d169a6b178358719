// One error type for every way an API call can fail, so callers branch on `kind`, `status` and
// `mayHaveReachedServer` instead of on undici's error zoo. Nothing here may ever hold a credential or a
// header value: every string that came from the wire or from a lower layer is scrubbed of the client's
// secrets before it is stored.
import { endSentence } from '../shared/text';

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'invalidResponse';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  /** Service name for messages ("Fruxon"). */
  service: string;
  method: string;
  /** Request path without the query string. */
  path: string;
  /** HTTP status; 0 when no HTTP response was received (network, timeout, cancelled). */
  status?: number;
  title?: string;
  detail?: string;
  type?: string;
  instance?: string;
  problem?: Record<string, unknown>;
  retryAfterMs?: number;
  mayHaveReachedServer: boolean;
  /** Low-level cause: an errno / undici code, `truncated`, `invalidJson` or `schema`. */
  code?: string;
  attempts?: number;
  timeoutMs?: number;
  /** What the request was about, for a 404: `Agent "support-bot"`. */
  what?: string;
  /** For schema failures: where the first bad field is, e.g. `items.3.startTime`. */
  issuePath?: string;
  host?: string;
  /** The proxy the request went through, without credentials (`http://proxy.corp:3128`). */
  proxy?: string;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Server Error' : status >= 400 ? 'Client Error' : 'Unexpected Status');
}

/**
 * A failed API call. `status` is the HTTP status, or 0 when no response arrived. A cancelled call is named
 * `AbortError` (like a DOM abort) as well as having kind `cancelled`, so generic abort checks also work.
 */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly service: string;
  declare readonly title?: string;
  declare readonly detail?: string;
  declare readonly type?: string;
  declare readonly instance?: string;
  declare readonly problem?: Record<string, unknown>;
  declare readonly retryAfterMs?: number;
  /** False only when the request provably never left this machine (refused, DNS, connect timeout). */
  readonly mayHaveReachedServer: boolean;
  declare readonly code?: string;
  readonly attempts: number;
  declare readonly issuePath?: string;
  /** A sentence for a person: what happened and what to do. */
  readonly userMessage: string;

  constructor(init: ApiErrorInit) {
    super(technicalMessage(init));
    this.name = init.kind === 'cancelled' ? 'AbortError' : 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.method = init.method;
    this.path = init.path;
    this.service = init.service;
    this.mayHaveReachedServer = init.mayHaveReachedServer;
    this.attempts = init.attempts ?? 1;
    this.userMessage = userMessageFor(init);
    // Only set what is known (the optional fields are `declare`d), so a logged or serialized error stays short.
    const optional = { title: init.title, detail: init.detail, type: init.type, instance: init.instance, problem: init.problem,
      retryAfterMs: init.retryAfterMs, code: init.code, issuePath: init.issuePath };
    for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.defineProperty(this, k, { value: v, enumerable: true });
    // Kept (not enumerated) so the error can cross a thread boundary and be built again as it was.
    Object.defineProperty(this, 'init', { value: { ...init }, enumerable: false });
  }
}

/** What an ApiError was made from (already scrubbed of secrets), to build it again on another thread. */
export function apiErrorInit(e: ApiError): ApiErrorInit {
  return (e as unknown as { init: ApiErrorInit }).init;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The credential was rejected or lacks access: the UI should offer to sign in again. */
export function isAuthError(e: unknown): e is ApiError {
  return e instanceof ApiError && e.kind === 'http' && (e.status === 401 || e.status === 403);
}

export function isCancelledError(e: unknown): boolean {
  return (e instanceof ApiError && e.kind === 'cancelled') || (e instanceof Error && e.name === 'AbortError');
}

function technicalMessage(i: ApiErrorInit): string {
  const where = `${i.method} ${i.path}`;
  switch (i.kind) {
    case 'http': {
      const status = i.status ?? 0;
      const what = [i.title ?? reasonPhrase(status), i.detail].filter(Boolean).join(': ');
      return `${where} → ${status} ${what}`;
    }
    case 'network': return `${where} failed: network error${i.code ? ` (${i.code})` : ''}${i.proxy ? ` via proxy ${i.proxy}` : ''}`;
    case 'timeout': return `${where} timed out${i.timeoutMs ? ` after ${i.timeoutMs} ms` : ''}`;
    case 'cancelled': return `${where} was cancelled`;
    case 'invalidResponse':
      return i.code === 'schema'
        ? `${where} → unexpected response shape at ${i.issuePath || '(root)'}: ${i.detail ?? ''}`
        : `${where} → response cut off or not valid JSON${i.code ? ` (${i.code})` : ''}`;
  }
}

const clip = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const sentence = endSentence;

/** The user-facing wording for each failure; the service name comes from the client. */
export function userMessageFor(i: ApiErrorInit): string {
  const svc = i.service;
  const detail = i.detail ? clip(i.detail) : undefined;
  switch (i.kind) {
    case 'cancelled': return `The request to ${svc} was cancelled.`;
    case 'timeout':
      return `${svc} did not respond in time${i.timeoutMs ? ` (${Math.round(i.timeoutMs / 100) / 10} s)` : ''}. Try again later.`;
    case 'network':
      if (i.proxy) return proxyMessage(i, i.proxy);
      return i.mayHaveReachedServer
        ? `The connection to ${svc} was lost${i.code ? ` (${i.code})` : ''}. Try again.`
        : `Could not reach ${svc}${i.host ? ` at ${i.host}` : ''}${i.code ? ` (${i.code})` : ''}. Check the address and your network.`;
    case 'invalidResponse':
      return i.code === 'schema'
        ? `The response from ${svc} has an unexpected shape${i.issuePath ? ` at ${i.issuePath}` : ''}${detail ? `: ${detail}` : ''}. The API may have changed.`
        : `The response from ${svc} was cut off or is not valid JSON. Try again.`;
    case 'http': break;
  }
  const status = i.status ?? 0;
  const withDetail = detail ? `: ${sentence(detail)}` : '.';
  if (status === 401) return `${svc} rejected the credential (401 Unauthorized). Sign in again.`;
  if (status === 403) return `${svc} denied access (403 Forbidden)${withDetail} The credential may not have access to this tenant or resource.`;
  if (status === 404) return `${i.what ?? 'The requested resource'} was not found on ${svc} (404).`;
  if (status === 400 || status === 422) return `${svc} rejected the request as invalid (${status})${detail ? `: ${sentence(detail)}` : `: ${i.title ?? reasonPhrase(status)}.`}`;
  if (status === 429) {
    const wait = i.retryAfterMs !== undefined ? ` Try again in ${Math.max(1, Math.ceil(i.retryAfterMs / 1000))} s.` : ' Try again shortly.';
    return `${svc} is rate limiting requests (429 Too Many Requests).${wait}`;
  }
  if (status >= 500) return `${svc} failed to handle the request (${status} ${reasonPhrase(status)}). Try again later.`;
  return `${svc} answered ${status} ${i.title ?? reasonPhrase(status)}${withDetail}`;
}

/** A network failure on a proxied connection: whether the proxy or what lies behind it failed, and what to check. */
function proxyMessage(i: ApiErrorInit, proxy: string): string {
  const svc = i.service;
  const at = i.host ? ` at ${i.host}` : '';
  if (i.code === 'PROXY_407') return `The proxy ${proxy} asks for credentials (407). Put them in the proxy URL (http.proxy or HTTPS_PROXY: http://user:password@host:port).`;
  if (i.code?.startsWith('PROXY_')) {
    return `The proxy ${proxy} could not connect to ${svc}${at} (${i.code.slice(6)}). Check the address, or list the host in http.noProxy / NO_PROXY if it should be reached directly.`;
  }
  if (!i.mayHaveReachedServer) {
    return `Could not reach the proxy ${proxy}${i.code ? ` (${i.code})` : ''} on the way to ${svc}${at}. Check http.proxy or HTTPS_PROXY, or list the host in http.noProxy / NO_PROXY.`;
  }
  return `The connection to ${svc} through the proxy ${proxy} was lost${i.code ? ` (${i.code})` : ''}. Try again.`;
}

// ---- ProblemDetails -------------------------------------------------------------------------------------

export interface ProblemFields {
  title?: string;
  detail?: string;
  type?: string;
  instance?: string;
  problem?: Record<string, unknown>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** ASP.NET validation problems list `errors: {param: [message]}`; turn that into one line. */
function validationSummary(errors: unknown): string | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  // Jaeger's query API: `errors: [{code, msg}]`.
  if (Array.isArray(errors)) {
    const msgs = errors.map((e) => (e && typeof e === 'object' ? text((e as Record<string, unknown>).msg) ?? text((e as Record<string, unknown>).message) : text(e))).filter(Boolean);
    return msgs.length ? msgs.join('; ') : undefined;
  }
  const parts = Object.entries(errors as Record<string, unknown>).map(([k, v]) =>
    `${k}: ${Array.isArray(v) ? v.map(String).join(', ') : String(v)}`);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Reads an error body: RFC 7807 fields, else the Python SDK's `message`/`details`, else a short excerpt of
 * whatever text came back (an HTML error page from a proxy, say).
 */
export function extractProblem(body: string): ProblemFields {
  let parsed: unknown;
  try {
    parsed = body.trim() ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const p = parsed as Record<string, unknown>;
    const details = typeof p.details === 'string' ? p.details : p.details !== undefined ? clip(JSON.stringify(p.details), 200) : undefined;
    const out: ProblemFields = { problem: p };
    const title = text(p.title);
    const detail = text(p.detail) ?? text(p.message) ?? text(details) ?? validationSummary(p.errors) ?? text(p.error)
      // grpc-gateway (Jaeger v2's api/v3): `error: {code, message}`.
      ?? (p.error && typeof p.error === 'object' ? text((p.error as Record<string, unknown>).message) : undefined);
    if (title) out.title = title;
    if (detail) out.detail = detail;
    if (text(p.type)) out.type = text(p.type);
    if (text(p.instance)) out.instance = text(p.instance);
    return out;
  }
  const excerpt = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return excerpt ? { detail: clip(excerpt, 200) } : {};
}

// ---- secrets --------------------------------------------------------------------------------------------

/** Replaces every secret in a string (and in every string of a JSON value, keys included). */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length >= 4);
  if (!live.length) return value;
  const scrub = (s: string): string => live.reduce((acc, secret) => acc.split(secret).join('***'), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
