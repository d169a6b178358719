import * as vscode from 'vscode';
import { EXECUTION_STATUSES } from '../../api/fruxon/enums';
import { recordsIn, RUNNING } from '../../model/insights/aggregate';
import type { InsightRecord, InsightsData } from '../../model/insights/types';
import { FilterStore } from '../../views/filterStore';
import { parseIsoInput } from '../../views/filters';
import { formatCost, formatCredits, formatDuration, formatTimestamp } from '../../views/format';
import type { InsightsTarget, WindowChoice } from './target';

interface PickArgs {
  target: InsightsTarget;
  data: InsightsData;
  records: readonly InsightRecord[];
  bucket: number;
  status: string | undefined;
  filters: FilterStore;
}

type Item = vscode.QuickPickItem & { record?: InsightRecord; filter?: true };

/**
 * A clicked bar or point: a quick pick whose first item filters the Agents view to these runs (the tree's own
 * filter, so its status, environment and revision stay; the time range becomes the bucket's), and which lists
 * the runs, newest first; picking one opens its trace.
 */
export async function pickRecords(a: PickArgs): Promise<void> {
  const start = a.data.starts[a.bucket];
  if (start === undefined) return;
  const end = a.data.starts[a.bucket + 1] ?? a.data.to;
  const runs = recordsIn(a.records, a.data, a.bucket, a.status);
  const when = `${formatTimestamp(start)} – ${formatTimestamp(end)}`;
  const items: Item[] = [];
  if (a.target.kind === 'fruxon') {
    items.push({ label: `$(filter) Filter the Agents view to these ${runs.length} run(s)`, description: a.status ?? '', filter: true, alwaysShow: true });
    items.push({ label: 'Runs', kind: vscode.QuickPickItemKind.Separator });
  }
  const cost = (r: InsightRecord) => (a.data.costUnit === 'credits' ? formatCredits(r.cost) : formatCost(r.cost));
  for (const r of runs.slice(0, 500)) {
    items.push({
      label: `${r.outcome === 'running' ? '$(sync~spin)' : r.outcome === 'failed' ? '$(error)' : r.outcome === 'ok' ? '$(pass)' : '$(circle-outline)'} ${r.status}`,
      description: `${formatTimestamp(r.start)} · ${r.end !== undefined ? formatDuration(r.end - r.start) : 'running'} · ${cost(r)}`,
      detail: [r.revision !== undefined ? `rev ${r.revision}` : '', r.environment ?? '', r.id].filter(Boolean).join(' · '),
      record: r,
    });
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: `${a.target.label}: ${runs.length} run(s)${a.status ? ` ${a.status}` : ''}, ${when}${runs.length > 500 ? ' (newest 500 listed)' : ''}`,
    placeHolder: 'Pick a run to open its trace', matchOnDescription: true, matchOnDetail: true,
  });
  if (!pick) return;
  const t = a.target;
  if (pick.filter && t.kind === 'fruxon') {
    const key = FilterStore.key(t.connection, t.agentId);
    const current = a.filters.get(key) ?? {};
    const statuses = a.status === RUNNING ? ['IN_PROGRESS', 'WAITING_FOR_ASYNC']
      : a.status && (EXECUTION_STATUSES as readonly string[]).includes(a.status) ? [a.status] : current.statuses;
    await a.filters.set(key, { ...current, ...(statuses ? { statuses: [...statuses] } : {}), range: { kind: 'custom', start, end: end - 1 } });
    await vscode.commands.executeCommand('agentlens.agents.focus');
    return;
  }
  if (!pick.record) return;
  if (t.kind === 'fruxon') await vscode.commands.executeCommand('agentlens.openExecution', { connection: t.connection, agentId: t.agentId, executionRecordId: pick.record.id });
  else await vscode.commands.executeCommand('agentlens.openZaiaExecution', { connection: t.connection, executionId: pick.record.id });
}

/** From and to as ISO dates; undefined when cancelled or invalid. */
export async function askCustomWindow(current: WindowChoice): Promise<WindowChoice | undefined> {
  const validate = (v: string) => {
    try {
      parseIsoInput(v);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const iso = (t?: number) => (t === undefined ? '' : new Date(t).toISOString());
  const from = await vscode.window.showInputBox({ title: 'Insights window: from (ISO date)', value: iso(current.from), placeHolder: '2026-11-01 or 2026-11-01T09:00:00Z',
    validateInput: (v) => (v.trim() ? validate(v) : 'A start is needed'), ignoreFocusOut: true });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({ title: 'Insights window: to (ISO date, blank = now)', value: iso(current.to), validateInput: validate, ignoreFocusOut: true });
  if (to === undefined) return undefined;
  const f = parseIsoInput(from)!;
  const t = parseIsoInput(to);
  if (t !== undefined && f >= t) {
    void vscode.window.showErrorMessage('The start of the window is not before its end.');
    return undefined;
  }
  return { kind: 'custom', from: f, ...(t !== undefined ? { to: t } : {}) };
}
