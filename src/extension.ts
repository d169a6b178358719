import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensCore } from './core';
import { FILTERS_KEY } from './stateKeys';
import { restoreWalkthroughContext } from './walkthrough';
import { runFileLenses } from './views/runLensBase';
import { createTestShell } from './testing/shell';
import { joinSentences } from './shared/text';
import { registerAgentSurfaces } from './agentShell';

// The shell: what VS Code loads when AgentLens activates. It registers everything package.json contributes —
// every command, both views, the URI handler, the trace panel's serializer, the JSON document provider and the
// run-file CodeLens — and loads the core (dist/core.js: API clients, schemas, trace model, panels) the first time
// one of them needs it: a view's rows, a command, a link, a restored panel, an `agentlens:` document, or the
// receiver's autoStart. Activation therefore costs a few kilobytes of code, whatever the core weighs; the first
// use pays for the core once (its time is in the AgentLens log and in `AgentLensApi.coreLoadMs`).

export type { AgentLensApi } from './core';

/** What `activate` returns. */
export interface AgentLensExports {
  readonly version: string;
  /** How long `activate()` itself ran, in milliseconds (VS Code's "activate call" share of activation). */
  readonly activateCallMs: number;
  /** Whether the core is loaded (it loads on first use). */
  readonly coreLoaded: boolean;
  /** Loads the core if needed and returns its surface (other extensions, integration tests). */
  ready(): Promise<AgentLensApi>;
}

const RUN_FILES: vscode.DocumentSelector = { pattern: '**/*.agentrun.json' };
const TRACE_VIEW_TYPE = 'agentlens.trace';
const COMPARE_VIEW_TYPE = 'agentlens.compare';
const DOCUMENT_SCHEME = 'agentlens';

let loaded: AgentLensCore | undefined;
const subscriptions: vscode.Disposable[] = [];

export function activate(context: vscode.ExtensionContext): AgentLensExports {
  const called = performance.now();
  let loading = false;
  let failure: Error | undefined;
  const core = (): AgentLensCore => {
    if (loaded) return loaded;
    // A core that failed to load fails the same way until the window reloads: no rebuild on every tree refresh.
    if (failure) throw failure;
    if (loading) throw new Error('AgentLens is still loading');
    loading = true;
    try {
      const loadStarted = performance.now();
      const mod = require('./core.js') as typeof import('./core');
      loaded = mod.activateCore(context, { agentsView, localTracesView, testController: tests.controller, loadStarted });
      agents.connect(loaded);
      local.connect(loaded);
      lenses.connect(loaded);
      return loaded;
    } catch (e) {
      failure = new Error(`AgentLens could not start: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      console.error(failure, e);
      void vscode.window.showErrorMessage(joinSentences(failure.message, 'Reload the window to try again.'), 'Reload Window').then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.action.reloadWindow');
      });
      throw failure;
    } finally {
      loading = false;
    }
  };

  // The views exist from the start (VS Code shows their welcome content or progress); their data comes from the core.
  const agents = new ForwardingTree((c) => c.agentsTree, () => core());
  const local = new ForwardingTree((c) => c.localTracesTree, () => core());
  const lenses = new ForwardingCodeLenses();
  // Several rows can be selected: two executions → Compare.
  const agentsView = vscode.window.createTreeView<unknown>('agentlens.agents', { treeDataProvider: agents, showCollapseAll: true, canSelectMany: true });
  const localTracesView = vscode.window.createTreeView<unknown>('agentlens.localTraces', { treeDataProvider: local });
  // Run files with `expect` as tests: the controller is here, discovery and runs in the core (src/testing/shell.ts).
  const tests = createTestShell(() => core().tests);
  subscriptions.push(agentsView, localTracesView, agents, local, lenses, tests);

  const commands = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  for (const { command } of commands) {
    subscriptions.push(vscode.commands.registerCommand(command, (...args: unknown[]) => {
      const handler = core().registry.commands.get(command);
      if (!handler) throw new Error(`AgentLens has no handler for ${command}`);
      return handler(...args);
    }));
  }
  // Language-model tools, the @agentlens chat participant and the MCP server definition, where VS Code has them.
  subscriptions.push(...registerAgentSurfaces(context, core));

  subscriptions.push(
    vscode.languages.registerCodeLensProvider(RUN_FILES, lenses),
    vscode.window.registerUriHandler({ handleUri: (uri) => core().registry.uriHandler?.handleUri(uri) }),
    ...[TRACE_VIEW_TYPE, COMPARE_VIEW_TYPE].map((viewType) => vscode.window.registerWebviewPanelSerializer(viewType, {
      deserializeWebviewPanel: async (panel, state) => core().registry.serializers.get(viewType)?.deserializeWebviewPanel(panel, state),
    })),
    vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, {
      provideTextDocumentContent: (uri, token) => core().registry.documents.get(DOCUMENT_SCHEME)?.provideTextDocumentContent(uri, token),
    }),
  );

  // Context keys `when` clauses read before anything loads the core: saved filters ("Clear All Filters" in the
  // palette) and walkthrough steps done in an earlier window. The core keeps them up to date from then on.
  const filters = context.globalState.get<Record<string, unknown>>(FILTERS_KEY);
  if (filters && typeof filters === 'object' && Object.keys(filters).length > 0) void vscode.commands.executeCommand('setContext', 'agentlens.hasFilters', true);
  restoreWalkthroughContext(context.globalState);

  // A receiver the user asked to start with AgentLens starts once activation is over (a failure was reported).
  if (vscode.workspace.getConfiguration('agentlens.receiver').get<boolean>('autoStart', false)) {
    setTimeout(() => {
      try {
        core();
      } catch {
        // Shown by core().
      }
    }, 0);
  }

  const activateCallMs = performance.now() - called;
  return {
    version: __AGENTLENS_VERSION__,
    activateCallMs,
    get coreLoaded() {
      return loaded !== undefined;
    },
    ready: async () => core().api,
  };
}

export function deactivate(): void {
  // The core first: it is built on the shell's views. One failing dispose must not keep the rest (the receiver's
  // server) alive.
  const errors: unknown[] = [];
  const attempt = (d: vscode.Disposable | undefined) => {
    try {
      d?.dispose();
    } catch (e) {
      errors.push(e);
    }
  };
  attempt(loaded);
  loaded = undefined;
  for (const d of subscriptions.splice(0).reverse()) attempt(d);
  if (errors.length) throw new AggregateError(errors, 'AgentLens did not shut down cleanly');
}

/** A tree view's provider that asks the core for the data, loading it on the first request. */
class ForwardingTree implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private target: vscode.TreeDataProvider<unknown> | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(
    private readonly pick: (core: AgentLensCore) => vscode.TreeDataProvider<unknown>,
    private readonly load: () => AgentLensCore,
  ) {}

  connect(core: AgentLensCore): void {
    this.target = this.pick(core);
    this.subscription = this.target.onDidChangeTreeData?.((e) => this.changed.fire(e));
  }

  private provider(): vscode.TreeDataProvider<unknown> {
    return this.target ?? this.pick(this.load());
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.provider().getChildren(element);
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.provider().getParent?.(element);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}

/**
 * The run-file CodeLens. Until the core is loaded no run has happened in this window, so every run file shows the
 * same two lenses, from here; opening a run file does not load the core, running it does.
 */
class ForwardingCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private target: vscode.CodeLensProvider | undefined;
  private subscription: vscode.Disposable | undefined;

  connect(core: AgentLensCore): void {
    this.target = core.runLenses;
    this.subscription = core.runLenses.onDidChangeCodeLenses?.(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.ProviderResult<vscode.CodeLens[]> {
    return this.target ? this.target.provideCodeLenses(document, token) : runFileLenses(document.uri);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
