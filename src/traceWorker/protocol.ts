// Messages between the extension host and a trace worker (src/traceWorker/worker.ts). One worker per open
// trace: it reads, parses, validates and maps the trace, keeps it, and answers the webview's requests for it
// (step details, search), so none of that runs on the extension host's thread. The receiver's worker speaks the
// same protocol over a channel for each open local trace (serve.ts). Pure: no `vscode`.
import type { HostToWebview, WebviewToHost } from '../shared/protocol';
import type { PackedOutline } from '../shared/outlineWire';
import type { Trace } from '../model/types';
import type { OtlpGroupSummary } from '../model/otlp';
import type { FruxonClientInit } from '../api/fruxon/client';
import type { ZaiaClientInit } from '../api/zaia/client';
import type { StoreClientInit } from '../api/stores/auth';
import type { ResponderNames } from '../loaders/zaia';
import type { ApiErrorInit } from '../api/errors';
import type { HttpLogLevel } from '../api/http';

/** What a worker loads. A job is self-contained: the worker sees nothing of the host but what it carries. */
export type TraceJob =
  /** A trace file on this machine (`origin.kind` 'file'): read, decoded, parsed and mapped in the worker. */
  | {
      kind: 'file';
      path: string;
      /** Of a file with several traces: this one, or `all` of them (each a root); otherwise as traceFromFile maps it. */
      traceId?: string;
      all?: boolean;
      /** Answer `choose` instead of mapping when the file holds several traces and neither is set (a pick follows). */
      ask?: boolean;
    }
  /**
   * A Fruxon execution (`origin.kind` 'fruxon'): the worker makes its own client from `client` (the connection's
   * plain options, credential included: a worker is a thread of the same process) and fetches there.
   */
  | { kind: 'fruxon'; client: FruxonClientInit; agentId: string; executionRecordId: string }
  /** A Fruxon execution's raw OTel spans (`origin.kind` 'fruxonOtlp'), mapped beside the server's own mapping. */
  | { kind: 'fruxonOtlp'; client: FruxonClientInit; agentId: string; executionRecordId: string }
  /** A Zaia execution, likewise; `names` are the host's responder names of the connection (they come back updated). */
  | { kind: 'zaia'; client: ZaiaClientInit; executionId: string; names?: ResponderNames | undefined }
  /** A trace by id from a Jaeger or Grafana Tempo connection, likewise. */
  | { kind: 'store'; store: 'jaeger' | 'tempo'; client: StoreClientInit; traceId: string }
  /**
   * A trace the local receiver holds (`origin.kind` 'local'): loaded by the receiver's worker, which holds the spans
   * and serves the trace's session itself, over a channel (src/receiverWorker/); a trace worker refuses it.
   */
  | { kind: 'local'; traceId: string };

export type HostToWorker =
  /** Load (or, for a live refresh, load again) and keep the trace; answered by `loaded` or `failed`. */
  | { op: 'load'; id: number; job: TraceJob }
  | { op: 'handle'; id: number; msg: WebviewToHost }
  /** The whole trace, for exports and the coding-agent tools (a structured clone: only on request). */
  | { op: 'trace'; id: number }
  /** The worker's JS heap in use (after a full GC when the process runs with --expose-gc): benchmarks. */
  | { op: 'heap'; id: number };

/** An error as it crosses the thread boundary: enough to rebuild it (a JsonSyntaxError keeps where it is). */
export interface WireError {
  name: string;
  message: string;
  json?: { file: string; line: number; column: number; problem: string };
  /** An ApiError's own init (scrubbed of secrets when it was made). */
  api?: ApiErrorInit;
}

export type WorkerToHost =
  /** `names`: a Zaia load listed responders again; the host keeps them for its next loads of the connection. */
  | { op: 'loaded'; id: number; outline: PackedOutline; running: boolean; timings: LoadTimings; names?: ResponderNames }
  /** The file holds several traces: which to open? The worker keeps what it read for the `load` that follows. */
  | { op: 'choose'; id: number; traces: OtlpGroupSummary[] }
  | { op: 'answer'; id: number; messages: HostToWebview[] }
  | { op: 'trace'; id: number; trace: Trace }
  | { op: 'heap'; id: number; usedBytes: number }
  | { op: 'failed'; id: number; error: WireError }
  /** What the load is doing now, for the panel's loading banner. */
  | { op: 'progress'; message: string }
  /** For the host's log: the worker's client's request log, an optional request that failed. */
  | { op: 'log'; level: HttpLogLevel; message: string };

/** Where a load's time went, in ms (null: the phase is inside another one for this source). */
export interface LoadTimings {
  readMs: number;
  parseMs: number | null;
  mapMs: number;
  outlineMs: number;
}
