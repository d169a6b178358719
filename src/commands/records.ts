import * as vscode from 'vscode';
import { registerCommand, registry } from '../registry';
import type { ConnectionManager } from '../connections/connectionManager';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import type { AgentsTreeProvider } from '../views/agentsView';
import { AgentNode } from '../views/nodes/agentNode';
import { ApprovalsNode } from '../views/nodes/approvalsNode';
import type { TreeNode } from '../views/nodes/base';
import { ConnectionNode } from '../views/nodes/connectionNode';
import { ZaiaResponderNode } from '../views/nodes/zaiaResponderNode';
import type { RecordTarget } from '../views/nodes/recordNode';
import { openJsonDocument } from './documents';
import { resolveRecordTarget } from './targets';

export const EXTENSION_ID = 'agentlens-dev.agentlens';

/** `vscode://agentlens-dev.agentlens/open?connection=…&agent=…&record=…` */
export function deepLink(t: RecordTarget): string {
  const q = new URLSearchParams({ connection: t.connection, agent: t.agentId, record: t.executionRecordId });
  return `${vscode.env.uriScheme}://${EXTENSION_ID}/open?${q.toString()}`;
}

export function registerRecordCommands(
  connections: ConnectionManager,
  tree: AgentsTreeProvider,
  view: vscode.TreeView<TreeNode>,
  panels: TracePanels,
  log: Logger,
): vscode.Disposable[] {
  const target = (arg: unknown) => resolveRecordTarget(arg, connections, view.selection);
  const withTarget = (fn: (t: RecordTarget) => Promise<unknown>) => async (arg?: unknown) => {
    try {
      const t = await target(arg);
      if (t) await fn(t);
    } catch (e) {
      log.error('command failed', e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  };

  const openExecution = withTarget((t) => panels.show({ kind: 'fruxon', connection: t.connection, agentId: t.agentId, executionRecordId: t.executionRecordId }));

  const handler: vscode.UriHandler = {
    handleUri: async (uri) => {
      const q = new URLSearchParams(uri.query);
      const agentId = q.get('agent');
      const executionRecordId = q.get('record');
      if (uri.path !== '/open' || !agentId || !executionRecordId) {
        void vscode.window.showErrorMessage(`AgentLens cannot open this link: ${uri.path}`);
        return;
      }
      const connection = q.get('connection') ?? undefined;
      if (connection && !connections.find(connection)) {
        const c = await vscode.window.showErrorMessage(`This link is for a connection you are not signed in to (${connection}).`, 'Sign In');
        if (c) await vscode.commands.executeCommand('agentlens.signIn');
        return;
      }
      await openExecution({ connection, agentId, executionRecordId });
    },
  };

  return [
    registry.registerUriHandler(handler),
    registerCommand('agentlens.openExecution', openExecution),
    registerCommand('agentlens.openRawJson', withTarget((t) => openJsonDocument('record', t))),
    registerCommand('agentlens.openTraceJson', withTarget((t) => openJsonDocument('trace', t))),
    registerCommand('agentlens.copyExecutionId', withTarget(async (t) => {
      await vscode.env.clipboard.writeText(t.executionRecordId);
      vscode.window.setStatusBarMessage(`$(copy) Copied execution ID ${t.executionRecordId}`, 3000);
    })),
    registerCommand('agentlens.copyLink', withTarget(async (t) => {
      await vscode.env.clipboard.writeText(deepLink(t));
      vscode.window.setStatusBarMessage('$(link) Copied a link to this execution', 3000);
    })),
    registerCommand('agentlens.refresh', () => tree.refresh()),
    registerCommand('agentlens.refreshNode', (node?: TreeNode) => {
      if (node instanceof ZaiaResponderNode || node instanceof ApprovalsNode) return tree.reload(node);
      if (node instanceof AgentNode || node instanceof ConnectionNode) tree.reload(node);
      else tree.refresh();
    }),
    registerCommand('agentlens.loadMore', async (node?: AgentNode | ZaiaResponderNode | ApprovalsNode) => {
      if (node instanceof ZaiaResponderNode || node instanceof ApprovalsNode) await node.loadMore();
      if (node instanceof AgentNode) await node.loadMore();
    }),
  ];
}
