import * as vscode from 'vscode';
import { JsonSyntaxError } from '../util/json';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';

/** "AgentLens: Open Trace File…": a saved :projectedTrace, :trace or :execute response (detected). */
export function registerTraceFileCommand(panels: TracePanels, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand('agentlens.openTraceFile', async (arg?: vscode.Uri) => {
    let uri = arg instanceof vscode.Uri ? arg : undefined;
    if (!uri) {
      const active = vscode.window.activeTextEditor?.document;
      const picked = await vscode.window.showOpenDialog({
        title: 'Open a trace file',
        canSelectMany: false,
        filters: { 'Trace JSON': ['json'], 'All files': ['*'] },
        ...(active?.uri.scheme === 'file' ? { defaultUri: active.uri } : {}),
      });
      uri = picked?.[0];
    }
    if (!uri) return undefined;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('AgentLens opens trace files from disk only.');
      return undefined;
    }
    try {
      const panel = await panels.show({ kind: 'file', path: uri.fsPath });
      if (panel.loadError === undefined) return panel;
      // A bad file gets an error that points into it, not an empty panel.
      panel.panel.dispose();
      throw panel.loadError;
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        const at = uri;
        void vscode.window.showErrorMessage(e.message, 'Open File').then(async (choice) => {
          if (!choice) return;
          const pos = new vscode.Position(e.line - 1, Math.max(0, e.column - 1));
          await vscode.window.showTextDocument(at, { selection: new vscode.Range(pos, pos) });
        });
        return undefined;
      }
      log.error('opening a trace file failed', e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  });
}
