// The ExecutionSchema fast path (src/api/zaia/executionFast.ts) against zod itself: for every variant of every
// field, either the fast path declines (undefined) or it gives exactly zod's output, keys in zod's order.
import assert from 'node:assert/strict';
import { canonicalExecution } from '../../../src/api/zaia/executionFast';
import { ExecutionSchema, NestingsSchema } from '../../../src/api/zaia/schemas';

/** Values and key order, with undefined values made visible (deepStrictEqual alone ignores key order). */
const exact = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '(undefined)' : x));

const ABSENT = Symbol('absent');
const VARIANTS: Record<string, unknown[]> = {
  id: ['e1', '', 7, null, ABSENT],
  createdAt: [1_700_000_000_000, 0, -5, null, '1700000000000', ' 17 ', '2026-01-02T03:04:05Z', '2026-10-31T21:46:00.950Z', '2026-13-45',
    '1e999', '', Number.NaN, true, undefined, ABSENT],
  updatedAt: [1_700_000_000_900, null, '12', '2026-10-31 21:46:00', ABSENT],
  creditsUsed: [0.5, 0, null, '3', ' 2.5 ', '1e999', 'lots', -1, Infinity, undefined, ABSENT],
  detail: [{ type: 'agent-chat', input: { message: 'hi' } }, null, 'text', 0, [1], undefined, ABSENT],
  startedAt: [1_700_000_000_001, null, '1700000000001', '2026-10-31T21:46:00.000Z', ABSENT],
  endedAt: [1_700_000_000_002, null, 'soon', ABSENT],
  isAgentic: [true, false, null, 'true', 'false', 1, undefined, ABSENT],
  isPurged: [true, false, null, 'yes', ABSENT],
  parentId: ['p', '', null, 42, false, undefined, ABSENT],
  responderId: ['r', null, 3, ABSENT],
  status: ['completed', null, 1, ABSENT],
  workspaceId: ['w', null, {}, ABSENT],
  extra: ['kept', null, { deep: [1] }, undefined, ABSENT],
};

const base = (): Record<string, unknown> => ({
  workspaceId: 'w', id: 'e1', createdAt: 1, updatedAt: 2, creditsUsed: 0.25, detail: { type: 't' }, startedAt: 3, endedAt: 4,
  isAgentic: false, isPurged: false, parentId: 'p', responderId: 'r', status: 'completed', zExtra: 1,
});

function check(input: unknown): 'fast' | 'zod' {
  const fast = canonicalExecution(input);
  if (fast === undefined) return 'zod';
  const z = ExecutionSchema.safeParse(input);
  assert.ok(z.success, `the fast path accepted what zod rejects: ${exact(input)}`);
  assert.equal(exact(fast), exact(z.data), `input ${exact(input)}`);
  assert.deepEqual(fast, z.data);
  return 'fast';
}

describe('Zaia execution fast path', () => {
  it('gives zod\'s exact output, or declines, for every variant of every field', () => {
    let fast = 0;
    for (const [field, values] of Object.entries(VARIANTS)) {
      for (const v of values) {
        const input = base();
        if (v === ABSENT) delete input[field];
        else input[field] = v;
        if (check(input) === 'fast') fast++;
      }
    }
    assert.ok(fast > 30, `the fast path should take the canonical variants (took ${fast})`);
  });

  it('keeps zod\'s key order whatever order the fields came in, unknown fields last in their own order', () => {
    assert.equal(check({ zeta: 1, status: 's', id: 'a', alpha: 2, creditsUsed: 1 }), 'fast');
    assert.equal(check({ id: 'a' }), 'fast');
    assert.equal(check(JSON.parse('{"id":"a","__proto__":{"x":1}}')), 'zod');
    for (const v of [null, [], 'x', 3]) assert.equal(check(v), 'zod');
  });

  it('nestings: a list with one execution to coerce or report goes through zod whole, issues and paths unchanged', () => {
    const ok = { id: 'root', children: [{ id: 'c1', startedAt: 5 }, { id: 'c2', startedAt: '7', isAgentic: 'true' }] };
    const r = NestingsSchema.safeParse(ok);
    assert.ok(r.success);
    assert.equal(r.data.executions[2]!.startedAt, 7);
    assert.equal(r.data.executions[2]!.isAgentic, true);
    const bad = NestingsSchema.safeParse({ id: 'root', children: [{ id: 'c1' }, { id: 'c2', creditsUsed: 'lots' }] });
    assert.ok(!bad.success);
    assert.deepEqual(bad.error.issues.map((i) => i.path), [[2, 'creditsUsed']]);
  });
});
