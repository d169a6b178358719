// Messages between the extension host and a trace worker (src/traceWorker/worker.ts). One worker per open
// trace: it reads, parses, validates and maps the trace, keeps it, and answers the webview's requests for it
// (step details, search), so none of that runs on the extension host's thread. Pure: no `vscode`.
import type { HostToWebview, WebviewToHost } from '../shared/protocol';
import type { PackedOutline } from '../shared/outlineWire';
import type { Trace } from '../model/types';
import type { OtlpGroupSummary } from '../model/otlp';

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
    };

export type HostToWorker =
  /** Load (or, for a live refresh, load again) and keep the trace; answered by `loaded` or `failed`. */
  | { op: 'load'; id: number; job: TraceJob }
  | { op: 'handle'; id: number; msg: WebviewToHost }
  /** The whole trace, for exports and the coding-agent tools (a structured clone: only on request). */
  | { op: 'trace'; id: number };

/** An error as it crosses the thread boundary: enough to rebuild it (a JsonSyntaxError keeps where it is). */
export interface WireError {
  name: string;
  message: string;
  json?: { file: string; line: number; column: number; problem: string };
}

export type WorkerToHost =
  | { op: 'loaded'; id: number; outline: PackedOutline; running: boolean; timings: LoadTimings }
  /** The file holds several traces: which to open? The worker keeps what it read for the `load` that follows. */
  | { op: 'choose'; id: number; traces: OtlpGroupSummary[] }
  | { op: 'answer'; id: number; messages: HostToWebview[] }
  | { op: 'trace'; id: number; trace: Trace }
  | { op: 'failed'; id: number; error: WireError }
  /** What the load is doing now, for the panel's loading banner. */
  | { op: 'progress'; message: string };

/** Where a load's time went, in ms (null: the phase is inside another one for this source). */
export interface LoadTimings {
  readMs: number;
  parseMs: number | null;
  mapMs: number;
  outlineMs: number;
}
