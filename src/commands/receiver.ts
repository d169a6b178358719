import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { OtlpReceiver, ReceiverStartError } from '../receiver/otlpReceiver';
import type { LocalTraceStore } from '../receiver/traceStore';
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
  private receiver: OtlpReceiver | undefined;
  /** A start under way: a second Start (a click during autoStart, say) waits for it instead of racing it. */
  private starting: Promise<string | undefined> | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: LocalTraceStore,
    private readonly panels: TracePanels,
    private readonly log: Logger,
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
      registerCommand('agentlens.copyReceiverEndpoint', async () => {
        const url = this.receiver?.listening ? this.receiver.url : `http://127.0.0.1:${config().port}`;
        await vscode.env.clipboard.writeText(url);
        vscode.window.setStatusBarMessage(`$(copy) Copied ${url}`, 3000);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentlens.receiver.maxTraces')) store.setMaxTraces(config().maxTraces);
        if (e.affectsConfiguration('agentlens.receiver.port') && this.receiver?.listening && this.receiver.port !== config().port) {
          void this.stop().then(() => this.start());
        }
      }),
    );
    if (config().autoStart) void this.start();
  }

  get url(): string | undefined {
    return this.receiver?.listening ? this.receiver.url : undefined;
  }

  /** The URL it listens on, or undefined when it could not start (the user has been told why). */
  start(): Promise<string | undefined> {
    this.starting ??= this.startOnce().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startOnce(): Promise<string | undefined> {
    if (this.receiver?.listening) {
      vscode.window.setStatusBarMessage(`$(radio-tower) The trace receiver already listens on ${this.receiver.url}`, 3000);
      return this.receiver.url;
    }
    const { port } = config();
    const receiver = new OtlpReceiver({
      port, store: this.store,
      log: (level, message) => (level === 'warn' ? this.log.warn(message) : level === 'info' ? this.log.info(message) : this.log.debug(message)),
    });
    try {
      await receiver.start();
    } catch (e) {
      this.log.warn(`the trace receiver could not start: ${e instanceof Error ? e.message : String(e)}`);
      void this.explainStartFailure(e, port);
      return undefined;
    }
    this.receiver = receiver;
    this.log.info(`local trace receiver listening on ${receiver.url}/v1/traces`);
    await vscode.commands.executeCommand('setContext', RUNNING_KEY, true);
    this.updateStatus();
    return receiver.url;
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
    const r = this.receiver;
    this.receiver = undefined;
    if (r) {
      await r.stop();
      this.log.info('local trace receiver stopped');
    }
    await vscode.commands.executeCommand('setContext', RUNNING_KEY, false);
    this.updateStatus();
  }

  private updateStatus(): void {
    const r = this.receiver;
    if (!r?.listening) {
      this.status.hide();
      return;
    }
    this.status.text = `$(radio-tower) OTLP :${r.port}`;
    const tip = new vscode.MarkdownString(
      `AgentLens trace receiver on \`${r.url}/v1/traces\` and \`/v1/logs\` (OTLP/HTTP, protobuf or JSON)\n\n`
      + `${plural(this.store.size, 'trace')} held · ${plural(r.stats.spans, 'span')} and ${plural(r.stats.logEvents, 'GenAI log event')} received · ${plural(r.stats.rejectedRequests, 'request')} rejected\n\n`
      + 'Send with `OTEL_EXPORTER_OTLP_ENDPOINT=' + r.url + '` (`OTEL_EXPORTER_OTLP_PROTOCOL` `http/protobuf` or `http/json`, not `grpc`). Click to show Local Traces.',
    );
    md(tip);
    this.status.tooltip = tip;
    this.status.accessibilityInformation = { label: `AgentLens trace receiver listening on port ${r.port}, ${plural(this.store.size, 'trace')} held` };
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
    void this.receiver?.stop();
    this.receiver = undefined;
  }
}

function md(m: vscode.MarkdownString): void {
  m.isTrusted = false;
  m.supportHtml = false;
}
