import * as vscode from 'vscode';
import { regressionTestText } from '../model/expect/fromExecution';
import { fromTraceWithFallback } from '../model/fruxonTrace';
import { RUN_FILE_SUFFIX } from '../model/runFile';
import type { AgentTests } from './agentTests';

// The Test Explorer's commands; the core registers them and forwards here (src/core.ts).

/** A test's context menu in the Test Explorer (and its gutter): the trace of its last run. */
export async function openTestTrace(tests: AgentTests, item?: vscode.TestItem): Promise<unknown> {
  const last = item ? tests.last.get(item.id) : undefined;
  const e = last?.result.execution;
  if (!last || !e?.executionRecordId) {
    void vscode.window.showInformationMessage(last ? 'The last run of this test made no execution (it could not start).' : 'Run this test first: its trace is the one of its last run.');
    return undefined;
  }
  return vscode.commands.executeCommand('agentlens.openExecution', { connection: tests.connectionFor(last.result), agentId: e.agentId, executionRecordId: e.executionRecordId });
}

/** "Save as Regression Test…": the record's parameters and an `expect` drawn from what it did, as a run file. */
export async function saveRegressionTest(tests: AgentTests, arg: unknown, opts?: { saveTo?: vscode.Uri }): Promise<vscode.Uri | undefined> {
  const { host } = tests;
  try {
    const t = await host.resolveRecordTarget(arg);
    if (!t) return undefined;
    const client = await host.connections.client(t.connection);
    if (!client) {
      void vscode.window.showErrorMessage('Sign in to Fruxon first.', 'Sign In').then((c) => c && vscode.commands.executeCommand('agentlens.signIn'));
      return undefined;
    }
    const [result, record, trace] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Reading the execution…' },
      () => Promise.all([client.getResult(t.agentId, t.executionRecordId), client.getExecutionRecord(t.agentId, t.executionRecordId),
        client.getTraceWithFallback(t.agentId, t.executionRecordId)]),
    );
    const text = regressionTestText({
      agent: t.agentId, executionRecordId: t.executionRecordId, parameters: result.parameters ?? {}, trace: fromTraceWithFallback(trace, record),
      ...(record.status ? { status: record.status } : {}),
      ...(record.environmentSlug ? { environmentSlug: record.environmentSlug } : {}),
      ...(typeof record.agentRevision === 'number' && record.agentRevision > 0 ? { revision: record.agentRevision } : {}),
    });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${t.agentId}-${t.executionRecordId.slice(0, 8)}.test${RUN_FILE_SUFFIX}`;
    const uri = opts?.saveTo ?? (await vscode.window.showSaveDialog({
      title: 'Save as Regression Test', saveLabel: 'Save Test',
      filters: { 'Agent run file': ['agentrun.json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri);
    if (!uri.path.toLowerCase().endsWith(RUN_FILE_SUFFIX)) {
      void vscode.window.showWarningMessage(`Saved, but only *${RUN_FILE_SUFFIX} files are tests: rename it to see it in the Test Explorer.`);
    } else {
      tests.testSaved(uri, text);
      void vscode.window.showInformationMessage('Saved as a regression test: run it from the Test Explorer, or in CI with `npm run agentlens -- test`.', 'Show Test Explorer')
        .then((c) => c && vscode.commands.executeCommand('workbench.view.testing.focus'));
    }
    return uri;
  } catch (e) {
    host.log.error('saving a regression test failed', e);
    void vscode.window.showErrorMessage(`Could not save the regression test: ${host.describeError(e)}`);
    return undefined;
  }
}
