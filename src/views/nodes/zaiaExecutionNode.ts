import * as vscode from 'vscode';
import { executionStart } from '../../api/zaia/schemas';
import type { ZaiaExecution, ZaiaResponder } from '../../api/zaia/schemas';
import { isZaiaRunning, zaiaStatusClass } from '../../api/zaia/status';
import { formatCredits, formatDuration, formatRelativeTime, formatTimestamp } from '../format';
import { markdownTable } from '../markdown';
import { statusLook, type StatusLook } from '../status';
import type { TreeContext } from '../treeContext';
import { TreeNode } from './base';

/** What the open command receives for a Zaia execution (tree row, another extension, a test). */
export interface ZaiaExecutionTarget {
  readonly connection: string;
  readonly executionId: string;
}

const CANONICAL = { running: 'IN_PROGRESS', completed: 'COMPLETED', failed: 'FAILED', cancelled: 'CANCELLED' } as const;
const DOCUMENTED = new Set(['id', 'createdAt', 'updatedAt', 'creditsUsed', 'detail', 'startedAt', 'endedAt', 'isAgentic', 'isPurged',
  'parentId', 'responderId', 'status', 'workspaceId']);

/** The Fruxon status looks, reached through the Zaia status's meaning; an unknown status keeps its spelling. */
export function zaiaStatusLook(e: Pick<ZaiaExecution, 'status' | 'endedAt'>): StatusLook {
  const cls = zaiaStatusClass(e.status);
  const look = cls === 'unknown' ? statusLook(e.status, e.endedAt ?? 0) : statusLook(CANONICAL[cls]);
  return { ...look, running: isZaiaRunning(e) };
}

/** A short, single-line rendering of any JSON value for a tooltip cell. */
export function briefValue(v: unknown, max = 120): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export class ZaiaExecutionNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly connectionId: string,
    public execution: ZaiaExecution,
    private readonly responder?: ZaiaResponder,
  ) {
    super(parent);
  }

  get target(): ZaiaExecutionTarget {
    return { connection: this.connectionId, executionId: this.execution.id };
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.execution;
    const now = this.ctx.now();
    const look = zaiaStatusLook(e);
    const start = executionStart(e);
    const item = new vscode.TreeItem(formatRelativeTime(start, now), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.connectionId}/zaia/${e.responderId ?? ''}/${e.id}`;
    item.iconPath = e.isPurged
      ? new vscode.ThemeIcon('trash', new vscode.ThemeColor('disabledForeground'))
      : new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    const duration = e.endedAt ? e.endedAt - start : undefined;
    item.description = [
      look.label,
      duration !== undefined ? formatDuration(duration) : look.running ? `${formatDuration(now - start)}…` : undefined,
      formatCredits(e.creditsUsed),
      e.isAgentic ? 'agentic' : undefined,
      e.parentId ? 'sub-execution' : undefined,
      e.isPurged ? 'purged' : undefined,
    ].filter(Boolean).join(' · ');
    item.tooltip = this.tooltip(look);
    item.contextValue = `zaiaExecution:${look.running ? 'running' : 'done'}:${look.key}${e.isPurged ? ':purged' : ''}`;
    item.accessibilityInformation = { label: `${look.label} execution, started ${formatRelativeTime(start, now)}, ${item.description}` };
    item.command = { command: 'agentlens.openZaiaExecution', title: 'Open Trace', arguments: [this.target] };
    return item;
  }

  private tooltip(look: StatusLook): vscode.MarkdownString {
    const e = this.execution;
    const start = executionStart(e);
    const rows: Array<[string, string]> = [
      ['Status', e.status && look.label !== e.status ? `${look.label} (${e.status})` : look.label],
      ['Execution', e.id],
      ['Responder', this.responder ? `${this.responder.name ?? this.responder.id} (${this.responder.entity ?? '?'})` : e.responderId ?? '—'],
      ['Started', start ? formatTimestamp(start) : '—'],
      ['Ended', e.endedAt ? formatTimestamp(e.endedAt) : look.running ? 'still running' : '—'],
      ['Duration', e.endedAt ? formatDuration(e.endedAt - start) : '—'],
      ['Credits used', formatCredits(e.creditsUsed)],
      ['Agentic', e.isAgentic ? 'yes' : 'no'],
    ];
    if (e.isPurged) rows.push(['Purged', 'yes: content removed, metadata kept']);
    if (e.parentId) rows.push(['Parent execution', e.parentId]);
    if (e.workspaceId) rows.push(['Workspace', e.workspaceId]);
    // `detail` differs by execution type and is not public: its top-level fields, whatever they are.
    if (e.detail && typeof e.detail === 'object' && !Array.isArray(e.detail)) {
      for (const [k, v] of Object.entries(e.detail as Record<string, unknown>).slice(0, 12)) rows.push([`detail.${k}`, briefValue(v)]);
    } else if (e.detail !== undefined && e.detail !== null) rows.push(['detail', briefValue(e.detail)]);
    for (const [k, v] of Object.entries(e)) if (!DOCUMENTED.has(k) && v !== undefined) rows.push([k, briefValue(v)]);
    const md = new vscode.MarkdownString(markdownTable(rows));
    md.isTrusted = false;
    md.supportHtml = false;
    return md;
  }

  /** Re-fetches a running execution; true when it changed. */
  async refreshRecord(): Promise<boolean> {
    const client = await this.ctx.connections.zaiaClient(this.connectionId);
    if (!client) return false;
    const next = await client.getExecution(this.execution.id);
    const changed = JSON.stringify(next) !== JSON.stringify(this.execution);
    this.execution = next;
    this.ctx.trackRunning(this, zaiaStatusLook(next).running);
    return changed;
  }
}
