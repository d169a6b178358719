// The tools' names alone, for the core (which registers a forwarder per tool without loading their definitions).
export const TOOL_NAMES = ['agentlens_listExecutions', 'agentlens_getTrace', 'agentlens_findFailures', 'agentlens_compareExecutions', 'agentlens_runAgent'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
