import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Logger } from '../util/logger';
import { FilterStore } from './filterStore';
import { describeFilter } from './filters';
import type { ApprovalsMonitor } from './approvalsMonitor';
import { AgentNode } from './nodes/agentNode';
import { ApprovalsNode } from './nodes/approvalsNode';
import type { TreeNode } from './nodes/base';
import { ConnectionNode } from './nodes/connectionNode';
import type { TreeContext } from './treeContext';
import { ZaiaResponderNode } from './nodes/zaiaResponderNode';
import { plural } from '../shared/text';
import { plainTreeItem } from './plainText';

type Pollable = TreeNode & { refreshRecord(): Promise<boolean> };

/**
 * The "Agents" tree: connections → agents → execution records. With no connection it has no children,
 * so VS Code shows the welcome content (Sign in) from package.json.
 */
export class AgentsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ConnectionNode[] | undefined;
  private readonly running = new Set<Pollable>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private view: vscode.TreeView<TreeNode> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly ctx: TreeContext;

  constructor(
    private readonly connections: ConnectionManager,
    readonly filters: FilterStore,
    private readonly log: Logger,
  ) {
    this.ctx = {
      connections,
      filters,
      log,
      pageSize: () => clamp(vscode.workspace.getConfiguration('agentlens').get<number>('records.pageSize', 50), 1, 500),
      now: () => Date.now(),
      refresh: (node) => this.changed.fire(node),
      trackRunning: (node, running) => this.trackRunning(node, running),
    };
    this.subscriptions.push(
      connections.onDidChange(() => this.rebuild()),
      filters.onDidChange((key) => this.onFilterChanged(key)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentlens.records.pageSize')) this.refresh();
        if (e.affectsConfiguration('agentlens.records.refreshInterval')) this.schedulePoll();
      }),
    );
  }

  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
    this.subscriptions.push(view.onDidChangeVisibility(() => this.schedulePoll()));
    this.updateDescription();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    // Names come from the service: hidden characters in them are shown, never obeyed (plainText.ts).
    return plainTreeItem(node.getTreeItem());
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) return node.getChildren();
    this.roots ??= this.connections.list().map((p) => new ConnectionNode(this.ctx, p));
    return this.roots;
  }

  connectionNodes(): readonly ConnectionNode[] {
    return this.roots ?? [];
  }

  /** Everything again from the top: the user asked (so a refused connection is tried again). */
  refresh(): void {
    this.connections.retry();
    this.rebuild();
  }

  private rebuild(): void {
    this.running.clear();
    this.roots = undefined;
    this.changed.fire(undefined);
    this.updateDescription();
  }

  /** Reloads one node's children (Retry, or a filter change). */
  reload(node: TreeNode): void {
    if (node instanceof ConnectionNode) this.connections.retry(node.profile.id);
    if (node instanceof AgentNode || node instanceof ConnectionNode) node.reset();
    if (node instanceof ZaiaResponderNode || node instanceof ApprovalsNode) node.reset();
    this.changed.fire(node);
  }

  /** Pending approvals drive the Approvals nodes: their counts, whether an agent shows one, their lists. */
  attachApprovals(monitor: ApprovalsMonitor): void {
    this.ctx.approvals = monitor;
    this.subscriptions.push(monitor.onDidChange((connectionId) => {
      const root = this.roots?.find((c) => c.profile.id === connectionId);
      if (!root) return;
      if (root.approvals) this.reload(root.approvals);
      for (const a of root.agentNodes) {
        a.approvals?.reset();
        this.changed.fire(a);
      }
    }));
  }

  findAgent(connectionId: string, agentId: string): AgentNode | undefined {
    return this.roots?.find((c) => c.profile.id === connectionId)?.agentNodes.find((a) => a.agent.id === agentId);
  }

  private onFilterChanged(key: string | undefined): void {
    for (const c of this.roots ?? []) {
      for (const a of c.agentNodes) if (key === undefined || a.filterKey === key) this.reload(a);
    }
    this.updateDescription();
  }

  private updateDescription(): void {
    if (!this.view) return;
    // Only filters of connections in the tree: a signed-out connection keeps its filters for later, but
    // they must not hide the welcome view.
    const live = new Set(this.connections.list().map((p) => p.id));
    const keys = this.filters.filteredKeys().filter((k) => live.has(FilterStore.parseKey(k).connectionId));
    let text: string | undefined;
    if (keys.length === 1) {
      const { connectionId, agentId } = FilterStore.parseKey(keys[0]!);
      const name = this.findAgent(connectionId, agentId)?.agent.displayName ?? agentId;
      text = `${name}: ${describeFilter(this.filters.get(keys[0]!))}`;
    } else if (keys.length > 1) text = `Filters on ${plural(keys.length, 'agent')}`;
    // The description shows in the view's header when the container has several views; with one view the
    // header is merged into the container title, which hides it, so the message says it too.
    this.view.description = text;
    this.view.message = text ? `Filtered — ${text}` : undefined;
    void vscode.commands.executeCommand('setContext', 'agentlens.hasFilters', keys.length > 0);
  }

  private trackRunning(node: Pollable, running: boolean): void {
    if (running) this.running.add(node);
    else this.running.delete(node);
    this.schedulePoll();
  }

  /** Polls running records only while the view is visible and something runs. */
  private schedulePoll(): void {
    const seconds = vscode.workspace.getConfiguration('agentlens').get<number>('records.refreshInterval', 10);
    const wanted = seconds > 0 && this.running.size > 0 && (this.view?.visible ?? false);
    if (!wanted) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer || this.polling) return;
    this.timer = setTimeout(() => void this.poll(), Math.max(2, seconds) * 1000);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    this.polling = true;
    try {
      for (const node of [...this.running]) {
        try {
          if (await node.refreshRecord()) this.changed.fire(node);
        } catch (e) {
          this.log.debug(`polling a running record failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    } finally {
      this.polling = false;
      this.schedulePoll();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(n) ? Math.round(n) : lo));
}

