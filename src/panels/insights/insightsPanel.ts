import * as vscode from 'vscode';
import type { ConnectionManager } from '../../connections/connectionManager';
import { aggregate } from '../../model/insights/aggregate';
import { localOffset } from '../../model/insights/buckets';
import type { InsightsCache } from '../../model/insights/cache';
import { fruxonSource, zaiaSource, type RecordSource } from '../../model/insights/sources';
import type { InsightRecord, InsightsData } from '../../model/insights/types';
import type { AllTimeTotals, InsightsHostToWebview, InsightsWebviewToHost } from '../../shared/insightsProtocol';
import type { Logger } from '../../util/logger';
import { describeError } from '../../views/errors';
import { FilterStore } from '../../views/filterStore';
import { describeFilter, toQuery } from '../../views/filters';
import { insightsHtml } from './html';
import { askCustomWindow, pickRecords } from './pick';
import { describeWindow, resolveWindow, targetKey, type InsightsTarget, type WindowChoice } from './target';

export interface InsightsDeps {
  readonly extensionUri: vscode.Uri;
  readonly connections: ConnectionManager;
  readonly filters: FilterStore;
  readonly cache: InsightsCache;
  readonly log: Logger;
}

/**
 * One agent's insights in one WebviewPanel. Loads go through the shared cache (incremental after the first);
 * a newer load aborts the one in flight; the webview's Cancel aborts it too. Messages wait for `ready`.
 */
export class InsightsPanel implements vscode.Disposable {
  private ready = false;
  private queue: InsightsHostToWebview[] = [];
  private choice: WindowChoice = { kind: 'week' };
  private inflight: AbortController | undefined;
  private last: { data: InsightsData; records: InsightRecord[]; message: InsightsHostToWebview } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private painted = 0;
  private readonly paintWaiters: Array<() => void> = [];
  private disposed = false;

  constructor(readonly panel: vscode.WebviewPanel, readonly target: InsightsTarget, private readonly deps: InsightsDeps, onDispose: () => void) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'agentlens.svg');
    panel.webview.html = insightsHtml(panel.webview, deps.extensionUri, panel.title);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((m: InsightsWebviewToHost) => void this.onMessage(m)),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
      deps.filters.onDidChange((key) => {
        if (target.kind === 'fruxon' && (key === undefined || key === FilterStore.key(target.connection, target.agentId))) void this.load();
      }),
    );
    void this.load();
  }

  /** The data on screen, for tests. */
  get data(): InsightsData | undefined {
    return this.last?.data;
  }

  /** Resolves once the webview has painted a chart (for tests and the bench). */
  whenPainted(): Promise<void> {
    return this.painted > 0 ? Promise.resolve() : new Promise((r) => this.paintWaiters.push(r));
  }

  private post(m: InsightsHostToWebview): void {
    if (this.disposed) return;
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.queue.push(m);
  }

  private async onMessage(m: InsightsWebviewToHost): Promise<void> {
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
        // A webview that reloaded (hidden and shown again) gets the last data at once.
        if (this.last && !this.inflight) void this.panel.webview.postMessage(this.last.message);
        return;
      case 'setWindow': {
        if (m.window === 'custom') {
          const c = await askCustomWindow(this.choice);
          if (!c) return;
          this.choice = c;
        } else this.choice = { kind: m.window };
        return this.load();
      }
      case 'refresh': return this.load();
      case 'cancel': this.inflight?.abort(); return;
      case 'select': return this.select(m.bucket, m.status);
      case 'painted':
        this.painted = m.charts;
        for (const w of this.paintWaiters.splice(0)) w();
        return;
    }
  }

  async select(bucket: number, status?: string): Promise<void> {
    if (!this.last) return;
    await pickRecords({ target: this.target, data: this.last.data, records: this.last.records, bucket, status, filters: this.deps.filters });
  }

  private source(): Promise<{ source: RecordSource; filter: string; allTime?: () => Promise<AllTimeTotals[]> }> {
    const t = this.target;
    if (t.kind === 'zaia') {
      return this.deps.connections.zaiaClient(t.connection).then((c) => {
        if (!c) throw new Error('This Zaia connection is signed out. Sign in again, then refresh.');
        return { source: zaiaSource(c, t.responderId), filter: '' };
      });
    }
    return this.deps.connections.client(t.connection).then((c) => {
      if (!c) throw new Error('This Fruxon connection is signed out. Sign in again, then refresh.');
      // The tree's filters apply, except its time range: the window is the range here.
      const f = this.deps.filters.get(FilterStore.key(t.connection, t.agentId));
      const q = toQuery(f ? { ...f, range: undefined } : undefined, Date.now());
      const shown = describeFilter(f ? { ...f, range: undefined } : undefined);
      // The summaries endpoint counts every record of the agent: its totals fit only an unfiltered view.
      const allTime = shown ? undefined : async () => (await c.getEnvironmentSummaries(t.agentId)).map((x) => ({ environment: x.environmentSlug, runs: x.executionCount, cost: x.totalCost }));
      return { source: fruxonSource(c, t.agentId, { status: q.status, environment: q.environment, agentRevision: q.agentRevision }), filter: shown, ...(allTime ? { allTime } : {}) };
    });
  }

  async load(): Promise<void> {
    this.inflight?.abort();
    const ac = (this.inflight = new AbortController());
    const title = this.target.label;
    const windowKind = this.choice.kind;
    this.post({ type: 'loading', title, loaded: 0, windowKind });
    try {
      const { source, filter, allTime } = await this.source();
      // Totals are extra: a service without the endpoint still gets its charts.
      const totals = allTime?.().catch((e: unknown) => {
        this.deps.log.debug(`environment summaries unavailable: ${describeError(e).message}`);
        return undefined;
      });
      const window = resolveWindow(this.choice, Date.now());
      const key = `${targetKey(this.target)}|${JSON.stringify(this.choice)}|${filter}`;
      const started = performance.now();
      const r = await this.deps.cache.load(key, window, source, {
        signal: ac.signal,
        onProgress: (loaded, total) => this.post({ type: 'loading', title, loaded, windowKind, ...(total !== undefined ? { total } : {}) }),
      });
      const fetched = performance.now();
      const data = aggregate(r.records, { from: window.from, to: window.to, offset: localOffset, costUnit: source.costUnit, previous: r.records });
      this.deps.log.info(`insights of ${title}: ${r.records.length} records in ${r.requests} request(s)${r.incremental ? ' (incremental)' : ''}, ` +
        `${(fetched - started).toFixed(0)} ms to fetch, ${(performance.now() - fetched).toFixed(1)} ms to aggregate`);
      const all = await totals;
      if (ac.signal.aborted) return;
      const message: InsightsHostToWebview = {
        type: 'data', title, windowKind, windowLabel: describeWindow(this.choice), filter, data, requests: r.requests, incremental: r.incremental, fetchedAt: Date.now(), ...(all ? { allTime: all } : {}),
      };
      this.last = { data, records: r.records, message };
      this.post(message);
    } catch (e) {
      if (ac.signal.aborted && this.inflight !== ac) return; // superseded by a newer load
      if (ac.signal.aborted) {
        if (this.last) this.post(this.last.message);
        else this.post({ type: 'error', title, windowKind, message: 'Loading was cancelled. Refresh to try again.' });
        return;
      }
      const d = describeError(e);
      this.deps.log.error(`insights of ${title} failed`, e);
      this.post({ type: 'error', title, windowKind, message: d.message });
    } finally {
      if (this.inflight === ac) this.inflight = undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.inflight?.abort();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
