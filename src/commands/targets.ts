import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import { AgentNode } from '../views/nodes/agentNode';
import type { TreeNode } from '../views/nodes/base';
import { RecordNode, type RecordTarget } from '../views/nodes/recordNode';
import { pickConnection } from './auth';

/**
 * Commands on a record take a tree node (menus), a `{ connection?, agentId, executionRecordId }` object
 * (other extensions, tests, deep links), or nothing (palette: the tree's selection, else ask).
 */
export async function resolveRecordTarget(
  arg: unknown,
  connections: ConnectionManager,
  selection: readonly TreeNode[],
): Promise<RecordTarget | undefined> {
  if (arg instanceof RecordNode) return arg.target;
  if (arg && typeof arg === 'object') {
    const o = arg as Partial<RecordTarget>;
    if (typeof o.agentId === 'string' && typeof o.executionRecordId === 'string') {
      const connection = o.connection ?? (await pickConnection(connections, 'Which connection is this execution on?', 'fruxon'));
      if (!connection) return undefined;
      if (!connections.find(connection)) throw new Error(`No AgentLens connection "${connection}". Sign in first.`);
      return { connection, agentId: o.agentId, executionRecordId: o.executionRecordId };
    }
  }
  const selected = selection.find((n): n is RecordNode => n instanceof RecordNode);
  if (selected) return selected.target;
  const connection = await pickConnection(connections, 'Which connection?', 'fruxon');
  if (!connection) {
    void vscode.window.showInformationMessage('Sign in to Fruxon first.', 'Sign In').then((c) => c && vscode.commands.executeCommand('agentlens.signIn'));
    return undefined;
  }
  const agentId = await vscode.window.showInputBox({ title: 'Agent ID', prompt: 'The agent the execution belongs to', ignoreFocusOut: true });
  if (!agentId) return undefined;
  const executionRecordId = await vscode.window.showInputBox({ title: 'Execution record ID', ignoreFocusOut: true });
  if (!executionRecordId) return undefined;
  return { connection, agentId: agentId.trim(), executionRecordId: executionRecordId.trim() };
}

export function resolveAgentNode(arg: unknown, selection: readonly TreeNode[]): AgentNode | undefined {
  if (arg instanceof AgentNode) return arg;
  if (arg instanceof RecordNode && arg.parent instanceof AgentNode) return arg.parent;
  const sel = selection[0];
  if (sel instanceof AgentNode) return sel;
  if (sel instanceof RecordNode && sel.parent instanceof AgentNode) return sel.parent;
  return undefined;
}
