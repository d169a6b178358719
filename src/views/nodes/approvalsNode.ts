import * as vscode from 'vscode';
import type { Approval } from '../../api/fruxon/approvalSchemas';
import { isPending } from '../../api/fruxon/approvals';
import { argumentsText, expiresInMs, newestFirst, otherFields, proposalSummary, proposalText, waitedMs } from '../../model/approvals';
import { describeError } from '../errors';
import { formatDuration, formatRelativeTime, formatTimestamp } from '../format';
import { markdownTable } from '../markdown';
import type { TreeContext } from '../treeContext';
import { actionNode, MessageNode, TreeNode } from './base';

/** What the approval commands receive, from the tree, a notification, the trace panel or another extension. */
export interface ApprovalTarget {
  readonly connection: string;
  readonly agentId: string;
  readonly approvalId: string;
  readonly executionRecordId?: string;
  readonly agentName?: string;
  /** One line: what the agent proposes. */
  readonly proposal?: string;
}

/** Expiring within this is shown as a warning. */
const SOON_MS = 3_600_000;

/**
 * "Approvals": pending human-approval requests of a tenant (under a connection) or of one agent (under the
 * agent), newest first, a page at a time. At most one page request is in flight.
 */
export class ApprovalsNode extends TreeNode {
  private items: ApprovalNode[] = [];
  private nextPageToken: string | undefined;
  private totalCount: number | undefined;
  private loaded = false;
  private loading: Promise<void> | undefined;
  private error: unknown;
  private generation = 0;

  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly connectionId: string,
    /** Undefined: tenant-wide. */
    readonly agentId: string | undefined,
    private readonly agentName: (agentId: string) => string | undefined,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const count = this.ctx.approvals?.pending(this.connectionId, this.agentId)?.length;
    const total = this.agentId === undefined ? this.ctx.approvals?.total(this.connectionId) : count;
    const item = new vscode.TreeItem('Approvals', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${this.connectionId}/${this.agentId ?? ''}/approvals`;
    item.iconPath = new vscode.ThemeIcon(total ? 'bell-dot' : 'bell');
    item.description = total === undefined ? undefined : total === 0 ? 'none pending' : `${total} pending`;
    item.tooltip = this.agentId === undefined
      ? 'Human-approval requests waiting in this tenant, newest first'
      : 'Human-approval requests of this agent, newest first';
    item.contextValue = this.agentId === undefined ? 'approvals:tenant' : 'approvals:agent';
    return item;
  }

  reset(): void {
    this.generation++;
    this.loading = undefined;
    this.items = [];
    this.nextPageToken = undefined;
    this.totalCount = undefined;
    this.loaded = false;
    this.error = undefined;
  }

  get approvalNodes(): readonly ApprovalNode[] {
    return this.items;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.loaded && !this.loading) this.start(true);
    if (this.loading) await this.loading;
    return this.children();
  }

  async loadMore(): Promise<void> {
    if (this.loading) return this.loading;
    if (!this.nextPageToken && this.loaded) return;
    await this.start(false);
    this.ctx.refresh(this);
  }

  private start(first: boolean): Promise<void> {
    const p: Promise<void> = this.loadPage(first).finally(() => {
      if (this.loading === p) this.loading = undefined;
    });
    this.loading = p;
    return p;
  }

  private async loadPage(first: boolean): Promise<void> {
    const generation = this.generation;
    const client = await this.ctx.connections.client(this.connectionId);
    if (!client) return;
    const query = { pageSize: this.ctx.pageSize(), ...(first || !this.nextPageToken ? {} : { pageToken: this.nextPageToken }) };
    try {
      const page = this.agentId === undefined ? await client.listApprovals(query) : await client.listAgentApprovals(this.agentId, query);
      if (generation !== this.generation) return;
      // A tenant-wide page may hold other agents' requests when listed per agent by a lenient service.
      const mine = this.agentId === undefined ? page.items : page.items.filter((a) => !a.agentId || a.agentId === this.agentId);
      const known = new Set(this.items.map((n) => n.approval.id));
      for (const a of newestFirst(mine)) {
        if (known.has(a.id)) continue;
        const agentId = a.agentId ?? this.agentId;
        this.items.push(new ApprovalNode(this, this.ctx, this.connectionId, a, agentId ? this.agentName(agentId) ?? agentId : undefined, this.agentId !== undefined));
      }
      this.nextPageToken = page.nextPageToken || undefined;
      this.totalCount = page.totalCount ?? this.totalCount;
      this.error = undefined;
      this.loaded = true;
    } catch (e) {
      if (generation !== this.generation) return;
      this.error = e;
      this.loaded = true;
      this.ctx.log.warn('listing pending approvals failed', e);
    }
  }

  private children(): TreeNode[] {
    const out: TreeNode[] = [...this.items];
    if (this.error) {
      const { message } = describeError(this.error);
      out.push(new MessageNode(this, message, {
        icon: 'error', color: 'errorForeground', tooltip: message, contextValue: 'error',
        actions: [actionNode(this, 'Retry', 'refresh', { command: 'agentlens.refreshNode', title: 'Retry', arguments: [this] })],
      }));
    } else if (this.nextPageToken) {
      const of = this.totalCount !== undefined ? ` (${this.items.length} of ${this.totalCount})` : ` (${this.items.length} shown)`;
      out.push(actionNode(this, `Load more…${of}`, 'more', { command: 'agentlens.loadMore', title: 'Load More', arguments: [this] }, 'loadMore'));
    } else if (this.items.length === 0) {
      out.push(new MessageNode(this, 'Nothing waits for approval', { icon: 'check', contextValue: 'empty' }));
    }
    return out;
  }
}

/** One pending request: what the agent proposes, how long it has waited, when it expires. */
export class ApprovalNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly connectionId: string,
    readonly approval: Approval,
    readonly agentName: string | undefined,
    /** Under its agent already: the label need not repeat the agent. */
    private readonly underAgent: boolean,
  ) {
    super(parent);
  }

  get target(): ApprovalTarget | undefined {
    const a = this.approval;
    const agentId = a.agentId ?? (this.parent instanceof ApprovalsNode ? this.parent.agentId : undefined);
    if (!agentId) return undefined;
    return {
      connection: this.connectionId, agentId, approvalId: a.id, proposal: proposalSummary(a),
      ...(a.executionRecordId ? { executionRecordId: a.executionRecordId } : {}), ...(this.agentName ? { agentName: this.agentName } : {}),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.approval;
    const now = this.ctx.now();
    const waited = waitedMs(a, now);
    const left = expiresInMs(a, now);
    const summary = proposalSummary(a);
    const label = this.underAgent || !this.agentName ? summary : `${this.agentName}: ${summary}`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.connectionId}/approval/${a.id}`;
    const soon = left !== undefined && left < SOON_MS;
    item.iconPath = new vscode.ThemeIcon(soon ? 'warning' : 'bell', soon ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    item.description = [
      waited !== undefined ? `waited ${formatDuration(waited)}` : undefined,
      left === undefined ? undefined : left <= 0 ? 'expired' : `expires ${formatRelativeTime(now + left, now)}`,
      isPending(a) ? undefined : a.status,
    ].filter(Boolean).join(' · ');
    item.tooltip = this.tooltip(now);
    const answerable = isPending(a) && this.target !== undefined;
    item.contextValue = `approval:${answerable ? 'pending' : 'closed'}${a.executionRecordId ? ':traced' : ''}`;
    item.accessibilityInformation = { label: `Approval for ${this.agentName ?? 'an agent'}: ${summary}. ${item.description}` };
    if (a.executionRecordId && this.target) {
      item.command = { command: 'agentlens.openExecution', title: 'Open Trace', arguments: [{ connection: this.connectionId, agentId: this.target.agentId, executionRecordId: a.executionRecordId }] };
    }
    return item;
  }

  private tooltip(now: number): vscode.MarkdownString {
    const a = this.approval;
    const waited = waitedMs(a, now);
    const left = expiresInMs(a, now);
    const rows: Array<[string, string]> = [
      ['Agent', this.agentName && this.agentName !== a.agentId ? `${this.agentName} (${a.agentId ?? '?'})` : a.agentId ?? 'not given — answer it in Fruxon'],
      ['Execution', a.executionRecordId ?? '—'],
      ['Status', a.status],
      ['Tool', a.toolKey ?? '—'],
      ['Requested', a.requestedAt ? formatTimestamp(a.requestedAt) : '—'],
      ['Waited', waited !== undefined ? formatDuration(waited) : '—'],
      ['Expires', a.expiresAt ? `${formatTimestamp(a.expiresAt)}${left !== undefined && left <= 0 ? ' (passed)' : ''}` : 'not given'],
      ['Request', a.id],
    ];
    if (a.gateType) rows.push(['Gate', a.gateType]);
    const md = new vscode.MarkdownString(markdownTable(rows));
    md.appendMarkdown('\n\n**Proposal**\n\n');
    md.appendText(proposalText(a));
    const args = argumentsText(a);
    if (args !== undefined) appendJson(md, 'Proposed parameters', a.proposedParameters);
    const other = otherFields(a);
    if (other) appendJson(md, 'Other fields', other);
    md.isTrusted = false;
    md.supportHtml = false;
    return md;
  }
}

/** A fenced JSON block whose fence is longer than any backtick run inside (API text cannot close it). */
function appendJson(md: vscode.MarkdownString, title: string, value: unknown): void {
  const code = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  md.appendMarkdown(`\n\n**${title}**\n\n${fence}json\n${code}\n${fence}\n`);
}
