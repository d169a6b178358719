import * as vscode from 'vscode';
import { runFileLenses } from './runLensBase';
import { describeLastRun, type RunTracker } from './runStatus';

/** "▶ Run agent · Run in sandbox" on run files; after a run, "Open last trace" and how it went. */
export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly tracker: RunTracker) {
    this.subscription = tracker.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const key = document.uri.toString();
    const uri = document.uri;
    if (this.tracker.isRunning(key)) {
      return [new vscode.CodeLens(top, { title: '$(sync~spin) Running…', command: 'agentlens.showRuns', tooltip: 'Show the run output' })];
    }
    const lenses = runFileLenses(uri);
    const last = this.tracker.lastRun(key);
    if (last) {
      if (last.executionRecordId) {
        lenses.push(new vscode.CodeLens(top, {
          title: 'Open last trace', command: 'agentlens.openExecution',
          arguments: [{ connection: last.connection, agentId: last.agentId, executionRecordId: last.executionRecordId }],
        }));
      }
      lenses.push(new vscode.CodeLens(top, {
        title: `Last run: ${describeLastRun(last)}`, command: 'agentlens.showRuns',
        tooltip: `Ran ${last.agentId} at ${new Date(last.at).toLocaleTimeString()}. Click to show the run output.`,
      }));
      if (last.executionRecordId) {
        lenses.push(new vscode.CodeLens(top, {
          title: 'Compare with previous run', command: 'agentlens.compareWithPrevious',
          tooltip: 'Align this run with the agent\'s run before it, step by step, and find where they first went different ways',
          arguments: [{ connection: last.connection, agentId: last.agentId, executionRecordId: last.executionRecordId }],
        }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
