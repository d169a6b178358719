// What the test runner takes and gives: shared by the Test Explorer (src/testing/) and the `agentlens` command
// line (src/cli/). Pure: no `vscode`.
import type { FruxonClient } from '../api/fruxon/client';
import type { Verdict } from '../model/expect/types';
import type { Trace } from '../model/types';

/** One run file to test. */
export interface TestFile {
  /** Stable id (the file's URI or path). */
  readonly id: string;
  /** What people read: a workspace-relative path. */
  readonly name: string;
  /** Absolute path, for baselines given as trace files relative to the run file. */
  readonly path?: string;
  /** The file's text (the editor's, when it is open with unsaved changes). */
  readonly text: string;
}

export interface TestDeps {
  /** The client for a connection named in a file (undefined: the default); throws an Error fit for people when there is none. */
  client(connection: string | undefined): Promise<FruxonClient>;
  /** Reads a baseline trace file (Fruxon trace JSON or OTLP) into the model. */
  readTraceFile(path: string): Promise<Trace>;
}

export type TestOutcome = 'passed' | 'failed' | 'errored' | 'cancelled';

export interface TestExecution {
  readonly connection?: string;
  readonly agentId: string;
  readonly executionRecordId?: string;
  readonly status?: string;
  readonly cost?: number;
  readonly currency?: string;
  readonly tokens?: number;
  readonly durationMs?: number;
}

export type TestBaseline =
  | { readonly kind: 'execution'; readonly connection?: string; readonly agentId: string; readonly executionRecordId: string }
  | { readonly kind: 'traceFile'; readonly path: string };

export interface TestResult {
  readonly id: string;
  readonly name: string;
  readonly outcome: TestOutcome;
  /** Wall time of this test: parse, baseline, execution, trace. */
  readonly durationMs: number;
  readonly verdicts: readonly Verdict[];
  /** Why the test errored (or was cancelled); line and column for a malformed file; `sent`: whether an execution may have started. */
  readonly error?: { readonly message: string; readonly line?: number; readonly column?: number; readonly sent: boolean };
  readonly execution?: TestExecution;
  readonly baseline?: TestBaseline;
  /** Where the file's `expect` is (1-based), when it parsed. */
  readonly expectLine?: number;
}
