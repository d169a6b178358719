import * as vscode from 'vscode';
import type { Approval } from '../api/fruxon/approvalSchemas';
import { isZaiaProfile } from '../connections/profiles';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Logger } from '../util/logger';

/** One page is enough to count and to notice new requests; the tree pages through the rest itself. */
const MONITOR_PAGE = 100;

export interface ApprovalSighting { readonly connection: string; readonly approval: Approval }

interface Snapshot { items: Approval[]; total: number; error?: unknown }

/**
 * Pending approvals per Fruxon connection (tenant-wide): the Agents view's badge, the per-agent counts the
 * tree shows, and new requests to notify about. Reloads while the view is visible, every
 * `agentlens.records.refreshInterval` seconds, and whenever asked (an answer, a run that paused).
 */
export class ApprovalsMonitor implements vscode.Disposable {
  private readonly snapshots = new Map<string, Snapshot>();
  /** Ids already known per connection: the first load only learns, later loads report what is new. */
  private readonly seen = new Map<string, Set<string>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** The pending list of a connection changed (ids, statuses or count). */
  readonly onDidChange = this.changed.event;
  private readonly sighted = new vscode.EventEmitter<ApprovalSighting>();
  /** A request appeared that was not there at the previous load (nor announced by a run from AgentLens). */
  readonly onDidSeeNew = this.sighted.event;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly connections: ConnectionManager,
    private readonly view: vscode.TreeView<unknown>,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(
      view.onDidChangeVisibility(() => this.schedule(true)),
      connections.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('agentlens.records.refreshInterval') && this.schedule(false)),
    );
    this.schedule(true);
  }

  /** Pending requests of a connection (first page), optionally of one agent; undefined before the first load. */
  pending(connection: string, agentId?: string): readonly Approval[] | undefined {
    const s = this.snapshots.get(connection);
    if (!s) return undefined;
    return agentId === undefined ? s.items : s.items.filter((a) => a.agentId === agentId);
  }

  /** What the Agents view's badge shows now. */
  get badge(): vscode.ViewBadge | undefined {
    return this.view.badge;
  }

  /** The service's total (all pages) for the tenant. */
  total(connection: string): number | undefined {
    return this.snapshots.get(connection)?.total;
  }

  /** A request AgentLens announced itself (a run it started paused): not "new" at the next load. */
  announce(connection: string, approvalId: string): void {
    // Before the first load there is nothing to add to: that load learns every id without notifying.
    this.seen.get(connection)?.add(approvalId);
  }

  /** Drops an answered request at once (the next load confirms), so the list and badge follow the click. */
  forget(connection: string, approvalId: string): void {
    const s = this.snapshots.get(connection);
    if (!s || !s.items.some((a) => a.id === approvalId)) return;
    s.items = s.items.filter((a) => a.id !== approvalId);
    s.total = Math.max(0, s.total - 1);
    this.updateBadge();
    this.changed.fire(connection);
  }

  /** Loads every Fruxon connection's first page (one load at a time; a call during one waits for it). */
  refresh(): Promise<void> {
    this.inFlight ??= this.loadAll().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async loadAll(): Promise<void> {
    const live = this.connections.list().filter((p) => !isZaiaProfile(p));
    for (const id of [...this.snapshots.keys()]) if (!live.some((p) => p.id === id)) { this.snapshots.delete(id); this.changed.fire(id); }
    await Promise.all(live.map((p) => this.load(p.id)));
    this.updateBadge();
  }

  private async load(connection: string): Promise<void> {
    if (this.connections.state(connection).kind !== 'ready') return;
    try {
      const client = await this.connections.client(connection);
      if (!client) return;
      const page = await client.listApprovals({ pageSize: MONITOR_PAGE });
      const before = this.snapshots.get(connection);
      // Without a total (a bare array) the first page is a lower bound.
      const next: Snapshot = { items: page.items, total: page.totalCount ?? page.items.length };
      this.snapshots.set(connection, next);
      const known = this.seen.get(connection);
      if (known) {
        for (const a of page.items) if (!known.has(a.id)) this.sighted.fire({ connection, approval: a });
      }
      const ids = new Set([...(known ?? []), ...page.items.map((a) => a.id)]);
      this.seen.set(connection, ids);
      if (!before || before.error || signature(before) !== signature(next)) this.changed.fire(connection);
    } catch (e) {
      // The badge keeps the last count; the tree's Approvals node shows the error when expanded.
      this.log.debug(`listing pending approvals failed: ${e instanceof Error ? e.message : String(e)}`);
      const before = this.snapshots.get(connection);
      if (before) before.error = e;
    }
  }

  private updateBadge(): void {
    let total = 0;
    for (const s of this.snapshots.values()) total += s.total;
    this.view.badge = total > 0
      ? { value: total, tooltip: total === 1 ? '1 approval waits for a person' : `${total} approvals wait for a person` }
      : undefined;
  }

  /** Polls only while the view is visible; `now` loads at once (the view just appeared). */
  private schedule(now: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.view.visible) return;
    if (now) void this.refresh();
    const seconds = vscode.workspace.getConfiguration('agentlens').get<number>('records.refreshInterval', 10);
    if (!(seconds > 0)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh().finally(() => this.schedule(false));
    }, Math.max(2, seconds) * 1000);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.sighted.dispose();
  }
}

function signature(s: Snapshot): string {
  return `${s.total}|${s.items.map((a) => `${a.id}:${a.status}`).join(',')}`;
}
