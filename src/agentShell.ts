import * as vscode from 'vscode';
import type { AgentLensCore } from './core';

// The shell's part of the coding-agent surfaces: VS Code asks for a tool or the chat participant by the names
// package.json contributes, so they are registered at activation (like commands) and forward to the core,
// which loads on first use. Each API is feature-detected: `engines.vscode` stays ^1.95.0 (which has
// `lm.registerTool` and `chat.createChatParticipant`); the MCP server definition provider (VS Code 1.101) is
// declared locally below and registered only where it exists. Older hosts simply go without.

interface McpProviderApi {
  registerMcpServerDefinitionProvider?(id: string, provider: { provideMcpServerDefinitions(): unknown[] }): vscode.Disposable;
}
type McpStdioCtor = new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string) => unknown;

interface Contributions {
  languageModelTools?: Array<{ name: string }>;
  chatParticipants?: Array<{ id: string }>;
  mcpServerDefinitionProviders?: Array<{ id: string; label: string }>;
}

export function registerAgentSurfaces(context: vscode.ExtensionContext, core: () => AgentLensCore): vscode.Disposable[] {
  const out: vscode.Disposable[] = [];
  const contributes = (context.extension.packageJSON as { contributes?: Contributions }).contributes ?? {};
  const lm = vscode.lm as (typeof vscode.lm & McpProviderApi) | undefined;
  if (typeof lm?.registerTool === 'function') {
    for (const { name } of contributes.languageModelTools ?? []) {
      const tool = () => {
        const t = core().registry.tools.get(name);
        if (!t) throw new Error(`AgentLens has no implementation of the tool ${name}`);
        return t;
      };
      out.push(lm.registerTool<object>(name, {
        invoke: (options, token) => tool().invoke(options, token),
        prepareInvocation: (options, token) => tool().prepareInvocation?.(options, token),
      }));
    }
  }
  const participant = contributes.chatParticipants?.[0];
  if (participant && typeof vscode.chat?.createChatParticipant === 'function') {
    const p = vscode.chat.createChatParticipant(participant.id, (request, chatContext, stream, token) => {
      const handler = core().registry.chatHandler;
      if (!handler) throw new Error('AgentLens chat is not available');
      return handler(request, chatContext, stream, token);
    });
    p.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    out.push(p);
  }
  const mcp = contributes.mcpServerDefinitionProviders?.[0];
  const McpStdio = (vscode as unknown as { McpStdioServerDefinition?: McpStdioCtor }).McpStdioServerDefinition;
  if (mcp && typeof lm?.registerMcpServerDefinitionProvider === 'function' && McpStdio) {
    // `agentlens mcp` from this extension's own dist/cli.js, run by the extension host's runtime as Node. It
    // reads FRUXON_* / ZAIA_* from the environment VS Code started with; no credential is passed to it here.
    const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
    out.push(lm.registerMcpServerDefinitionProvider(mcp.id, {
      provideMcpServerDefinitions: () => [new McpStdio(mcp.label, process.execPath, [cli, 'mcp'], { ELECTRON_RUN_AS_NODE: '1' }, __AGENTLENS_VERSION__)],
    }));
  }
  return out;
}
