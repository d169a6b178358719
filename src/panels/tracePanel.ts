import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import { TraceSession } from '../model/traceSession';
import { isWebviewToHost, type GateAction, type HostToWebview } from '../shared/protocol';
import { showHidden } from '../shared/text';
import type { Logger } from '../util/logger';
import { describeError } from '../views/errors';
import { traceHtml } from './html';
import { loadTrace, type TraceLoadCache } from './loadTrace';
import type { TraceOrigin } from './origin';

export const TRACE_VIEW_TYPE = 'agentlens.trace';

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly connections: ConnectionManager;
  readonly log: Logger;
  /** Remembers which origin a trace id came from, for the serializer. */
  remember(traceId: string, origin: TraceOrigin): void;
  refreshSeconds(): number;
  /** Answers an approval request from a gate's buttons (confirming first); Fruxon traces only. */
  answerGate?(origin: Extract<TraceOrigin, { kind: 'fruxon' }>, requestId: string, action: GateAction): Promise<unknown>;
}

/**
 * One trace in one WebviewPanel. Messages to the webview wait until it says `ready` (it may load after the
 * host is done); a running execution is fetched again until it ends and sent as `live`.
 */
export class TracePanel implements vscode.Disposable {
  private session: TraceSession | undefined;
  private ready = false;
  private queue: HostToWebview[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  /** What loads of this panel's trace share (an optional request made once, not on every live refresh). */
  private readonly loadCache: TraceLoadCache = {
    onOptionalError: (what, e) => this.deps.log.debug(`${what} could not be read; the trace shows without it: ${describeError(e).message}`),
  };
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  private loaded: Promise<void> | undefined;
  /** Why the first load failed, if it did (the panel shows it too). */
  loadError: unknown;

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

  get traceSession(): TraceSession | undefined {
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
      this.queue = [];
      for (const m of pending) void this.panel.webview.postMessage(m);
      return;
    }
    if (raw.type === 'answerGate') {
      if (this.origin.kind === 'fruxon' && this.deps.answerGate) await this.deps.answerGate(this.origin, raw.requestId, raw.action);
      else this.deps.log.debug('ignored a gate answer from a trace that is not a Fruxon execution');
      return;
    }
    if (!this.session) return;
    try {
      for (const m of await this.session.handle(raw)) this.post(m);
    } catch (e) {
      this.post({ type: 'error', ...('id' in raw ? { id: raw.id } : {}), message: describeError(e).message });
    }
  }

  private async load(): Promise<void> {
    this.post({ type: 'loading', message: 'Loading the trace…' });
    try {
      const { trace, running } = await loadTrace(this.origin, this.deps.connections, this.abort.signal, this.loadCache);
      if (this.disposed) return;
      // VS Code draws the tab title as plain text: hidden characters in the trace's title are shown, not obeyed.
      this.panel.title = showHidden(`${trace.title} · ${trace.id.slice(0, 8)}`);
      this.deps.remember(trace.id, this.origin);
      this.session = new TraceSession(trace, {
        copy: async (text) => {
          await vscode.env.clipboard.writeText(text);
          vscode.window.setStatusBarMessage('$(copy) Copied', 2000);
        },
        openLink: (url) => openLink(url),
      });
      this.post({ type: 'trace', outline: this.session.outline });
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

  private async refreshLive(): Promise<void> {
    this.timer = undefined;
    try {
      const { trace, running } = await loadTrace(this.origin, this.deps.connections, this.abort.signal, this.loadCache);
      if (this.disposed || !this.session) return;
      this.post(this.session.replace(trace));
      if (running) this.scheduleLive();
    } catch (e) {
      this.deps.log.debug(`refreshing a running trace failed: ${describeError(e).message}`);
      this.scheduleLive();
    }
  }

  /**
   * Reloads and sends the trace as `live`, for sources that say when they change instead of being polled
   * (the local receiver got more spans).
   */
  async refresh(): Promise<void> {
    if (this.disposed || !this.session) return;
    try {
      const { trace, running } = await loadTrace(this.origin, this.deps.connections, this.abort.signal, this.loadCache);
      if (this.disposed || !this.session) return;
      this.post(this.session.replace(trace));
      // A run that goes on again (an approval was answered) is followed live to its end.
      if (running && !this.timer) this.scheduleLive();
    } catch (e) {
      this.deps.log.debug(`refreshing a trace failed: ${describeError(e).message}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
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
