// `agentlens mcp`: the coding-agent tools over the Model Context Protocol on stdio, for agents outside VS Code
// (Claude Code, Cursor, Codex…), with the official SDK's low-level Server (it takes our JSON Schemas as they
// are). Same tools, texts and budgets as the VS Code tools; connections from FRUXON_* / ZAIA_* environment
// variables. stdout carries nothing but protocol: diagnostics go to stderr.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { TOOL_DEFINITIONS, toolDefinition } from '../agentTools/definitions';
import { EnvToolBackend } from '../agentTools/envBackend';
import { AgentTools } from '../agentTools/tools';

export const MCP_INSTRUCTIONS = 'AgentLens reads AI agent executions and their traces from Fruxon, Zaia Endless and trace files. '
  + 'Start with agentlens_listExecutions (no agent: lists agents) or agentlens_findFailures, then agentlens_getTrace; '
  + 'every answer stays within maxTokens (default 4000) and says how to read further.';

export function createMcpServer(tools: AgentTools, version: string): Server {
  const server = new Server({ name: 'agentlens', title: 'AgentLens', version }, { capabilities: { tools: {} }, instructions: MCP_INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOL_DEFINITIONS.map((t) => ({
      name: t.name,
      title: t.displayName,
      description: t.modelDescription,
      inputSchema: t.inputSchema as { type: 'object'; properties?: Record<string, object> },
      annotations: t.name === 'agentlens_runAgent'
        ? { title: t.displayName, readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true }
        : { title: t.displayName, readOnlyHint: true, openWorldHint: true },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const def = toolDefinition(request.params.name);
    if (!def) throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${request.params.name}; the tools are ${TOOL_DEFINITIONS.map((t) => t.name).join(', ')}.`);
    const text = await tools.invoke(def.name, request.params.arguments ?? {}, extra.signal);
    return { content: [{ type: 'text' as const, text }], isError: text.startsWith('Error: ') };
  });
  return server;
}

export const MCP_USAGE = `Usage: agentlens mcp

Serves the AgentLens tools (list executions, get trace, find failures, compare executions, run agent) over the
Model Context Protocol on stdin/stdout, for coding agents. Environment: FRUXON_API_KEY, FRUXON_TENANT,
FRUXON_BASE_URL; ZAIA_API_KEY, ZAIA_BASE_URL.
`;

/** Serves until stdin closes; 0 then. */
export async function runMcp(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, err: { write(s: string): unknown }): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    err.write(MCP_USAGE);
    return 0;
  }
  const backend = new EnvToolBackend(env, cwd);
  if (backend.connections().length === 0) {
    err.write('agentlens mcp: no connection in the environment (FRUXON_API_KEY + FRUXON_TENANT, or ZAIA_API_KEY); only trace files can be read.\n');
  }
  const server = createMcpServer(new AgentTools(backend), __AGENTLENS_VERSION__);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  process.stdin.once('end', () => void server.close());
  await closed;
  await backend.close();
  return 0;
}
