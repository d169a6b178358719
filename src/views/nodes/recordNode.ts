import * as vscode from 'vscode';
import type { ExecutionRecord } from '../../api/fruxon/schemas';
import { formatCost, formatDuration, formatRelativeTime, formatTimestamp, formatTokens } from '../format';
import { markdownTable } from '../markdown';
import { statusLook } from '../status';
import type { TreeContext } from '../treeContext';
import { TreeNode } from './base';

/** What commands receive for a record, whether from a menu, a deep link or another extension. */
export interface RecordTarget {
  readonly connection: string;
  readonly agentId: string;
  readonly executionRecordId: string;
}

export function recordTotals(r: ExecutionRecord): { tokens: number; duration: number | undefined } {
  const tokens = (r.inputTokens ?? 0) + (r.outputTokens ?? 0) + (r.cachedTokens ?? 0);
  const duration = r.endTime > 0 ? r.endTime - r.startTime : undefined;
  return { tokens, duration };
}

export class RecordNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly connectionId: string,
    public record: ExecutionRecord,
  ) {
    super(parent);
  }

  get target(): RecordTarget {
    return { connection: this.connectionId, agentId: this.record.agentId, executionRecordId: this.record.id };
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.record;
    const now = this.ctx.now();
    const look = statusLook(r.status, r.endTime);
    const { tokens, duration } = recordTotals(r);
    const item = new vscode.TreeItem(formatRelativeTime(r.startTime, now), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.connectionId}/${r.agentId}/${r.id}`;
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.description = [
      duration === undefined ? `${formatDuration(now - r.startTime)}…` : formatDuration(duration),
      formatTokens(tokens),
      formatCost(r.totalCost ?? 0),
      r.environmentSlug || undefined,
      `rev ${r.agentRevision}`,
    ].filter(Boolean).join(' · ');
    item.tooltip = this.tooltip(look.label);
    // `:traced` marks records with a trace, where "Open Raw OTel Spans" may find spans (the status stays last).
    item.contextValue = `record:${look.running ? 'running' : 'done'}${r.hasTrace ? ':traced' : ''}:${look.key}`;
    item.accessibilityInformation = { label: `${look.label} execution, started ${formatRelativeTime(r.startTime, now)}, ${item.description}` };
    item.command = { command: 'agentlens.openExecution', title: 'Open Trace', arguments: [this.target] };
    return item;
  }

  private tooltip(statusLabel: string): vscode.MarkdownString {
    const r = this.record;
    const { duration } = recordTotals(r);
    const rows: Array<[string, string]> = [
      ['Status', statusLabel === r.status ? String(r.status) : `${statusLabel} (${r.status})`],
      ['Execution', r.id],
      ['Started', formatTimestamp(r.startTime)],
      ['Ended', r.endTime > 0 ? formatTimestamp(r.endTime) : 'still running'],
      ['Duration', duration === undefined ? '—' : formatDuration(duration)],
      ['Environment', r.environmentSlug || '—'],
      ['Revision', String(r.agentRevision)],
      ['Tokens in / out / cached', `${r.inputTokens ?? 0} / ${r.outputTokens ?? 0} / ${r.cachedTokens ?? 0}`],
      ['Cost in / out / cached / thinking', [r.inputCost, r.outputCost, r.cachedCost, r.thinkingCost].map((c) => formatCost(c ?? 0)).join(' / ')],
      ['Total cost', formatCost(r.totalCost ?? 0)],
    ];
    if (r.trigger) rows.push(['Trigger', [r.trigger.type, r.trigger.provider].filter(Boolean).join(' · ') || '—']);
    if (r.deliveryStatus) rows.push(['Delivery', String(r.deliveryStatus)]);
    rows.push(['Has trace / result', `${r.hasTrace ? 'yes' : 'no'} / ${r.hasResult ? 'yes' : 'no'}`]);
    if (r.isSample) rows.push(['Sample', 'already in a dataset']);
    const md = new vscode.MarkdownString(markdownTable(rows));
    md.isTrusted = false;
    md.supportHtml = false;
    return md;
  }

  /** Re-fetches a running record; true when it changed. */
  async refreshRecord(): Promise<boolean> {
    const client = await this.ctx.connections.client(this.connectionId);
    if (!client) return false;
    const next = await client.getExecutionRecord(this.record.agentId, this.record.id);
    const changed = JSON.stringify(next) !== JSON.stringify(this.record);
    this.record = next;
    this.ctx.trackRunning(this, statusLook(next.status, next.endTime).running);
    return changed;
  }
}
