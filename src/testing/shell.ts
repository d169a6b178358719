import * as vscode from 'vscode';

// The Test Explorer's part of the activation shell: the controller and its Run profile exist from activation (so
// VS Code lists AgentLens among test providers), and the first time VS Code asks for tests — the Testing view
// opens, a Run All, a refresh — the core loads and discovers them. Finding run files needs the core's parser, and
// nobody sees tests before the Testing view asks, so loading the core then costs nothing anyone waits for
// elsewhere; a workspace that merely contains run files (`workspaceContains`) still only loads this shell.

export const TEST_CONTROLLER_ID = 'agentlens';

/** What the core does for the controller (src/testing/agentTests.ts). */
export interface TestsTarget {
  resolve(item: vscode.TestItem | undefined): Promise<void>;
  run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void>;
  refresh(token: vscode.CancellationToken): Promise<void>;
}

export function createTestShell(load: () => TestsTarget): { controller: vscode.TestController; dispose(): void } {
  const controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'AgentLens');
  controller.resolveHandler = (item) => load().resolve(item);
  controller.refreshHandler = (token) => load().refresh(token);
  const profile = controller.createRunProfile('Run agent tests', vscode.TestRunProfileKind.Run, (request, token) => load().run(request, token), true);
  return { controller, dispose: () => { profile.dispose(); controller.dispose(); } };
}
