// Exports of a trace: Copy as Markdown (the trace, or the selected step's subtree), Export as OTLP/JSON…,
// Save as JSON… (the trace model), Copy Link, and "open the trace at a step" (the chat participant's
// buttons). They act on a trace panel (the one in front, or the origin passed), or on a record or Zaia
// execution in the tree (loaded with progress when no panel shows it).
import * as vscode from 'vscode';
import { traceMarkdown } from '../model/agentText/markdown';
import { traceToOtlp } from '../model/agentText/otlpExport';
import type { Trace } from '../model/types';
import { parseOrigin, type TraceOrigin } from '../panels/origin';
import type { AgentHost } from '../lmTools/host';

/** The extension's id, as `vscode://` links name it (commands/records.ts has the same). */
const EXTENSION_ID = 'agentlens-dev.agentlens';

/** A link that opens the trace in AgentLens, for the sources that have one (Fruxon records, Zaia executions). */
export function traceLink(origin: TraceOrigin): string | undefined {
  const base = `${vscode.env.uriScheme}://${EXTENSION_ID}/open?`;
  if (origin.kind === 'fruxon' || origin.kind === 'fruxonOtlp') {
    return base + new URLSearchParams({ connection: origin.connection, agent: origin.agentId, record: origin.executionRecordId }).toString();
  }
  if (origin.kind === 'zaia') return base + new URLSearchParams({ connection: origin.connection, zaia: origin.executionId }).toString();
  return undefined;
}

/** The origin a command argument means: an origin object, a tree row, else the trace panel in front. */
function originOf(arg: unknown, host: AgentHost): TraceOrigin | undefined {
  const given = parseOrigin(arg) ?? host.originOfNode(arg);
  if (given) return given;
  const panels = host.panels;
  const panel = panels.active() ?? (panels.all().length === 1 ? panels.all()[0] : undefined);
  if (panel) return panel.origin;
  return host.originOfNode(host.selection()[0]);
}

const fileName = (t: Trace): string => `${(t.agentName ?? t.title).replace(/[^\w.-]+/g, '-').slice(0, 40)}-${t.id.replace(/[^\w.-]+/g, '').slice(0, 12)}`;

type Handler = (...args: unknown[]) => unknown;

/** The export commands' handlers by command id; the core registers them behind the shell's registrations. */
export function traceExportCommands(host: AgentHost): Map<string, Handler> {
  const { panels, log } = host;
  const traceOf = async (origin: TraceOrigin): Promise<Trace> => {
    const shown = await panels.get(origin)?.traceSession?.trace();
    if (shown) return shown;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'AgentLens: loading the trace…', cancellable: true }, async (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return host.loadTrace(origin, ac.signal);
    });
  };

  /** Runs `fn` on the trace the argument means; says what to do when there is none; shows failures. */
  const withTrace = (fn: (trace: Trace, origin: TraceOrigin, uri?: vscode.Uri) => Promise<unknown>) => async (arg?: unknown, uri?: unknown) => {
    try {
      const origin = originOf(arg, host);
      if (!origin) {
        void vscode.window.showInformationMessage('Open a trace first (or pick an execution in the Agents view).');
        return;
      }
      await fn(await traceOf(origin), origin, uri instanceof vscode.Uri ? uri : undefined);
    } catch (e) {
      if (e instanceof vscode.CancellationError || (e instanceof Error && e.name === 'AbortError')) return;
      log.error('trace export failed', e);
      void vscode.window.showErrorMessage(`AgentLens: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const save = async (trace: Trace, uri: vscode.Uri | undefined, suffix: string, label: string, body: () => string): Promise<void> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = uri ?? await vscode.window.showSaveDialog({
      title: `AgentLens: ${label}`,
      saveLabel: label.replace(/…$/, ''),
      filters: { JSON: ['json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${fileName(trace)}${suffix}`) } : {}),
    });
    if (!target) return;
    // A 100,000-step export takes seconds: the notification is drawn (one turn of the event loop) before it starts.
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `AgentLens: ${label.replace(/…$/, '')} (${trace.stepCount} steps)…` }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(body()));
    });
    const name = target.path.split('/').pop();
    void vscode.window.showInformationMessage(`Saved ${name}.`, 'Open').then((c) => c && vscode.window.showTextDocument(target));
  };

  return new Map<string, Handler>([
    ['agentlens.copyTraceMarkdown', withTrace(async (trace) => {
      await vscode.env.clipboard.writeText(traceMarkdown(trace));
      vscode.window.setStatusBarMessage(`$(copy) Copied the trace as Markdown (${trace.stepCount} steps)`, 3000);
    })],
    ['agentlens.copyStepMarkdown', withTrace(async (trace, origin) => {
      const stepId = panels.get(origin)?.selectedStepId;
      if (!stepId) {
        void vscode.window.showInformationMessage('Select a step in the trace first; its subtree is what gets copied.');
        return;
      }
      await vscode.env.clipboard.writeText(traceMarkdown(trace, { stepId }));
      vscode.window.setStatusBarMessage('$(copy) Copied the step and its children as Markdown', 3000);
    })],
    ['agentlens.exportTraceOtlp', withTrace((trace, _o, uri) =>
      save(trace, uri, '.otlp.json', 'Export as OTLP/JSON…', () => JSON.stringify(traceToOtlp(trace, { version: __AGENTLENS_VERSION__ }))))],
    ['agentlens.saveTraceJson', withTrace((trace, _o, uri) =>
      save(trace, uri, '.trace.json', 'Save as JSON…', () => JSON.stringify(trace, null, 2)))],
    ['agentlens.copyTraceLink', withTrace(async (_t, origin) => {
      const link = traceLink(origin);
      if (!link) {
        void vscode.window.showInformationMessage('This trace has no link: it is a local receiver trace or a file. Export it as OTLP/JSON to share it.');
        return;
      }
      await vscode.env.clipboard.writeText(link);
      vscode.window.setStatusBarMessage('$(link) Copied a link to this trace', 3000);
    })],
    ['agentlens.openTraceAtStep', async (arg?: unknown, stepId?: unknown) => {
      const origin = parseOrigin(arg);
      if (!origin) return;
      try {
        const panel = await panels.show(origin);
        if (typeof stepId === 'string') panel.revealStep(stepId);
      } catch (e) {
        void vscode.window.showErrorMessage(`AgentLens: ${e instanceof Error ? e.message : String(e)}`);
      }
    }],
  ]);
}
