import * as vscode from 'vscode';
import { registry } from '../registry';
import type { ConnectionManager } from '../connections/connectionManager';
import type { PersistedViewState } from '../shared/protocol';
import type { Logger } from '../util/logger';
import { originKey, originTitle, parseOrigin, type TraceOrigin } from './origin';
import { TRACE_VIEW_TYPE, TracePanel, type PanelDeps } from './tracePanel';
import { TraceWorkerPool } from '../traceWorker/pool';
import { loadInWorker, workerJob } from './loadTrace';
import type { Trace } from '../model/types';
import type { SessionEffects } from '../model/traceSession';
import type { WorkerTraceSession } from '../traceWorker/client';
import { localTraces } from './traceSources';
import { localTraceGone } from '../receiverWorker/protocol';

const ORIGINS_KEY = 'agentlens.traceOrigins';
const MAX_REMEMBERED = 200;

/** Opens trace panels (one per trace: opening it again reveals it) and restores them after a reload. */
export class TracePanels implements vscode.Disposable {
  private readonly panels = new Map<string, TracePanel>();
  private readonly serializer: vscode.Disposable;
  private readonly loadedTrace = new vscode.EventEmitter<TraceOrigin>();
  /** A panel showed a trace (not an error): the walkthrough's "Open a trace" step listens. */
  readonly onDidLoadTrace = this.loadedTrace.event;
  /** What a gate's Approve / Reject / Cancel buttons call (set by the core; see commands/approvalActions.ts). */
  answerGate: PanelDeps['answerGate'];

  /** A trace worker started ahead of the next open (see src/traceWorker/pool.ts). */
  private readonly workers: TraceWorkerPool;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connections: ConnectionManager,
    private readonly log: Logger,
  ) {
    this.serializer = registry.registerWebviewPanelSerializer(TRACE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
    });
    this.workers = new TraceWorkerPool(vscode.Uri.joinPath(context.extensionUri, 'dist', 'traceWorker.js').fsPath);
    // The core loads when AgentLens is first used (its views, a command): a trace is the likely next step.
    this.workers.warm();
  }

  /** Shows the trace, revealing its panel when it is already open. */
  async show(origin: TraceOrigin): Promise<TracePanel> {
    const key = originKey(origin);
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const title = originTitle(origin);
    const panel = vscode.window.createWebviewPanel(TRACE_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true });
    const p = this.adopt(panel, origin);
    await p.whenLoaded();
    return p;
  }

  /** Every open trace panel, most recently opened last. */
  all(): TracePanel[] {
    return [...this.panels.values()];
  }

  get(origin: TraceOrigin): TracePanel | undefined {
    return this.panels.get(originKey(origin));
  }

  /**
   * A trace worker for a trace of `origin` (or for a command that reads a trace before its panel opens: the panel
   * then takes it). A local trace's session is served by the receiver's worker, which holds its spans.
   */
  startWorker(effects?: SessionEffects, origin?: TraceOrigin): WorkerTraceSession {
    const local = origin?.kind === 'local' ? localTraces() : undefined;
    if (origin?.kind === 'local' && !local) throw new Error(localTraceGone(origin.traceId));
    const worker = local ? local.session(effects) : this.workers.take(effects);
    // What its client logs (requests, retries, an optional request that failed) goes to the output channel.
    worker.onLog = (level, message) => this.log.log(level, message);
    return worker;
  }

  /**
   * A trace for a command or a tool (exports, the coding-agent tools, @agentlens): read, parsed and mapped in a
   * trace worker like a panel's, then copied here (the copy is the only part that takes the host's time).
   */
  async loadTrace(origin: TraceOrigin, signal?: AbortSignal): Promise<Trace> {
    const job = await workerJob(origin, this.connections);
    const worker = this.startWorker(undefined, origin);
    const stop = (): void => worker.dispose();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      await loadInWorker(worker, origin, job, this.connections, () => !signal?.aborted);
      return await worker.trace();
    } catch (e) {
      if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      throw e;
    } finally {
      signal?.removeEventListener('abort', stop);
      worker.dispose();
      this.workers.warm();
    }
  }

  /** The trace panel in front, if one is (its toolbar's commands act on it). */
  active(): TracePanel | undefined {
    for (const p of this.panels.values()) if (p.panel.active) return p;
    return undefined;
  }

  private adopt(panel: vscode.WebviewPanel, origin: TraceOrigin): TracePanel {
    const key = originKey(origin);
    const p = new TracePanel(
      panel,
      origin,
      {
        extensionUri: this.context.extensionUri,
        connections: this.connections,
        log: this.log,
        remember: (traceId, o) => void this.remember(traceId, o),
        refreshSeconds: () => vscode.workspace.getConfiguration('agentlens').get<number>('records.refreshInterval', 10),
        answerGate: (o, id, action) => this.answerGate?.(o, id, action) ?? Promise.resolve(),
        startWorker: (effects, origin) => this.startWorker(effects, origin),
      },
      () => this.panels.delete(key),
    );
    this.panels.set(key, p);
    void p.whenLoaded().then(() => {
      if (p.loadError === undefined) this.loadedTrace.fire(origin);
      this.workers.warm();
    });
    return p;
  }

  /** The webview persisted its state (selection, scroll…) with the trace id; the origin is looked up here. */
  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const traceId = (state as PersistedViewState | undefined)?.traceId;
    const origin = traceId ? parseOrigin(this.context.workspaceState.get<Record<string, unknown>>(ORIGINS_KEY, {})[traceId]) : undefined;
    if (!origin) {
      panel.webview.html =
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head>' +
        '<body><p>This trace can no longer be restored. Open it again from the AgentLens view.</p></body></html>';
      return;
    }
    const existing = this.panels.get(originKey(origin));
    if (existing) {
      panel.dispose();
      existing.panel.reveal();
      return;
    }
    // Local traces come back from the receiver's journal after a reload (listed once it is replayed); one it no
    // longer holds (cleared, or trimmed) closes its panel.
    if (origin.kind === 'local' && !(await localTraces()?.restored.then(() => localTraces()?.has(origin.traceId)))) {
      panel.dispose();
      return;
    }
    await this.adopt(panel, origin).whenLoaded();
  }

  private async remember(traceId: string, origin: TraceOrigin): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, unknown>>(ORIGINS_KEY, {}) };
    delete all[traceId];
    all[traceId] = origin;
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[k];
    await this.context.workspaceState.update(ORIGINS_KEY, all);
  }

  dispose(): void {
    this.workers.dispose();
    this.loadedTrace.dispose();
    this.serializer.dispose();
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
  }
}
