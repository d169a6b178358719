import * as vscode from 'vscode';
import type { WorkerTraceSession } from '../traceWorker/client';
import type { ConnectionManager } from '../connections/connectionManager';
import { registry } from '../registry';
import type { PersistedCompareState } from '../shared/compareProtocol';
import type { Logger } from '../util/logger';
import { CompareDocuments } from './compareDocuments';
import { ComparePanel, COMPARE_VIEW_TYPE, type CompareTarget } from './comparePanel';
import { originKey, parseOrigin, type TraceOrigin } from './origin';
import { localTraces } from './traceSources';

/** Opens compare panels (one per ordered pair: comparing the same two again reveals it) and restores them after a reload. */
export class ComparePanels implements vscode.Disposable {
  private readonly panels = new Map<string, ComparePanel>();
  private readonly documents = new CompareDocuments();
  private readonly opened = new vscode.EventEmitter<ComparePanel>();
  private readonly serializer: vscode.Disposable;
  /** A compare panel finished its first load (tests wait for it). */
  readonly onDidOpen = this.opened.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connections: ConnectionManager,
    private readonly log: Logger,
    private readonly openTrace: (origin: TraceOrigin) => Promise<unknown>,
    private readonly startWorker: (origin: TraceOrigin) => WorkerTraceSession,
  ) {
    this.serializer = registry.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
    });
  }

  async show(a: CompareTarget, b: CompareTarget): Promise<ComparePanel> {
    const existing = this.panels.get(keyOf(a, b));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, `Compare ${a.label} ↔ ${b.label}`, vscode.ViewColumn.Active, { enableScripts: true });
    return this.adopt(panel, a, b);
  }

  private async adopt(panel: vscode.WebviewPanel, a: CompareTarget, b: CompareTarget): Promise<ComparePanel> {
    const key = keyOf(a, b);
    const p = new ComparePanel(panel, [a, b], {
      extensionUri: this.context.extensionUri,
      connections: this.connections,
      log: this.log,
      documents: this.documents,
      refreshSeconds: () => vscode.workspace.getConfiguration('agentlens').get<number>('records.refreshInterval', 10),
      openTrace: this.openTrace,
      startWorker: this.startWorker,
    }, () => this.panels.delete(key));
    this.panels.set(key, p);
    await p.whenLoaded();
    this.opened.fire(p);
    return p;
  }

  /** The webview persisted both origins; a side the receiver no longer holds (local traces) ends the panel. */
  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const s = state as Partial<PersistedCompareState> | undefined;
    const a = parseOrigin(s?.a?.origin);
    const b = parseOrigin(s?.b?.origin);
    if (!a || !b) {
      panel.webview.html =
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head>' +
        '<body><p>This comparison can no longer be restored. Compare the two executions again.</p></body></html>';
      return;
    }
    const gone = (o: TraceOrigin) => o.kind === 'local' && !localTraces()?.has(o.traceId);
    const ta = { origin: a, label: String(s?.a?.label ?? '') || 'A' };
    const tb = { origin: b, label: String(s?.b?.label ?? '') || 'B' };
    if (gone(a) || gone(b) || this.panels.has(keyOf(ta, tb))) {
      panel.dispose();
      return;
    }
    await this.adopt(panel, ta, tb);
  }

  /** The open compare panels (tests). */
  all(): ComparePanel[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    this.serializer.dispose();
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
    this.documents.dispose();
    this.opened.dispose();
  }
}

const keyOf = (a: CompareTarget, b: CompareTarget) => `${originKey(a.origin)}\u0000${originKey(b.origin)}`;
