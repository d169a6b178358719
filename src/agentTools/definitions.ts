// The tools AgentLens offers a coding agent, declared once: package.json's `languageModelTools` (a unit test
// keeps them equal), `vscode.lm.registerTool` and the MCP server all read these. Descriptions say when to use
// each tool, since that is what a model picks tools by.

import type { ToolName } from './names';

export { TOOL_NAMES, type ToolName } from './names';

export interface ToolDefinition {
  name: ToolName;
  /** For people (the tool picker) and, shortened, `toolReferenceName`. */
  displayName: string;
  referenceName: string;
  modelDescription: string;
  userDescription: string;
  icon: string;
  inputSchema: Record<string, unknown>;
}

const connection = { type: 'string', description: 'Connection id (from list executions) when more than one is signed in; omit to use the only one.' };
const maxTokens = { type: 'integer', minimum: 400, maximum: 100000, description: 'Token budget for the answer (default 4000). The answer never exceeds it.' };
const execution = {
  type: 'string',
  description: 'Which execution: an execution record id (with agent), a Zaia execution id (prefix "zaia:"), an AgentLens link (vscode://agentlens-dev.agentlens/open?...), '
    + '"local:<traceId>" for a trace the local OTLP receiver holds, or a path to a trace file (.json/.jsonl).',
};

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'agentlens_listExecutions', displayName: 'List Agent Executions', referenceName: 'agentExecutions', icon: '$(list-unordered)',
    userDescription: 'Lists recent executions of an agent on Fruxon or Zaia Endless.',
    modelDescription: 'Lists recent executions (runs) of an AI agent on the hosted agent platforms AgentLens is signed in to (Fruxon, Zaia Endless), newest first, '
      + 'with status, start time, duration, revision, environment, tokens and cost. Use it to find an execution id before reading its trace, to see whether '
      + 'recent runs failed, or to pick two runs to compare. Without an agent it lists the agents (and connections) instead.',
    inputSchema: {
      type: 'object',
      properties: {
        agent: { type: 'string', description: 'Agent id (Fruxon) or responder id (Zaia). Omit to list agents.' },
        connection,
        status: { type: 'array', items: { type: 'string' }, description: 'Only these statuses, e.g. ["FAILED"] or ["COMPLETED","FAILED"].' },
        environment: { type: 'string', description: 'Only this environment (slug).' },
        revision: { type: 'integer', description: 'Only this agent revision.' },
        since: { type: 'string', description: 'Only executions started at or after this time: ISO 8601, or a duration ago like "24h", "7d", "30m".' },
        until: { type: 'string', description: 'Only executions started at or before this time (ISO 8601 or a duration ago).' },
        limit: { type: 'integer', minimum: 1, maximum: 100, description: 'How many executions (default 20).' },
      },
    },
  },
  {
    name: 'agentlens_getTrace', displayName: 'Get Agent Trace', referenceName: 'agentTrace', icon: '$(list-tree)',
    userDescription: 'Reads an execution\'s trace as a compact outline within a token budget.',
    modelDescription: 'Reads the trace of one agent execution: a compact outline of every step (LLM calls, tool calls, approval gates, sub-agents) with kind, name, '
      + 'status, duration, tokens, cost, errors and cut previews of inputs and outputs, within a token budget. Steps are numbered #0, #1… in pre-order. '
      + 'Use `focus` with a step number or id to see that step in full (its whole conversation, arguments and result), and `cursor` (from the previous '
      + 'answer) to read further steps of a long trace. Works for Fruxon and Zaia executions, the local OTLP receiver\'s traces and trace files.',
    inputSchema: {
      type: 'object',
      properties: {
        execution,
        agent: { type: 'string', description: 'The agent id, for a Fruxon execution record id.' },
        connection,
        focus: { type: 'string', description: 'A step to show in full: "#12" or a step id.' },
        cursor: { type: 'string', description: 'Where to continue the step list: the cursor the previous answer ended with.' },
        maxTokens,
      },
      required: ['execution'],
    },
  },
  {
    name: 'agentlens_findFailures', displayName: 'Find Failed Executions', referenceName: 'agentFailures', icon: '$(error)',
    userDescription: 'Finds an agent\'s failed executions and the steps that failed.',
    modelDescription: 'Finds an agent\'s recent failed executions and, for each, the steps that failed: the error message and the failing step\'s inputs. '
      + 'Use it to debug why an agent fails, before reading a whole trace. Step numbers (#n) can be passed as `focus` to get trace.',
    inputSchema: {
      type: 'object',
      properties: {
        agent: { type: 'string', description: 'Agent id (Fruxon) or responder id (Zaia).' },
        connection,
        since: { type: 'string', description: 'Only executions started at or after this time (ISO 8601 or a duration ago like "7d").' },
        limit: { type: 'integer', minimum: 1, maximum: 20, description: 'How many failed executions to read (default 5).' },
        maxTokens,
      },
      required: ['agent'],
    },
  },
  {
    name: 'agentlens_compareExecutions', displayName: 'Compare Agent Executions', referenceName: 'agentCompare', icon: '$(diff)',
    userDescription: 'Compares two executions: where they first diverge and which steps changed.',
    modelDescription: 'Compares two executions of an agent (e.g. a good run and a failing one, or before and after a prompt change): totals side by side, the '
      + 'first step where they diverge, and the steps whose status, error, input or output changed. Use it to explain a regression.',
    inputSchema: {
      type: 'object',
      properties: {
        a: { ...execution, description: `The first (baseline) execution. ${execution.description}` },
        b: { ...execution, description: `The second execution. ${execution.description}` },
        agent: { type: 'string', description: 'The agent id, for Fruxon execution record ids.' },
        connection,
        maxTokens,
      },
      required: ['a', 'b'],
    },
  },
  {
    name: 'agentlens_runAgent', displayName: 'Run Agent', referenceName: 'runAgent', icon: '$(play)',
    userDescription: 'Runs an agent once with parameters or a run file (asks you first: a run costs money).',
    modelDescription: 'Runs a Fruxon agent once, with parameters or a *.agentrun.json run file, waits for it to finish and returns the execution id, status, '
      + 'result and a short outline of its trace. A run spends money and may have side effects, so the user is asked to confirm; it is never re-sent. '
      + 'Use it only when the user asked to run the agent.',
    inputSchema: {
      type: 'object',
      properties: {
        agent: { type: 'string', description: 'Agent id. Optional with a run file that names its agent.' },
        connection,
        runFile: { type: 'string', description: 'Path to a run file (*.agentrun.json) or a JSON parameter file.' },
        parameters: { type: 'object', description: 'The agent\'s input parameters (instead of, or on top of, a run file\'s).' },
        environment: { type: 'string', description: 'Environment slug to run in.' },
        maxTokens,
      },
    },
  },
];

export function toolDefinition(name: string): ToolDefinition | undefined {
  return TOOL_DEFINITIONS.find((t) => t.name === name);
}
