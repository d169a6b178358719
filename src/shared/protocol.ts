// The trace panel's host ⇄ webview protocol. Imported by both sides: no `vscode`, no DOM.
//
// Handshake: the webview posts `ready` once its message listener is installed (and again after a reload);
// the host queues everything it wants to send until then and answers `ready` with `trace` (or `loading` /
// `error` while it has none). Requests (`getStep`, `search`) carry an `id` chosen by the webview; the host
// answers with a message of the matching type and the same `id` (or `error` with that `id`).
//
// The whole trace never crosses: 100k full steps would cost seconds of structured clone and hundreds of MB.
// `trace`/`live` carry a compact columnar outline (see src/model/outline.ts); a step's detail is fetched on
// selection, and search runs host-side over text the webview never holds.
import type { WireMatches } from './searchWire';
import type { Step, StepKind, StepStatus, Trace } from '../model/types';
import type { PackedOutline } from './outlineWire';

/** Kind and status travel as small integers; these tables decode them. */
export const KIND_CODES: readonly StepKind[] = ['agent', 'flow', 'llm', 'tool', 'hitl', 'retrieval', 'other'];
export const STATUS_CODES: readonly StepStatus[] = ['ok', 'error', 'running', 'unknown'];

/** The trace's header as sent: the model's own fields without the step tree, plus the waterfall's axis. */
export interface OutlineHeader extends Omit<Trace, 'roots' | 'end'> {
  /** -1 while running. */
  end: number;
  /** Earliest start and latest end (or now, for running steps) over all steps: the waterfall's axis. */
  axisStart: number;
  axisEnd: number;
}

/**
 * Steps in DFS pre-order; every array has `header.stepCount` entries and index i is the same step in each.
 * Step i's subtree is the index range [i, i + size[i]).
 */
export interface TraceOutline {
  header: OutlineHeader;
  ids: string[];
  names: string[];
  parent: number[]; // -1 for roots
  depth: number[];
  size: number[]; // subtree size including the step itself
  childCount: number[];
  kind: number[]; // index into KIND_CODES
  status: number[]; // index into STATUS_CODES
  start: number[];
  end: number[]; // -1 while running
  /** input + output + thinking tokens: own, and rolled up over the subtree. */
  tokens: number[];
  tokensRolled: number[];
  cost: number[];
  costRolled: number[];
  /** 1 when the step has status error or an error message. */
  error: number[];
  /** Pre-order indices of the steps with errors, for next/previous error. */
  errorIndices: number[];
}

/** A step as the detail pane needs it: everything but the children (which the outline already has). */
export type StepPayload = Omit<Step, 'children'> & { childCount: number };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'getStep'; id: number; index: number; stepId?: string }
  | { type: 'search'; id: number; query: string }
  | { type: 'copy'; text: string }
  /** The host checks the scheme (http, https, file inside the workspace) before opening anything. */
  | { type: 'openLink'; url: string }
  /** A button on an open gate: the host asks the person to confirm, then answers the approval request once. */
  | { type: 'answerGate'; requestId: string; action: GateAction };

export type GateAction = 'APPROVE' | 'REJECT' | 'CANCEL';

export type HostToWebview =
  /** The outline as arrays, or packed (src/shared/outlineWire.ts) when it comes from a trace worker. */
  | { type: 'trace'; outline: TraceOutline | PackedOutline }
  | { type: 'live'; outline: TraceOutline | PackedOutline }
  | { type: 'loading'; message: string }
  /** Select and scroll to a step (a chat answer's "open at step" button). */
  | { type: 'reveal'; stepId: string }
  | { type: 'step'; id: number; index: number; step: StepPayload }
  /** Matches as half-open index ranges [start0, end0, start1, end1, …]: dense results stay small. */
  /** The matches as ranges, or as a bitset when there are many (src/shared/searchWire.ts). */
  | ({ type: 'searchResult'; id: number; query: string; count: number; truncated: boolean } & WireMatches)
  | { type: 'error'; id?: number; message: string };

/** The request each response answers, for typed request/response helpers. */
export interface RequestMap {
  getStep: { request: Extract<WebviewToHost, { type: 'getStep' }>; response: Extract<HostToWebview, { type: 'step' }> };
  search: { request: Extract<WebviewToHost, { type: 'search' }>; response: Extract<HostToWebview, { type: 'searchResult' }> };
}

/**
 * State the webview persists with `vscode.setState` so a reloaded panel restores itself. The host's
 * WebviewPanelSerializer receives it too (`traceId` says which trace to load again); no message needed.
 */
export interface PersistedViewState {
  traceId?: string;
  selectedStepId?: string;
  collapsedIds?: string[];
  scrollTop?: number;
  query?: string;
}

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { type?: unknown }).type;
  if (t === 'answerGate') {
    const o = value as { requestId?: unknown; action?: unknown };
    return typeof o.requestId === 'string' && (o.action === 'APPROVE' || o.action === 'REJECT' || o.action === 'CANCEL');
  }
  return t === 'ready' || t === 'getStep' || t === 'search' || t === 'copy' || t === 'openLink';
}
