import * as vscode from 'vscode';
import { executionStart } from '../../api/zaia/schemas';
import type { ZaiaExecution, ZaiaResponder } from '../../api/zaia/schemas';
import { describeError } from '../errors';
import { escapeMarkdown } from '../markdown';
import type { TreeContext } from '../treeContext';
import { actionNode, MessageNode, TreeNode } from './base';
import { ZaiaExecutionNode, zaiaStatusLook } from './zaiaExecutionNode';
import { plural } from '../../shared/text';

export type ResponderType = 'agent' | 'squad' | 'workflow' | 'other';

/** `agents`, `Agent`, `AGENT` → agent; anything else is shown as sent. */
export function responderType(entity: string | null | undefined): ResponderType {
  const e = (entity ?? '').toLowerCase().replace(/s$/, '');
  return e === 'agent' || e === 'squad' || e === 'workflow' ? e : 'other';
}

const LOOK: Record<ResponderType, { icon: string; label: string }> = {
  agent: { icon: 'hubot', label: 'Agent' },
  squad: { icon: 'organization', label: 'Squad' },
  workflow: { icon: 'type-hierarchy', label: 'Workflow' },
  other: { icon: 'symbol-misc', label: 'Responder' },
};

/**
 * A Zaia responder (agent, squad or workflow) and its executions, newest first, fetched a page at a time
 * (`pageNumber`): the first when expanded, each further one from "Load more…". One request in flight.
 */
export class ZaiaResponderNode extends TreeNode {
  private executions: ZaiaExecutionNode[] = [];
  private nextPage = 1;
  private hasMore = false;
  private total: number | undefined;
  private loaded = false;
  private loading: Promise<void> | undefined;
  private error: unknown;
  private generation = 0;

  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly connectionId: string,
    readonly responder: ZaiaResponder,
  ) {
    super(parent);
  }

  get type(): ResponderType {
    return responderType(this.responder.entity);
  }

  get loadedExecutions(): readonly ZaiaExecution[] {
    return this.executions.map((n) => n.execution);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.responder;
    const look = LOOK[this.type];
    const item = new vscode.TreeItem(r.name || r.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${this.connectionId}/zaia/${r.id}`;
    item.iconPath = new vscode.ThemeIcon(look.icon);
    const typeLabel = this.type === 'other' ? r.entity || look.label : look.label;
    item.description = [typeLabel, this.total !== undefined ? plural(this.total, 'execution') : undefined].filter(Boolean).join(' · ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(r.name || r.id)}** — ${escapeMarkdown(typeLabel)}\n\n`);
    md.appendMarkdown(`ID: ${escapeMarkdown(r.id)}`);
    if (r.workspaceId) md.appendMarkdown(`\n\nWorkspace: ${escapeMarkdown(r.workspaceId)}`);
    item.tooltip = md;
    item.contextValue = `zaiaResponder:${this.type}`;
    return item;
  }

  reset(): void {
    this.generation++;
    this.loading = undefined;
    for (const n of this.executions) this.ctx.trackRunning(n, false);
    this.executions = [];
    this.nextPage = 1;
    this.hasMore = false;
    this.total = undefined;
    this.loaded = false;
    this.error = undefined;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.loaded && !this.loading) this.startLoad();
    if (this.loading) await this.loading;
    return this.children();
  }

  private startLoad(): Promise<void> {
    const p: Promise<void> = this.loadPage().finally(() => {
      if (this.loading === p) this.loading = undefined;
    });
    this.loading = p;
    return p;
  }

  async loadMore(): Promise<void> {
    if (this.loading) return this.loading;
    if (!this.hasMore && this.loaded) return;
    await this.startLoad();
    this.ctx.refresh(this);
  }

  private async loadPage(): Promise<void> {
    const generation = this.generation;
    const client = await this.ctx.connections.zaiaClient(this.connectionId);
    if (!client) return;
    this.error = undefined;
    try {
      const page = await client.listExecutions({ responderIds: [this.responder.id], pageNumber: this.nextPage, pageSize: this.ctx.pageSize() });
      if (generation !== this.generation) return;
      const known = new Set(this.executions.map((n) => n.execution.id));
      const fresh = page.items.filter((e) => !known.has(e.id));
      for (const e of fresh) {
        const node = new ZaiaExecutionNode(this, this.ctx, this.connectionId, e, this.responder);
        this.executions.push(node);
        this.ctx.trackRunning(node, zaiaStatusLook(e).running);
      }
      // Newest first whatever order the pages came in (the API does not document one).
      this.executions.sort((a, b) => executionStart(b.execution) - executionStart(a.execution));
      this.nextPage = page.pageNumber + 1;
      // A page with nothing new: the service ignored pageNumber; stop rather than offer it again.
      this.hasMore = page.hasMore && fresh.length > 0;
      this.total = page.total ?? this.total;
      this.loaded = true;
      this.ctx.connections.reportSuccess(this.connectionId);
    } catch (e) {
      if (generation !== this.generation) return;
      this.error = e;
      this.loaded = true;
      this.ctx.connections.reportError(this.connectionId, e);
      this.ctx.log.warn(`loading executions of ${this.responder.id} failed`, e);
    }
  }

  private children(): TreeNode[] {
    const out: TreeNode[] = [...this.executions];
    if (this.error) {
      const { message } = describeError(this.error);
      out.push(new MessageNode(this, message, {
        icon: 'error', color: 'errorForeground', tooltip: message, contextValue: 'error',
        actions: [actionNode(this, 'Retry', 'refresh', { command: 'agentlens.refreshNode', title: 'Retry', arguments: [this] })],
      }));
    } else if (this.hasMore) {
      const shown = this.executions.length;
      const of = this.total !== undefined ? ` (${shown} of ${this.total})` : ` (${shown} shown)`;
      out.push(actionNode(this, `Load more…${of}`, 'more', { command: 'agentlens.loadMore', title: 'Load More', arguments: [this] }, 'loadMore'));
    } else if (!this.executions.length) {
      out.push(new MessageNode(this, 'No executions yet', { icon: 'info', contextValue: 'empty' }));
    }
    return out;
  }
}
