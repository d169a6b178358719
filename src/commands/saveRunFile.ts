import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import type { ConnectionManager } from '../connections/connectionManager';
import { RUN_FILE_SUFFIX, runFileText } from '../model/runFile';
import type { Logger } from '../util/logger';
import { describeError } from '../views/errors';
import type { TreeNode } from '../views/nodes/base';
import { resolveRecordTarget } from './targets';

/**
 * "Save Parameters as Run File…": the record's parameters (from `:result`), with its agent, environment and
 * revision, as a `*.agentrun.json` file — so a production run can be reproduced and kept in git.
 */
export function registerSaveRunFileCommand(connections: ConnectionManager, selection: () => readonly TreeNode[], log: Logger): vscode.Disposable {
  return registerCommand('agentlens.saveRunFile', async (arg?: unknown, opts?: { saveTo?: vscode.Uri }) => {
    try {
      const t = await resolveRecordTarget(arg, connections, selection());
      if (!t) return undefined;
      const client = await connections.client(t.connection);
      if (!client) {
        void vscode.window.showErrorMessage('Sign in to Fruxon first.', 'Sign In').then((c) => c && vscode.commands.executeCommand('agentlens.signIn'));
        return undefined;
      }
      const [result, record] = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Reading the execution\'s parameters…' },
        () => Promise.all([client.getResult(t.agentId, t.executionRecordId), client.getExecutionRecord(t.agentId, t.executionRecordId)]),
      );
      const text = runFileText({
        agent: t.agentId, parameters: result.parameters ?? {},
        ...(record.environmentSlug ? { environmentSlug: record.environmentSlug } : {}),
        ...(typeof record.agentRevision === 'number' && record.agentRevision > 0 ? { revision: record.agentRevision } : {}),
      });
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `${t.agentId}-${t.executionRecordId.slice(0, 8)}${RUN_FILE_SUFFIX}`;
      const uri = opts?.saveTo ?? (await vscode.window.showSaveDialog({
        title: 'Save Parameters as Run File', saveLabel: 'Save Run File',
        filters: { 'Agent run file': ['agentrun.json'], 'JSON': ['json'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      }));
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      await vscode.window.showTextDocument(uri);
      if (!uri.path.toLowerCase().endsWith(RUN_FILE_SUFFIX)) {
        void vscode.window.showInformationMessage(`Saved. Name the file *${RUN_FILE_SUFFIX} to get validation, completion and the Run CodeLens.`);
      }
      return uri;
    } catch (e) {
      log.error('saving a run file failed', e);
      void vscode.window.showErrorMessage(`Could not save the parameters: ${describeError(e).message}`);
      return undefined;
    }
  });
}
