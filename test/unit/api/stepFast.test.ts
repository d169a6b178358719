// The TraceStep fast path (src/api/fruxon/stepFast.ts) against zod itself: its tables list the schemas' fields in
// the schemas' order, and for every variant of every field (nested traces included) it either declines
// (undefined) or gives exactly zod's output, keys in zod's order.
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { HITL_FIELDS, LLM_FIELDS, RESULT_FIELDS, STEP_FIELDS, TOOL_FIELDS, canonicalStep } from '../../../src/api/fruxon/stepFast';
import type { Fields } from '../../../src/api/fruxon/stepFast';
import { HitlTraceSchema, LlmStepTraceSchema, StepResultSchema, ToolTraceSchema, TraceStepSchema } from '../../../src/api/fruxon/traceSchemas';
import { parseProjectedTrace } from '../../../src/api/fruxon/deepParse';

const exact = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '(undefined)' : x));
const shapeKeys = (s: unknown): string[] => Object.keys((s as z.ZodObject).shape);

const ABSENT = Symbol('absent');
const VARIANTS: unknown[] = [
  ABSENT, null, undefined, 'text', '', '12', ' 7.5 ', '2026-01-02T03:04:05Z', '2026-13-45', 3, 0, -1.5, Infinity, Number.NaN, true, false,
  { a: 1 }, [1, 'x'], [],
];

const baseStep = (): Record<string, unknown> => ({
  id: 's1', displayName: 'Step', type: 'LLM_STEP', status: 'SUCCESS', error: null, startTime: 1_700_000_000_000, endTime: 1_700_000_000_500,
  duration: 500, steps: [], extra: { kept: true },
  llmStepTrace: {
    providerId: 'openai', model: 'gpt', inputTokens: 10, outputTokens: 5, cachedTokens: 0, thinkingTokens: 0, inputCost: 0.1, outputCost: 0.2,
    cachedCost: 0, tools: [], llmMessages: [{ role: 'user', content: 'hi' }], serverToolInvocations: [], vendor: 'x',
  },
  toolTrace: { tool: { key: 'k', name: 'n' }, displayName: 'Tool', toolType: 'MCP', parameters: { q: 1 }, cost: 0.01 },
  hitlTrace: { requestId: 'r', gateType: 'APPROVAL', requestedAt: 1_700_000_000_100, decision: 'APPROVED', responseText: 'ok', durationMs: 3 },
  result: { strValue: 'done', jsonValue: { a: 1 }, fileLink: null },
});

function check(input: unknown): 'fast' | 'zod' {
  const fast = canonicalStep(input);
  if (fast === undefined) return 'zod';
  const z = TraceStepSchema.safeParse(input);
  assert.ok(z.success, `the fast path accepted what zod rejects: ${exact(input)}`);
  assert.equal(exact(fast), exact(z.data), `input ${exact(input)}`);
  assert.deepEqual(fast, z.data);
  return 'fast';
}

describe('Fruxon step fast path', () => {
  it('lists every schema field, in the schema\'s order', () => {
    const pairs: [unknown, Fields][] = [
      [TraceStepSchema, STEP_FIELDS], [LlmStepTraceSchema, LLM_FIELDS], [ToolTraceSchema, TOOL_FIELDS], [HitlTraceSchema, HITL_FIELDS],
      [StepResultSchema, RESULT_FIELDS],
    ];
    for (const [schema, fields] of pairs) assert.deepEqual(fields.map(([k]) => k), shapeKeys(schema));
  });

  it('gives zod\'s exact output, or declines, for every variant of every field at every level', () => {
    let fast = 0;
    const variants = (into: Record<string, unknown>, fields: Fields, at: (s: Record<string, unknown>) => Record<string, unknown>): void => {
      for (const [k] of [...fields, ['unknownField']] as const) {
        for (const v of VARIANTS) {
          const s = baseStep();
          const target = at(s);
          if (v === ABSENT) delete target[k];
          else target[k] = v;
          if (check(s) === 'fast') fast++;
        }
      }
      void into;
    };
    variants({}, STEP_FIELDS, (s) => s);
    variants({}, LLM_FIELDS, (s) => s.llmStepTrace as Record<string, unknown>);
    variants({}, TOOL_FIELDS, (s) => s.toolTrace as Record<string, unknown>);
    variants({}, HITL_FIELDS, (s) => s.hitlTrace as Record<string, unknown>);
    variants({}, RESULT_FIELDS, (s) => s.result as Record<string, unknown>);
    assert.ok(fast > 300, `the fast path should take the usual variants (took ${fast})`);
    assert.equal(check(baseStep()), 'fast');
    assert.equal(check({ ...baseStep(), steps: [{ id: 'child' }] }), 'zod');
  });

  it('a bad field deep in a big trace is still reported by zod with its full path', () => {
    const leaf = { id: 'c', startTime: 1, llmStepTrace: { inputTokens: 'many' } };
    const r = parseProjectedTrace({ executionRecordId: 'x', rawSpanCount: 1, traces: [{ ...baseStep(), steps: [baseStep(), { ...baseStep(), steps: [leaf] }] }] });
    assert.ok(!r.success);
    assert.deepEqual(r.error.issues[0]!.path, ['traces', 0, 'steps', 1, 'steps', 0, 'llmStepTrace', 'inputTokens']);
  });
});
