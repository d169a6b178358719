import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { JsonSyntaxError } from '../util/json';
import type { TraceOrigin } from '../panels/origin';
import { dropPrimed, primeSession } from '../panels/traceSources';
import type { WorkerTraceSession } from '../traceWorker/client';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import { formatRelativeTime, formatTimestamp } from '../views/format';
import { plural } from '../shared/text';
import { noLinks } from '../views/markdown';
import { plainPicks } from '../views/plainText';

/** Which trace of a several-trace file to open without asking (for other extensions and tests). */
export interface FileChoice {
  traceId?: string;
  all?: boolean;
}

type Picked = { origin: TraceOrigin; session: WorkerTraceSession; running: boolean } | undefined;

/**
 * Reads, parses and maps the file once, in a trace worker (a 100 MB file never blocks the extension host); the
 * panel then takes that worker. A file with several traces asks which one (or all) first; only that one is
 * mapped. Undefined when the user cancelled the choice.
 */
async function readTraceFile(panels: TracePanels, uri: vscode.Uri, choice: FileChoice | undefined): Promise<Picked> {
  const name = uri.fsPath.split(/[\\/]/).pop() ?? uri.fsPath;
  const path = uri.fsPath;
  const worker = panels.startWorker();
  try {
    const chosen = choice?.all ? { all: true } : choice?.traceId !== undefined ? { traceId: choice.traceId } : {};
    const first = await worker.loadOrChoose({ kind: 'file', path, ask: true, ...chosen });
    if (!('choose' in first)) {
      return { origin: { kind: 'file', path, ...(choice?.traceId !== undefined && !choice.all ? { traceId: choice.traceId } : {}) }, session: worker, running: first.running };
    }
    const now = Date.now();
    type Item = vscode.QuickPickItem & { traceId?: string };
    const items: Item[] = [
      { label: '$(list-tree) All traces', description: plural(first.choose.length, 'trace'), detail: 'Each trace is shown as a root of one tree' },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...[...first.choose].sort((a, b) => b.start - a.start).map((s) => ({
        label: s.name,
        description: `${plural(s.spanCount, 'span')} · ${formatRelativeTime(s.start, now)}`,
        detail: `${formatTimestamp(s.start)} · trace ${s.traceId}`,
        traceId: s.traceId,
      })),
    ];
    const pick = await vscode.window.showQuickPick(plainPicks(items), {
      title: `${name} holds ${plural(first.choose.length, 'trace')}`, placeHolder: 'Open which trace? (type to filter by name)', matchOnDescription: true, matchOnDetail: true,
    });
    if (!pick) {
      worker.dispose();
      return undefined;
    }
    const loaded = await worker.load({ kind: 'file', path, ...(pick.traceId === undefined ? { all: true } : { traceId: pick.traceId }) });
    return { origin: { kind: 'file', path, ...(pick.traceId !== undefined ? { traceId: pick.traceId } : {}) }, session: worker, running: loaded.running };
  } catch (e) {
    worker.dispose();
    throw e;
  }
}

/** "AgentLens: Open Trace File…": a saved Fruxon response, OTLP/JSON or JSON Lines, Jaeger or Zipkin JSON (detected). */
export function registerTraceFileCommand(panels: TracePanels, log: Logger): vscode.Disposable {
  return registerCommand('agentlens.openTraceFile', async (arg?: vscode.Uri, choice?: FileChoice) => {
    let uri = arg instanceof vscode.Uri ? arg : undefined;
    if (!uri) {
      const active = vscode.window.activeTextEditor?.document;
      const picked = await vscode.window.showOpenDialog({
        title: 'Open a trace file',
        canSelectMany: false,
        filters: { 'Traces (JSON, OTLP JSON Lines)': ['json', 'jsonl', 'ndjson'], 'All files': ['*'] },
        ...(active?.uri.scheme === 'file' ? { defaultUri: active.uri } : {}),
      });
      uri = picked?.[0];
    }
    if (!uri) return undefined;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('AgentLens opens trace files from disk only.');
      return undefined;
    }
    let origin: TraceOrigin | undefined;
    try {
      const read = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'AgentLens: reading the trace file' },
        () => readTraceFile(panels, uri, choice && typeof choice === 'object' && !Array.isArray(choice) ? choice : undefined),
      );
      if (!read) return undefined;
      origin = read.origin;
      primeSession(origin, read.session, read.running);
      const panel = await panels.show(origin);
      if (panel.loadError === undefined) return panel;
      // A bad file gets an error that points into it, not an empty panel.
      panel.panel.dispose();
      throw panel.loadError;
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        const at = uri;
        void vscode.window.showErrorMessage(noLinks(e.message), 'Open File').then(async (choice) => {
          if (!choice) return;
          const pos = new vscode.Position(e.line - 1, Math.max(0, e.column - 1));
          await vscode.window.showTextDocument(at, { selection: new vscode.Range(pos, pos) });
        });
        return undefined;
      }
      log.error('opening a trace file failed', e);
      // The message may quote the file (names, values): its hidden characters are shown and it holds no links.
      void vscode.window.showErrorMessage(noLinks(e instanceof Error ? e.message : String(e)));
      return undefined;
    } finally {
      // Revealing an open panel does not load: the primed trace must not linger.
      if (origin) dropPrimed(origin);
    }
  });
}
