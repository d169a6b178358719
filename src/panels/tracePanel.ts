import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { SessionEffects } from '../model/traceSession';
import type { WorkerTraceSession } from '../traceWorker/client';
import { isWebviewToHost, type GateAction, type HostToWebview } from '../shared/protocol';
import { showHidden } from '../shared/text';
import type { Logger } from '../util/logger';
import { describeError } from '../views/errors';
import { traceHtml } from './html';
import { loadInWorker, workerJob } from './loadTrace';
import { takePrimedSession } from './traceSources';
import type { TraceOrigin } from './origin';

export const TRACE_VIEW_TYPE = 'agentlens.trace';

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly connections: ConnectionManager;
  readonly log: Logger;
  /** Remembers which origin a trace id came from, for the serializer. */
  remember(traceId: string, origin: TraceOrigin): void;
  refreshSeconds(): number;
  /** A started worker for this panel's trace, which it owns from then on (the receiver's own, for a local trace). */
  startWorker(effects: SessionEffects, origin: TraceOrigin): WorkerTraceSession;
  /** Answers an approval request from a gate's buttons (confirming first); Fruxon traces only. */
  answerGate?(origin: Extract<TraceOrigin, { kind: 'fruxon' }>, requestId: string, action: GateAction): Promise<unknown>;
}

/**
 * One trace in one WebviewPanel. Messages to the webview wait until it says `ready` (it may load after the
 * host is done); a running execution is fetched again until it ends and sent as `live`.
 */
export class TracePanel implements vscode.Disposable {
  /** The trace, held and answered for in its worker (the host keeps its packed outline). */
  private session: WorkerTraceSession | undefined;
  /** The worker while it loads (closing the panel stops it), then the session. */
  private worker: WorkerTraceSession | undefined;
  private ready = false;
  private queue: HostToWebview[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  private loaded: Promise<void> | undefined;
  /** Why the first load failed, if it did (the panel shows it too). */
  loadError: unknown;
  /** The step whose details the webview last asked for: the selected one ("Copy Subtree as Markdown"). */
  selectedStepId: string | undefined;
  /** A step to reveal once the webview is ready (a reveal sent before that would be replaced by the trace). */
  private pendingReveal: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly origin: TraceOrigin,
    private readonly deps: PanelDeps,
    onDispose: () => void,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'agentlens.svg');
    panel.webview.html = traceHtml(panel.webview, deps.extensionUri, panel.title);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  /** Resolves when the first load finished (successfully or not). */
  whenLoaded(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  get traceSession(): WorkerTraceSession | undefined {
    return this.session;
  }

  private post(message: HostToWebview): void {
    if (this.disposed) return;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewToHost(raw)) {
      this.deps.log.debug('ignored an unknown message from the trace webview');
      return;
    }
    if (raw.type === 'ready') {
      this.ready = true;
      // A reloaded webview says ready again: it needs the trace again, not the stale queue.
      const pending = this.session ? await this.session.handle(raw) : this.queue;
      // Closed while the session answered: its webview is gone (touching it throws).
      if (this.disposed) return;
      this.queue = [];
      for (const m of pending) void this.panel.webview.postMessage(m);
      if (this.pendingReveal !== undefined && this.session) void this.panel.webview.postMessage({ type: 'reveal', stepId: this.pendingReveal });
      this.pendingReveal = undefined;
      return;
    }
    if (raw.type === 'answerGate') {
      if (this.origin.kind === 'fruxon' && this.deps.answerGate) await this.deps.answerGate(this.origin, raw.requestId, raw.action);
      else this.deps.log.debug('ignored a gate answer from a trace that is not a Fruxon execution');
      return;
    }
    if (raw.type === 'getStep') this.selectedStepId = raw.stepId ?? this.session?.stepIdAt(raw.index);
    if (!this.session) return;
    try {
      for (const m of await this.session.handle(raw)) this.post(m);
    } catch (e) {
      this.post({ type: 'error', ...('id' in raw ? { id: raw.id } : {}), message: describeError(e).message });
    }
  }

  private readonly effects: SessionEffects = {
    copy: async (text) => {
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage('$(copy) Copied', 2000);
    },
    openLink: (url) => openLink(url),
  };

  /**
   * Every source loads in a worker: reading, parsing and mapping a 100,000-step trace never blocks the extension
   * host. A local trace's worker is the receiver's own, where its spans are.
   */
  private async loadSession(): Promise<{ session: WorkerTraceSession; running: boolean }> {
    const primed = takePrimedSession(this.origin);
    if (primed) {
      primed.session.effects = this.effects;
      this.worker = primed.session;
      return primed;
    }
    const origin = this.origin;
    const job = await workerJob(origin, this.deps.connections);
    const worker = (this.worker = this.deps.startWorker(this.effects, origin));
    worker.onProgress = (message) => {
      if (!this.session) this.post({ type: 'loading', message });
    };
    const { running, timings } = await loadInWorker(worker, this.origin, job, this.deps.connections, () => !this.disposed);
    const ms = (n: number | null): string => `${Math.round(n ?? 0)} ms`;
    this.deps.log.debug(`trace loaded in a worker: read ${ms(timings.readMs)}, parse ${ms(timings.parseMs)}, map ${ms(timings.mapMs)}, outline ${ms(timings.outlineMs)}`);
    return { session: worker, running };
  }

  private async load(): Promise<void> {
    this.post({ type: 'loading', message: 'Loading the trace…' });
    try {
      const { session, running } = await this.loadSession();
      if (this.disposed) return;
      const { header } = session.packedOutline;
      // VS Code draws the tab title as plain text: hidden characters in the trace's title are shown, not obeyed.
      this.panel.title = showHidden(`${header.title} · ${header.id.slice(0, 8)}`);
      this.deps.remember(header.id, this.origin);
      this.session = session;
      for (const m of await session.handle({ type: 'ready' })) this.post(m);
      if (running) this.scheduleLive();
    } catch (e) {
      if (this.disposed) return;
      this.loadError = e;
      const { message } = describeError(e);
      this.deps.log.warn(`loading a trace failed: ${message}`);
      this.post({ type: 'error', message });
    }
  }

  private scheduleLive(): void {
    const seconds = this.deps.refreshSeconds();
    if (seconds <= 0 || this.disposed) return;
    this.timer = setTimeout(() => void this.refreshLive(), Math.max(2, seconds) * 1000);
  }

  /** Loads the trace again into the session it has: the `live` message to post, and whether it still runs. */
  private async reload(): Promise<{ message: HostToWebview; running: boolean } | undefined> {
    const session = this.session;
    const origin = this.origin;
    if (!session) return undefined;
    const job = await workerJob(origin, this.deps.connections);
    const { running } = await loadInWorker(session, origin, job, this.deps.connections, () => !this.disposed);
    return { message: { type: 'live', outline: session.packedOutline }, running };
  }

  private async refreshLive(): Promise<void> {
    this.timer = undefined;
    try {
      const next = await this.reload();
      if (this.disposed || !next) return;
      this.post(next.message);
      if (next.running) this.scheduleLive();
    } catch (e) {
      this.deps.log.debug(`refreshing a running trace failed: ${describeError(e).message}`);
      this.scheduleLive();
    }
  }

  /** Selects and scrolls to a step, now or as soon as the webview is ready. */
  revealStep(stepId: string): void {
    this.selectedStepId = stepId;
    if (this.ready && this.session) void this.panel.webview.postMessage({ type: 'reveal', stepId });
    else this.pendingReveal = stepId;
  }

  /**
   * Reloads and sends the trace as `live`, for sources that say when they change instead of being polled
   * (the local receiver got more spans).
   */
  async refresh(): Promise<void> {
    if (this.disposed || !this.session) return;
    try {
      const next = await this.reload();
      if (this.disposed || !next) return;
      this.post(next.message);
      // A run that goes on again (an approval was answered) is followed live to its end.
      if (next.running && !this.timer) this.scheduleLive();
    } catch (e) {
      this.deps.log.debug(`refreshing a trace failed: ${describeError(e).message}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.worker?.dispose();
    this.session?.dispose();
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Only web links open outside VS Code; anything else in a trace (javascript:, command:, file:) does not. */
async function openLink(url: string): Promise<void> {
  let parsed: vscode.Uri;
  try {
    parsed = vscode.Uri.parse(url, true);
  } catch {
    return;
  }
  if (parsed.scheme === 'https' || parsed.scheme === 'http') await vscode.env.openExternal(parsed);
  else void vscode.window.showWarningMessage(`AgentLens does not open ${parsed.scheme}: links from a trace.`);
}
