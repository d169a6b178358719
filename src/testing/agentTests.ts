import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { RecordTarget } from '../views/nodes/recordNode';
import type { Trace } from '../model/types';
import { runTests } from '../testRunner/pool';
import type { TestDeps, TestFile, TestResult } from '../testRunner/types';
import type { Logger } from '../util/logger';
import { TestDiscovery } from './discovery';
import { COMPARE, resultDescription, resultMessages, resultOutput } from './messages';
import type { TestsTarget } from './shell';

// The Test Explorer's core: discovery (discovery.ts) and Run. A run asks first when it would start more
// executions than `agentlens.tests.confirmAbove`, runs `agentlens.tests.concurrency` at a time with the shared
// runner (src/testRunner/), and reports each result with its duration, cost, tokens and trace link. Cancel
// stops waiting and starts nothing more; an execution already sent may still finish on the server.

/** What a run reported for each test: the integration tests read it, the Open Trace command uses it. */
export interface ReportedResult {
  readonly result: TestResult;
  readonly messages: readonly vscode.TestMessage[];
}

/**
 * What the core hands the Test Explorer's bundle (dist/tests.js). Passed in rather than imported: a module
 * imported here would be a second copy (its own classes and state) beside the core's.
 */
export interface TestsHost {
  readonly controller: vscode.TestController;
  readonly connections: ConnectionManager;
  readonly log: Logger;
  readTraceFile(path: string): Promise<Trace>;
  /** A record command's argument (tree node, `{connection?, agentId, executionRecordId}`, nothing) as a target. */
  resolveRecordTarget(arg: unknown): Promise<RecordTarget | undefined>;
  describeError(e: unknown): string;
  /** Save as Regression Test wrote a test (the walkthrough's step). */
  onDidSaveTest(): void;
}

/** A connection by id, label or tenant (as a run file's "connection" names it). */
function findConnection(connections: ConnectionManager, name: string): string | undefined {
  const all = connections.list();
  return (all.find((p) => p.id === name) ?? all.find((p) => p.label === name) ?? all.find((p) => p.tenant === name))?.id;
}

export class AgentTests implements TestsTarget, vscode.Disposable {
  readonly discovery: TestDiscovery;
  /** The last result of each test, by test id (the file's URI). */
  readonly last = new Map<string, ReportedResult>();
  private readonly finished = new vscode.EventEmitter<readonly TestResult[]>();
  /** A run ended (all its results reported). */
  readonly onDidFinishRun = this.finished.event;
  private readonly controller: vscode.TestController;
  private readonly connections: ConnectionManager;
  private readonly log: Logger;

  constructor(readonly host: TestsHost) {
    this.controller = host.controller;
    this.connections = host.connections;
    this.log = host.log;
    this.discovery = new TestDiscovery(host.controller);
  }

  async resolve(item: vscode.TestItem | undefined): Promise<void> {
    if (!item) await this.discovery.start();
  }

  refresh(): Promise<void> {
    return this.discovery.refresh();
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    await this.discovery.start();
    const items = this.collect(request);
    if (items.length === 0) return;
    const config = vscode.workspace.getConfiguration('agentlens.tests');
    const confirmAbove = config.get<number>('confirmAbove', 10);
    if (items.length > confirmAbove) {
      const go = `Run ${items.length} Tests`;
      const answer = await vscode.window.showWarningMessage(`Run ${items.length} agent tests?`, {
        modal: true,
        detail: `Each test starts a real execution of its agent, which may cost money. You are asked above ${confirmAbove} (setting agentlens.tests.confirmAbove).`,
      }, go);
      if (answer !== go) return;
    }
    const canCompare = (await vscode.commands.getCommands(true)).includes(COMPARE);
    const run = this.controller.createTestRun(request);
    const ac = new AbortController();
    const cancel = token.onCancellationRequested(() => ac.abort());
    const byId = new Map(items.map((i) => [i.id, i]));
    try {
      for (const i of items) run.enqueued(i);
      const files: TestFile[] = [];
      for (const item of items) {
        const uri = item.uri as vscode.Uri;
        try {
          files.push({ id: item.id, name: vscode.workspace.asRelativePath(uri, false), path: uri.fsPath, text: await this.discovery.textOf(uri) });
        } catch (e) {
          run.errored(item, new vscode.TestMessage(`Could not read ${uri.fsPath}: ${(e as Error).message}`));
          byId.delete(item.id);
        }
      }
      const concurrency = Math.max(1, Math.floor(config.get<number>('concurrency', 2)));
      this.log.info(`running ${files.length} test(s), ${concurrency} at a time`);
      const results = await runTests(files, this.deps(), {
        concurrency, signal: ac.signal,
        onStart: (f) => { const i = byId.get(f.id); if (i) run.started(i); },
        onResult: (r) => { const i = byId.get(r.id); if (i) this.report(run, i, r, canCompare); },
      });
      this.finished.fire(results);
    } finally {
      cancel.dispose();
      run.end();
    }
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, r: TestResult, canCompare: boolean): void {
    const uri = item.uri as vscode.Uri;
    const messages = resultMessages(r, uri, this.connectionFor(r), canCompare);
    this.last.set(item.id, { result: r, messages });
    // No location: the figures would sit beside the `expect` line, where a failure's own message already is.
    run.appendOutput(resultOutput(r), undefined, item);
    item.description = resultDescription(r);
    if (r.outcome === 'passed') run.passed(item, r.durationMs);
    else if (r.outcome === 'failed') run.failed(item, [...messages], r.durationMs);
    else if (r.outcome === 'errored') run.errored(item, [...messages], r.durationMs);
    else run.skipped(item);
    if (r.outcome === 'errored') this.log.warn(`${r.name}: ${r.error?.message ?? 'error'}`);
  }

  /** The file tests a request covers: its includes (folders expanded) or all, minus its excludes. */
  private collect(request: vscode.TestRunRequest): vscode.TestItem[] {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const out: vscode.TestItem[] = [];
    const visit = (item: vscode.TestItem): void => {
      if (excluded.has(item.id)) return;
      if (this.discovery.files.get(item.id) === item) out.push(item);
      else item.children.forEach(visit);
    };
    if (request.include) request.include.forEach(visit);
    else this.controller.items.forEach(visit);
    return out;
  }

  private deps(): TestDeps {
    return {
      client: async (name) => {
        const fruxon = this.connections.list().filter((p) => p.kind === 'fruxon');
        let id: string | undefined;
        if (name) {
          id = findConnection(this.connections, name);
          if (!id) throw new Error(`No AgentLens connection "${name}" (named in the file's "connection"). Sign in to it, or remove "connection".`);
        } else if (fruxon.length === 1) {
          id = fruxon[0]?.id;
        } else if (fruxon.length === 0) {
          throw new Error('Sign in to Fruxon (AgentLens: Sign In…) to run agent tests.');
        } else {
          throw new Error(`There are ${fruxon.length} Fruxon connections: name one in the file's "connection" (${fruxon.map((p) => p.label).join(', ')}).`);
        }
        const client = id ? await this.connections.client(id) : undefined;
        if (!client) throw new Error('Not signed in to this connection. Sign in and run the test again.');
        return client;
      },
      readTraceFile: (path) => this.host.readTraceFile(path),
    };
  }

  /** The connection id a result's execution ran on (for links), as the run resolved it. */
  connectionFor(r: TestResult): string | undefined {
    const named = r.execution?.connection;
    if (named) return findConnection(this.connections, named);
    const fruxon = this.connections.list().filter((p) => p.kind === 'fruxon');
    return fruxon.length === 1 ? fruxon[0]?.id : undefined;
  }

  dispose(): void {
    this.discovery.dispose();
    this.finished.dispose();
  }

  /** A regression test was saved: it is a test at once (the watcher would find it a moment later). */
  testSaved(uri: vscode.Uri, text: string): void {
    this.discovery.update(uri, text);
    this.host.onDidSaveTest();
  }
}
