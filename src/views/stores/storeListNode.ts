import * as vscode from 'vscode';
import { summarizeJaeger, summarizeTempo, type StoreTraceSummary } from '../../model/storeTraces';
import type { StoreProfile } from '../../connections/profiles';
import { describeError } from '../errors';
import type { TreeContext } from '../treeContext';
import { actionNode, MessageNode, TreeNode } from '../nodes/base';
import { describeStoreFilter, firstWindow, jaegerSearch, nextWindow, tempoSearch, type PageWindow, type SavedQuery } from './storeQuery';
import { storeViewState } from './storeViewState';
import { StoreTraceNode } from './storeTraceNode';

/** Full Jaeger traces come back from a search: smaller pages than the platforms' record lists. */
const MAX_PAGE = 20;

/**
 * A Jaeger service or a saved Tempo TraceQL query, and its recent traces, newest first. Pages go back in time:
 * each asks for the traces before the oldest one shown (stores page by time, not by cursor). At most one page
 * request is in flight.
 */
export class StoreListNode extends TreeNode {
  private traces: StoreTraceNode[] = [];
  private readonly seen = new Set<string>();
  private window: PageWindow | undefined;
  private error: unknown;
  private loaded = false;
  private loading: Promise<void> | undefined;
  private warnings: string[] = [];

  constructor(
    parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly profile: StoreProfile,
    /** Jaeger: the service; Tempo: the saved query. */
    readonly list: { service: string } | { query: SavedQuery },
  ) {
    super(parent);
  }

  /** Filters are kept per list. */
  get key(): string {
    return 'service' in this.list ? `${this.profile.id}|service|${this.list.service}` : `${this.profile.id}|query|${this.list.query.query}`;
  }

  get summaries(): readonly StoreTraceSummary[] {
    return this.traces.map((t) => t.summary);
  }

  reset(): void {
    this.traces = [];
    this.seen.clear();
    this.window = undefined;
    this.error = undefined;
    this.loaded = false;
    this.warnings = [];
  }

  getTreeItem(): vscode.TreeItem {
    const service = 'service' in this.list ? this.list.service : undefined;
    const item = new vscode.TreeItem(service ?? (this.list as { query: SavedQuery }).query.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${this.key}`;
    const filter = storeViewState().filter(this.key);
    const filtered = filter.errorsOnly || !!filter.minDurationMs || filter.rangeHours !== 24;
    item.description = filtered ? describeStoreFilter(filter) : service ? undefined : (this.list as { query: SavedQuery }).query.query;
    item.iconPath = new vscode.ThemeIcon(service ? 'server-process' : 'search');
    item.tooltip = service
      ? `Service "${service}" — ${describeStoreFilter(filter)}`
      : `TraceQL: ${(this.list as { query: SavedQuery }).query.query}\n${describeStoreFilter(filter)}`;
    item.contextValue = `storeList:${service ? 'service' : 'query'}${filtered ? ':filtered' : ''}`;
    return item;
  }

  /** The next page; a call while one is in flight waits for it. */
  async loadMore(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.loaded && !this.window) return;
    this.loading = this.load().finally(() => (this.loading = undefined));
    await this.loading;
    this.ctx.refresh(this);
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.loaded && !this.loading) this.loading = this.load().finally(() => (this.loading = undefined));
    if (this.loading) await this.loading;
    const out: TreeNode[] = [...this.traces];
    if (this.error) {
      const { message } = describeError(this.error);
      const retry = actionNode(this, 'Retry', 'refresh', { command: 'agentlens.refreshNode', title: 'Retry', arguments: [this] });
      out.push(new MessageNode(this, message, { icon: 'error', color: 'errorForeground', tooltip: message, contextValue: 'error', actions: [retry] }));
    } else if (this.window) {
      out.push(actionNode(this, `Load more… (${this.traces.length} shown)`, 'more', { command: 'agentlens.loadMore', title: 'Load More', arguments: [this] }, 'loadMore'));
    } else if (!this.traces.length) {
      const f = describeStoreFilter(storeViewState().filter(this.key));
      out.push(new MessageNode(this, `No traces (${f})`, { icon: 'info', contextValue: 'empty', tooltip: 'Widen the time range with Filter Traces…, or check that the service exports spans to this store.' }));
    }
    for (const w of this.warnings.slice(0, 3)) out.push(new MessageNode(this, w, { icon: 'warning', color: 'problemsWarningIcon.foreground', tooltip: w, contextValue: 'warning' }));
    return out;
  }

  private async load(): Promise<void> {
    this.error = undefined;
    const filter = storeViewState().filter(this.key);
    const limit = Math.min(MAX_PAGE, this.ctx.pageSize());
    const w = this.loaded ? this.window : firstWindow(filter, this.ctx.now(), limit);
    if (!w) return;
    try {
      let page: StoreTraceSummary[];
      if ('service' in this.list) {
        const client = await this.ctx.connections.jaegerClient(this.profile.id);
        if (!client) throw new Error(`Not signed in to ${this.profile.label}.`);
        const r = await client.findTraces(jaegerSearch(this.list.service, filter, w));
        page = r.traces.map((t) => summarizeJaeger(t)).filter((s): s is StoreTraceSummary => s !== undefined);
        this.warnings = r.warnings;
      } else {
        const client = await this.ctx.connections.tempoClient(this.profile.id);
        if (!client) throw new Error(`Not signed in to ${this.profile.label}.`);
        page = (await client.search(tempoSearch(this.list.query.query, filter, w))).map(summarizeTempo);
      }
      // Neither store promises an order: newest first here.
      page.sort((a, b) => b.start - a.start);
      const fresh = page.filter((s) => !this.seen.has(s.traceId));
      for (const s of fresh) {
        this.seen.add(s.traceId);
        this.traces.push(new StoreTraceNode(this, this.ctx, this.profile.id, s));
      }
      const oldest = page.length ? Math.min(...page.map((s) => s.start)) : undefined;
      this.window = page.length >= w.limit ? nextWindow(w, oldest, fresh.length) : undefined;
      this.loaded = true;
      this.ctx.connections.reportSuccess(this.profile.id);
    } catch (e) {
      this.error = e;
      this.loaded = true;
      this.ctx.connections.reportError(this.profile.id, e);
      this.ctx.log.warn(`listing traces of ${this.profile.label} failed`, e);
    }
  }
}
