import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import type { ConnectionManager } from '../connections/connectionManager';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import type { TreeNode } from '../views/nodes/base';
import { resolveRecordTarget } from './targets';

/**
 * "Open Raw OTel Spans": a Fruxon execution's `:otlpTrace` mapped by AgentLens's own OTLP mapper, with the
 * server's projection's counts in the header for comparison. An execution without spans says so.
 */
export function registerRawSpansCommand(connections: ConnectionManager, view: vscode.TreeView<TreeNode>, panels: TracePanels, log: Logger): vscode.Disposable {
  return registerCommand('agentlens.openRawSpans', async (arg?: unknown) => {
    try {
      const t = await resolveRecordTarget(arg, connections, view.selection);
      if (!t) return undefined;
      const origin = { kind: 'fruxonOtlp', connection: t.connection, agentId: t.agentId, executionRecordId: t.executionRecordId } as const;
      const panel = await panels.show(origin);
      if (panel.loadError === undefined) return panel;
      // No spans (or no access) is a message, not an empty panel.
      panel.panel.dispose();
      throw panel.loadError;
    } catch (e) {
      log.error('opening raw OTel spans failed', e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  });
}
