// Forwards what the local receiver accepted to the team's OpenTelemetry Collector (any OTLP/HTTP endpoint),
// unchanged: the same body bytes, Content-Type and Content-Encoding, to `<endpoint>/v1/traces` or `/v1/logs`
// (OTEL_EXPORTER_OTLP_ENDPOINT's rule). The receiver only enqueues — it never waits on the upstream. A bounded
// queue (requests and bytes) absorbs an upstream that is down or slow: the oldest request is dropped when it is
// full, counted and warned about (at most every 10 s). Failures retry with backoff as OTLP/HTTP says: 429, 502,
// 503, 504 and network errors are retried (Retry-After honoured), other answers drop the request with a warning.
import type { Agent, Dispatcher } from 'undici';
import { undici } from '../api/undici';

export interface ForwardItem {
  /** `/v1/traces` or `/v1/logs`. */
  path: string;
  contentType: string;
  contentEncoding?: string | undefined;
  body: Buffer;
}

export type ForwardLog = (level: 'info' | 'warn' | 'debug', message: string) => void;

export interface ForwarderOptions {
  /** Base URL (`http://collector:4318`); the signal path is appended. */
  endpoint: string;
  /** Sent with every request (a collector's auth header); never logged. */
  headers?: Readonly<Record<string, string>>;
  maxQueueRequests?: number;
  maxQueueBytes?: number;
  timeoutMs?: number;
  /** Parallel requests to the upstream. */
  concurrency?: number;
  /** Backoff: first delay and cap, ms. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  log?: ForwardLog;
  dispatcher?: Dispatcher;
}

export interface ForwarderStats {
  /** Requests the upstream accepted. */
  forwarded: number;
  forwardedBytes: number;
  /** Attempts that failed (each retry counts). */
  failedAttempts: number;
  /** Dropped because the queue was full (oldest first). */
  dropped: number;
  /** Dropped because the upstream refused them for good (400, 401, 413…). */
  rejected: number;
  queued: number;
  queuedBytes: number;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const WARN_EVERY_MS = 10_000;

/** `http(s)://host[:port][/path]` without query, trailing slash removed; throws a message to show. */
export function normalizeEndpoint(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`"${text}" is not a URL. Enter the collector's OTLP/HTTP endpoint, for example http://localhost:4318`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The forwarding endpoint must start with http:// or https://');
  if (url.username || url.password) throw new Error('Put credentials in a header (AgentLens: Set Forwarding Header…), not in the URL');
  // A full signal URL pasted by habit: the base is what the rule wants.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1\/(traces|logs)$/, '');
  return `${url.origin}${path}`;
}

export class OtlpForwarder {
  readonly stats: ForwarderStats = { forwarded: 0, forwardedBytes: 0, failedAttempts: 0, dropped: 0, rejected: 0, queued: 0, queuedBytes: 0 };
  private readonly queue: ForwardItem[] = [];
  private inFlight = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;
  private lastDropWarning = 0;
  private droppedSinceWarning = 0;
  private readonly endpoint: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownDispatcher: Agent | undefined;
  private readonly idle: (() => void)[] = [];

  constructor(private readonly o: ForwarderOptions) {
    this.endpoint = normalizeEndpoint(o.endpoint);
    const { Agent: AgentCtor } = undici(); // also gives every Dispatcher its request()
    this.ownDispatcher = o.dispatcher ? undefined : new AgentCtor({ connections: Math.max(1, o.concurrency ?? 2), keepAliveTimeout: 30_000 });
    this.dispatcher = o.dispatcher ?? this.ownDispatcher!;
  }

  get target(): string {
    return this.endpoint;
  }

  /** Queues a request for the upstream; returns at once. */
  enqueue(item: ForwardItem): void {
    if (this.closed) return;
    this.queue.push(item);
    this.stats.queued++;
    this.stats.queuedBytes += item.body.length;
    const maxRequests = this.o.maxQueueRequests ?? 1000;
    const maxBytes = this.o.maxQueueBytes ?? 64 * 1024 * 1024;
    while (this.queue.length > 1 && (this.queue.length > maxRequests || this.stats.queuedBytes > maxBytes)) {
      const old = this.queue.shift()!;
      this.stats.queued--;
      this.stats.queuedBytes -= old.body.length;
      this.stats.dropped++;
      this.droppedSinceWarning++;
    }
    if (this.droppedSinceWarning > 0 && Date.now() - this.lastDropWarning >= WARN_EVERY_MS) {
      this.lastDropWarning = Date.now();
      this.log('warn', `forwarding queue full (upstream ${this.endpoint} down or slow): dropped ${this.droppedSinceWarning} oldest request(s), ${this.stats.dropped} in all; the local view has everything`);
      this.droppedSinceWarning = 0;
    }
    this.pump();
  }

  /** Resolves when the queue is empty and nothing is in flight (tests, benchmarks, shutdown). */
  drained(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.queue.length = 0;
    this.stats.queued = 0;
    this.stats.queuedBytes = 0;
    for (const wake of this.idle.splice(0)) wake();
    // destroy, not close: a hanging upstream must not hold the receiver's shutdown.
    await this.ownDispatcher?.destroy().catch(() => undefined);
  }

  private pump(): void {
    const limit = Math.max(1, this.o.concurrency ?? 2);
    // While the upstream is failing, one request at a time probes it (after the backoff).
    const allowed = this.failures > 0 ? 1 : limit;
    while (!this.closed && !this.retryTimer && this.inFlight < allowed && this.queue.length > 0) {
      const item = this.queue.shift()!;
      this.stats.queued--;
      this.stats.queuedBytes -= item.body.length;
      this.inFlight++;
      void this.send(item).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.queue.length === 0 && this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
      });
    }
  }

  private async send(item: ForwardItem): Promise<void> {
    const headers: Record<string, string> = { ...this.o.headers, 'content-type': item.contentType };
    if (item.contentEncoding) headers['content-encoding'] = item.contentEncoding;
    let status = 0;
    let retryAfterMs: number | undefined;
    let problem = '';
    try {
      // Through the dispatcher (undici's modules loaded one by one, src/api/undici.ts), not undici's root.
      const url = new URL(`${this.endpoint}${item.path}`);
      const res = await this.dispatcher.request({
        origin: url.origin, path: `${url.pathname}${url.search}`, method: 'POST', body: item.body, headers,
        headersTimeout: this.o.timeoutMs ?? 10_000, bodyTimeout: this.o.timeoutMs ?? 10_000,
      });
      status = res.statusCode;
      const ra = res.headers['retry-after'];
      const text = await res.body.text().catch(() => '');
      if (status >= 200 && status < 300) {
        this.stats.forwarded++;
        this.stats.forwardedBytes += item.body.length;
        if (this.failures > 0) this.log('info', `forwarding to ${this.endpoint} works again`);
        this.failures = 0;
        return;
      }
      if (typeof ra === 'string' && /^\d+$/.test(ra.trim())) retryAfterMs = Number(ra) * 1000;
      problem = `HTTP ${status}${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`;
    } catch (e) {
      problem = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
    }
    this.stats.failedAttempts++;
    if (status !== 0 && !RETRYABLE.has(status)) {
      this.stats.rejected++;
      this.log('warn', `forwarding to ${this.endpoint}${item.path} refused (${problem}); this request is not retried`);
      return;
    }
    if (this.closed) return;
    // Back to the front: order is kept, and the queue bound still applies to what waits behind it.
    this.queue.unshift(item);
    this.stats.queued++;
    this.stats.queuedBytes += item.body.length;
    this.failures++;
    const base = this.o.retryBaseMs ?? 500;
    const delay = Math.min(retryAfterMs ?? base * 2 ** Math.min(this.failures - 1, 10), this.o.retryMaxMs ?? 30_000);
    if (this.failures === 1 || this.failures % 20 === 0) {
      this.log('warn', `forwarding to ${this.endpoint}${item.path} failed (${problem}); retrying in ${delay} ms (attempt ${this.failures}), ${this.stats.queued} request(s) waiting`);
    }
    if (!this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.pump();
      }, delay);
      this.retryTimer.unref?.();
    }
  }

  private log(level: 'info' | 'warn' | 'debug', message: string): void {
    try {
      this.o.log?.(level, `[forward] ${message}`);
    } catch {
      // never into the receiver
    }
  }
}
