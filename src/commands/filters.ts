import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import type { FilterStore } from '../views/filterStore';
import { describeFilter, parseIsoInput, type RecordFilter, type TimeRange } from '../views/filters';
import type { TreeNode } from '../views/nodes/base';
import type { AgentNode } from '../views/nodes/agentNode';
import { KNOWN_STATUSES, statusLook } from '../views/status';
import { resolveAgentNode } from './targets';
import { plainPicks } from '../views/plainText';

/**
 * "Filter Executions…" on an agent: status (several), environment, revision (several), time range. Each step
 * starts from the current filter; Escape at any step keeps the filter as it was.
 */
export function registerFilterCommands(filters: FilterStore, view: vscode.TreeView<TreeNode>): vscode.Disposable[] {
  const agentOf = (arg: unknown) => {
    const node = resolveAgentNode(arg, view.selection);
    if (!node) void vscode.window.showInformationMessage('Select an agent in the AgentLens view first.');
    return node;
  };
  return [
    registerCommand('agentlens.filterRecords', async (arg?: unknown) => {
      const node = agentOf(arg);
      if (!node) return;
      const next = await askFilter(node, filters.get(node.filterKey) ?? {});
      if (next) await filters.set(node.filterKey, next);
    }),
    registerCommand('agentlens.clearFilter', async (arg?: unknown) => {
      const node = agentOf(arg);
      if (node) await filters.set(node.filterKey, undefined);
    }),
    registerCommand('agentlens.clearAllFilters', () => filters.clearAll()),
  ];
}

async function askFilter(node: AgentNode, current: RecordFilter): Promise<RecordFilter | undefined> {
  const title = `Filter executions of ${node.agent.displayName || node.agent.id}`;
  const loaded = node.loadedRecords;

  const statusPick = await vscode.window.showQuickPick(
    KNOWN_STATUSES.map((s) => ({ label: statusLook(s).label, description: s, picked: current.statuses?.includes(s) ?? false, iconPath: new vscode.ThemeIcon(statusLook(s).icon.replace('~spin', '')) })),
    { title: `${title} (1/4): status`, placeHolder: 'Pick statuses, or none for any', canPickMany: true, ignoreFocusOut: true },
  );
  if (!statusPick) return undefined;

  const envs = [...new Set([current.environment, ...loaded.map((r) => r.environmentSlug)].filter((e): e is string => !!e))].sort();
  const envItems: Array<vscode.QuickPickItem & { value?: string | null }> = [
    { label: 'Any environment', value: null },
    ...envs.map((e) => ({ label: e, value: e, picked: e === current.environment })),
    { label: 'Other…', description: 'type an environment slug', value: undefined },
  ];
  const envPick = await vscode.window.showQuickPick(plainPicks(envItems), { title: `${title} (2/4): environment`, ignoreFocusOut: true });
  if (!envPick) return undefined;
  let environment = envPick.value ?? undefined;
  if (envPick.value === undefined) {
    environment = (await vscode.window.showInputBox({ title: `${title}: environment slug`, value: current.environment ?? '', ignoreFocusOut: true }))?.trim();
    if (environment === undefined) return undefined;
  }

  const revisions = [...new Set([...(current.revisions ?? []), ...loaded.map((r) => r.agentRevision), node.agent.currentRevision].filter((n): n is number => Number.isInteger(n)))].sort((a, b) => b - a);
  const revPick = await vscode.window.showQuickPick(
    revisions.map((r) => ({ label: `Revision ${r}`, value: r, picked: current.revisions?.includes(r) ?? false, description: r === node.agent.currentRevision ? 'current' : undefined })),
    { title: `${title} (3/4): revision`, placeHolder: 'Pick revisions, or none for any', canPickMany: true, ignoreFocusOut: true },
  );
  if (!revPick) return undefined;

  const range = await askRange(title, current.range);
  if (range === null) return undefined;

  const f: RecordFilter = {
    ...(statusPick.length ? { statuses: statusPick.map((p) => p.description!) } : {}),
    ...(environment ? { environment } : {}),
    ...(revPick.length ? { revisions: revPick.map((p) => p.value) } : {}),
    ...(range ? { range } : {}),
  };
  void vscode.window.setStatusBarMessage(`$(filter) ${describeFilter(f) || 'No filter'}`, 3000);
  return f;
}

/** null = cancelled, undefined = any time. */
async function askRange(title: string, current: TimeRange | undefined): Promise<TimeRange | undefined | null> {
  const items: Array<vscode.QuickPickItem & { kind2: TimeRange['kind'] | 'any' }> = [
    { label: 'Any time', kind2: 'any' },
    { label: 'Last hour', kind2: 'lastHour' },
    { label: 'Last day', kind2: 'lastDay' },
    { label: 'Last week', kind2: 'lastWeek' },
    { label: 'Custom range…', description: 'ISO dates', kind2: 'custom' },
  ];
  const active = items.find((i) => i.kind2 === (current?.kind ?? 'any'));
  const pick = await vscode.window.showQuickPick(items, { title: `${title} (4/4): time`, ignoreFocusOut: true, ...(active ? { activeItem: active } as object : {}) });
  if (!pick) return null;
  if (pick.kind2 === 'any') return undefined;
  if (pick.kind2 !== 'custom') return { kind: pick.kind2 };
  const iso = (t?: number) => (t === undefined ? '' : new Date(t).toISOString());
  const validate = (v: string) => {
    try {
      parseIsoInput(v);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const cur = current?.kind === 'custom' ? current : undefined;
  const start = await vscode.window.showInputBox({ title: `${title}: from (ISO, blank = no limit)`, value: iso(cur?.start), placeHolder: '2026-11-01 or 2026-11-01T09:00:00Z', validateInput: validate, ignoreFocusOut: true });
  if (start === undefined) return null;
  const end = await vscode.window.showInputBox({ title: `${title}: to (ISO, blank = now)`, value: iso(cur?.end), validateInput: validate, ignoreFocusOut: true });
  if (end === undefined) return null;
  const s = parseIsoInput(start);
  const e = parseIsoInput(end);
  if (s !== undefined && e !== undefined && s > e) {
    void vscode.window.showErrorMessage('The start of the range is after its end.');
    return null;
  }
  return { kind: 'custom', ...(s !== undefined ? { start: s } : {}), ...(e !== undefined ? { end: e } : {}) };
}
