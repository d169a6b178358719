import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { ReceiverStartError } from '../receiver/otlpReceiver';
import { OtlpForwarder } from '../receiver/forwarder';
import { authHeaders, headerNameProblem, parseStoreAuth } from '../api/stores/auth';

const FORWARD_HEADER_KEY = 'agentlens.forward.header';
import type { LocalTraces } from '../receiverWorker/client';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import { joinSentences, plural } from '../shared/text';

const RUNNING_KEY = 'agentlens.receiverRunning';

function config(): { port: number; maxTraces: number; autoStart: boolean } {
  const c = vscode.workspace.getConfiguration('agentlens.receiver');
  return { port: c.get<number>('port', 4318), maxTraces: c.get<number>('maxTraces', 100), autoStart: c.get<boolean>('autoStart', false) };
}

/**
 * Start/Stop Local Trace Receiver, the status bar item while it listens, and the settings' effects (port
 * change restarts it, maxTraces trims at once). Nothing here throws into the host: failures are messages.
 */
export class ReceiverController implements vscode.Disposable {
  /** A start under way: a second Start (a click during autoStart, say) waits for it instead of racing it. */
  private starting: Promise<string | undefined> | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelTimers = new Map<string, NodeJS.Timeout>();
  /** Sends what the receiver accepted on to the team's collector (agentlens.receiver.forward.endpoint). */
  private forwarder: OtlpForwarder | undefined;

  constructor(
    /** The receiver itself, its store and journal: they run in the receiver worker (src/receiverWorker/). */
    private readonly store: LocalTraces,
    private readonly panels: TracePanels,
    private readonly log: Logger,
    /** Where the forwarding header (a collector's credential) is kept; optional so older callers still build. */
    private readonly secrets?: vscode.SecretStorage,
  ) {
    this.status = vscode.window.createStatusBarItem('agentlens.receiver', vscode.StatusBarAlignment.Left, 20);
    this.status.name = 'AgentLens Trace Receiver';
    this.status.command = 'agentlens.localTraces.focus';
    void vscode.commands.executeCommand('setContext', RUNNING_KEY, false);
    const sub = store.onDidChange((e) => {
      this.updateStatus();
      for (const id of e.changed) this.refreshPanel(id);
    });
    this.disposables.push(
      { dispose: () => sub.dispose() },
      registerCommand('agentlens.startReceiver', () => this.start()),
      registerCommand('agentlens.stopReceiver', () => this.stop()),
      registerCommand('agentlens.clearLocalTraces', () => store.clear()),
      registerCommand('agentlens.setForwardingHeader', () => this.setForwardingHeader()),
      registerCommand('agentlens.copyReceiverEndpoint', async () => {
        const url = this.store.url ?? `http://127.0.0.1:${config().port}`;
        await vscode.env.clipboard.writeText(url);
        vscode.window.setStatusBarMessage(`$(copy) Copied ${url}`, 3000);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentlens.receiver.maxTraces')) store.setMaxTraces(config().maxTraces);
        if (e.affectsConfiguration('agentlens.receiver.forward')) void this.configureForwarding();
        if (e.affectsConfiguration('agentlens.receiver.port') && this.store.listening && this.store.port !== config().port) {
          void this.stop().then(() => this.start());
        }
      }),
    );
    // What the receiver accepted, handed over by its worker: looked up per request, so a settings change swaps the
    // forwarder without restarting the receiver.
    store.onForward = (item) => this.forwarder?.enqueue(item);
    void this.configureForwarding();
    if (config().autoStart) void this.start();
  }

  /** The forwarder, for the tests and the status tooltip. */
  get forwarding(): OtlpForwarder | undefined {
    return this.forwarder;
  }

  /** Asks for a header the collector wants (its credential), kept in SecretStorage; an empty name removes it. */
  private async setForwardingHeader(): Promise<void> {
    if (!this.secrets) return;
    const name = await vscode.window.showInputBox({
      title: 'Forwarding header (1/2): name', prompt: 'The header your collector reads its credential from, e.g. Authorization or X-Api-Key. Empty: remove the header.',
      value: 'Authorization', ignoreFocusOut: true, validateInput: (v) => (!v.trim() ? undefined : headerNameProblem(v)),
    });
    if (name === undefined) return;
    if (!name.trim()) {
      await this.secrets.delete(FORWARD_HEADER_KEY);
      void vscode.window.showInformationMessage('Forwarding sends no header now.');
    } else {
      const value = await vscode.window.showInputBox({
        title: `Forwarding header (2/2): ${name.trim()}`, prompt: 'Its value (Bearer … for Authorization). Stored in VS Code\'s secret storage only.',
        password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Paste the value'),
      });
      if (!value) return;
      await this.secrets.store(FORWARD_HEADER_KEY, JSON.stringify({ kind: 'header', name: name.trim(), value: value.trim() }));
      void vscode.window.showInformationMessage(`Forwarding sends ${name.trim()} with every request.`);
    }
    await this.configureForwarding();
  }

  /** (Re)builds the forwarder from the settings; what the old one still queued is dropped with it. */
  private async configureForwarding(): Promise<void> {
    // Read before the swap, so no request arrives while there is no forwarder.
    const header = parseStoreAuth(this.secrets ? await this.secrets.get(FORWARD_HEADER_KEY) : undefined);
    const c = vscode.workspace.getConfiguration('agentlens.receiver.forward');
    const endpoint = c.get<string>('endpoint', '').trim();
    const old = this.forwarder;
    this.forwarder = undefined;
    if (old) void old.close();
    this.store.forwarding = false;
    if (!endpoint) {
      if (old) this.log.info('forwarding off');
      this.updateStatus();
      return;
    }
    try {
      const headers = header?.kind === 'header' ? authHeaders(header).headers : {};
      this.forwarder = new OtlpForwarder({
        endpoint, headers,
        maxQueueBytes: Math.max(1, c.get<number>('maxQueueMB', 64)) * 1024 * 1024,
        log: (level, message) => (level === 'warn' ? this.log.warn(message) : level === 'info' ? this.log.info(message) : this.log.debug(message)),
      });
      // Only now does the worker hand over what it receives (bodies are not copied to the host otherwise).
      this.store.forwarding = true;
      this.log.info(`forwarding everything the receiver accepts to ${this.forwarder.target}/v1/traces and /v1/logs`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`agentlens.receiver.forward.endpoint: ${message}`);
      void vscode.window.showErrorMessage(`Trace forwarding is off: ${message}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'agentlens.receiver.forward.endpoint');
      });
    }
    this.updateStatus();
  }

  get url(): string | undefined {
    return this.store.url;
  }

  /** The URL it listens on, or undefined when it could not start (the user has been told why). */
  start(): Promise<string | undefined> {
    this.starting ??= this.startOnce().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startOnce(): Promise<string | undefined> {
    if (this.store.url) {
      vscode.window.setStatusBarMessage(`$(radio-tower) The trace receiver already listens on ${this.store.url}`, 3000);
      return this.store.url;
    }
    const { port } = config();
    try {
      await this.store.start(port);
    } catch (e) {
      this.log.warn(`the trace receiver could not start: ${e instanceof Error ? e.message : String(e)}`);
      void this.explainStartFailure(e, port);
      return undefined;
    }
    const url = this.store.url!;
    this.log.info(`local trace receiver listening on ${url}/v1/traces`);
    await vscode.commands.executeCommand('setContext', RUNNING_KEY, true);
    this.updateStatus();
    return url;
  }

  private async explainStartFailure(e: unknown, port: number): Promise<void> {
    const message = e instanceof ReceiverStartError ? e.message : `The trace receiver could not start: ${e instanceof Error ? e.message : String(e)}`;
    const inUse = e instanceof ReceiverStartError && (e.code === 'EADDRINUSE' || e.code === 'EACCES');
    const actions = inUse ? ['Use Another Port…', 'Open Settings'] : ['Show Log'];
    const choice = await vscode.window.showErrorMessage(joinSentences(message, `Change agentlens.receiver.port, or stop what uses port ${port}.`), ...actions);
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'agentlens.receiver.port');
    else if (choice === 'Show Log') await vscode.commands.executeCommand('agentlens.showLog');
    else if (choice === 'Use Another Port…') {
      const next = await vscode.window.showInputBox({
        title: 'Trace receiver port', prompt: 'A free port on 127.0.0.1 (instrumented programs must send to it)', value: String(port === 4318 ? 4319 : port + 1),
        validateInput: (v) => (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536 ? undefined : 'A port number from 1 to 65535'),
      });
      if (!next) return;
      // Restarting on the setting change would race this start; it only restarts a running receiver.
      await vscode.workspace.getConfiguration('agentlens.receiver').update('port', Number(next), vscode.ConfigurationTarget.Global);
      await this.start();
    }
  }

  async stop(): Promise<void> {
    // Stop what a start under way is about to open, too.
    if (this.starting) await this.starting.catch(() => undefined);
    if (this.store.listening) {
      await this.store.stop().catch(() => undefined);
      this.log.info('local trace receiver stopped');
    }
    await vscode.commands.executeCommand('setContext', RUNNING_KEY, false);
    this.updateStatus();
  }

  private updateStatus(): void {
    const url = this.store.url;
    if (!url) {
      this.status.hide();
      return;
    }
    const stats = this.store.stats;
    this.status.text = `$(radio-tower) OTLP :${this.store.port}`;
    const tip = new vscode.MarkdownString(
      `AgentLens trace receiver on \`${url}/v1/traces\` and \`/v1/logs\` (OTLP/HTTP, protobuf or JSON)\n\n`
      + `${plural(this.store.size, 'trace')} held · ${plural(stats.spans, 'span')} and ${plural(stats.logEvents, 'GenAI log event')} received · ${plural(stats.rejectedRequests, 'request')} rejected\n\n`
      + (this.forwarder ? `Forwarding to \`${this.forwarder.target}\`: ${plural(this.forwarder.stats.forwarded, 'request')} sent, ${this.forwarder.stats.queued} waiting, ${this.forwarder.stats.dropped} dropped (queue full)\n\n` : '')
      + 'Send with `OTEL_EXPORTER_OTLP_ENDPOINT=' + url + '` (`OTEL_EXPORTER_OTLP_PROTOCOL` `http/protobuf` or `http/json`, not `grpc`). Click to show Local Traces.',
    );
    md(tip);
    this.status.tooltip = tip;
    this.status.accessibilityInformation = { label: `AgentLens trace receiver listening on port ${this.store.port}, ${plural(this.store.size, 'trace')} held` };
    this.status.show();
  }

  /** An open panel of a trace that got more spans reloads it (coalesced per trace). */
  private refreshPanel(traceId: string): void {
    if (this.panelTimers.has(traceId)) return;
    this.panelTimers.set(traceId, setTimeout(() => {
      this.panelTimers.delete(traceId);
      void this.panels.get({ kind: 'local', traceId })?.refresh();
    }, 300));
  }

  dispose(): void {
    for (const t of this.panelTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.status.dispose();
    this.store.onForward = undefined;
    this.store.forwarding = false;
    void this.forwarder?.close();
    this.forwarder = undefined;
  }
}

function md(m: vscode.MarkdownString): void {
  m.isTrusted = false;
  m.supportHtml = false;
}
