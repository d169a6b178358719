import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { normalizeTraceId } from '../api/stores/auth';
import type { ConnectionManager } from '../connections/connectionManager';
import { isStoreProfile, STORE_NAMES, type ConnectionProfile } from '../connections/profiles';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import type { AgentsTreeProvider } from '../views/agentsView';
import type { TreeNode } from '../views/nodes/base';
import { ConnectionNode } from '../views/nodes/connectionNode';
import { StoreListNode } from '../views/stores/storeListNode';
import { RANGES, type StoreFilter } from '../views/stores/storeQuery';
import { storeViewState } from '../views/stores/storeViewState';
import { StoreTraceNode, type StoreTraceTarget } from '../views/stores/storeTraceNode';
import { EXTENSION_ID } from './records';

/** `vscode://agentlens-dev.agentlens/open?connection=…&trace=…` */
export function storeTraceLink(t: StoreTraceTarget): string {
  return `${vscode.env.uriScheme}://${EXTENSION_ID}/open?${new URLSearchParams({ connection: t.connection, trace: t.traceId }).toString()}`;
}

/** A `{connection?, traceId}` argument (tree row, openExecution, a link, a test), resolved against the store connections. */
export async function resolveStoreTarget(arg: unknown, connections: ConnectionManager, selection: () => readonly TreeNode[]): Promise<StoreTraceTarget | undefined> {
  if (arg instanceof StoreTraceNode) return arg.target;
  const stores = connections.list().filter(isStoreProfile);
  if (arg && typeof arg === 'object' && typeof (arg as { traceId?: unknown }).traceId === 'string') {
    const o = arg as { connection?: string; traceId: string };
    const traceId = normalizeTraceId(o.traceId);
    if (!traceId) throw new Error(`"${o.traceId}" is not a trace ID (up to 32 hexadecimal digits).`);
    const connection = o.connection ?? (stores.length === 1 ? stores[0]!.id : await pickStore(stores));
    if (!connection) return undefined;
    if (!isStoreProfile(connections.find(connection))) throw new Error(`No Jaeger or Tempo connection "${connection}". Sign in to the store first.`);
    return { connection, traceId };
  }
  const selected = selection().find((n): n is StoreTraceNode => n instanceof StoreTraceNode);
  return selected?.target;
}

/**
 * Trace store commands: open a trace (row, `{connection?, traceId}`), Open Trace by ID…, filters on a list,
 * saved TraceQL queries, copy id and link.
 */
export function registerStoreCommands(connections: ConnectionManager, tree: AgentsTreeProvider, panels: TracePanels, selection: () => readonly TreeNode[], log: Logger): vscode.Disposable[] {
  const guard = <A extends unknown[]>(what: string, fn: (...a: A) => Promise<unknown>) => async (...a: A): Promise<void> => {
    try {
      await fn(...a);
    } catch (e) {
      log.error(`${what} failed`, e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  };

  const open = guard('opening a store trace', async (arg?: unknown) => {
    const t = await resolveStoreTarget(arg, connections, selection);
    if (t) await panels.show({ kind: 'store', connection: t.connection, traceId: t.traceId });
  });

  const openById = guard('Open Trace by ID', async (arg?: unknown) => {
    const stores = connections.list().filter(isStoreProfile);
    if (!stores.length) {
      const c = await vscode.window.showInformationMessage('Connect a Jaeger or Grafana Tempo first.', 'Sign In…');
      if (c) await vscode.commands.executeCommand('agentlens.signIn');
      return;
    }
    const fromNode = arg instanceof ConnectionNode && arg.store ? arg.profile.id : undefined;
    const connection = fromNode ?? (stores.length === 1 ? stores[0]!.id : await pickStore(stores));
    if (!connection) return;
    const id = await vscode.window.showInputBox({
      title: `Open Trace by ID (${connections.find(connection)?.label ?? connection})`, prompt: 'The trace ID: 32 (or 16) hexadecimal digits, as logs and the store\'s UI show it',
      ignoreFocusOut: true, validateInput: (v) => (normalizeTraceId(v) ? undefined : 'A trace ID is up to 32 hexadecimal digits (0-9, a-f)'),
    });
    if (!id) return;
    await panels.show({ kind: 'store', connection, traceId: normalizeTraceId(id)! });
  });

  const filter = guard('filtering traces', async (node?: StoreListNode) => {
    const list = node instanceof StoreListNode ? node : selection().find((n): n is StoreListNode => n instanceof StoreListNode);
    if (!list) return;
    const state = storeViewState();
    const current = state.filter(list.key);
    const range = await vscode.window.showQuickPick(RANGES.map((r) => ({ label: r.label, hours: r.hours, picked: r.hours === current.rangeHours, description: r.hours === current.rangeHours ? 'current' : undefined })),
      { title: 'Filter traces (1/3): time range', ignoreFocusOut: true });
    if (!range) return;
    const errors = await vscode.window.showQuickPick([{ label: 'All traces', only: false }, { label: '$(error) Only traces with errors', only: true }],
      { title: 'Filter traces (2/3): errors', ignoreFocusOut: true, placeHolder: current.errorsOnly ? 'Now: only traces with errors' : 'Now: all traces' });
    if (!errors) return;
    const min = await vscode.window.showInputBox({
      title: 'Filter traces (3/3): minimum duration', prompt: 'In milliseconds; empty for no minimum', value: current.minDurationMs ? String(current.minDurationMs) : '', ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() || /^\d+$/.test(v.trim()) ? undefined : 'A whole number of milliseconds, or empty'),
    });
    if (min === undefined) return;
    const next: StoreFilter = { rangeHours: range.hours, errorsOnly: errors.only };
    if (min.trim() && Number(min) > 0) next.minDurationMs = Number(min);
    await state.setFilter(list.key, next);
    tree.reload(list);
  });

  const addQuery = guard('adding a TraceQL query', async (arg?: { connection?: string } | ConnectionNode) => {
    const tempo = connections.list().filter((p) => p.kind === 'tempo');
    const connection = arg instanceof ConnectionNode ? arg.profile.id : arg?.connection ?? (tempo.length === 1 ? tempo[0]!.id : await pickStore(tempo));
    if (!connection || connections.find(connection)?.kind !== 'tempo') return;
    const query = await vscode.window.showInputBox({
      title: 'Add TraceQL query (1/2)', value: '{ span.gen_ai.request.model != nil }', ignoreFocusOut: true,
      prompt: 'TraceQL, for example { resource.service.name = "support-bot" && status = error }',
      validateInput: (v) => (/^\s*\{[\s\S]*\}\s*$/.test(v) ? undefined : 'A TraceQL query starts with { and ends with }'),
    });
    if (!query) return;
    const name = await vscode.window.showInputBox({ title: 'Add TraceQL query (2/2): name', value: query.trim().slice(0, 60), ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Give it a name') });
    if (!name) return;
    const state = storeViewState();
    await state.setQueries(connection, [...state.queries(connection).filter((q) => q.query !== query.trim()), { name: name.trim(), query: query.trim() }]);
    refreshConnection(connection);
  });

  const removeQuery = guard('removing a TraceQL query', async (node?: StoreListNode) => {
    if (!(node instanceof StoreListNode) || !('query' in node.list)) return;
    const q = node.list.query;
    const state = storeViewState();
    await state.setQueries(node.profile.id, state.queries(node.profile.id).filter((x) => x.query !== q.query));
    refreshConnection(node.profile.id);
  });

  const refreshConnection = (id: string): void => {
    const c = tree.connectionNodes().find((n) => n.profile.id === id);
    if (c) tree.reload(c);
  };

  const target = async (arg?: unknown): Promise<StoreTraceTarget | undefined> => resolveStoreTarget(arg, connections, selection);

  return [
    registerCommand('agentlens.openStoreTrace', open),
    registerCommand('agentlens.openStoreTraceById', openById),
    registerCommand('agentlens.filterStoreTraces', filter),
    registerCommand('agentlens.addTempoQuery', addQuery),
    registerCommand('agentlens.removeTempoQuery', removeQuery),
    registerCommand('agentlens.copyStoreTraceId', guard('copying a trace ID', async (arg?: unknown) => {
      const t = await target(arg);
      if (!t) return;
      await vscode.env.clipboard.writeText(t.traceId);
      vscode.window.setStatusBarMessage(`$(copy) Copied trace ID ${t.traceId}`, 3000);
    })),
    registerCommand('agentlens.copyStoreTraceLink', guard('copying a link', async (arg?: unknown) => {
      const t = await target(arg);
      if (!t) return;
      await vscode.env.clipboard.writeText(storeTraceLink(t));
      vscode.window.setStatusBarMessage('$(link) Copied a link to this trace', 3000);
    })),
  ];
}

async function pickStore(profiles: readonly ConnectionProfile[]): Promise<string | undefined> {
  const p = await vscode.window.showQuickPick(profiles.map((x) => ({ label: x.label, description: isStoreProfile(x) ? STORE_NAMES[x.kind] : x.baseUrl, id: x.id })),
    { placeHolder: 'Which trace store?' });
  return p?.id;
}
