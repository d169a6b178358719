import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Logger } from '../util/logger';
import { CompareDocuments } from './compareDocuments';
import { ComparePanel, COMPARE_VIEW_TYPE, type CompareTarget } from './comparePanel';
import { originKey, type TraceOrigin } from './origin';

/** Opens compare panels (one per ordered pair: comparing the same two again reveals it). */
export class ComparePanels implements vscode.Disposable {
  private readonly panels = new Map<string, ComparePanel>();
  private readonly documents = new CompareDocuments();
  private readonly opened = new vscode.EventEmitter<ComparePanel>();
  /** A compare panel finished its first load (tests wait for it). */
  readonly onDidOpen = this.opened.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connections: ConnectionManager,
    private readonly log: Logger,
    private readonly openTrace: (origin: TraceOrigin) => Promise<unknown>,
  ) {}

  async show(a: CompareTarget, b: CompareTarget): Promise<ComparePanel> {
    const key = `${originKey(a.origin)}\u0000${originKey(b.origin)}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, `Compare ${a.label} ↔ ${b.label}`, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
    const p = new ComparePanel(panel, [a, b], {
      extensionUri: this.context.extensionUri,
      connections: this.connections,
      log: this.log,
      documents: this.documents,
      refreshSeconds: () => vscode.workspace.getConfiguration('agentlens').get<number>('records.refreshInterval', 10),
      openTrace: this.openTrace,
    }, () => this.panels.delete(key));
    this.panels.set(key, p);
    await p.whenLoaded();
    this.opened.fire(p);
    return p;
  }

  /** The open compare panels (tests). */
  all(): ComparePanel[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
    this.documents.dispose();
    this.opened.dispose();
  }
}
