// A small trace with known values for the browser tests: one of each kind, nesting, an error, a running step.
import type { CostBreakdown, Step, Trace } from '../../src/model/types';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const noCost = (): CostBreakdown => ({ input: 0, output: 0, cached: 0, thinking: 0, other: 0, total: 0 });
const noTokens = () => ({ input: 0, output: 0, cached: 0, thinking: 0 });

function step(id: string, kind: Step['kind'], name: string, start: number, end: number | undefined, detail: Step['detail'], children: Step[] = []): Step {
  return { id, kind, name, status: 'ok', start, end, tokens: noTokens(), cost: noCost(), detail, children };
}

export function fixtureTrace(): Trace {
  const llm = step('llm-1', 'llm', 'chat gpt-4o', T0 + 100, T0 + 1600, {
    kind: 'llm',
    provider: 'openai',
    model: 'gpt-4o-2024-08-06',
    messages: [
      { role: 'system', content: 'You are a weather bot.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'getWeather', arguments: { city: 'Paris' } }] },
      { role: 'tool', content: '{"temp": 21}', toolCallId: 'call_1' },
    ],
    tools: [{ name: 'getWeather', description: 'Current weather for a city', parameters: { type: 'object' } }],
    serverToolInvocations: [{ type: 'web_search', query: 'paris weather' }],
  });
  llm.tokens = { input: 1200, output: 300, cached: 200, thinking: 0 };
  llm.cost = { input: 0.003, output: 0.003, cached: 0.00025, thinking: 0, other: 0, total: 0.00625 };
  const tool = step('tool-1', 'tool', 'getWeather', T0 + 1700, T0 + 1900, {
    kind: 'tool',
    tool: 'getWeather',
    toolType: 'http',
    parameters: { city: 'Paris', units: 'metric' },
    result: { json: { temp: 21, sky: 'clear' } },
  });
  tool.cost.other = 0.001;
  tool.cost.total = 0.001;
  const failing = step('tool-2', 'tool', 'sendEmail', T0 + 2000, T0 + 2100, { kind: 'tool', tool: 'sendEmail', parameters: { to: 'a@example.com' } });
  failing.status = 'error';
  failing.error = 'SMTP 550: mailbox unavailable';
  const gate = step('gate-1', 'hitl', 'approval: sendEmail', T0 + 2200, T0 + 62_200, {
    kind: 'hitl',
    gateType: 'tool-approval',
    toolKey: 'sendEmail',
    proposedParameters: { to: 'b@example.com' },
    outboundMessage: 'May I send the forecast to b@example.com?',
    requestedAt: T0 + 2200,
    respondedAt: T0 + 62_200,
    respondedBy: 'alice@example.com',
    decision: 'approved',
    responseText: 'Go ahead',
    waitMs: 60_000,
  });
  const lookup = step('ret-1', 'retrieval', 'search knowledge base', T0 + 62_300, undefined, { kind: 'generic', input: { query: 'umbrella policy' } });
  lookup.status = 'running';
  const flow = step('flow-1', 'flow', 'forecast flow', T0 + 50, T0 + 62_250, { kind: 'generic' }, [llm, tool, failing, gate]);
  const root = step('agent-1', 'agent', 'weather-agent', T0, undefined, { kind: 'generic', input: { city: 'Paris' } }, [flow, lookup]);
  root.status = 'running';
  return {
    id: 'exec-42',
    source: 'stored',
    title: 'weather-agent run',
    agentId: 'agent-weather',
    agentName: 'Weather agent',
    revision: 3,
    environment: 'staging',
    status: 'running',
    start: T0,
    currency: 'USD',
    tokens: { input: 1200, output: 300, cached: 200, thinking: 0 },
    cost: { input: 0.003, output: 0.003, cached: 0.00025, thinking: 0, other: 0.001, total: 0.00725 },
    result: { fileLink: 'https://files.example.com/report.pdf' },
    parameters: { city: 'Paris' },
    roots: [root],
    stepCount: 7,
  };
}

/** A chain `depth` levels deep (depth + 1 steps): agent-loop-0 > agent-loop-1 > … > the deepest, step-`depth`. */
export function deepTrace(depth: number): Trace {
  let node = step(`step-${depth}`, 'llm', `step-${depth} deepest call`, T0 + depth, T0 + depth + 10, { kind: 'generic' });
  node.tokens = { input: 10, output: 5, cached: 0, thinking: 0 };
  for (let d = depth - 1; d >= 0; d--) {
    node = step(`step-${d}`, 'agent', `agent-loop-${d}`, T0 + d, T0 + 2 * depth - d + 20, { kind: 'generic' }, [node]);
  }
  return {
    id: `deep-${depth}`, source: 'stored', title: `deep ${depth}`, status: 'ok', start: T0, end: T0 + 2 * depth + 20, currency: 'USD',
    tokens: { input: 10, output: 5, cached: 0, thinking: 0 }, cost: noCost(), roots: [node], stepCount: depth + 1,
  };
}
