// Runs many tests with at most `concurrency` executions in flight, in the order given; stops starting new ones
// when the signal aborts (those are reported `cancelled`, nothing sent). Pure: no `vscode`.
import { runTest } from './runTest';
import type { TestDeps, TestFile, TestResult } from './types';

export interface PoolOptions {
  concurrency: number;
  signal?: AbortSignal;
  onStart?: (file: TestFile) => void;
  onResult?: (result: TestResult) => void;
}

export async function runTests(files: readonly TestFile[], deps: TestDeps, o: PoolOptions): Promise<TestResult[]> {
  const results: TestResult[] = new Array(files.length);
  const limit = Math.max(1, Math.floor(o.concurrency) || 1);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      const file = files[i];
      if (!file) return;
      let r: TestResult;
      if (o.signal?.aborted) {
        r = { id: file.id, name: file.name, outcome: 'cancelled', durationMs: 0, verdicts: [], error: { message: 'Cancelled before it started.', sent: false } };
      } else {
        o.onStart?.(file);
        try {
          r = await runTest(file, deps, o.signal);
        } catch (e) {
          // A bug, not a test result; reported as an error so the other tests still run.
          r = { id: file.id, name: file.name, outcome: 'errored', durationMs: 0, verdicts: [], error: { message: `AgentLens failed: ${e instanceof Error ? e.message : String(e)}`, sent: false } };
        }
      }
      results[i] = r;
      o.onResult?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, files.length) }, worker));
  return results;
}
