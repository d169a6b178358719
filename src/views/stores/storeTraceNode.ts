import * as vscode from 'vscode';
import type { StoreTraceSummary } from '../../model/storeTraces';
import { formatDuration, formatRelativeTime, formatTimestamp, formatTokens } from '../format';
import { markdownTable } from '../markdown';
import type { TreeContext } from '../treeContext';
import { TreeNode } from '../nodes/base';

/** What the open command takes for a store trace (tree row, `agentlens.openExecution`, a link, a test). */
export interface StoreTraceTarget {
  readonly connection: string;
  readonly traceId: string;
}

/** A trace in a store's list: its root span, when, how long, how big, errors and tokens where the search said. */
export class StoreTraceNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly connectionId: string,
    readonly summary: StoreTraceSummary,
  ) {
    super(parent);
  }

  get target(): StoreTraceTarget {
    return { connection: this.connectionId, traceId: this.summary.traceId };
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.summary;
    const now = this.ctx.now();
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.connectionId}/${(this.parent as { key?: string } | undefined)?.key ?? ''}/${s.traceId}`;
    const failed = (s.errors ?? 0) > 0;
    item.iconPath = failed ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')) : new vscode.ThemeIcon('pulse');
    item.description = [
      formatRelativeTime(s.start, now),
      s.durationMs !== undefined ? formatDuration(s.durationMs) : undefined,
      s.spans !== undefined ? `${s.spans} span${s.spans === 1 ? '' : 's'}` : undefined,
      failed ? `${s.errors} error${s.errors === 1 ? '' : 's'}` : undefined,
      s.tokens ? formatTokens(s.tokens) : undefined,
    ].filter(Boolean).join(' · ');
    const rows: Array<[string, string]> = [
      ['Trace ID', s.traceId], ['Root span', s.name], ['Service', s.service ?? '—'], ['Started', formatTimestamp(s.start)],
      ['Duration', s.durationMs !== undefined ? formatDuration(s.durationMs) : '—'], ['Spans', s.spans !== undefined ? String(s.spans) : '—'],
      ['Errors', s.errors !== undefined ? String(s.errors) : '—'],
    ];
    if (s.matched !== undefined) rows.push(['Spans matching the query', String(s.matched)]);
    if (s.tokens) rows.push([s.matched !== undefined ? 'Tokens (returned matching spans)' : 'Tokens', String(s.tokens)]);
    const md = new vscode.MarkdownString(markdownTable(rows));
    md.isTrusted = false;
    md.supportHtml = false;
    item.tooltip = md;
    item.contextValue = `storeTrace${failed ? ':error' : ''}`;
    item.accessibilityInformation = { label: `Trace ${s.name}, ${item.description}` };
    item.command = { command: 'agentlens.openStoreTrace', title: 'Open Trace', arguments: [this.target] };
    return item;
  }
}
