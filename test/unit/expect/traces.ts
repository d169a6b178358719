// Small model traces for the expectation tests: a flow of LLM and tool steps with known totals.
import type { Step, StepKind, Trace } from '../../../src/model/types';

const zeroCost = { input: 0, output: 0, cached: 0, thinking: 0, other: 0, total: 0 };
const zeroTokens = { input: 0, output: 0, cached: 0, thinking: 0 };

export function mkStep(kind: StepKind, name: string, start: number, over: Partial<Step> = {}): Step {
  return {
    id: `${name}-${start}`, kind, name, status: 'ok', start, end: start + 10, tokens: { ...zeroTokens }, cost: { ...zeroCost },
    detail: kind === 'tool' ? { kind: 'tool', tool: name, toolKey: name.toLowerCase().replace(/ /g, '_') } : kind === 'llm'
      ? { kind: 'llm', messages: [], tools: [], serverToolInvocations: [] } : { kind: 'generic' },
    children: [], ...over,
  };
}

/** A trace whose root flow holds `steps` (tool names; "llm" for an LLM call), one ms apart. */
export function mkTrace(steps: string[], o: { tokens?: number; cost?: number; durationMs?: number; error?: string } = {}): Trace {
  const children = steps.map((s, i) => (s === 'llm' ? mkStep('llm', 'chat', 1000 + i) : mkStep('tool', s, 1000 + i)));
  if (o.error) children.push(mkStep('tool', 'Broken tool', 2000, { status: 'error', error: o.error }));
  const root = mkStep('flow', 'Agent', 1000, { children, end: 1000 + (o.durationMs ?? 2000) });
  return {
    id: 't1', source: 'execute', title: 'Agent', status: o.error ? 'error' : 'ok', start: 1000, end: 1000 + (o.durationMs ?? 2000), currency: 'USD',
    tokens: { input: o.tokens ?? 1000, output: 0, cached: 0, thinking: 0 }, cost: { ...zeroCost, total: o.cost ?? 0.01 },
    roots: [root], stepCount: children.length + 1,
  };
}
