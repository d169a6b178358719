// The extension host's handle on one trace worker: starts it, loads a job into it and stands in for the
// TraceSession that now lives there. The host keeps only the packed outline (typed arrays and one string);
// step details, search and the whole trace are asked of the worker. Disposing terminates the worker, which
// cancels whatever it was doing (a 100 MB parse included). Pure Node, no `vscode`.
import { Worker, type MessagePort } from 'node:worker_threads';
import { isPackedOutline, packedId, unpackOutline, type PackedOutline } from '../shared/outlineWire';
import type { HostToWebview, TraceOutline, WebviewToHost } from '../shared/protocol';
import { runEffect, type SessionEffects, type TraceSessionLike } from '../model/traceSession';
import type { Trace } from '../model/types';
import type { OtlpGroupSummary } from '../model/otlp';
import type { ResponderNames } from '../loaders/zaia';
import { JsonSyntaxError } from '../util/json';
import { ApiError } from '../api/errors';
import type { HttpLogLevel } from '../api/http';
import type { HostToWorker, LoadTimings, TraceJob, WireError, WorkerToHost } from './protocol';

/** Omit over each member of a union (plain Omit would merge the members into one shape). */
export type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = OmitEach<HostToWorker, 'id'>;
type Answer<Op extends WorkerToHost['op']> = Extract<WorkerToHost, { op: Op }>;
export type WorkerLoaded = { running: boolean; timings: LoadTimings; names?: ResponderNames };
type Pending = { resolve: (m: WorkerToHost) => void; reject: (e: Error) => void };

/** A failure the worker reported, as it was there: a JsonSyntaxError still knows its line and column. */
function rebuilt(e: WireError): Error {
  if (e.json) return new JsonSyntaxError(e.json.file, e.json.line, e.json.column, e.json.problem);
  if (e.api) return new ApiError(e.api);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

export class WorkerTraceSession implements TraceSessionLike {
  /** The worker (or the channel to one) this session lives in. */
  private readonly end: { post(m: HostToWorker): void; ref(): void; unref(): void; close(): Promise<void> };
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private packed: PackedOutline | undefined;
  private unpacked: TraceOutline | undefined;
  private stopped: Error | undefined;
  /** Told what a load is doing (the panel's loading banner). */
  onProgress: ((message: string) => void) | undefined;
  /** Told what the worker would log (its client's requests, an optional request that failed). */
  onLog: ((level: HttpLogLevel, message: string) => void) | undefined;

  /**
   * `target`: the worker bundle to start (dist/traceWorker.js; out/src/traceWorker/worker.js in tests), or a channel
   * to a worker already serving a session (the receiver's, for a local trace). `execArgv`: Node options for a
   * started worker alone (a benchmark's `--cpu-prof`).
   */
  constructor(target: string | MessagePort, public effects: SessionEffects, execArgv?: string[]) {
    if (typeof target === 'string') {
      const worker = new Worker(target, execArgv ? { execArgv } : {});
      worker.on('message', (m: WorkerToHost) => this.receive(m));
      worker.on('error', (e) => this.stop(new Error(`The trace worker failed: ${e.message}`)));
      worker.on('exit', (code) => this.stop(new Error(`The trace worker stopped (exit code ${code}).`)));
      this.end = { post: (m) => worker.postMessage(m), ref: () => worker.ref(), unref: () => worker.unref(), close: async () => void (await worker.terminate()) };
    } else {
      target.on('message', (m: WorkerToHost) => this.receive(m));
      target.on('close', () => this.stop(new Error('The local trace receiver stopped serving this trace.')));
      this.end = { post: (m) => target.postMessage(m), ref: () => target.ref(), unref: () => target.unref(), close: async () => target.close() };
    }
    // An idle worker must not keep the host (or a test run) alive; one with work under way does (see `ask`).
    this.end.unref();
  }

  private receive(m: WorkerToHost): void {
    if (m.op === 'progress') {
      this.onProgress?.(m.message);
      return;
    }
    if (m.op === 'log') {
      this.onLog?.(m.level, m.message);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.end.unref();
    if (m.op === 'failed') p.reject(rebuilt(m.error));
    else p.resolve(m);
  }

  private stop(e: Error): void {
    this.stopped ??= e;
    for (const p of this.pending.values()) p.reject(this.stopped);
    this.pending.clear();
  }

  private ask(m: Request): Promise<WorkerToHost> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.end.ref();
      this.pending.set(id, { resolve, reject });
      this.end.post({ ...m, id } as HostToWorker);
    });
  }

  /** `ask`, expecting the answer `op`. */
  private async askFor<Op extends WorkerToHost['op']>(m: Request, op: Op): Promise<Answer<Op>> {
    const answer = await this.ask(m);
    if (answer.op !== op) throw new Error(`The trace worker answered ${m.op} with ${answer.op}.`);
    return answer as Answer<Op>;
  }

  /**
   * Loads (or reloads, for a live refresh) the job; the outline is this session's from then on. A job with `ask`
   * on a file of several traces answers with them instead; `load` again with the choice (nothing is read twice).
   */
  async loadOrChoose(job: TraceJob): Promise<WorkerLoaded | { choose: OtlpGroupSummary[] }> {
    const m = await this.ask({ op: 'load', job });
    if (m.op === 'choose') return { choose: m.traces };
    if (m.op !== 'loaded' || !isPackedOutline(m.outline)) throw new Error('The trace worker answered a load with something else.');
    this.packed = m.outline;
    this.unpacked = undefined;
    return { running: m.running, timings: m.timings, ...(m.names ? { names: m.names } : {}) };
  }

  async load(job: TraceJob): Promise<WorkerLoaded> {
    const r = await this.loadOrChoose(job);
    if ('choose' in r) throw new Error('The trace worker asked which trace to open.');
    return r;
  }

  /** What the panel posts: the packed outline (VS Code hands its typed arrays over as buffers). */
  get packedOutline(): PackedOutline {
    if (!this.packed) throw new Error('No trace is loaded.');
    return this.packed;
  }

  /** The outline as arrays, unpacked on first use (tests and the API read it; the panel posts the packed one). */
  get outline(): TraceOutline {
    this.unpacked ??= unpackOutline(this.packedOutline);
    return this.unpacked;
  }

  stepIdAt(index: number): string | undefined {
    return this.packed ? packedId(this.packed, index) : undefined;
  }

  async trace(): Promise<Trace> {
    return (await this.askFor({ op: 'trace' }, 'trace')).trace;
  }

  /** The worker's heap in use, in bytes (after a full GC if the process runs with --expose-gc). */
  async heapUsed(): Promise<number> {
    return (await this.askFor({ op: 'heap' }, 'heap')).usedBytes;
  }

  async handle(msg: WebviewToHost): Promise<HostToWebview[]> {
    switch (msg.type) {
      case 'ready':
        return [{ type: 'trace', outline: this.packedOutline }];
      case 'copy':
      case 'openLink':
      case 'answerGate':
        return runEffect(msg, this.effects);
      default: {
        return (await this.askFor({ op: 'handle', msg }, 'answer')).messages;
      }
    }
  }

  /** Stops the worker: a load under way ends with an error nobody shows (the panel is gone). */
  dispose(): void {
    void this.close();
  }

  /** Like dispose, resolving once the thread has stopped. */
  async close(): Promise<void> {
    this.stop(new Error('The trace was closed.'));
    await this.end.close();
  }
}
