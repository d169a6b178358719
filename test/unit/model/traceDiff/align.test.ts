// The sibling aligner on its own: large lists take the anchored and the occurrence paths instead of a table
// (never |A|·|B| work), and still give a valid, in-order alignment.
import assert from 'node:assert/strict';
import { alignSequences, DP_CELLS, lis, type Alignment, type SideSeq } from '../../../../src/model/traceDiff/align';

function seq(keys: number[], content: number[] = keys.map((_, i) => i)): SideSeq {
  return { key: keys, kind: keys.map(() => 0), content };
}

/** Every index of both sides exactly once, and the pairs in increasing order on both sides (unless moved). */
function assertValid(al: Alignment, n: number, m: number): void {
  const as = al.a.filter((i) => i >= 0);
  const bs = al.b.filter((j) => j >= 0);
  assert.deepEqual([...as].sort((x, y) => x - y), Array.from({ length: n }, (_, i) => i));
  assert.deepEqual([...bs].sort((x, y) => x - y), Array.from({ length: m }, (_, j) => j));
  assert.deepEqual(as, [...as].sort((x, y) => x - y), 'A stays in its own order');
  const pairedB = al.b.filter((j, p) => j >= 0 && al.a[p]! >= 0 && !al.moved[p]);
  assert.deepEqual(pairedB, [...pairedB].sort((x, y) => x - y), 'pairs keep B in order');
}

describe('compare engine: sibling alignment', () => {
  it('longest increasing subsequence', () => {
    assert.deepEqual(lis([]), []);
    assert.deepEqual(lis([3, 1, 2, 5, 4]).map((k) => [3, 1, 2, 5, 4][k]), [1, 2, 4]);
    assert.deepEqual(lis([5, 4, 3]).length, 1);
  });

  it('a long list with one insertion and one removal far apart: anchors, no table', () => {
    const n = 5000; // 25 M cells: far past DP_CELLS
    assert.ok(n * n > DP_CELLS);
    const keys = Array.from({ length: n }, (_, i) => i % 7);
    const content = Array.from({ length: n }, (_, i) => i);
    const bKeys = [...keys.slice(0, 1000), 99, ...keys.slice(1000, 4000), ...keys.slice(4001)];
    const bContent = [...content.slice(0, 1000), -1, ...content.slice(1000, 4000), ...content.slice(4001)];
    const al = alignSequences(seq(keys, content), seq(bKeys, bContent), n, n);
    assertValid(al, n, n);
    const onlyA = al.a.filter((i, p) => al.b[p] === -1);
    const onlyB = al.b.filter((j, p) => al.a[p] === -1);
    assert.deepEqual(onlyA, [4000]);
    assert.deepEqual(onlyB, [1000]);
  });

  it('a long list with no unique step: pairs the k-th occurrence of each key, in order', () => {
    const n = 1200;
    const a = Array.from({ length: n }, (_, i) => i % 2);
    const b = Array.from({ length: n }, (_, i) => (i + 1) % 2);
    const same = new Array<number>(n).fill(0);
    const al = alignSequences(seq(a, same), seq(b, same), n, n);
    assertValid(al, n, n);
    const paired = al.a.filter((i, p) => i >= 0 && al.b[p]! >= 0 && !al.moved[p]).length;
    assert.ok(paired >= n / 2 - 1, `paired ${paired}`);
  });

  it('small lists use the table: a gap in the middle is placed where it is', () => {
    const al = alignSequences(seq([1, 2, 3, 4], [1, 2, 3, 4]), seq([1, 2, 9, 3, 4], [1, 2, 9, 3, 4]), 4, 5);
    assert.deepEqual(al.a, [0, 1, -1, 2, 3]);
    assert.deepEqual(al.b, [0, 1, 2, 3, 4]);
  });
});
