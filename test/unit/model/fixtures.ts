// Trace fixtures written from seed 002 (projected trace) and seed 004 (execute), filled with the kind of
// content the simulator produces: a support agent that looks an order up, asks a human before a refund,
// and drafts a reply. Raw JSON is built here and parsed with the client's schemas, as the client would.
import { ExecuteResponseSchema, ExecutionRecordSchema, ProjectedTraceSchema, TraceResponseSchema } from '../../../src/api/fruxon/schemas';
import type { ExecuteResponse, ExecutionRecord, ProjectedTrace, TraceResponse } from '../../../src/api/fruxon/schemas';

export type Raw = Record<string, any>;

export const T0 = Date.UTC(2026, 9, 30, 9, 0, 0);

/** Seed 002's step with the optional traces null, as the service sends them. */
export function step(over: Raw): Raw {
  return {
    id: 'step', displayName: '', type: 'FLOW_STEP', llmStepTrace: null, toolTrace: null, hitlTrace: null, steps: [], result: null,
    status: 'SUCCESS', error: null, startTime: T0, endTime: T0 + 1000, duration: 1000, ...over,
  };
}

export function llm(id: string, over: Raw = {}, trace: Raw = {}): Raw {
  return step({
    id, displayName: 'chat gpt-4o', type: 'LLM_STEP',
    llmStepTrace: {
      providerId: 'openai', model: 'gpt-4o', inputTokens: 1200, outputTokens: 150, cachedTokens: 400, thinkingTokens: 0,
      inputCost: 0.002, outputCost: 0.0015, cachedCost: 0.0005,
      tools: [{ name: 'lookup_order', description: 'Find an order by id', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } }],
      llmMessages: [
        { role: 'system', content: 'You triage support tickets.' },
        { role: 'user', content: '{"ticket":"Where is order 1042?"}' },
        { role: 'assistant', content: 'Calling lookup_order.', toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: { orderId: '1042' } }] },
      ],
      serverToolInvocations: [],
      ...trace,
    },
    result: { strValue: 'Calling lookup_order.', jsonValue: null, fileLink: null },
    ...over,
  });
}

export function tool(id: string, over: Raw = {}, trace: Raw = {}): Raw {
  return step({
    id, displayName: 'Lookup order', type: 'TOOL',
    toolTrace: { tool: { key: 'lookup_order', name: 'Lookup order' }, displayName: 'Lookup order', toolType: 'AGENT_TOOL',
      parameters: { orderId: '1042' }, cost: 0.0001, ...trace },
    result: { strValue: null, jsonValue: { status: 'shipped', carrier: 'DHL' }, fileLink: null },
    ...over,
  });
}

export function gate(id: string, answered: boolean, over: Raw = {}): Raw {
  const requestedAt = T0 + 3000;
  return step({
    id, displayName: 'Approval: Issue refund', type: 'HITL', startTime: requestedAt,
    endTime: answered ? requestedAt + 60_000 : 0, duration: answered ? 60_000 : 0, status: answered ? 'SUCCESS' : 'UNSPECIFIED',
    hitlTrace: {
      requestId: '7d0c1f0e-2b9b-4c1e-9d55-1c2f3a4b5c6d', gateType: 'TOOL_FLOW_STEP', toolKey: 'issue_refund', stepIdentifier: 'issue_refund-3f',
      requestedAt, respondedAt: answered ? requestedAt + 60_000 : null, respondedBy: answered ? 'ops@acme.example' : null,
      decision: answered ? 'APPROVE' : null, responseText: answered ? 'Approved, go ahead.' : null,
      outboundMessage: 'Issue refund wants to run with {"orderId":"1042","amount":25}. Approve?',
      proposedParameters: { orderId: '1042', amount: 25 }, deliveryRoute: null, correlationToken: 'a1b2c3d4e5f6',
      durationMs: answered ? 60_000 : null,
    },
    result: answered ? { strValue: 'APPROVE', jsonValue: null, fileLink: null } : null,
    ...over,
  });
}

/** Root flow → [llm, tool, gate (answered), refund tool, flow → [llm]], 7 steps, all finished. */
export function supportTree(): Raw[] {
  return [step({
    id: 'root', displayName: 'Support Triage', startTime: T0, endTime: T0 + 90_000, duration: 90_000,
    result: { strValue: 'Refund issued; reply drafted.', jsonValue: null, fileLink: null },
    steps: [
      llm('llm-1'),
      tool('tool-1'),
      gate('gate-1', true),
      tool('tool-2', { displayName: 'Issue refund' },
        { tool: { key: 'issue_refund', name: 'Issue refund' }, displayName: 'Issue refund', parameters: { orderId: '1042', amount: 25 }, cost: null }),
      step({ id: 'flow-2', displayName: 'Draft reply', steps: [llm('llm-2', {}, { inputTokens: 800, outputTokens: 300, cachedTokens: 0,
        thinkingTokens: 120, inputCost: 0.001, outputCost: 0.003, cachedCost: 0 })] }),
    ],
  })];
}

export function projected(traces: Raw[], extra: Raw = {}): ProjectedTrace {
  return ProjectedTraceSchema.parse({ executionRecordId: 'rec-1', rawSpanCount: 7, traces, ...extra });
}

export function stored(traces: Raw[], status = 'COMPLETED', extra: Raw = {}): TraceResponse {
  return TraceResponseSchema.parse({
    status,
    trace: {
      agentExecutionRecordId: 'rec-1', agentId: 'support-triage', agentRevision: 6, createdAt: T0 - 100, parameters: { ticket: 'Where is order 1042?' },
      startTime: T0, endTime: T0 + 90_000, duration: 90_000, traces, result: { strValue: 'Refund issued; reply drafted.', jsonValue: null, fileLink: null },
      inputCost: 0.003, outputCost: 0.0045, totalCost: 0.008, ...extra,
    },
  });
}

/** Seed 004's response, verbatim. */
export const SEED_EXECUTE: Raw = {
  response: 'string',
  trace: {
    agentId: 'string', agentRevision: 0, createdAt: 0, parameters: {}, startTime: 0, endTime: 0, duration: 0,
    traces: [{ id: 'string', displayName: 'string', type: 'UNSPECIFIED', llmStepTrace: null, toolTrace: null, hitlTrace: null, steps: [],
      result: null, status: 'UNSPECIFIED', error: 'string', startTime: 0, endTime: 0, duration: 0 }],
    result: { strValue: 'string', jsonValue: null, fileLink: 'string' }, inputCost: 0, outputCost: 0, totalCost: 0,
  },
  sessionId: 'string', links: [{ fileId: 'string', fileType: 'string', promptLink: '<string:string/>' }],
  executionRecordId: '00000000-0000-0000-0000-000000000000', status: 'COMPLETED', humanApprovalRequestId: '00000000-0000-0000-0000-000000000000',
};

export function execute(raw: Raw): ExecuteResponse {
  return ExecuteResponseSchema.parse(raw);
}

export function record(over: Raw = {}): ExecutionRecord {
  return ExecutionRecordSchema.parse({
    id: 'rec-1', agentId: 'support-triage', agentRevision: 6, startTime: T0, endTime: T0 + 90_000, status: 'COMPLETED',
    inputTokens: 2000, outputTokens: 450, cachedTokens: 400, inputCost: 0.003, outputCost: 0.0045, cachedCost: 0.0005,
    thinkingCost: 0.0018, totalCost: 0.0098, environmentSlug: 'production', ...over,
  });
}

/** A chain `depth` steps deep, each step the only child of the one above. */
export function chain(depth: number, id = (i: number) => `s${i}`): Raw[] {
  const root = step({ id: id(0) });
  let cur = root;
  for (let i = 1; i < depth; i++) {
    const next = step({ id: id(i) });
    cur.steps.push(next);
    cur = next;
  }
  return [root];
}
