// The extension host's handle on the receiver worker (src/receiverWorker/worker.ts): the local traces as the host
// sees them. It keeps the summaries the worker posts, so listing, `has` and the counts stay synchronous here, and
// forwards start, stop, clear and the trim bound to the worker. An open local trace's session lives in that worker
// too (`session`): a 100,000-span trace is never copied to the host's heap, nor to another thread.
// Pure Node, no `vscode`.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { ReceiverStartError, noReceiverStats, type ReceiverStats } from '../receiver/otlpReceiver';
import type { JournalStats } from '../receiver/traceJournal';
import type { LocalTraceSummary, StoreChange } from '../receiver/traceStore';
import type { ForwardItem } from '../receiver/forwarder';
import type { HostToReceiver, ReceiverToHost, ReceiverWorkerData } from './protocol';
import { WorkerTraceSession, type OmitEach } from '../traceWorker/client';
import type { SessionEffects } from '../model/traceSession';

type Request = OmitEach<Extract<HostToReceiver, { id: number }>, 'id'>;
type Pending = { resolve: (port: number | undefined) => void; reject: (e: Error) => void };

/** What the views, panels and commands read of the local traces (the store's own shape, for the summaries). */
export interface LocalTraceList {
  readonly size: number;
  has(traceId: string): boolean;
  summary(traceId: string): LocalTraceSummary | undefined;
  /** Newest first (by first span's start). */
  summaries(): LocalTraceSummary[];
  onDidChange(listener: (e: StoreChange) => void): { dispose(): void };
}

export class LocalTraces implements LocalTraceList {
  private readonly worker: Worker;
  private readonly list = new Map<string, LocalTraceSummary>();
  private readonly listeners = new Set<(e: StoreChange) => void>();
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private stopped: Error | undefined;
  private boundPort: number | undefined;
  private forwardingOn = false;
  /** Answers awaited (and the journal's replay): the worker keeps the process alive only while there are any. */
  private holds = 0;
  /** The worker's counts, as of its last batch. */
  stats: ReceiverStats = noReceiverStats();
  /** Resolves once the journal has been replayed (its traces are listed by then). */
  readonly restored: Promise<JournalStats | undefined>;
  private restore!: (s: JournalStats | undefined) => void;
  /** Gets what the receiver accepted, for the forwarder (only while `forwarding` is on). */
  onForward: ((item: ForwardItem) => void) | undefined;
  onLog: ((level: 'info' | 'warn' | 'debug', message: string) => void) | undefined;

  /** `script`: dist/receiverWorker.js (out/src/receiverWorker/worker.js in tests). */
  constructor(script: string, data: ReceiverWorkerData) {
    this.restored = new Promise((resolve) => (this.restore = resolve));
    this.worker = new Worker(script, { workerData: data });
    this.worker.on('message', (m: ReceiverToHost) => this.receive(m));
    this.worker.on('error', (e) => {
      // Told in the log: the receiver stops listening, the list stays as it was, a new Start says why it cannot.
      this.onLog?.('warn', `the trace receiver's worker failed: ${e.message}`);
      this.fail(new Error(`The trace receiver's worker failed: ${e.message}`));
    });
    this.worker.on('exit', (code) => this.fail(new Error(`The trace receiver's worker stopped (exit code ${code}).`)));
    // Listening or not, the receiver must not keep the host (or a test run) alive; an answer awaited does.
    this.worker.unref();
    this.hold();
    void this.restored.then(() => this.release());
  }

  private hold(): void {
    if (this.holds++ === 0) this.worker.ref();
  }

  private release(): void {
    if (this.holds > 0 && --this.holds === 0) this.worker.unref();
  }

  get size(): number {
    return this.list.size;
  }

  has(traceId: string): boolean {
    return this.list.has(traceId);
  }

  summary(traceId: string): LocalTraceSummary | undefined {
    return this.list.get(traceId);
  }

  summaries(): LocalTraceSummary[] {
    return [...this.list.values()].sort((a, b) => b.start - a.start);
  }

  onDidChange(listener: (e: StoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The port the receiver listens on, or undefined when it does not. */
  get port(): number | undefined {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.boundPort !== undefined;
  }

  get url(): string | undefined {
    return this.boundPort === undefined ? undefined : `http://127.0.0.1:${this.boundPort}`;
  }

  /** Listens on 127.0.0.1:port; the port bound. Throws ReceiverStartError (EADDRINUSE…) as the receiver does. */
  async start(port: number, maxBodyBytes?: number): Promise<number> {
    const bound = await this.ask({ op: 'start', port, ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}) });
    this.boundPort = bound;
    return bound!;
  }

  async stop(): Promise<void> {
    this.boundPort = undefined;
    await this.ask({ op: 'stop' });
  }

  /** Clear Local Traces; the host's list empties when the worker says so (a `cleared` batch). */
  async clear(): Promise<void> {
    await this.ask({ op: 'clear' });
  }

  /** Writes what the journal buffers (tests: what a reload would restore). */
  async flushJournal(): Promise<void> {
    await this.ask({ op: 'flush' });
  }

  setMaxTraces(n: number): void {
    this.post({ op: 'maxTraces', n });
  }

  /** Whether received requests are handed to `onForward` (bodies are posted to the host only then). */
  set forwarding(on: boolean) {
    if (on === this.forwardingOn) return;
    this.forwardingOn = on;
    this.post({ op: 'forwarding', on });
  }

  get forwarding(): boolean {
    return this.forwardingOn;
  }

  /**
   * A session for one local trace, served by the receiver's worker over a channel of its own: it stands in for a
   * trace worker (load a `local` job into it). The trace is mapped where its spans are: nothing large is copied.
   */
  session(effects: SessionEffects = { copy: () => undefined, openLink: () => undefined }): WorkerTraceSession {
    const { port1, port2 } = new MessageChannel();
    this.post({ op: 'session', port: port1 }, [port1]);
    return new WorkerTraceSession(port2, effects);
  }

  private receive(m: ReceiverToHost): void {
    switch (m.op) {
      case 'changed':
        this.apply(m);
        return;
      case 'restored':
        this.restore(m.stats);
        return;
      case 'forward':
        this.onForward?.({ path: m.path, contentType: m.contentType, contentEncoding: m.contentEncoding, body: Buffer.from(m.body) });
        return;
      case 'log':
        this.onLog?.(m.level, m.message);
        return;
      case 'done':
      case 'failed': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.release();
        if (m.op === 'done') p.resolve(m.port);
        else p.reject(m.start ? new ReceiverStartError(m.start.port, m.start.code, m.message) : new Error(m.message));
      }
    }
  }

  private apply(m: Extract<ReceiverToHost, { op: 'changed' }>): void {
    this.stats = m.stats;
    const removed = m.cleared ? [...this.list.keys()] : m.removed.filter((id) => this.list.has(id));
    if (m.cleared) this.list.clear();
    for (const id of m.removed) this.list.delete(id);
    for (const s of m.summaries) this.list.set(s.traceId, s);
    const e: StoreChange = { changed: m.summaries.map((s) => s.traceId), removed, ...(m.cleared ? { cleared: true } : {}) };
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure is its own.
      }
    }
  }

  private post(m: HostToReceiver, transfer: MessagePort[] = []): void {
    if (!this.stopped) this.worker.postMessage(m, transfer);
  }

  private ask(m: Request): Promise<number | undefined> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.hold();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...m, id } as HostToReceiver);
    });
  }

  private fail(e: Error): void {
    this.stopped ??= e;
    this.boundPort = undefined;
    this.restore(undefined);
    for (const p of this.pending.values()) p.reject(this.stopped);
    this.pending.clear();
    this.holds = 0;
    this.worker.unref();
  }

  /** The window is closing: the journal writes what it buffers and the server stops, then the thread ends. */
  async close(): Promise<void> {
    if (!this.stopped) await this.ask({ op: 'close' }).catch(() => undefined);
    this.fail(new Error('The trace receiver was closed.'));
    await this.worker.terminate();
  }

  dispose(): void {
    void this.close();
  }
}
