import * as vscode from 'vscode';

/** "▶ Run agent · Run in sandbox": what every run file shows (the shell shows these before the core loads). */
export function runFileLenses(uri: vscode.Uri): vscode.CodeLens[] {
  const top = new vscode.Range(0, 0, 0, 0);
  return [
    new vscode.CodeLens(top, { title: '$(play) Run agent', command: 'agentlens.runAgent', arguments: [{ uri }], tooltip: 'Run the agent with this file (AgentLens)' }),
    new vscode.CodeLens(top, { title: 'Run in sandbox', command: 'agentlens.runAgent', arguments: [{ uri, mode: 'SANDBOX' }], tooltip: 'Run with mode SANDBOX: sandbox integration configs where they exist' }),
  ];
}
