import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import { diffTraces, type TraceDiff } from '../model/traceDiff/diff';
import { fieldPairs, toCompareOutline } from '../model/traceDiff/outline';
import { CompareSearch } from '../model/traceDiff/search';
import { stableJson, type FieldKey } from '../model/traceDiff/signature';
import { toStepPayload } from '../model/outline';
import type { Trace } from '../model/types';
import { isCompareToHost, type CompareSide, type CompareToHost, type HostToCompare } from '../shared/compareProtocol';
import type { Logger } from '../util/logger';
import { describeError } from '../views/errors';
import type { CompareDocuments } from './compareDocuments';
import { traceHtml } from './html';
import { loadInWorker, workerJob } from './loadTrace';
import type { WorkerTraceSession } from '../traceWorker/client';
import type { TraceOrigin } from './origin';

export const COMPARE_VIEW_TYPE = 'agentlens.compare';

/** One side of a comparison: where its trace comes from and how the user knows it. */
export interface CompareTarget {
  readonly origin: TraceOrigin;
  readonly label: string;
}

export interface ComparePanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly connections: ConnectionManager;
  readonly log: Logger;
  readonly documents: CompareDocuments;
  refreshSeconds(): number;
  openTrace(origin: TraceOrigin): Promise<unknown>;
  /** A started worker for one side, which the panel owns (the receiver's own, for a local trace). */
  startWorker(origin: TraceOrigin): WorkerTraceSession;
}

/**
 * Two traces aligned in one WebviewPanel (same page, CSP and bundle as the trace panel, `compare` view). Both
 * load in parallel; a side that fails is named in the error. While either runs, both are fetched again and
 * the comparison is sent anew.
 */
export class ComparePanel implements vscode.Disposable {
  private ready = false;
  private queue: HostToCompare[] = [];
  private diff: TraceDiff | undefined;
  private searcher: CompareSearch | undefined;
  private last: HostToCompare | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Each side's worker (kept for live refreshes). */
  private readonly workers: [WorkerTraceSession | undefined, WorkerTraceSession | undefined] = [undefined, undefined];
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  private loaded: Promise<void> | undefined;
  private readonly updated = new vscode.EventEmitter<TraceDiff>();
  /** A comparison was made: the first, and each refresh of a running side. */
  readonly onDidUpdate = this.updated.event;
  /** True while either side runs (the comparison refreshes). */
  running = false;
  loadError: unknown;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly targets: readonly [CompareTarget, CompareTarget],
    private readonly deps: ComparePanelDeps,
    onDispose: () => void,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'agentlens.svg');
    panel.webview.html = traceHtml(panel.webview, deps.extensionUri, panel.title, 'compare');
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  whenLoaded(): Promise<void> {
    this.loaded ??= this.load(true);
    return this.loaded;
  }

  /** The current comparison (tests read the first divergence from it). */
  get result(): TraceDiff | undefined {
    return this.diff;
  }

  private post(message: HostToCompare): void {
    if (this.disposed) return;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  private async load(first: boolean): Promise<void> {
    if (first) this.post({ type: 'loading', message: 'Loading both traces…' });
    const settled = await Promise.allSettled(this.targets.map((t, k) => this.loadSide(t.origin, k as 0 | 1)));
    if (this.disposed) return;
    const failed = settled.map((s, k) => (s.status === 'rejected' ? `${k === 0 ? 'A' : 'B'} (${this.targets[k]!.label}) could not be loaded: ${describeError(s.reason).message}` : undefined)).filter(Boolean);
    if (failed.length > 0) {
      if (!first) return this.scheduleLive(); // a refresh that failed keeps the comparison shown
      this.loadError = new Error(failed.join('\n'));
      this.deps.log.warn(`comparing failed: ${failed.join(' ')}`);
      this.post({ type: 'error', message: failed.join('\n') });
      return;
    }
    const [ra, rb] = settled.map((s) => (s as PromiseFulfilledResult<{ trace: Trace; running: boolean }>).value) as [{ trace: Trace; running: boolean }, { trace: Trace; running: boolean }];
    const started = performance.now();
    this.diff = diffTraces(ra.trace, rb.trace);
    this.searcher = new CompareSearch(this.diff.rows);
    this.deps.log.debug(`aligned ${ra.trace.stepCount} + ${rb.trace.stepCount} steps in ${(performance.now() - started).toFixed(0)} ms`);
    if (first) this.panel.title = `Compare ${short(ra.trace)} ↔ ${short(rb.trace)}`;
    const side = (t: Trace, running: boolean, k: 0 | 1): CompareSide => ({
      label: this.targets[k].label, id: t.id, source: t.source, title: t.title, status: t.status, start: t.start, running,
      ...(t.agentName !== undefined ? { agentName: t.agentName } : {}),
      ...(t.revision !== undefined ? { revision: t.revision } : {}),
      ...(t.environment !== undefined ? { environment: t.environment } : {}),
    });
    const [ta, tb] = this.targets;
    this.last = {
      type: 'compare', outline: toCompareOutline(this.diff, side(ra.trace, ra.running, 0), side(rb.trace, rb.running, 1)),
      restore: { a: { origin: ta.origin, label: ta.label }, b: { origin: tb.origin, label: tb.label } },
    };
    this.post(this.last);
    this.running = ra.running || rb.running;
    this.updated.fire(this.diff);
    if (this.running) this.scheduleLive();
  }

  /**
   * One side: in its own worker (read, parsed and mapped there, kept there between live refreshes; a local trace in
   * the receiver's worker), then copied here for the alignment.
   */
  private async loadSide(origin: TraceOrigin, k: 0 | 1): Promise<{ trace: Trace; running: boolean }> {
    const job = await workerJob(origin, this.deps.connections);
    const worker = (this.workers[k] ??= this.deps.startWorker(origin));
    const { running } = await loadInWorker(worker, origin, job, this.deps.connections, () => !this.disposed);
    return { trace: await worker.trace(), running };
  }

  private scheduleLive(): void {
    const seconds = this.deps.refreshSeconds();
    if (seconds <= 0 || this.disposed) return;
    this.timer = setTimeout(() => void this.load(false), Math.max(2, seconds) * 1000);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isCompareToHost(raw)) {
      this.deps.log.debug('ignored an unknown message from the compare webview');
      return;
    }
    if (raw.type === 'ready') {
      this.ready = true;
      // A reloaded webview says ready again: it needs the comparison again, not the stale queue.
      const pending = this.last ? [this.last] : this.queue;
      this.queue = [];
      for (const m of pending) void this.panel.webview.postMessage(m);
      return;
    }
    try {
      await this.handle(raw);
    } catch (e) {
      const message = describeError(e).message;
      if (raw.type === 'getPair' || raw.type === 'search') this.post({ type: 'error', id: raw.id, message });
      else void vscode.window.showErrorMessage(message);
    }
  }

  private async handle(m: Exclude<CompareToHost, { type: 'ready' }>): Promise<void> {
    const d = this.diff;
    if (m.type === 'copy') {
      await vscode.env.clipboard.writeText(m.text);
      vscode.window.setStatusBarMessage('$(copy) Copied', 2000);
      return;
    }
    if (m.type === 'openSide') {
      await this.deps.openTrace(this.targets[m.side === 'a' ? 0 : 1].origin);
      return;
    }
    if (!d) return;
    if (m.type === 'search') {
      const { ranges, count, truncated } = await this.searcher!.search(m.query);
      this.post({ type: 'searchResult', id: m.id, query: m.query, ranges, count, truncated });
      return;
    }
    if (m.type === 'getPair') {
      const row = d.rows[m.index];
      if (!row) throw new Error(`No row ${m.index} in this comparison.`);
      this.post({
        type: 'pair', id: m.id, index: m.index, fields: fieldPairs(row.a, row.b),
        ...(row.a ? { a: toStepPayload(row.a) } : {}), ...(row.b ? { b: toStepPayload(row.b) } : {}),
      });
      return;
    }
    await this.openDiff(m.index, m.field);
  }

  /** VS Code's diff editor on one field of one row (index -1 with 'parameters': the run parameters). */
  async openDiff(index: number, field: FieldKey | 'parameters'): Promise<void> {
    const d = this.diff;
    if (!d) return;
    if (field === 'parameters') {
      await this.deps.documents.openDiff(stableJson(d.a.parameters ?? null), stableJson(d.b.parameters ?? null), 'parameters', 'Parameters (A ↔ B)');
      return;
    }
    const row = d.rows[index];
    if (!row) return;
    const pair = fieldPairs(row.a, row.b).find((f) => f.key === field);
    const name = (row.a ?? row.b)!.name;
    await this.deps.documents.openDiff(pair?.a, pair?.b, field, `${name}: ${field} (A ↔ B)`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const w of this.workers) w?.dispose();
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.updated.dispose();
  }
}

const short = (t: Trace) => `${t.agentName ?? t.title} ${t.id.slice(0, 8)}`;
