// What a run file's `expect` block asks of an execution, and what an execution turned out to be. Pure: no
// `vscode`. Each check remembers where it was written (JSON path, line, column) so a failure points at it.
import type { Trace } from '../types';

/** Where a check is written in its file: `expect.output.contains`, 1-based line and column of its key. */
export interface Located {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** Which execution (or saved trace file) a baseline check compares with. */
export type BaselineRef =
  | { readonly kind: 'execution'; readonly connection?: string; readonly agentId?: string; readonly executionRecordId: string }
  | { readonly kind: 'traceFile'; readonly traceFile: string };

export type Check = Located & (
  | { readonly kind: 'status'; readonly expected: readonly string[] }
  | { readonly kind: 'noErrors' }
  | { readonly kind: 'outputEquals'; readonly expected: unknown }
  | { readonly kind: 'outputContains'; readonly expected: readonly string[]; readonly ignoreCase: boolean }
  | { readonly kind: 'outputMatches'; readonly pattern: string; readonly ignoreCase: boolean }
  | { readonly kind: 'outputJsonSchema'; readonly schema: unknown }
  | { readonly kind: 'outputJsonPath'; readonly jsonPath: string; readonly expected: unknown }
  | { readonly kind: 'maxCostUsd' | 'maxTokens' | 'maxDurationMs' | 'maxLlmCalls'; readonly limit: number }
  | { readonly kind: 'toolsCalled'; readonly tools: readonly string[]; readonly inOrder: boolean }
  | { readonly kind: 'toolsNotCalled'; readonly tools: readonly string[] }
  | { readonly kind: 'baseline'; readonly ref: BaselineRef; readonly tolerancePct: number }
);

export type CheckKind = Check['kind'];

/** A run file's `expect`, parsed: where the block is and its checks in the order written. */
export interface Expectations {
  readonly at: Located;
  readonly checks: readonly Check[];
}

/** What an execution turned out to be, from its `:execute` answer and (when read) its trace. */
export interface ExecutionFacts {
  /** The service's status spelling (COMPLETED, FAILED, WAITING_FOR_ASYNC…). */
  readonly status?: string;
  /** The agent's answer as text (a JSON answer as its JSON text). */
  readonly output?: string;
  readonly durationMs?: number;
  /** Input + output + thinking tokens, as the trace's Tokens column counts them. */
  readonly tokens?: number;
  readonly cost?: number;
  /** 'USD' or 'credits'. */
  readonly currency?: string;
  /** Errors the run reported outside its steps. */
  readonly errors: readonly string[];
  /** The execution's trace, for tool, LLM-call, error and baseline checks; undefined when it could not be read. */
  readonly trace?: Trace;
  /** Why the trace is missing, when it is. */
  readonly traceProblem?: string;
}

/** One check's outcome. `expected` / `actual` are display text (VS Code shows them as a diff). */
export interface Verdict extends Located {
  readonly kind: CheckKind;
  readonly pass: boolean;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

export const DEFAULT_TOLERANCE_PCT = 25;
