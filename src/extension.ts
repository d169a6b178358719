import * as vscode from 'vscode';
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
import { ConnectionManager } from './connections/connectionManager';
import { TracePanels } from './panels/tracePanels';
import { DisposableStore } from './util/disposable';
import { Logger } from './util/logger';
import { Redactor } from './util/redact';
import { AgentsTreeProvider } from './views/agentsView';
import { FilterStore } from './views/filterStore';
import { AgentNode } from './views/nodes/agentNode';
import type { TreeNode } from './views/nodes/base';
import { WalkthroughProgress } from './walkthrough';
import { RunCodeLensProvider } from './views/runLens';
import { RunTracker } from './views/runStatus';

export const LOG_CHANNEL_NAME = 'AgentLens';

/** What `activate` returns: a small surface for other extensions and for the integration tests. */
export interface AgentLensApi {
  readonly version: string;
  readonly logChannelName: string;
  /** The Agents tree's provider, so tests can walk what the view shows. */
  readonly agentsTree: AgentsTreeProvider;
  /** The open trace panels, so tests can find the one a command opened. */
  readonly tracePanels: TracePanels;
  /** Which walkthrough steps are done. */
  readonly walkthrough: WalkthroughProgress;
  /** Agent runs in progress and each run file's last run (status bar, CodeLens). */
  readonly runs: RunTracker;
  /** The run-file CodeLens provider, so tests can run what a lens runs. */
  readonly runLenses: RunCodeLensProvider;
}

const store = new DisposableStore();

// Composition root: build the services, register everything, nothing else.
export function activate(context: vscode.ExtensionContext): AgentLensApi {
  const channel = store.register(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }));
  const redactor = new Redactor();
  const log = new Logger(channel, redactor, 'extension');
  log.info(`AgentLens ${__AGENTLENS_VERSION__} activating (VS Code ${vscode.version}, ${vscode.env.appHost})`);

  const connections = store.register(new ConnectionManager(context, log.child('connections'), redactor));
  const filters = store.register(new FilterStore(context.globalState));
  const tree = store.register(new AgentsTreeProvider(connections, filters, log.child('tree')));
  const view = store.register(vscode.window.createTreeView<TreeNode>('agentlens.agents', { treeDataProvider: tree, showCollapseAll: true }));
  tree.attach(view);
  const selection = () => view.selection;
  const panels = store.register(new TracePanels(context, connections, log.child('trace')));

  store.register(vscode.workspace.registerTextDocumentContentProvider(SCHEME, new ApiDocumentProvider(connections)));
  store.register(vscode.commands.registerCommand('agentlens.showLog', () => channel.show(true)));
  for (const d of registerAuthCommands(connections, log.child('auth'))) store.register(d);
  for (const d of registerRecordCommands(connections, tree, view, panels, log.child('records'))) store.register(d);
  store.register(registerTraceFileCommand(panels, log.child('trace')));
  for (const d of registerFilterCommands(filters, view)) store.register(d);
  for (const d of registerDatasetCommands(connections, context.globalState, selection, log.child('datasets'))) store.register(d);
  store.register(registerRerunCommand(connections, tree, selection, log.child('rerun')));
  const runs = store.register(new RunTracker());
  const runLenses = store.register(new RunCodeLensProvider(runs));
  const runOutput = store.register(vscode.window.createOutputChannel('AgentLens Runs'));
  const runLog = new RunLog(runOutput);
  store.register(vscode.languages.registerCodeLensProvider({ pattern: '**/*.agentrun.json' }, runLenses));
  store.register(vscode.commands.registerCommand('agentlens.showRuns', () => runLog.show()));
  store.register(registerRunCommand({ connections, tree, panels, tracker: runs, recents: new RunRecents(context.globalState), output: runLog, log: log.child('run') }));
  store.register(registerSaveRunFileCommand(connections, selection, log.child('run')));

  // The walkthrough's steps complete on what the user really did.
  const walkthrough = new WalkthroughProgress(context.globalState);
  const signedIn = () => connections.list().length > 0 && walkthrough.complete('signIn');
  signedIn();
  store.register(connections.onDidChange(signedIn));
  store.register(view.onDidExpandElement((e) => e.element instanceof AgentNode && walkthrough.complete('browse')));
  store.register(panels.onDidLoadTrace(() => walkthrough.complete('openTrace')));
  store.register(runs.onDidFinishRun(() => walkthrough.complete('runAgent')));

  context.subscriptions.push(store);
  log.info(`AgentLens activated with ${connections.list().length} connection(s)`);
  return { version: __AGENTLENS_VERSION__, logChannelName: LOG_CHANNEL_NAME, agentsTree: tree, tracePanels: panels, walkthrough, runs, runLenses };
}

export function deactivate(): void {
  store.dispose();
}
