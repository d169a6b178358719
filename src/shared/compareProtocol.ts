// The compare panel's host ⇄ webview protocol, in the trace panel's style (src/shared/protocol.ts): the webview
// posts `ready`, the host answers with `compare` (or `loading` / `error`); requests carry an id. Imported by
// both sides: no `vscode`, no DOM. The merged tree crosses as columns, never as two full traces.
import type { ParamChange } from '../model/traceDiff/parameters';
import type { FieldKey } from '../model/traceDiff/signature';
import type { TotalsDelta } from '../model/traceDiff/totals';
import type { StepStatus, TraceSource } from '../model/types';
import type { StepPayload } from './protocol';

/** Row states as small integers. */
export const ROW_STATES = ['unchanged', 'changed', 'onlyA', 'onlyB'] as const;

export interface CompareSide {
  /** What the user picked, e.g. "Support agent · 3f2a9c1b". */
  label: string;
  id: string;
  source: TraceSource;
  title: string;
  agentName?: string;
  revision?: string | number;
  environment?: string;
  status: StepStatus;
  start: number;
  running: boolean;
}

export interface CompareOutline {
  a: CompareSide;
  b: CompareSide;
  totals: TotalsDelta;
  parameters: ParamChange[];
  identical: boolean;
  /** Row of the first divergence, -1 when none. */
  firstDivergence: number;
  /** Rows that are not unchanged, in order. */
  changes: number[];
  /** Per row, in pre-order: */
  names: string[];
  /** B's name where it differs from A's (a renamed step), else null. */
  namesB: (string | null)[];
  depth: number[];
  /** Row index of the parent, -1 for roots. */
  parent: number[];
  size: number[];
  childCount: number[];
  state: number[]; // index into ROW_STATES
  kind: number[]; // index into KIND_CODES
  /** index into STATUS_CODES, -1 when the side lacks the step. */
  statusA: number[];
  statusB: number[];
  /** Own figures per side; -1 when the side lacks the step (or, for durations, while it runs). */
  durA: number[];
  durB: number[];
  tokA: number[];
  tokB: number[];
  costA: number[];
  costB: number[];
  /** 1 when a row below this one changed ("changes only" keeps it as context). */
  changedBelow: number[];
  /** Changed fields of changed rows, comma-joined; '' for others. */
  fields: string[];
  moved: number[];
}

export interface FieldPair {
  key: FieldKey;
  a?: string;
  b?: string;
  differs: boolean;
}

export type CompareToHost =
  | { type: 'ready' }
  | { type: 'getPair'; id: number; index: number }
  /** Rows whose A or B step contains the query in its name, error, inputs, outputs… (host-side, as the trace search). */
  | { type: 'search'; id: number; query: string }
  /** Opens VS Code's diff editor on one field of one row (or on the parameters when index is -1). */
  | { type: 'openDiff'; index: number; field: FieldKey | 'parameters' }
  /** Opens one side's trace in the trace panel. */
  | { type: 'openSide'; side: 'a' | 'b' }
  | { type: 'copy'; text: string };

/**
 * What the webview persists (`vscode.setState`) so a reloaded window brings the comparison back: the two
 * origins and labels, read by the host's WebviewPanelSerializer. No credentials: connection ids only.
 */
export interface PersistedCompareState {
  a: { origin: unknown; label: string };
  b: { origin: unknown; label: string };
}

export type HostToCompare =
  | { type: 'compare'; outline: CompareOutline; restore: PersistedCompareState }
  | { type: 'loading'; message: string }
  | { type: 'pair'; id: number; index: number; a?: StepPayload; b?: StepPayload; fields: FieldPair[] }
  /** Matching rows as half-open ranges [start0, end0, …], ascending. */
  | { type: 'searchResult'; id: number; query: string; ranges: number[]; count: number; truncated: boolean }
  | { type: 'error'; id?: number; message: string };

export function isCompareToHost(value: unknown): value is CompareToHost {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { type?: unknown }).type;
  return t === 'ready' || t === 'getPair' || t === 'search' || t === 'openDiff' || t === 'openSide' || t === 'copy';
}
