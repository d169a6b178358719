import * as vscode from 'vscode';
import { formatCost, formatDuration, formatTokens } from './format';
import { plural } from '../shared/text';

/** One run in progress. */
export interface ActiveRun {
  readonly id: number;
  readonly label: string;
  readonly started: number;
  readonly fileKey?: string;
  /** Stops waiting locally (the run may go on on the server). */
  cancel(): void;
}

/** How the last run of a file went; the CodeLens shows it. */
export interface LastRun {
  readonly connection: string;
  readonly agentId: string;
  readonly executionRecordId?: string;
  readonly status: string;
  readonly durationMs: number;
  readonly tokens?: number;
  readonly cost?: number;
  readonly at: number;
}

/** Short line: "COMPLETED · 2.31 s · 1.2k tok · $0.0123". */
export function describeLastRun(r: Pick<LastRun, 'status' | 'durationMs' | 'tokens' | 'cost'>): string {
  return [r.status, formatDuration(r.durationMs), r.tokens !== undefined ? formatTokens(r.tokens) : undefined, r.cost !== undefined ? formatCost(r.cost) : undefined]
    .filter(Boolean).join(' · ');
}

/** Runs in progress (status-bar item) and the last run of each file (for the CodeLens). */
export class RunTracker implements vscode.Disposable {
  private readonly active = new Map<number, ActiveRun>();
  private readonly last = new Map<string, LastRun>();
  private readonly item: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly finished = new vscode.EventEmitter<LastRun>();
  /** A run came back from the server with its result (whatever its status). */
  readonly onDidFinishRun = this.finished.event;
  private nextId = 1;

  constructor() {
    this.item = vscode.window.createStatusBarItem('agentlens.runs', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'AgentLens Runs';
    this.item.command = 'agentlens.showRuns';
  }

  start(label: string, cancel: () => void, fileKey?: string): ActiveRun {
    const run: ActiveRun = { id: this.nextId++, label, started: Date.now(), cancel, ...(fileKey ? { fileKey } : {}) };
    this.active.set(run.id, run);
    this.update();
    return run;
  }

  finish(run: ActiveRun, result?: LastRun): void {
    this.active.delete(run.id);
    if (result && run.fileKey) this.last.set(run.fileKey, result);
    if (result) this.finished.fire(result);
    this.update();
  }

  running(): ActiveRun[] {
    return [...this.active.values()];
  }

  isRunning(fileKey: string): boolean {
    return this.running().some((r) => r.fileKey === fileKey);
  }

  lastRun(fileKey: string): LastRun | undefined {
    return this.last.get(fileKey);
  }

  /** The run file whose last run is this execution (a run that paused for an approval, say). */
  findByExecution(executionRecordId: string): { fileKey: string; run: LastRun } | undefined {
    for (const [fileKey, run] of this.last) if (run.executionRecordId === executionRecordId) return { fileKey, run };
    return undefined;
  }

  /** Cancels every run in progress, as its Cancel button would. */
  cancelAll(): void {
    for (const r of this.active.values()) r.cancel();
  }

  private update(): void {
    const runs = this.running();
    if (runs.length === 0) {
      this.item.hide();
    } else {
      this.item.text = `$(sync~spin) ${runs.length === 1 ? `Running ${runs[0]?.label}` : `${runs.length} agent runs`}`;
      const md = new vscode.MarkdownString(undefined, true);
      md.appendMarkdown('**AgentLens runs in progress**\n\n');
      for (const r of runs) md.appendText(`• ${r.label} — started ${formatDuration(Date.now() - r.started)} ago\n`);
      md.appendMarkdown('\n\nClick to show the run output.');
      this.item.tooltip = md;
      this.item.accessibilityInformation = { label: `${plural(runs.length, 'AgentLens agent run')} in progress` };
      this.item.show();
    }
    this.changed.fire();
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
    this.finished.dispose();
  }
}
