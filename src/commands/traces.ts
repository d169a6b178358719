import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { groupSpans, summarizeGroup, traceFromGroup, traceFromGroups } from '../model/otlp';
import { detectTraceFile, parseTraceText, spansOfTraceFile, traceFromFile } from '../model/traceFile';
import type { Trace } from '../model/types';
import { JsonSyntaxError } from '../util/json';
import type { TraceOrigin } from '../panels/origin';
import { dropPrimed, primeTrace } from '../panels/traceSources';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import { formatRelativeTime, formatTimestamp } from '../views/format';
import { plural } from '../shared/text';
import { plainPicks } from '../views/plainText';

/** Which trace of a several-trace file to open without asking (for other extensions and tests). */
export interface FileChoice {
  traceId?: string;
  all?: boolean;
}

type Picked = { origin: TraceOrigin; trace: Trace } | undefined;

/**
 * Reads and maps the file once. An OTLP file with several traces asks which one (or all); only that one is
 * mapped. Undefined when the user cancelled the choice.
 */
async function readTraceFile(uri: vscode.Uri, choice: FileChoice | undefined): Promise<Picked> {
  const name = uri.fsPath.split(/[\\/]/).pop() ?? uri.fsPath;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const json = parseTraceText(text, name);
  const info = detectTraceFile(json);
  const spans = spansOfTraceFile(info);
  if (!spans) return { origin: { kind: 'file', path: uri.fsPath }, trace: traceFromFile(json) };
  const groups = groupSpans(spans);
  if (groups.length <= 1) return { origin: { kind: 'file', path: uri.fsPath }, trace: traceFromFile(json) };
  if (choice?.all) return { origin: { kind: 'file', path: uri.fsPath }, trace: traceFromGroups(groups, name) };
  const chosen = choice?.traceId === undefined ? undefined : groups.find((g) => g.traceId === choice.traceId);
  if (choice?.traceId !== undefined && !chosen) throw new Error(`${name} has no trace ${choice.traceId}.`);
  if (chosen) return { origin: { kind: 'file', path: uri.fsPath, traceId: chosen.traceId }, trace: traceFromGroup(chosen) };
  const now = Date.now();
  type Item = vscode.QuickPickItem & { traceId?: string };
  const items: Item[] = [
    { label: '$(list-tree) All traces', description: plural(groups.length, 'trace'), detail: 'Each trace is shown as a root of one tree' },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    ...groups.map(summarizeGroup).sort((a, b) => b.start - a.start).map((s) => ({
      label: s.name,
      description: `${plural(s.spanCount, 'span')} · ${formatRelativeTime(s.start, now)}`,
      detail: `${formatTimestamp(s.start)} · trace ${s.traceId}`,
      traceId: s.traceId,
    })),
  ];
  const pick = await vscode.window.showQuickPick(plainPicks(items), {
    title: `${name} holds ${plural(groups.length, 'trace')}`, placeHolder: 'Open which trace? (type to filter by name)', matchOnDescription: true, matchOnDetail: true,
  });
  if (!pick) return undefined;
  if (pick.traceId === undefined) return { origin: { kind: 'file', path: uri.fsPath }, trace: traceFromGroups(groups, name) };
  const group = groups.find((g) => g.traceId === pick.traceId)!;
  return { origin: { kind: 'file', path: uri.fsPath, traceId: group.traceId }, trace: traceFromGroup(group) };
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
        () => readTraceFile(uri, choice && typeof choice === 'object' && !Array.isArray(choice) ? choice : undefined),
      );
      if (!read) return undefined;
      origin = read.origin;
      primeTrace(origin, read.trace);
      const panel = await panels.show(origin);
      if (panel.loadError === undefined) return panel;
      // A bad file gets an error that points into it, not an empty panel.
      panel.panel.dispose();
      throw panel.loadError;
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        const at = uri;
        void vscode.window.showErrorMessage(e.message, 'Open File').then(async (choice) => {
          if (!choice) return;
          const pos = new vscode.Position(e.line - 1, Math.max(0, e.column - 1));
          await vscode.window.showTextDocument(at, { selection: new vscode.Range(pos, pos) });
        });
        return undefined;
      }
      log.error('opening a trace file failed', e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      // Revealing an open panel does not load: the primed trace must not linger.
      if (origin) dropPrimed(origin);
    }
  });
}
