// Messages between the extension host and the receiver worker (src/receiverWorker/worker.ts). The local receiver's
// HTTP server, its store of spans, the store's on-disk journal, the mapping that lists each trace and the sessions of
// the local traces open in panels all run in that one worker thread: a 100,000-span request is decoded, kept,
// journaled, mapped and summarized there, and the extension host gets only the summaries and the packed outline.
// Pure: no `vscode`.
import type { MessagePort } from 'node:worker_threads';
import type { JournalStats } from '../receiver/traceJournal';
import type { LocalTraceSummary } from '../receiver/traceStore';
import type { ReceiverStats } from '../receiver/otlpReceiver';

/** What the worker is started with (`workerData`). */
export interface ReceiverWorkerData {
  maxTraces: number;
  /** Where the journal is kept (the extension's global storage); none: traces are kept in memory only. */
  journalFolder?: string;
  /** Bounds for tests; the store's and the journal's defaults otherwise. */
  maxSpansPerTrace?: number;
  journalFlushMs?: number;
}

export type HostToReceiver =
  /** Listen on 127.0.0.1:port (0: any free port); answered `done` with the port bound, or `failed`. */
  | { op: 'start'; id: number; port: number; maxBodyBytes?: number }
  | { op: 'stop'; id: number }
  /** Clear Local Traces (the journal is deleted too). */
  | { op: 'clear'; id: number }
  /** Writes what the journal still buffers (tests; the journal flushes on its own within a second). */
  | { op: 'flush'; id: number }
  /** The window is closing: the journal writes what it buffers, the server stops; `done` before the thread ends. */
  | { op: 'close'; id: number }
  | { op: 'maxTraces'; n: number }
  /** Whether the host forwards what is received (agentlens.receiver.forward.endpoint): only then are bodies posted. */
  | { op: 'forwarding'; on: boolean }
  /**
   * A channel for one open local trace: the worker serves its session over it in the trace workers' protocol
   * (src/traceWorker/protocol.ts, serve.ts) until the host closes it.
   */
  | { op: 'session'; port: MessagePort };

/** Why the server could not listen (ReceiverStartError's fields). */
export interface StartFailure {
  port: number;
  code: string | undefined;
}

export type ReceiverToHost =
  /**
   * The store changed (coalesced): the summaries of traces added or grown, ids dropped; `cleared` first empties the
   * host's list. Also sent when only the request counts changed.
   */
  | { op: 'changed'; summaries: LocalTraceSummary[]; removed: string[]; cleared: boolean; stats: ReceiverStats }
  /** The journal was replayed (its summaries came before this); undefined without a journal. */
  | { op: 'restored'; stats: JournalStats | undefined }
  /** A request the receiver accepted, as it came (its body's buffer is transferred), for the host's forwarder. */
  | { op: 'forward'; path: string; contentType: string; contentEncoding: string | undefined; body: ArrayBuffer }
  | { op: 'log'; level: 'info' | 'warn' | 'debug'; message: string }
  | { op: 'done'; id: number; port?: number }
  | { op: 'failed'; id: number; message: string; start?: StartFailure };

/** What a panel says when the receiver no longer holds its trace. */
export const localTraceGone = (traceId: string): string => `The local trace ${traceId} is no longer held by the receiver (it keeps up to `
  + 'agentlens.receiver.maxTraces traces; Clear Local Traces drops them). Send it again to see it.';
