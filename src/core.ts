import * as vscode from 'vscode';
import { ApprovalActions } from './commands/approvalActions';
import { ApprovalCommands } from './commands/approvals';
import { registerAuthCommands } from './commands/auth';
import { registerDatasetCommands } from './commands/datasets';
import { ApiDocumentProvider, SCHEME } from './commands/documents';
import { registerFilterCommands } from './commands/filters';
import { registerRecordCommands } from './commands/records';
import { registerRerunCommand } from './commands/rerun';
import { registerRunCommand } from './commands/run';
import { RunRecents } from './commands/runInputs';
import { RunLog } from './commands/runLog';
import { registerSaveRunFileCommand } from './commands/saveRunFile';
import { registerTraceFileCommand } from './commands/traces';
import { registerZaiaCommands } from './commands/zaia';
import { registerStoreCommands } from './commands/stores';
import { setStoreViewState, StoreViewState } from './views/stores/storeViewState';
import { ZaiaResponderNode } from './views/nodes/zaiaResponderNode';
import { ConnectionManager } from './connections/connectionManager';
import { isStoreProfile } from './connections/profiles';
import { TracePanels } from './panels/tracePanels';
import { DisposableStore } from './util/disposable';
import { Logger } from './util/logger';
import { Redactor } from './util/redact';
import { AgentsTreeProvider } from './views/agentsView';
import { ApprovalsMonitor } from './views/approvalsMonitor';
import { FilterStore } from './views/filterStore';
import { AgentNode } from './views/nodes/agentNode';
import type { TreeNode } from './views/nodes/base';
import { WalkthroughProgress } from './walkthrough';
import { RunCodeLensProvider } from './views/runLens';
import { RunTracker } from './views/runStatus';
import { registerRawSpansCommand } from './commands/rawSpans';
import { ReceiverController } from './commands/receiver';
import { setLocalTraces } from './panels/traceSources';
import { LocalTraces } from './receiverWorker/client';
import { join } from 'node:path';
import { LocalTracesProvider } from './views/localTracesView';
import { forgetResponderNames } from './panels/loadZaiaTrace';
import type { AgentTests } from './testing/agentTests';
import type { TestsFeature } from './testing/index';
import type { TestsTarget } from './testing/shell';
import { registerCompareCommands } from './commands/compare';
import { ComparePanels } from './panels/comparePanels';
import { resolveRecordTarget } from './commands/targets';
import { describeError } from './views/errors';
import { parseTraceText, traceFromFile } from './model/traceFile';
import { registerInsightsCommand } from './commands/insights';
import { InsightsPanels } from './panels/insights/insightsPanels';

import { registerCommand, registry, type CoreRegistry, type CoreTool } from './registry';
import { plural } from './shared/text';
import { TOOL_NAMES } from './agentTools/names';
import type { AgentLensChat } from './chat/participant';
import type { AgentFeature } from './lmTools/index';
import { RecordNode } from './views/nodes/recordNode';
import { ZaiaExecutionNode } from './views/nodes/zaiaExecutionNode';

// The core of AgentLens: everything but the shell (src/extension.ts), which loads this bundle (dist/core.js)
// the first time a command, view, link, panel or run file needs it. Composition root: build the services, register
// everything, nothing else.

export const LOG_CHANNEL_NAME = 'AgentLens';

/** The loaded core's surface, for other extensions and for the integration tests (`exports.ready()`). */
export interface AgentLensApi {
  readonly version: string;
  readonly logChannelName: string;
  /** How long loading and starting the core took (the shell measured it), in milliseconds. */
  readonly coreLoadMs: number;
  /** The commands the core has handlers for (the shell forwards every contributed command to one). */
  readonly commandIds: readonly string[];
  /** The Agents tree's provider, so tests can walk what the view shows. */
  readonly agentsTree: AgentsTreeProvider;
  /** The open trace panels, so tests can find the one a command opened. */
  readonly tracePanels: TracePanels;
  /** The open compare panels, likewise. */
  readonly comparePanels: ComparePanels;
  /** Which walkthrough steps are done. */
  readonly walkthrough: WalkthroughProgress;
  /** Agent runs in progress and each run file's last run (status bar, CodeLens). */
  readonly runs: RunTracker;
  /** The run-file CodeLens provider, so tests can run what a lens runs. */
  readonly runLenses: RunCodeLensProvider;
  /** The local traces' on-disk journal (its folder, flush), so tests can see what a reload would restore. */
  readonly localTracesJournal: { readonly folder: string; flush(): Promise<void> };
  /** The local OTLP receiver's traces (held in its worker) and its view's provider, so tests can see what arrived. */
  readonly localTraces: LocalTraces;
  readonly localTracesTree: LocalTracesProvider;
  readonly receiver: ReceiverController;
  /** Pending approvals (badge, counts) and the approval commands' notifications. */
  readonly approvals: { readonly monitor: ApprovalsMonitor; readonly commands: ApprovalCommands };
  /** Run files with `expect` in the Test Explorer: discovery, runs and each test's last result. */
  readonly tests: AgentTests;
  /** The open insights panels, so tests can find the one a command opened. */
  readonly insights: InsightsPanels;
  /** The @agentlens chat participant's handler, so tests can drive it with a scripted model. */
  readonly chat: AgentLensChat;
  /** The language-model tools' implementations (what `vscode.lm.invokeTool` reaches), e.g. to check a confirmation. */
  readonly tools: ReadonlyMap<string, CoreTool>;
  /** What a `vscode://agentlens-dev.agentlens/…` link does (Copy Link's links), without going through the OS. */
  handleUri(uri: vscode.Uri): Promise<void>;
}

/** What the shell registered with VS Code and hands to the core. */
export interface ShellParts {
  readonly agentsView: vscode.TreeView<unknown>;
  readonly localTracesView: vscode.TreeView<unknown>;
  /** The Test Explorer's controller (the shell creates it; the core discovers and runs its tests). */
  readonly testController: vscode.TestController;
  /** When the shell started loading the core (`performance.now()`). */
  readonly loadStarted: number;
}

/** What the shell forwards to. */
export interface AgentLensCore extends vscode.Disposable {
  readonly api: AgentLensApi;
  readonly registry: CoreRegistry;
  readonly agentsTree: vscode.TreeDataProvider<unknown>;
  readonly localTracesTree: vscode.TreeDataProvider<unknown>;
  readonly runLenses: vscode.CodeLensProvider;
  readonly tests: TestsTarget;
}

export function activateCore(context: vscode.ExtensionContext, shell: ShellParts): AgentLensCore {
  const store = new DisposableStore();
  try {
    return build(context, shell, store);
  } catch (e) {
    // Nothing half-registered stays behind; the error that stopped the build is the one reported.
    try {
      store.dispose();
    } catch {
      // Secondary to `e`.
    }
    throw e;
  }
}

function build(context: vscode.ExtensionContext, shell: ShellParts, store: DisposableStore): AgentLensCore {
  const channel = store.register(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }));
  const redactor = new Redactor();
  const log = new Logger(channel, redactor, 'extension');
  log.info(`AgentLens ${__AGENTLENS_VERSION__} loading (VS Code ${vscode.version}, ${vscode.env.appHost})`);

  const connections = store.register(new ConnectionManager(context, log.child('connections'), redactor));
  setStoreViewState(new StoreViewState(context.globalState));
  store.register({ dispose: () => setStoreViewState(undefined) });
  const filters = store.register(new FilterStore(context.globalState));
  const tree = store.register(new AgentsTreeProvider(connections, filters, log.child('tree')));
  const view = shell.agentsView as vscode.TreeView<TreeNode>;
  tree.attach(view);
  const selection = () => view.selection;
  const panels = store.register(new TracePanels(context, connections, log.child('trace')));

  store.register(registry.registerTextDocumentContentProvider(SCHEME, new ApiDocumentProvider(connections)));
  store.register(registerCommand('agentlens.showLog', () => channel.show(true)));
  for (const d of registerAuthCommands(connections, log.child('auth'))) store.register(d);
  for (const d of registerRecordCommands(connections, tree, view, panels, log.child('records'))) store.register(d);
  store.register(registerTraceFileCommand(panels, log.child('trace')));
  for (const d of registerFilterCommands(filters, view)) store.register(d);
  for (const d of registerDatasetCommands(connections, context.globalState, selection, log.child('datasets'))) store.register(d);
  store.register(registerRerunCommand(connections, tree, selection, log.child('rerun')));
  for (const d of registerZaiaCommands(connections, panels, selection, log.child('zaia'))) store.register(d);
  for (const d of registerStoreCommands(connections, tree, panels, selection, log.child('stores'))) store.register(d);
  const hasStore = (): void => void vscode.commands.executeCommand('setContext', 'agentlens.hasTraceStore', connections.list().some(isStoreProfile));
  hasStore();
  store.register(connections.onDidChange(hasStore));
  const runs = store.register(new RunTracker());
  const approvalsMonitor = store.register(new ApprovalsMonitor(connections, view as vscode.TreeView<unknown>, log.child('approvals')));
  tree.attachApprovals(approvalsMonitor);
  const approvalActions = new ApprovalActions(connections, approvalsMonitor, panels, runs, log.child('approvals'));
  const approvals = store.register(new ApprovalCommands(approvalActions, approvalsMonitor, connections, tree, view, log.child('approvals')));
  panels.answerGate = (origin, approvalId, action) => approvalActions.answer({ ...origin, approvalId }, action);
  const runLenses = store.register(new RunCodeLensProvider(runs));
  const runOutput = store.register(vscode.window.createOutputChannel('AgentLens Runs'));
  const runLog = new RunLog(runOutput);
  store.register(registerCommand('agentlens.showRuns', () => runLog.show()));
  store.register(registerRunCommand({ connections, tree, panels, tracker: runs, recents: new RunRecents(context.globalState), output: runLog, log: log.child('run'), approvals }));
  store.register(registerSaveRunFileCommand(connections, selection, log.child('run')));

  // Agent tests live in their own bundle (dist/tests.js), loaded when VS Code first asks for tests or a test
  // command runs: nothing of them weighs on the core until then.
  let testsFeature: TestsFeature | undefined;
  const testsLoaded = (): TestsFeature => {
    if (testsFeature) return testsFeature;
    const mod = require('./tests.js') as typeof import('./testing/index');
    testsFeature = store.register(mod.createTestsFeature({
      controller: shell.testController, connections, log: log.child('tests'),
      readTraceFile: async (path) => traceFromFile(parseTraceText(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path))), path.split(/[\\/]/).pop() ?? path)),
      resolveRecordTarget: (arg) => resolveRecordTarget(arg, connections, selection()),
      describeError: (e) => describeError(e).message,
      onDidSaveTest: () => walkthrough.complete('regressionTest'),
    }));
    return testsFeature;
  };
  const tests: TestsTarget = {
    resolve: (item) => testsLoaded().tests.resolve(item),
    run: (request, token) => testsLoaded().tests.run(request, token),
    refresh: () => testsLoaded().tests.refresh(),
  };
  store.register(registerCommand('agentlens.openTestTrace', (item?: unknown) => testsLoaded().openTestTrace(item)));
  store.register(registerCommand('agentlens.saveRegressionTest', (arg?: unknown, opts?: unknown) => testsLoaded().saveRegressionTest(arg, opts)));

  store.register(registerRawSpansCommand(connections, view, panels, log.child('trace')));
  const insights = store.register(new InsightsPanels({ extensionUri: context.extensionUri, connections, filters, log: log.child('insights') }));
  store.register(registerInsightsCommand(connections, insights, selection, log.child('insights')));
  const comparePanels = store.register(new ComparePanels(context, connections, log.child('compare'), (origin) => panels.show(origin), (origin) => panels.startWorker(undefined, origin)));
  for (const d of registerCompareCommands(connections, view, panels, comparePanels, log.child('compare'))) store.register(d);
  // The receiver, its store and journal run in a worker thread (src/receiverWorker/): decoding, keeping and listing a
  // 100,000-span trace never blocks the extension host. Local traces survive a reload: journaled in the extension's
  // global storage (the receiver is one per machine, not per workspace, and a window without a folder has no
  // workspace storage), replayed by the worker before it receives anything.
  const journalFolder = join(context.globalStorageUri.fsPath, 'local-traces');
  const localTraces = store.register(new LocalTraces(vscode.Uri.joinPath(context.extensionUri, 'dist', 'receiverWorker.js').fsPath, {
    maxTraces: vscode.workspace.getConfiguration('agentlens.receiver').get<number>('maxTraces', 100), journalFolder,
  }));
  setLocalTraces(localTraces);
  const receiverLog = log.child('receiver');
  localTraces.onLog = (level, m) => receiverLog.log(level, m);
  void localTraces.restored.then((s) => s && s.loadedLines > 0 && log.info(`local traces: ${plural(localTraces.size, 'trace')} restored from the last session`));
  const journal = { folder: journalFolder, flush: () => localTraces.flushJournal() };
  const localTree = store.register(new LocalTracesProvider(localTraces));
  const receiver = store.register(new ReceiverController(localTraces, panels, receiverLog, context.secrets));
  store.register(registerCommand('agentlens.openLocalTrace', (arg?: unknown) => {
    const traceId = typeof arg === 'string' ? arg : (arg as { traceId?: unknown } | undefined)?.traceId;
    if (typeof traceId === 'string') return panels.show({ kind: 'local', traceId });
    return undefined;
  }));
  store.register({ dispose: () => setLocalTraces(undefined) });

  // The walkthrough's steps complete on what the user really did.
  const walkthrough = new WalkthroughProgress(context.globalState);
  const signedIn = () => connections.list().length > 0 && walkthrough.complete('signIn');
  // Signed out, or a connection changed: its Zaia responder names are not reused.
  store.register(connections.onDidChange(() => forgetResponderNames()));
  signedIn();
  store.register(connections.onDidChange(signedIn));
  store.register(view.onDidExpandElement((e) => e.element instanceof AgentNode && walkthrough.complete('browse')));
  store.register(view.onDidExpandElement((e) => e.element instanceof ZaiaResponderNode && walkthrough.complete('browse')));
  store.register(panels.onDidLoadTrace(() => walkthrough.complete('openTrace')));
  store.register(runs.onDidFinishRun(() => walkthrough.complete('runAgent')));
  store.register(localTraces.onDidChange((e) => e.changed.length > 0 && walkthrough.complete('localTraces')));

  // The coding agent's surfaces — language-model tools, the @agentlens participant, trace exports — live in their
  // own bundle (dist/agent.js), loaded the first time one of them is used.
  let agentFeature: AgentFeature | undefined;
  const agentLoaded = (): AgentFeature => {
    if (agentFeature) return agentFeature;
    const mod = require('./agent.js') as typeof import('./lmTools/index');
    agentFeature = mod.createAgentFeature({
      connections, panels, log, selection,
      originOfNode: (node) => node instanceof RecordNode ? { kind: 'fruxon', ...node.target } : node instanceof ZaiaExecutionNode ? { kind: 'zaia', ...node.target } : undefined,
      agentOfNode: (node) => {
        const agent = node instanceof AgentNode ? node : node instanceof RecordNode && node.parent instanceof AgentNode ? node.parent : undefined;
        return agent ? { connection: agent.connectionId, agentId: agent.agent.id } : undefined;
      },
      loadTrace: (origin, signal) => panels.loadTrace(origin, signal),
    });
    return agentFeature;
  };
  const tool = (name: string) => agentLoaded().tools.get(name)!;
  for (const name of TOOL_NAMES) {
    store.register(registry.registerTool(name, {
      invoke: (options, token) => tool(name).invoke(options, token),
      prepareInvocation: async (options, token) => tool(name).prepareInvocation?.(options, token),
    }));
  }
  store.register(registry.registerChatHandler((request, chatContext, stream, token) => agentLoaded().chatHandler(request, chatContext, stream, token)));
  for (const id of ['agentlens.copyTraceMarkdown', 'agentlens.copyStepMarkdown', 'agentlens.exportTraceOtlp', 'agentlens.saveTraceJson', 'agentlens.copyTraceLink', 'agentlens.openTraceAtStep']) {
    store.register(registerCommand(id, (...args: unknown[]) => agentLoaded().commands.get(id)!(...args)));
  }

  const coreLoadMs = performance.now() - shell.loadStarted;
  log.info(`AgentLens core loaded in ${coreLoadMs.toFixed(1)} ms with ${plural(connections.list().length, 'connection')}`);
  return {
    api: {
      version: __AGENTLENS_VERSION__, logChannelName: LOG_CHANNEL_NAME, coreLoadMs, commandIds: [...registry.commands.keys()], agentsTree: tree, tracePanels: panels, comparePanels,
      localTracesJournal: journal,
      walkthrough, runs, runLenses, localTraces, localTracesTree: localTree, receiver, get chat() { return agentLoaded().chat; }, tools: registry.tools,
      handleUri: async (uri) => void (await registry.uriHandler?.handleUri(uri)),
      approvals: { monitor: approvalsMonitor, commands: approvals },
      get tests() { return testsLoaded().tests; },
      insights,
    },
    registry, agentsTree: tree as vscode.TreeDataProvider<unknown>, localTracesTree: localTree as vscode.TreeDataProvider<unknown>, runLenses, tests,
    dispose: () => store.dispose(),
  };
}
