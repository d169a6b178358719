import * as vscode from 'vscode';
import { DisposableStore } from './util/disposable';
import { Logger } from './util/logger';
import { Redactor } from './util/redact';
import { AgentsTreeProvider } from './views/agentsView';

export const LOG_CHANNEL_NAME = 'AgentLens';

/** What `activate` returns: a small surface for other extensions and for the integration tests. */
export interface AgentLensApi {
  readonly version: string;
  readonly logChannelName: string;
}

const store = new DisposableStore();

// Composition root: build the services, register everything, nothing else.
export function activate(context: vscode.ExtensionContext): AgentLensApi {
  const channel = store.register(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }));
  const redactor = new Redactor();
  const log = new Logger(channel, redactor, 'extension');
  log.info(`AgentLens ${__AGENTLENS_VERSION__} activating (VS Code ${vscode.version}, ${vscode.env.appHost})`);

  const agents = store.register(new AgentsTreeProvider());
  store.register(
    vscode.window.createTreeView('agentlens.agents', { treeDataProvider: agents, showCollapseAll: true }),
  );

  store.register(vscode.commands.registerCommand('agentlens.showLog', () => channel.show(true)));
  store.register(vscode.commands.registerCommand('agentlens.refresh', () => agents.refresh()));
  store.register(
    vscode.commands.registerCommand('agentlens.signIn', async () => {
      const choice = await vscode.window.showInformationMessage(
        'Signing in from VS Code is coming in the next AgentLens build. For now, set FRUXON_BASE_URL, FRUXON_TENANT and FRUXON_API_KEY in the environment VS Code starts with.',
        'Show Log',
      );
      if (choice === 'Show Log') channel.show(true);
    }),
  );

  context.subscriptions.push(store);
  log.info('AgentLens activated');
  return { version: __AGENTLENS_VERSION__, logChannelName: LOG_CHANNEL_NAME };
}

export function deactivate(): void {
  store.dispose();
}
