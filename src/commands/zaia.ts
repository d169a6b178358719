import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import type { ConnectionManager } from '../connections/connectionManager';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import type { TreeNode } from '../views/nodes/base';
import { ZaiaExecutionNode, type ZaiaExecutionTarget } from '../views/nodes/zaiaExecutionNode';

/**
 * Zaia commands. "Open Trace" takes a tree row, a `{ connection?, executionId }` object (tests, other
 * extensions), or nothing (the selected row, else ask for the connection and the execution id).
 */
export function registerZaiaCommands(connections: ConnectionManager, panels: TracePanels, selection: () => readonly TreeNode[], log: Logger): vscode.Disposable[] {
  const resolve = async (arg: unknown): Promise<ZaiaExecutionTarget | undefined> => {
    if (arg instanceof ZaiaExecutionNode) return arg.target;
    const zaia = connections.list().filter((p) => p.kind === 'zaia');
    if (arg && typeof arg === 'object' && typeof (arg as Partial<ZaiaExecutionTarget>).executionId === 'string') {
      const o = arg as Partial<ZaiaExecutionTarget>;
      const connection = o.connection ?? (zaia.length === 1 ? zaia[0]!.id : await pick(zaia));
      if (!connection) return undefined;
      if (connections.find(connection)?.kind !== 'zaia') throw new Error(`No Zaia connection "${connection}". Sign in to Zaia first.`);
      return { connection, executionId: o.executionId! };
    }
    const selected = selection().find((n): n is ZaiaExecutionNode => n instanceof ZaiaExecutionNode);
    if (selected) return selected.target;
    if (!zaia.length) {
      const c = await vscode.window.showInformationMessage('Sign in to Zaia Endless first.', 'Sign In');
      if (c) await vscode.commands.executeCommand('agentlens.signIn', { kind: 'zaia' });
      return undefined;
    }
    const connection = zaia.length === 1 ? zaia[0]!.id : await pick(zaia);
    if (!connection) return undefined;
    const executionId = await vscode.window.showInputBox({
      title: 'Open a Zaia execution', prompt: 'The execution ID (a UUID)', ignoreFocusOut: true,
      validateInput: (v) => (/^[0-9a-f-]{36}$/i.test(v.trim()) ? undefined : 'An execution ID looks like 3f2b…-…, 36 characters'),
    });
    return executionId ? { connection, executionId: executionId.trim() } : undefined;
  };

  const open = async (arg?: unknown): Promise<void> => {
    try {
      const t = await resolve(arg);
      if (t) await panels.show({ kind: 'zaia', connection: t.connection, executionId: t.executionId });
    } catch (e) {
      log.error('opening a Zaia execution failed', e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  };

  const copyId = async (arg?: unknown): Promise<void> => {
    const t = arg instanceof ZaiaExecutionNode ? arg.target : selection().find((n): n is ZaiaExecutionNode => n instanceof ZaiaExecutionNode)?.target;
    if (!t) return;
    await vscode.env.clipboard.writeText(t.executionId);
    vscode.window.setStatusBarMessage(`$(copy) Copied execution ID ${t.executionId}`, 3000);
  };

  return [
    registerCommand('agentlens.openZaiaExecution', open),
    registerCommand('agentlens.copyZaiaExecutionId', copyId),
  ];
}

async function pick(profiles: ReadonlyArray<{ id: string; label: string; baseUrl: string }>): Promise<string | undefined> {
  const p = await vscode.window.showQuickPick(profiles.map((x) => ({ label: x.label, description: x.baseUrl, id: x.id })), { placeHolder: 'Which Zaia connection?' });
  return p?.id;
}
