// Hand-built model traces for the compare engine's tests: small, readable, each field chosen on purpose.
import { zeroCost, zeroTokens } from '../../../../src/model/rollup';
import type { Step, StepKind, Trace } from '../../../../src/model/types';

let seq = 0;
const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

function base(kind: StepKind, name: string, detail: Step['detail'], children: Step[] = []): Step {
  // Ids and times differ on every build, as they do between two runs: the engine must not look at them.
  const start = T0 + seq * 1000;
  return { id: `s${seq++}-${Math.random().toString(36).slice(2, 8)}`, kind, name, status: 'ok', start, end: start + 500, tokens: zeroTokens(), cost: zeroCost(), detail, children };
}

export function agent(name: string, children: Step[], input?: unknown): Step {
  return base('agent', name, { kind: 'generic', input }, children);
}

export function flow(name: string, children: Step[]): Step {
  return base('flow', name, { kind: 'generic' }, children);
}

export function llm(answer: string, opts: { system?: string; user?: string; calls?: { name: string; arguments: unknown }[]; tokens?: number } = {}): Step {
  const s = base('llm', 'chat gpt-4o', {
    kind: 'llm',
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: opts.system ?? 'You are a support agent.' },
      { role: 'user', content: opts.user ?? 'Where is order 1042?' },
      { role: 'assistant', content: answer, ...(opts.calls ? { toolCalls: opts.calls } : {}) },
    ],
    tools: [],
    serverToolInvocations: [],
    result: { text: answer },
  });
  s.tokens = { input: opts.tokens ?? 1000, output: 100, cached: 0, thinking: 0 };
  s.cost = { ...zeroCost(), input: 0.002, output: 0.001, total: 0.003 };
  return s;
}

export function tool(name: string, parameters: unknown, result: unknown = { ok: true }): Step {
  return base('tool', name, { kind: 'tool', tool: name, parameters, result: { json: result } });
}

export function failed(s: Step, error: string): Step {
  s.status = 'error';
  s.error = error;
  return s;
}

export function trace(roots: Step[], parameters?: unknown): Trace {
  let count = 0;
  const stack = roots.slice();
  while (stack.length) {
    const s = stack.pop()!;
    count++;
    stack.push(...s.children);
  }
  const start = roots[0]?.start ?? T0;
  return {
    id: `t${seq++}`, source: 'otlp', title: 'support agent', status: 'ok', start, end: start + 60_000, currency: 'USD',
    tokens: zeroTokens(), cost: zeroCost(), parameters, roots, stepCount: count,
  };
}
