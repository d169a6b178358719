// A realistic model Trace of exactly N steps for the bench: an agent running turns of flows, LLM calls with
// conversations and tool calls, tools with JSON parameters and results, approval gates, retrievals,
// nested sub-agents, and about 1% failures. Deterministic for a given seed.
import { mulberry32 as rng } from '../simulator/prng';
import { zeroCost, zeroTokens } from '../src/model/rollup';
import type { CostBreakdown, Step, StepKind, TokenCounts, Trace } from '../src/model/types';

const SYSTEM_PROMPT =
  'You are a support agent for an online store. Use the tools to look up orders, refunds and shipping. ' +
  'Ask for approval before issuing a refund above $50. Answer concisely and cite the order id.';
const TOOLS = ['lookupOrder', 'getShippingStatus', 'issueRefund', 'searchKnowledgeBase', 'sendEmail', 'getWeather'];
const WORDS = 'order refund shipping parcel delayed customer invoice address weather forecast account payment warehouse'.split(' ');


export function generateTrace(n: number, seed = 42): Trace {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const sentence = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ');
  const t0 = Date.UTC(2026, 10, 23, 9, 0, 0);
  let count = 0;
  const tokens = zeroTokens();
  const cost = zeroCost();

  const make = (kind: StepKind, name: string, start: number, detail: Step['detail']): Step => ({
    id: `step-${count++}`,
    kind,
    name,
    status: 'ok',
    start,
    end: start,
    tokens: zeroTokens(),
    cost: zeroCost(),
    detail,
    children: [],
  });

  const root = make('agent', 'support-agent', t0, { kind: 'generic', input: { question: sentence(12) } });
  const stack: { step: Step; cursor: number }[] = [{ step: root, cursor: t0 }];

  while (count < n) {
    const top = stack[stack.length - 1]!;
    const x = r();
    if (x < 0.06 && stack.length < 7) {
      const flow = make(r() < 0.3 ? 'agent' : 'flow', r() < 0.3 ? `sub-agent ${pick(TOOLS)}` : `turn ${count}`, top.cursor, {
        kind: 'generic',
        input: { goal: sentence(8) },
      });
      top.step.children.push(flow);
      stack.push({ step: flow, cursor: top.cursor });
      continue;
    }
    if (x < 0.12 && stack.length > 1 && top.step.children.length > 0) {
      stack.pop();
      top.step.end = top.cursor;
      stack[stack.length - 1]!.cursor = top.cursor;
      continue;
    }
    const leaf = makeLeaf(top.cursor);
    top.step.children.push(leaf);
    top.cursor = leaf.end! + Math.floor(r() * 20);
  }
  for (let k = stack.length - 1; k >= 0; k--) {
    const s = stack[k]!;
    s.step.end = s.cursor;
    if (k > 0) stack[k - 1]!.cursor = Math.max(stack[k - 1]!.cursor, s.cursor);
  }

  function makeLeaf(start: number): Step {
    const y = r();
    let s: Step;
    if (y < 0.45) {
      const tool = pick(TOOLS);
      const args = { orderId: `A-${Math.floor(r() * 1e6)}`, note: sentence(6) };
      s = make('llm', `chat ${pick(['gpt-4o', 'claude-sonnet-4', 'gemini-2.5-pro'])}`, start, {
        kind: 'llm',
        provider: pick(['openai', 'anthropic', 'google']),
        model: pick(['gpt-4o-2024-08-06', 'claude-sonnet-4-20250514', 'gemini-2.5-pro']),
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: `Customer asks: ${sentence(30)}?` },
          { role: 'assistant', content: sentence(20), toolCalls: [{ id: `call_${count}`, name: tool, arguments: args }] },
        ],
        tools: TOOLS.map((name) => ({ name, description: `${name}: ${sentence(6)}`, parameters: { type: 'object', properties: { orderId: { type: 'string' } } } })),
        serverToolInvocations: [],
      });
      s.tokens = { input: 800 + Math.floor(r() * 2000), output: 50 + Math.floor(r() * 400), cached: Math.floor(r() * 500), thinking: r() < 0.2 ? Math.floor(r() * 800) : 0 };
      s.cost = { input: s.tokens.input * 2.5e-6, output: s.tokens.output * 1e-5, cached: s.tokens.cached * 1.25e-6, thinking: s.tokens.thinking * 1e-5, other: 0, total: 0 };
      s.end = start + 300 + Math.floor(r() * 3000);
    } else if (y < 0.85) {
      const tool = pick(TOOLS);
      s = make('tool', tool, start, {
        kind: 'tool',
        tool,
        toolType: pick(['http', 'function', 'mcp']),
        parameters: { orderId: `A-${Math.floor(r() * 1e6)}`, query: sentence(5) },
        result: r() < 0.7 ? { json: { status: pick(WORDS), items: [sentence(4), sentence(4)], eta: '2026-11-25' } } : { text: sentence(40) },
      });
      s.cost.other = r() < 0.3 ? 0.001 : 0;
      s.end = start + 20 + Math.floor(r() * 800);
    } else if (y < 0.9) {
      const waitMs = 5000 + Math.floor(r() * 600_000);
      s = make('hitl', 'approval: issueRefund', start, {
        kind: 'hitl',
        requestId: `req-${count}`,
        gateType: 'tool-approval',
        toolKey: 'issueRefund',
        proposedParameters: { orderId: `A-${Math.floor(r() * 1e6)}`, amount: Math.floor(r() * 200) },
        outboundMessage: `Approve a refund? ${sentence(10)}`,
        requestedAt: start,
        respondedAt: start + waitMs,
        respondedBy: pick(['alice@example.com', 'bob@example.com']),
        decision: pick(['approved', 'rejected']),
        responseText: sentence(6),
        waitMs,
      });
      s.end = start + waitMs;
    } else {
      s = make('retrieval', 'search knowledge base', start, { kind: 'generic', input: { query: sentence(6) }, output: [sentence(20), sentence(20)] });
      s.end = start + 40 + Math.floor(r() * 300);
    }
    s.cost.total = s.cost.input + s.cost.output + s.cost.cached + s.cost.thinking + s.cost.other;
    if (r() < 0.01) {
      s.status = 'error';
      s.error = `${pick(['Timeout', 'HTTP 502', 'RateLimitError'])}: ${sentence(8)}`;
    }
    for (const k of ['input', 'output', 'cached', 'thinking'] as const) tokens[k] += s.tokens[k];
    for (const k of ['input', 'output', 'cached', 'thinking', 'other', 'total'] as const) cost[k] += s.cost[k];
    return s;
  }

  return {
    id: `bench-${n}-${seed}`,
    source: 'projected',
    title: `Bench trace (${n} steps)`,
    agentId: 'agent-support',
    agentName: 'Support agent',
    revision: 7,
    environment: 'production',
    status: 'ok',
    start: t0,
    end: root.end,
    currency: 'USD',
    tokens,
    cost,
    result: { text: 'Your refund for order A-123 was approved.' },
    parameters: { question: 'Where is my refund?' },
    roots: [root],
    stepCount: count,
  };
}
