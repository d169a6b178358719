import type * as vscode from 'vscode';

// AgentLens activates in two steps (see src/extension.ts): a small shell registers every command, view, URI
// handler, webview serializer, document provider and CodeLens provider with VS Code when it activates, and loads
// the core (this bundle: API clients, trace model, panels) the first time one of them is used. The core's parts
// register their handlers here instead of with VS Code; the shell's registrations forward to them.

type Handler = (...args: any[]) => unknown;

/** A language-model tool's implementation in the core (the shell registered the tool with `vscode.lm`). */
export interface CoreTool {
  invoke(options: vscode.LanguageModelToolInvocationOptions<object>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult>;
  prepareInvocation?(options: vscode.LanguageModelToolInvocationPrepareOptions<object>, token: vscode.CancellationToken): Promise<vscode.PreparedToolInvocation | undefined>;
}

export class CoreRegistry {
  readonly commands = new Map<string, Handler>();
  uriHandler: vscode.UriHandler | undefined;
  readonly serializers = new Map<string, vscode.WebviewPanelSerializer>();
  readonly documents = new Map<string, vscode.TextDocumentContentProvider>();
  readonly tools = new Map<string, CoreTool>();
  chatHandler: vscode.ChatRequestHandler | undefined;

  registerTool(name: string, tool: CoreTool): vscode.Disposable {
    this.tools.set(name, tool);
    return { dispose: () => void (this.tools.get(name) === tool && this.tools.delete(name)) };
  }

  registerChatHandler(handler: vscode.ChatRequestHandler): vscode.Disposable {
    this.chatHandler = handler;
    return { dispose: () => void (this.chatHandler === handler && (this.chatHandler = undefined)) };
  }

  registerCommand(id: string, handler: Handler): vscode.Disposable {
    if (this.commands.has(id)) throw new Error(`command ${id} is already registered`);
    this.commands.set(id, handler);
    return { dispose: () => void (this.commands.get(id) === handler && this.commands.delete(id)) };
  }

  registerUriHandler(handler: vscode.UriHandler): vscode.Disposable {
    this.uriHandler = handler;
    return { dispose: () => void (this.uriHandler === handler && (this.uriHandler = undefined)) };
  }

  registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
    this.serializers.set(viewType, serializer);
    return { dispose: () => void (this.serializers.get(viewType) === serializer && this.serializers.delete(viewType)) };
  }

  registerTextDocumentContentProvider(scheme: string, provider: vscode.TextDocumentContentProvider): vscode.Disposable {
    this.documents.set(scheme, provider);
    return { dispose: () => void (this.documents.get(scheme) === provider && this.documents.delete(scheme)) };
  }
}

/** The core's one registry: what the shell forwards to. */
export const registry = new CoreRegistry();

/** Like `vscode.commands.registerCommand`, for a command the shell registered (every contributed command). */
export function registerCommand(id: string, handler: Handler): vscode.Disposable {
  return registry.registerCommand(id, handler);
}
