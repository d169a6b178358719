import * as vscode from 'vscode';
import type { Agent, EnvironmentSummary, ExecutionRecord } from '../../api/fruxon/schemas';
import { describeError } from '../errors';
import { FilterStore } from '../filterStore';
import { describeFilter, isEmptyFilter, toQuery } from '../filters';
import { formatCost, formatRelativeTime } from '../format';
import { escapeMarkdown } from '../markdown';
import { statusLook } from '../status';
import type { TreeContext } from '../treeContext';
import { ApprovalsNode } from './approvalsNode';
import { actionNode, MessageNode, TreeNode } from './base';
import { RecordNode } from './recordNode';
import { plural } from '../../shared/text';

/**
 * An agent and its execution records, newest first. Records are fetched a page at a time: the first page
 * when the node is expanded, each further page from "Load more…". At most one page request is in flight.
 */
export class AgentNode extends TreeNode {
  private records: RecordNode[] = [];
  private summaries: EnvironmentSummary[] = [];
  private nextPageToken: string | undefined;
  private totalCount: number | undefined;
  private loaded = false;
  private loading: Promise<void> | undefined;
  private error: unknown;
  private approvalsNode: ApprovalsNode | undefined;
  /** Bumped by reset(): a page that arrives for an older generation (the filter changed meanwhile) is dropped. */
  private generation = 0;

  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly connectionId: string,
    readonly agent: Agent,
  ) {
    super(parent);
  }

  get filterKey(): string {
    return FilterStore.key(this.connectionId, this.agent.id);
  }

  get loadedRecords(): readonly ExecutionRecord[] {
    return this.records.map((n) => n.record);
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.agent;
    const filter = this.ctx.filters.get(this.filterKey);
    const filtered = !isEmptyFilter(filter);
    const item = new vscode.TreeItem(a.displayName || a.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${this.connectionId}/${a.id}`;
    item.iconPath = new vscode.ThemeIcon(filtered ? 'filter' : 'hubot');
    item.description = [`rev ${a.currentRevision ?? '?'}`, filtered ? describeFilter(filter) : undefined].filter(Boolean).join(' · ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(a.displayName || a.id)}** — revision ${escapeMarkdown(String(a.currentRevision ?? '?'))}\n\n`);
    if (a.description) md.appendText(a.description);
    if (filtered) md.appendMarkdown(`\n\n$(filter) Filtered: ${escapeMarkdown(describeFilter(filter))}`);
    md.supportThemeIcons = true;
    item.tooltip = md;
    item.contextValue = filtered ? 'agent:filtered' : 'agent';
    return item;
  }

  /** Forget what was loaded (filters changed, or the user refreshed). */
  reset(): void {
    this.generation++;
    this.loading = undefined;
    for (const r of this.records) this.ctx.trackRunning(r, false);
    this.records = [];
    this.summaries = [];
    this.nextPageToken = undefined;
    this.totalCount = undefined;
    this.loaded = false;
    this.error = undefined;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.loaded && !this.loading) this.startLoad(true);
    if (this.loading) await this.loading;
    return this.children();
  }

  private startLoad(first: boolean): Promise<void> {
    const p: Promise<void> = this.loadPage(first).finally(() => {
      if (this.loading === p) this.loading = undefined;
    });
    this.loading = p;
    return p;
  }

  /** Fetches the next page; a call while one is in flight waits for it instead of fetching again. */
  async loadMore(): Promise<void> {
    if (this.loading) return this.loading;
    if (!this.nextPageToken && this.loaded) return;
    await this.startLoad(false);
    this.ctx.refresh(this);
  }

  private async loadPage(first: boolean): Promise<void> {
    const generation = this.generation;
    const client = await this.ctx.connections.client(this.connectionId);
    if (!client) return;
    this.error = undefined;
    const query = {
      ...toQuery(this.ctx.filters.get(this.filterKey), this.ctx.now()),
      pageSize: this.ctx.pageSize(),
      ...(first ? {} : { pageToken: this.nextPageToken }),
    };
    try {
      const [page, summaries] = await Promise.all([
        client.listExecutionRecords(this.agent.id, query),
        first ? this.loadSummaries() : Promise.resolve(this.summaries),
      ]);
      if (generation !== this.generation) return;
      this.summaries = summaries;
      for (const r of page.items) {
        const node = new RecordNode(this, this.ctx, this.connectionId, r);
        this.records.push(node);
        this.ctx.trackRunning(node, statusLook(r.status, r.endTime).running);
      }
      this.nextPageToken = page.nextPageToken || undefined;
      this.totalCount = page.totalCount ?? this.totalCount;
      this.loaded = true;
      this.ctx.connections.reportSuccess(this.connectionId);
    } catch (e) {
      if (generation !== this.generation) return;
      this.error = e;
      this.loaded = true;
      this.ctx.connections.reportError(this.connectionId, e);
      this.ctx.log.warn(`loading records of ${this.agent.id} failed`, e);
    }
  }

  /** Summaries are a bonus: when the endpoint fails, the records still show. */
  private async loadSummaries(): Promise<EnvironmentSummary[]> {
    const client = await this.ctx.connections.client(this.connectionId);
    if (!client) return [];
    try {
      return await client.getEnvironmentSummaries(this.agent.id);
    } catch (e) {
      this.ctx.log.warn(`environment summaries of ${this.agent.id} are unavailable`, e);
      return [];
    }
  }

  /** The agent's "Approvals" node: shown while the tenant-wide list has requests of this agent. */
  get approvals(): ApprovalsNode | undefined {
    return this.approvalsNode;
  }

  private children(): TreeNode[] {
    const now = this.ctx.now();
    const out: TreeNode[] = [];
    if (this.ctx.approvals?.pending(this.connectionId, this.agent.id)?.length) {
      this.approvalsNode ??= new ApprovalsNode(this, this.ctx, this.connectionId, this.agent.id, () => this.agent.displayName || this.agent.id);
      out.push(this.approvalsNode);
    }
    out.push(...this.summaries.map(
      (s) =>
        new MessageNode(this, s.environmentSlug || '(no environment)', {
          icon: 'server-environment',
          description: [plural(s.executionCount, 'run'), formatCost(s.totalCost), s.lastActivityTime ? formatRelativeTime(s.lastActivityTime, now) : undefined]
            .filter(Boolean)
            .join(' · '),
          tooltip: `Environment ${s.environmentSlug}: ${plural(s.executionCount, 'execution')}, total cost ${formatCost(s.totalCost)}`,
          contextValue: 'environmentSummary',
        }),
    ));
    out.push(...this.records);
    if (this.error) {
      const { message } = describeError(this.error);
      out.push(
        new MessageNode(this, message, {
          icon: 'error',
          color: 'errorForeground',
          tooltip: message,
          contextValue: 'error',
          actions: [actionNode(this, 'Retry', 'refresh', { command: 'agentlens.refreshNode', title: 'Retry', arguments: [this] })],
        }),
      );
    } else if (this.nextPageToken) {
      const shown = this.records.length;
      const of = this.totalCount !== undefined ? ` (${shown} of ${this.totalCount})` : ` (${shown} shown)`;
      out.push(actionNode(this, `Load more…${of}`, 'more', { command: 'agentlens.loadMore', title: 'Load More', arguments: [this] }, 'loadMore'));
    } else if (!this.records.length) {
      const filtered = !isEmptyFilter(this.ctx.filters.get(this.filterKey));
      out.push(
        new MessageNode(this, filtered ? 'No executions match the filter' : 'No executions yet', {
          icon: 'info',
          contextValue: filtered ? 'empty:filtered' : 'empty',
          ...(filtered ? { command: { command: 'agentlens.clearFilter', title: 'Clear Filter', arguments: [this] }, tooltip: 'Click to clear the filter' } : {}),
        }),
      );
    }
    return out;
  }
}
