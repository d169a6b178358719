import * as vscode from 'vscode';
import { traceFromFile } from '../model/traceFile';
import { JsonSyntaxError, parseJson } from '../util/json';
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
      // Check the file first, so a bad one gets an error that points into it instead of an empty panel.
      traceFromFile(parseJson(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), uri.fsPath.split(/[\\/]/).pop() ?? 'The file'));
      return await panels.show({ kind: 'file', path: uri.fsPath });
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
