import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { ApiError } from '../api/errors';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Logger } from '../util/logger';
import type { AgentsTreeProvider } from '../views/agentsView';
import { describeError } from '../views/errors';
import { formatCost, formatDuration } from '../views/format';
import type { TreeNode } from '../views/nodes/base';
import { resolveRecordTarget } from './targets';

/**
 * Re-run with the same parameters: reads them from `:result`, confirms, and executes once. `:execute` is
 * never retried once it may have reached the server — a second run would be a second execution.
 */
export function registerRerunCommand(connections: ConnectionManager, tree: AgentsTreeProvider, selection: () => readonly TreeNode[], log: Logger): vscode.Disposable {
  return registerCommand('agentlens.rerun', async (arg?: unknown, opts?: { confirm?: boolean }) => {
    const t = await resolveRecordTarget(arg, connections, selection());
    if (!t) return undefined;
    const client = await connections.client(t.connection);
    if (!client) return void vscode.window.showErrorMessage('Sign in to Fruxon first.');
    try {
      const [result, record] = await Promise.all([client.getResult(t.agentId, t.executionRecordId), client.getExecutionRecord(t.agentId, t.executionRecordId)]);
      const parameters = (result.parameters ?? {}) as Record<string, unknown>;
      if (opts?.confirm !== false) {
        const keys = Object.keys(parameters);
        const choice = await vscode.window.showWarningMessage(
          `Run ${t.agentId} again with the same parameters?`,
          { modal: true, detail: `This starts a new execution${record.environmentSlug ? ` in ${record.environmentSlug}` : ''} with ${keys.length ? `parameters ${keys.join(', ')}` : 'no parameters'}. It may cost money.` },
          'Run Again',
        );
        if (choice !== 'Run Again') return undefined;
      }
      const started = Date.now();
      const response = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Running ${t.agentId}…` },
        () => client.execute(t.agentId, { parameters, ...(record.environmentSlug ? { environmentSlug: record.environmentSlug } : {}) }),
      );
      const cost = response.trace?.totalCost;
      void vscode.window
        .showInformationMessage(
          `${t.agentId} finished: ${response.status ?? 'done'} in ${formatDuration(Date.now() - started)}${typeof cost === 'number' ? ` · ${formatCost(cost)}` : ''}.`,
          ...(response.executionRecordId ? ['Open Trace'] : []),
        )
        .then((c) => c && vscode.commands.executeCommand('agentlens.openExecution', { connection: t.connection, agentId: t.agentId, executionRecordId: response.executionRecordId }));
      const agent = tree.findAgent(t.connection, t.agentId);
      if (agent) tree.reload(agent);
      return response;
    } catch (e) {
      log.error(`re-run of ${t.executionRecordId} failed`, e);
      connections.reportError(t.connection, e);
      const maybe = e instanceof ApiError && e.mayHaveReachedServer;
      const note = maybe ? ' The run may have started on the server; nothing was retried. Refresh the agent to see it.' : '';
      void vscode.window.showErrorMessage(describeError(e).message + note, ...(maybe ? ['Refresh'] : [])).then((c) => c && tree.refresh());
      return undefined;
    }
  });
}
