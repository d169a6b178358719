// Rollups and traversals over mapped steps.
import assert from 'node:assert/strict';
import { fromProjectedTrace } from '../../../src/model/fruxonTrace';
import { countSteps, errorSteps, subtreeTotals, traceTotals, walk } from '../../../src/model/rollup';
import type { Step } from '../../../src/model/types';
import { chain, projected, step, supportTree, tool } from './fixtures';
import type { TraceStep } from '../../../src/api/fruxon/schemas';

describe('model: rollups', () => {
  const t = fromProjectedTrace(projected(supportTree()));
  const root = t.roots[0] as Step;
  const draft = root.children[4] as Step;

  it('sums a subtree: the step itself and every descendant', () => {
    assert.deepEqual(subtreeTotals(draft).tokens, { input: 800, output: 300, cached: 0, thinking: 120 });
    assert.equal(subtreeTotals(draft).cost.output, 0.003);
    const all = subtreeTotals(root);
    assert.deepEqual(all.tokens, { input: 2000, output: 450, cached: 400, thinking: 120 });
    assert.ok(Math.abs(all.cost.total - (0.002 + 0.0015 + 0.0005 + 0.0001 + 0.001 + 0.003)) < 1e-12);
    assert.deepEqual(subtreeTotals(root.children[1] as Step).cost, { input: 0, output: 0, cached: 0, thinking: 0, other: 0.0001, total: 0.0001 });
  });

  it('sums a forest, and the trace header agrees with it', () => {
    const sums = traceTotals(t.roots);
    assert.deepEqual(sums.tokens, t.tokens);
    assert.deepEqual(sums.cost, t.cost);
    assert.deepEqual(traceTotals([]).tokens, { input: 0, output: 0, cached: 0, thinking: 0 });
  });

  it('counts steps', () => {
    assert.equal(countSteps(t.roots), 7);
    assert.equal(countSteps([draft]), 2);
    assert.equal(countSteps([]), 0);
  });

  it('walks in pre-order with depths, and can skip a subtree', () => {
    const seen: string[] = [];
    walk(t.roots, (s, depth) => {
      seen.push(`${depth}:${s.id}`);
    });
    assert.deepEqual(seen, ['0:root', '1:llm-1', '1:tool-1', '1:gate-1', '1:tool-2', '1:flow-2', '2:llm-2']);
    const pruned: string[] = [];
    walk(t.roots, (s) => {
      pruned.push(s.id);
      return s.kind !== 'flow' || s.id === 'root';
    });
    assert.deepEqual(pruned, ['root', 'llm-1', 'tool-1', 'gate-1', 'tool-2', 'flow-2']);
  });

  it('lists error steps top to bottom', () => {
    const e = fromProjectedTrace(projected([
      step({ id: 'a', status: 'ERROR', steps: [tool('b'), step({ id: 'c', status: 'ERROR', steps: [tool('d', { error: 'boom' })] })] }),
      tool('e', { status: 'ERROR' }),
    ]));
    assert.deepEqual(errorSteps(e.roots).map((s) => s.id), ['a', 'c', 'd', 'e']);
    assert.deepEqual(errorSteps(t.roots), []);
  });

  it('handles a 5,000-deep chain in every traversal', () => {
    const deep = fromProjectedTrace({ executionRecordId: 'd', rawSpanCount: 0, traces: chain(5000) as unknown as TraceStep[] }).roots;
    assert.equal(countSteps(deep), 5000);
    assert.equal(subtreeTotals(deep[0] as Step).tokens.input, 0);
    let n = 0;
    walk(deep, () => {
      n++;
    });
    assert.equal(n, 5000);
    assert.deepEqual(errorSteps(deep), []);
  });
});
