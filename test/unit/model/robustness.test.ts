// What the mapper must survive: schema drift (PascalCase, numbers, unknown enums, missing and extra
// fields), repeated or missing ids, very deep and very large trees.
import assert from 'node:assert/strict';
import type { TraceStep } from '../../../src/api/fruxon/schemas';
import { fromProjectedTrace, mapSteps } from '../../../src/model/fruxonTrace';
import { countSteps, walk } from '../../../src/model/rollup';
import type { Step } from '../../../src/model/types';
import { T0, chain, gate, llm, projected, step, supportTree, tool } from './fixtures';
import type { Raw } from './fixtures';

function allIds(roots: readonly Step[]): string[] {
  const ids: string[] = [];
  walk(roots, (s) => {
    ids.push(s.id);
  });
  return ids;
}

describe('model: Fruxon mapping robustness', () => {
  it('accepts PascalCase and numeric enums, keeping the spelling that came', () => {
    const [a, b, c, d] = fromProjectedTrace(projected([
      llm('a', { type: 'LlmStep', status: 'Success' }), tool('b', { type: 'Tool', status: 'Error', error: null }),
      step({ id: 'c', type: 'FlowStep', status: 1 }), llm('d', { type: 2, status: 2 }),
    ])).roots;
    assert.deepEqual([a?.kind, a?.status, a?.rawType, a?.rawStatus], ['llm', 'ok', 'LlmStep', 'Success']);
    assert.deepEqual([b?.kind, b?.status, b?.rawType, b?.rawStatus], ['tool', 'error', 'Tool', 'Error']);
    assert.deepEqual([c?.kind, c?.status, c?.rawType, c?.rawStatus], ['flow', 'ok', 'FlowStep', '1']);
    assert.deepEqual([d?.kind, d?.status, d?.rawType, d?.rawStatus], ['llm', 'error', '2', '2']);
  });

  it('keeps unknown types and statuses as other/unknown, and still counts their tokens and cost', () => {
    const t = fromProjectedTrace(projected([
      llm('q', { type: 'QUANTUM_X', status: 'QUANTUM_PENDING' }), tool('r', { type: 'QUANTUM_Y' }),
      llm('o', { type: 'QUANTUM_X', status: 'QUANTUM_PENDING', endTime: 0 }),
    ]));
    const [q, r, o] = t.roots;
    assert.deepEqual([q?.kind, q?.rawType, q?.status, q?.rawStatus], ['other', 'QUANTUM_X', 'unknown', 'QUANTUM_PENDING']);
    assert.equal(q?.detail.kind, 'generic');
    assert.deepEqual(q?.detail.kind === 'generic' && q.detail.result, { text: 'Calling lookup_order.' });
    assert.equal((q?.attributes?.llmStepTrace as Raw | undefined)?.model, 'gpt-4o', 'the unshown trace stays inspectable');
    assert.equal(q?.name, 'chat gpt-4o');
    assert.deepEqual(r?.detail, { kind: 'generic', input: { orderId: '1042' }, result: { json: { status: 'shipped', carrier: 'DHL' } } });
    assert.equal(o?.status, 'running', 'an open step is running whatever its status says');
    assert.equal(t.tokens.input, 2400);
    assert.equal(t.cost.other, 0.0001);
    assert.equal(t.status, 'running', 'derived: one root is still open');
  });

  it('infers the kind of a step whose type is unset from the trace it carries', () => {
    const [a, b, c] = fromProjectedTrace(projected([llm('a', { type: 'UNSPECIFIED' }), tool('b', { type: null }), step({ id: 'c', type: 0 })])).roots;
    assert.deepEqual([a?.kind, b?.kind, c?.kind], ['llm', 'tool', 'other']);
    assert.deepEqual([a?.rawType, b?.rawType, c?.rawType], ['UNSPECIFIED', 'UNSPECIFIED', '0']);
  });

  it('maps steps with only the required fields (missing optional fields)', () => {
    const t = fromProjectedTrace(projected([{ id: 'm', startTime: T0, steps: [{ id: 'n', type: 'LLM_STEP', startTime: T0, llmStepTrace: {} },
      { id: 'o', type: 'TOOL', startTime: T0, toolTrace: {} }, { id: 'p', type: 'HITL', startTime: T0, hitlTrace: {} }] }]));
    const [m] = t.roots;
    assert.deepEqual([m?.kind, m?.status, m?.name, m?.end], ['other', 'running', 'UNSPECIFIED', undefined]);
    const [n, o, p] = m?.children ?? [];
    assert.deepEqual(n?.detail, { kind: 'llm', messages: [], tools: [], serverToolInvocations: [] });
    assert.deepEqual(n?.tokens, { input: 0, output: 0, cached: 0, thinking: 0 });
    assert.deepEqual(o?.detail, { kind: 'tool' });
    assert.deepEqual(p?.detail, { kind: 'hitl' });
    assert.deepEqual([n?.name, o?.name, p?.name], ['LLM call', 'Tool call', 'Approval']);
  });

  it('keeps fields it has no slot for as attributes', () => {
    const s = fromProjectedTrace(projected([tool('x', { x_sim_extra: { note: 'new' }, spanKind: 'CLIENT' })])).roots[0];
    assert.deepEqual(s?.attributes, { x_sim_extra: { note: 'new' }, spanKind: 'CLIENT' });
    const seed = fromProjectedTrace(projected([step({ id: 'g', type: 'TOOL', llmStepTrace: llm('').llmStepTrace, hitlTrace: gate('', true).hitlTrace,
      toolTrace: tool('').toolTrace })])).roots[0];
    assert.equal(seed?.kind, 'hitl', 'seed 002 carries every trace; a hitlTrace makes it a gate');
    assert.ok(seed?.attributes?.llmStepTrace && seed.attributes.toolTrace, 'the other two stay inspectable');
    assert.equal(seed?.tokens.input, 1200);
  });

  it('makes ids unique when the source repeats or omits them, keeping the source id', () => {
    const t = fromProjectedTrace(projected([
      step({ id: 'dup', steps: [tool('dup'), tool(''), tool('dup'), step({ id: '', steps: [tool('')] })] }),
      step({ id: '#2' }), step({ id: 'dup' }), step({ id: '' }),
    ]));
    const ids = allIds(t.roots);
    assert.equal(new Set(ids).size, ids.length);
    // The third root's derived `#2` is taken by a source id, so it gets a suffix.
    assert.deepEqual(ids, ['dup', 'dup/0', 'dup/1', 'dup/2', 'dup/3', 'dup/3/0', '#2', '#2~2', '#3']);
    assert.equal(t.roots[0]?.children[0]?.attributes?.sourceId, 'dup');
    assert.equal(t.roots[0]?.children[1]?.attributes?.sourceId, undefined, 'an omitted id has nothing to keep');
  });

  it('keeps derived ids short in a deep chain without ids', () => {
    const roots = mapSteps(chain(400, () => '') as unknown as TraceStep[]).roots;
    const ids = allIds(roots);
    assert.equal(new Set(ids).size, 400);
    assert.ok(Math.max(...ids.map((i) => i.length)) <= 160);
  });

  it('maps a chain 5,000 steps deep without overflowing the stack', () => {
    // Built as typed objects: the client's recursive zod schema itself stops at about 640 levels.
    const t = fromProjectedTrace({ executionRecordId: 'deep', rawSpanCount: 5000, traces: chain(5000) as unknown as TraceStep[] });
    assert.equal(t.stepCount, 5000);
    assert.equal(countSteps(t.roots), 5000);
    let deepest = 0;
    walk(t.roots, (_s, depth) => {
      deepest = Math.max(deepest, depth);
    });
    assert.equal(deepest, 4999);
    assert.equal(t.status, 'ok');
  });

  it('maps 100,000 steps (wide and nested) with every step counted', () => {
    // Shallow copies of two prototypes: building 100,000 full fixtures would take longer than mapping them.
    const protoLlm = llm('');
    const protoTool = tool('');
    const batches: Raw[] = [];
    for (let b = 0; b < 1000; b++) {
      const kids: Raw[] = [];
      for (let i = 0; i < 99; i++) kids.push(i % 3 === 0 ? { ...protoLlm, id: `l${b}-${i}` } : { ...protoTool, id: `t${b}-${i}` });
      batches.push(step({ id: `b${b}`, steps: kids }));
    }
    const t = fromProjectedTrace({ executionRecordId: 'big', rawSpanCount: 100_000, traces: batches as unknown as TraceStep[] });
    assert.equal(t.stepCount, 100_000);
    assert.equal(t.tokens.input, 1000 * 33 * 1200);
  });

  it('keeps the source order of children', () => {
    const t = fromProjectedTrace(projected(supportTree()));
    assert.deepEqual(allIds(t.roots), ['root', 'llm-1', 'tool-1', 'gate-1', 'tool-2', 'flow-2', 'llm-2']);
  });
});
