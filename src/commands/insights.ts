import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { InsightsPanels } from '../panels/insights/insightsPanels';
import type { InsightsTarget } from '../panels/insights/target';
import { registerCommand } from '../registry';
import type { Logger } from '../util/logger';
import { describeError } from '../views/errors';
import type { TreeNode } from '../views/nodes/base';
import { ZaiaResponderNode } from '../views/nodes/zaiaResponderNode';
import { resolveAgentNode } from './targets';

/**
 * "Show Insights" on an agent (Fruxon) or a responder (Zaia): a tree node (inline and menu), a
 * `{ connection, agentId }` or `{ connection, responderId }` object (tests, other extensions), or nothing
 * (palette: the selected agent, else a pick of connection and agent).
 */
export function registerInsightsCommand(connections: ConnectionManager, panels: InsightsPanels, selection: () => readonly TreeNode[], log: Logger): vscode.Disposable {
  const resolve = async (arg: unknown): Promise<InsightsTarget | undefined> => {
    if (arg instanceof ZaiaResponderNode) return { kind: 'zaia', connection: arg.connectionId, responderId: arg.responder.id, label: arg.responder.name || arg.responder.id };
    const node = resolveAgentNode(arg, selection());
    if (node) return { kind: 'fruxon', connection: node.connectionId, agentId: node.agent.id, label: node.agent.displayName || node.agent.id };
    const zaiaSel = selection().find((n): n is ZaiaResponderNode => n instanceof ZaiaResponderNode);
    if (!arg && zaiaSel) return resolve(zaiaSel);
    if (arg && typeof arg === 'object') {
      const o = arg as { connection?: unknown; agentId?: unknown; responderId?: unknown; label?: unknown };
      if (typeof o.connection !== 'string' || !connections.find(o.connection)) throw new Error('No such AgentLens connection. Sign in first.');
      const label = typeof o.label === 'string' ? o.label : undefined;
      if (typeof o.agentId === 'string') return { kind: 'fruxon', connection: o.connection, agentId: o.agentId, label: label ?? o.agentId };
      if (typeof o.responderId === 'string') return { kind: 'zaia', connection: o.connection, responderId: o.responderId, label: label ?? o.responderId };
    }
    return ask();
  };

  const ask = async (): Promise<InsightsTarget | undefined> => {
    const fruxon = connections.list().filter((p) => p.kind !== 'zaia');
    if (!fruxon.length) {
      const c = await vscode.window.showInformationMessage('Sign in to an agent platform first, or pick an agent in the AgentLens view.', 'Sign In');
      if (c) await vscode.commands.executeCommand('agentlens.signIn');
      return undefined;
    }
    const conn = fruxon.length === 1 ? fruxon[0]! : (await vscode.window.showQuickPick(fruxon.map((p) => ({ label: p.label, p })), { placeHolder: 'Which connection?' }))?.p;
    if (!conn) return undefined;
    const client = await connections.client(conn.id);
    if (!client) throw new Error(`${conn.label} is signed out. Sign in again.`);
    const agents = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Listing agents…' }, () => client.listAgents());
    const pick = await vscode.window.showQuickPick(agents.map((a) => ({ label: a.displayName || a.id, description: a.id, a })), { placeHolder: 'Show insights of which agent?', matchOnDescription: true });
    return pick ? { kind: 'fruxon', connection: conn.id, agentId: pick.a.id, label: pick.label } : undefined;
  };

  return registerCommand('agentlens.showInsights', async (arg?: unknown) => {
    try {
      const t = await resolve(arg);
      if (t) panels.show(t);
    } catch (e) {
      log.error('showing insights failed', e);
      void vscode.window.showErrorMessage(`Could not show insights: ${describeError(e).message}`);
    }
  });
}
