// The coding-agent features as their own bundle (dist/agent.js), which the core loads the first time a tool,
// the @agentlens participant or a trace export is used: none of it weighs on the core until then.
import type * as vscode from 'vscode';
import { AgentTools } from '../agentTools/tools';
import { AgentLensChat } from '../chat/participant';
import { traceExportCommands } from '../commands/traceExports';
import type { CoreTool } from '../registry';
import type { AgentHost } from './host';
import { languageModelTools } from './registerTools';
import { VscodeToolBackend } from './vscodeBackend';

export interface AgentFeature {
  readonly tools: ReadonlyMap<string, CoreTool>;
  readonly commands: ReadonlyMap<string, (...args: unknown[]) => unknown>;
  readonly chat: AgentLensChat;
  readonly chatHandler: vscode.ChatRequestHandler;
}

export function createAgentFeature(host: AgentHost): AgentFeature {
  const backend = new VscodeToolBackend(host);
  const tools = new AgentTools(backend);
  const chat = new AgentLensChat(tools, host);
  return { tools: languageModelTools(tools, backend, host.log.child('tools')), commands: traceExportCommands(host), chat, chatHandler: chat.handler };
}
