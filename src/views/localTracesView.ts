import * as vscode from 'vscode';
import type { LocalTraceSummary } from '../receiver/traceStore';
import type { LocalTraceList } from '../receiverWorker/client';
import { formatDuration, formatRelativeTime, formatTimestamp, formatTokens } from './format';
import { markdownTable } from './markdown';
import { plural } from '../shared/text';
import { plainTreeItem } from './plainText';

/** A row of the Local Traces view: one trace the receiver holds. */
export class LocalTraceItem {
  constructor(readonly summary: LocalTraceSummary) {}

  get traceId(): string {
    return this.summary.traceId;
  }
}

function look(s: LocalTraceSummary): { icon: string; color?: string; label: string } {
  if (s.status === 'error' || s.errorCount > 0) {
    return { icon: 'error', color: 'testing.iconFailed', label: s.status === 'error' ? 'Failed' : plural(s.errorCount, 'failed span') };
  }
  if (s.end === undefined) return { icon: 'loading~spin', color: 'charts.blue', label: 'Running' };
  return { icon: 'pass', color: 'testing.iconPassed', label: 'Completed' };
}

/**
 * The local receiver's traces, newest first, refreshed as spans arrive (coalesced: a burst of requests is
 * one refresh). Empty → the view's welcome content (start the receiver / how to send traces).
 */
export class LocalTracesProvider implements vscode.TreeDataProvider<LocalTraceItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LocalTraceItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  private readonly sub: { dispose(): void };

  constructor(
    private readonly store: LocalTraceList,
    private readonly now: () => number = Date.now,
  ) {
    this.sub = store.onDidChange(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
    }, 250);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: LocalTraceItem): LocalTraceItem[] {
    if (element) return [];
    return this.store.summaries().map((s) => new LocalTraceItem(s));
  }

  getTreeItem(element: LocalTraceItem): vscode.TreeItem {
    return plainTreeItem(this.treeItem(element));
  }

  private treeItem(element: LocalTraceItem): vscode.TreeItem {
    const s = element.summary;
    const now = this.now();
    const l = look(s);
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.None);
    item.id = `local/${s.traceId}`;
    item.iconPath = new vscode.ThemeIcon(l.icon, l.color ? new vscode.ThemeColor(l.color) : undefined);
    const duration = s.end === undefined ? `${formatDuration(now - s.start)}…` : formatDuration(s.end - s.start);
    item.description = [
      plural(s.spanCount, 'span'), formatRelativeTime(s.start, now), duration, s.tokens > 0 ? formatTokens(s.tokens) : undefined,
    ].filter(Boolean).join(' · ');
    const md = new vscode.MarkdownString(markdownTable([
      ['Status', l.label],
      ['Trace', s.traceId],
      ['Spans', String(s.spanCount)],
      ['Started', formatTimestamp(s.start)],
      ['Duration', duration],
      ['Tokens (in + out + thinking)', String(s.tokens)],
      ['Last span received', formatTimestamp(s.updatedAt)],
    ]));
    md.isTrusted = false;
    md.supportHtml = false;
    item.tooltip = md;
    item.contextValue = `localTrace:${l.icon === 'error' ? 'error' : s.end === undefined ? 'running' : 'ok'}`;
    item.accessibilityInformation = { label: `${s.name}, ${l.label}, ${item.description}` };
    item.command = { command: 'agentlens.openLocalTrace', title: 'Open Trace', arguments: [s.traceId] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    this.changed.dispose();
  }
}
