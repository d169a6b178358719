// When to try again, and how long to wait. Pure functions (plus an abortable sleep) so the rules can be
// tested without a network.

export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** First backoff ceiling; doubles per retry (full jitter picks a delay in [0, ceiling)). */
  baseDelayMs: number;
  /** Upper bound of the backoff ceiling. A server's Retry-After is not bound by it. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails and reports `retryAfterMs`. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
});

export function resolveRetryPolicy(p: Partial<RetryPolicy> = {}): RetryPolicy {
  const pick = (v: number | undefined, d: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    maxRetries: Math.floor(pick(p.maxRetries, DEFAULT_RETRY_POLICY.maxRetries)),
    baseDelayMs: pick(p.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs),
    maxDelayMs: pick(p.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs),
    maxRetryAfterMs: pick(p.maxRetryAfterMs, DEFAULT_RETRY_POLICY.maxRetryAfterMs),
  };
}

/** Exponential backoff with full jitter (AWS architecture blog): spreads synchronized clients apart. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry));
  return Math.floor(Math.min(0.999_999, Math.max(0, random())) * ceiling);
}

/** `Retry-After` as delay-seconds or an HTTP-date; undefined when absent or unreadable. Never negative. */
export function parseRetryAfter(header: string | readonly string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = (Array.isArray(header) ? header[0] : (header as string | undefined))?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // Only date-looking values: Date.parse also accepts things like "1" or "2026", which are not HTTP-dates.
  if (!/[a-z]/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Statuses worth repeating an idempotent request for. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export class SleepCancelled extends Error {
  constructor() {
    super('sleep cancelled');
    this.name = 'AbortError';
  }
}

/** Waits, but rejects with SleepCancelled as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new SleepCancelled());
  return new Promise((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new SleepCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// ---- transport errors -----------------------------------------------------------------------------------

export interface TransportFailure {
  kind: 'network' | 'timeout';
  code: string;
  /** The request provably never left: no connection was made, so even a POST may be sent again. */
  neverSent: boolean;
  /** A connection-level failure an idempotent request may be repeated after. */
  retryable: boolean;
}

/** Failures before a connection exists: nothing was written to any server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'UND_ERR_CONNECT_TIMEOUT']);
/**
 * Unreachable-network errors mean "never sent" only while connecting: the kernel also reports them on an open
 * connection whose retransmissions failed (a VPN or Wi-Fi dropping mid-request), after the request was written.
 */
const NEVER_SENT_WHILE_CONNECTING = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
/** The connection broke; the request may or may not have been processed. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_ABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The most specific error code in an error, its causes, or (happy eyeballs) its aggregated attempts. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const c = errorCode(inner, depth + 1);
      if (c) return c;
    }
  }
  const own = typeof e.code === 'string' ? e.code : undefined;
  // undici wraps the socket's errno in `cause`; the errno says more than UND_ERR_SOCKET.
  const cause = errorCode(e.cause, depth + 1);
  if (own && own.startsWith('UND_ERR_') && cause && !cause.startsWith('UND_ERR_')) return cause;
  return own ?? cause;
}

/** Whether the failing system call in an error or its causes was connect() (the socket never opened). */
function failedWhileConnecting(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { syscall?: unknown; cause?: unknown; errors?: unknown };
  if (e.syscall === 'connect') return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => failedWhileConnecting(inner, depth + 1))) return true;
  return failedWhileConnecting(e.cause, depth + 1);
}

export function classifyTransportError(err: unknown): TransportFailure {
  const code = errorCode(err) ?? 'UNKNOWN';
  // A connect timeout is reported as `network` ("could not reach"): the server never saw the request.
  if (NEVER_SENT.has(code)) return { kind: 'network', code, neverSent: true, retryable: true };
  if (NEVER_SENT_WHILE_CONNECTING.has(code)) return { kind: 'network', code, neverSent: failedWhileConnecting(err), retryable: true };
  if (TIMEOUTS.has(code)) return { kind: 'timeout', code, neverSent: false, retryable: false };
  if (CONNECTION_LOST.has(code)) return { kind: 'network', code, neverSent: false, retryable: true };
  // TLS and certificate failures happen before any request byte is sent, but repeating will not help.
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) return { kind: 'network', code, neverSent: true, retryable: false };
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL') return { kind: 'network', code, neverSent: true, retryable: false };
  return { kind: 'network', code, neverSent: false, retryable: false };
}
