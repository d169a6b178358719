// A small hand-written trace with what the text renderers must get right: a failing tool, a conversation that
// grows over two LLM calls, content with backtick runs and Markdown, a long value, nested steps, a gate.
import { zeroCost, zeroTokens } from '../../../src/model/rollup';
import type { Step, Trace } from '../../../src/model/types';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);

function step(id: string, kind: Step['kind'], name: string, start: number, end: number, detail: Step['detail'], more: Partial<Step> = {}): Step {
  return { id, kind, name, status: 'ok', start, end, tokens: zeroTokens(), cost: zeroCost(), detail, children: [], ...more };
}

export function fixtureTrace(): Trace {
  const system = { role: 'system', content: 'You are a billing agent. Use tools; never guess an amount.' };
  const user = { role: 'user', content: 'Refund order **A-17** — it arrived broken.\n```\nnot code\n```' };
  const call1 = step('llm-1', 'llm', 'chat gpt-4o', T0 + 10, T0 + 1210, {
    kind: 'llm', provider: 'openai', model: 'gpt-4o', serverToolInvocations: [],
    tools: [{ name: 'lookupOrder' }, { name: 'issueRefund' }],
    messages: [system, user, { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookupOrder', arguments: { orderId: 'A-17' } }] }],
  }, {
    tokens: { input: 812, output: 31, cached: 0, thinking: 0 },
    cost: { input: 0.00203, output: 0.00031, cached: 0, thinking: 0, other: 0, total: 0.00234 },
  });
  const lookup = step('tool-1', 'tool', 'lookupOrder', T0 + 1220, T0 + 1300, {
    kind: 'tool', tool: 'lookupOrder', toolType: 'http', parameters: { orderId: 'A-17' },
    result: { json: { orderId: 'A-17', total: 129.9, note: 'x'.repeat(300) } },
  });
  const refund = step('tool-2', 'tool', 'issueRefund', T0 + 1400, T0 + 1650, {
    kind: 'tool', tool: 'issueRefund', parameters: { orderId: 'A-17', amount: 129.9 },
  }, { status: 'error', rawStatus: 'FAILED', error: 'PaymentGatewayError: card ````expired```` (code 402)' });
  const gate = step('gate-1', 'hitl', 'approval: issueRefund', T0 + 1310, T0 + 1390, {
    kind: 'hitl', gateType: 'tool-approval', toolKey: 'issueRefund', decision: 'APPROVE', respondedBy: 'alice@example.com', waitMs: 80,
    outboundMessage: 'Approve a refund of $129.90 for A-17?',
  });
  const call2 = step('llm-2', 'llm', 'chat gpt-4o', T0 + 1700, T0 + 2500, {
    kind: 'llm', provider: 'openai', model: 'gpt-4o', serverToolInvocations: [], tools: [],
    messages: [
      system, user, { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookupOrder', arguments: { orderId: 'A-17' } }] },
      { role: 'tool', content: '{"orderId":"A-17","total":129.9}', toolCallId: 'call_1' },
      { role: 'assistant', content: 'The refund failed: the card on file expired. Ask the customer for a new card.' },
    ],
    result: { text: 'The refund failed: the card on file expired. Ask the customer for a new card.' },
  }, {
    tokens: { input: 1020, output: 22, cached: 512, thinking: 0 },
    cost: { input: 0.00255, output: 0.00022, cached: 0.00064, thinking: 0, other: 0, total: 0.00341 },
  });
  const turn = step('turn-1', 'flow', 'turn 1', T0 + 5, T0 + 2600, { kind: 'generic', input: { question: user.content } }, {
    children: [call1, lookup, gate, refund, call2], status: 'error', error: 'issueRefund failed',
  });
  const root = step('agent-1', 'agent', 'billing-agent', T0, T0 + 2700, { kind: 'generic' }, { children: [turn], status: 'error', error: 'issueRefund failed' });
  return {
    id: 'rec-0001', source: 'projected', title: 'Billing | Agent', agentId: 'billing', agentName: 'Billing | Agent', revision: 7, environment: 'prod',
    status: 'error', rawStatus: 'FAILED', start: T0, end: T0 + 2700, currency: 'USD',
    tokens: { input: 1832, output: 53, cached: 512, thinking: 0 },
    cost: { input: 0.00458, output: 0.00053, cached: 0.00064, thinking: 0, other: 0, total: 0.00575 },
    result: { text: 'The refund failed: the card on file expired.' }, roots: [root], stepCount: 7,
  };
}
