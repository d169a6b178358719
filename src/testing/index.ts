// The Test Explorer's bundle (dist/tests.js): the core loads it the first time VS Code asks for tests or a test
// command runs, so agent tests add nothing to the core's size or load time until they are used.
import { AgentTests, type TestsHost } from './agentTests';
import { openTestTrace, saveRegressionTest } from './commands';

export type { TestsHost } from './agentTests';

export interface TestsFeature {
  readonly tests: AgentTests;
  openTestTrace(item?: unknown): Promise<unknown>;
  saveRegressionTest(arg?: unknown, opts?: unknown): Promise<unknown>;
  dispose(): void;
}

export function createTestsFeature(host: TestsHost): TestsFeature {
  const tests = new AgentTests(host);
  return {
    tests,
    openTestTrace: (item) => openTestTrace(tests, item as Parameters<typeof openTestTrace>[1]),
    saveRegressionTest: (arg, opts) => saveRegressionTest(tests, arg, opts as Parameters<typeof saveRegressionTest>[2]),
    dispose: () => tests.dispose(),
  };
}
