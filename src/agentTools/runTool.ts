// "Run agent": one `:execute`, never re-sent (the HTTP layer retries a POST only when it provably never left),
// answered with the execution id, status, result and a short outline. What will run is described first, for
// the confirmation the VS Code tool asks for (`describeRun`), because a run spends money.
import { z } from 'zod';
import { fromExecuteResponse } from '../model/fruxonTrace';
import { parseRunFile, toExecuteRequest, type RunSpec } from '../model/runFile';
import { traceOutline } from '../model/agentText/traceOutline';
import { estimateTokens, oneLine, resultText } from '../model/agentText/text';
import type { ToolBackend } from './backend';
import { pickConnection, ToolInputError } from './refs';

export const RunInput = z.object({
  agent: z.string().optional(), connection: z.string().optional(), runFile: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(), environment: z.string().optional(), maxTokens: z.number().int().min(1).max(100_000).optional(),
});
export type RunInput = z.infer<typeof RunInput>;

export interface PlannedRun {
  agent: string;
  connection: string;
  spec: RunSpec;
  /** For the confirmation: what runs where, with which parameters. */
  summary: string;
}

export async function planRun(backend: ToolBackend, input: RunInput): Promise<PlannedRun> {
  let spec: RunSpec = { isRunFile: false, parameters: {} };
  if (input.runFile) {
    const { text, path } = await backend.readText(input.runFile);
    spec = parseRunFile(text, path);
  }
  const agent = input.agent ?? spec.agent;
  if (!agent) throw new ToolInputError('Pass "agent" (or a run file that names its agent).');
  const connection = pickConnection(backend, 'fruxon', input.connection ?? spec.connection).id;
  spec = {
    ...spec,
    parameters: { ...spec.parameters, ...(input.parameters ?? {}) },
    ...(input.environment ? { environmentSlug: input.environment } : {}),
  };
  const params = JSON.stringify(spec.parameters);
  const summary = `Run agent ${agent} on ${connection}${spec.environmentSlug ? ` in environment ${spec.environmentSlug}` : ''}`
    + `${spec.revision !== undefined ? ` at revision ${spec.revision}` : ''}${spec.mode ? ` (${spec.mode})` : ''} with parameters ${oneLine(params, 400)}`
    + `${input.runFile ? ` from ${input.runFile}` : ''}. The run may cost money and is sent once.`;
  return { agent, connection, spec, summary };
}

export async function runAgentTool(backend: ToolBackend, input: RunInput, signal?: AbortSignal): Promise<string> {
  const plan = await planRun(backend, input);
  const client = await backend.fruxon(plan.connection);
  if (!client) throw new ToolInputError(`Not signed in to ${plan.connection}.`);
  const body = toExecuteRequest(plan.spec);
  const opts = signal ? { signal } : {};
  const response = plan.spec.revision !== undefined
    ? await client.executeRevision(plan.agent, plan.spec.revision, body, opts)
    : await client.execute(plan.agent, body, opts);
  const trace = fromExecuteResponse(response);
  const budget = Math.max(400, input.maxTokens ?? 2000);
  const head = [
    `Ran agent ${plan.agent} once: execution ${response.executionRecordId ?? trace.id} · status ${response.status ?? trace.status}`
      + `${response.humanApprovalRequestId ? ` · waiting for approval ${response.humanApprovalRequestId}` : ''}.`,
    `Result: ${oneLine(resultText(trace.result) || response.response || '(none)', 600)}`,
    '',
  ].join('\n');
  // The outline gets what the head leaves of the budget.
  const room = budget - estimateTokens(head) - 1;
  if (room < 400) return `${head}[no room for the trace outline in ${budget} tokens; get trace reads it]`;
  return head + traceOutline(trace, { maxTokens: room, previewChars: 60 }).text;
}
