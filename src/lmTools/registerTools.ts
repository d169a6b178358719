// The language-model tools' implementations (loaded by the core from dist/agent.js), behind the shell's `vscode.lm.registerTool`
// registrations (src/agentShell.ts). Every tool answers plain text; "run agent" asks the person first, in
// `prepareInvocation`, with what will run where and with which parameters.
import * as vscode from 'vscode';
import { TOOL_DEFINITIONS, type ToolName } from '../agentTools/definitions';
import type { AgentTools } from '../agentTools/tools';
import { planRun, RunInput } from '../agentTools/runTool';
import type { ToolBackend } from '../agentTools/backend';
import type { CoreTool } from '../registry';
import type { Logger } from '../util/logger';

const INVOCATION: Record<ToolName, string> = {
  agentlens_listExecutions: 'Listing executions',
  agentlens_getTrace: 'Reading the trace',
  agentlens_findFailures: 'Finding failed executions',
  agentlens_compareExecutions: 'Comparing executions',
  agentlens_runAgent: 'Running the agent',
};

/** A cancellation token as an AbortSignal for the HTTP clients. */
export function signalOf(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const ac = new AbortController();
  if (token.isCancellationRequested) ac.abort();
  else token.onCancellationRequested(() => ac.abort());
  return ac.signal;
}

/** Each tool's implementation by name; the core registers them (src/core.ts) behind the shell's registrations. */
export function languageModelTools(tools: AgentTools, backend: ToolBackend, log: Logger): Map<string, CoreTool> {
  return new Map(TOOL_DEFINITIONS.map((def) => [def.name, {
    invoke: async (options, token) => {
      const started = performance.now();
      const text = await tools.invoke(def.name, options.input, signalOf(token));
      log.info(`${def.name} answered ${text.length} chars in ${(performance.now() - started).toFixed(0)} ms`);
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
    },
    prepareInvocation: async (options) => {
      if (def.name !== 'agentlens_runAgent') return { invocationMessage: `${INVOCATION[def.name]}…` };
      const input = RunInput.safeParse(options.input ?? {});
      // A malformed call is not confirmed here: invoke answers it with the error.
      if (!input.success) return { invocationMessage: `${INVOCATION[def.name]}…` };
      const plan = await planRun(backend, input.data).catch(() => undefined);
      if (!plan) return { invocationMessage: `${INVOCATION[def.name]}…` };
      // Plain text: the summary holds the caller's parameters, which must not render as Markdown.
      return {
        invocationMessage: `Running agent ${plan.agent}…`,
        confirmationMessages: { title: `Run agent ${plan.agent}?`, message: plan.summary },
      };
    },
  } satisfies CoreTool]));
}
