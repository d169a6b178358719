// Sequence alignment of two sibling lists (one level of two step trees). Pure and deterministic.
//
// Each step is reduced to a structural key (kind + normalized name + tool; see signature.ts), a kind and a
// content hash. The alignment minimises a cost (Needleman–Wunsch / weighted edit distance):
//   same key, same content    0   (the same step, done the same way)
//   same key, other content   1   (the same step, done differently: "changed")
//   same kind, other key      3   (a renamed step or another tool in the same place: "changed")
//   a step on one side only   2   (so two gaps, 4, beat pairing steps of different kinds, never paired)
// The table is filled from the end, so the forward walk that reads it prefers, among equal-cost alignments,
// pairing a step early over a gap: a loop that ran 3 times against 5 pairs the first 3 iterations, and a
// step only in A is listed before a step only in B at the same place.
//
// Cost stays linear in the steps: equal prefixes and suffixes are paired first without any table (two runs of
// one agent mostly agree); the DP table is used only while |A|·|B| ≤ DP_CELLS, so min(|A|,|B|) ≤ √DP_CELLS and a
// table costs at most √DP_CELLS·(|A|+|B|) cells — over a whole trace, at most 500 cells per step. A larger middle is cut at
// anchors — steps whose key and content occur exactly once on each side, kept when they are in the same order
// (longest increasing subsequence, patience-diff style) — and each piece is aligned again. A piece with no
// anchors and still too large falls back to pairing the k-th occurrence of each key on both sides, again kept
// only in order (LIS): O(n log n). After alignment a step only in A and a step only in B with the same key are
// paired as "moved" (reordered siblings), first by equal content, then by key, in list order.

export interface SideSeq {
  /** Interned structural key per step. */
  key: ArrayLike<number>;
  kind: ArrayLike<number>;
  /** Content hash per step. */
  content: ArrayLike<number>;
}

export interface Alignment {
  /** Index into A per merged position, -1 when only in B. */
  a: number[];
  /** Index into B per merged position, -1 when only in A. */
  b: number[];
  /** Paired after the alignment: the two sides ran this step at different positions. */
  moved: boolean[];
}

export const DP_CELLS = 250_000;
const GAP = 2;
const NEVER = 5;

function pairCost(A: SideSeq, i: number, B: SideSeq, j: number): number {
  if (A.key[i] === B.key[j]) return A.content[i] === B.content[j] ? 0 : 1;
  return A.kind[i] === B.kind[j] ? 3 : NEVER;
}

const same = (A: SideSeq, i: number, B: SideSeq, j: number) => A.key[i] === B.key[j] && A.content[i] === B.content[j];

export function alignSequences(A: SideSeq, B: SideSeq, n: number, m: number): Alignment {
  const out: Alignment = { a: [], b: [], moved: [] };
  alignRange(A, B, 0, n, 0, m, out);
  pairMoved(A, B, out);
  return out;
}

function emit(out: Alignment, i: number, j: number): void {
  out.a.push(i);
  out.b.push(j);
  out.moved.push(false);
}

function emitGaps(out: Alignment, i0: number, i1: number, j0: number, j1: number): void {
  for (let i = i0; i < i1; i++) emit(out, i, -1);
  for (let j = j0; j < j1; j++) emit(out, -1, j);
}

function alignRange(A: SideSeq, B: SideSeq, i0: number, i1: number, j0: number, j1: number, out: Alignment): void {
  // Equal prefix and suffix: no table needed.
  while (i0 < i1 && j0 < j1 && same(A, i0, B, j0)) emit(out, i0++, j0++);
  let s = 0;
  while (i1 - s > i0 && j1 - s > j0 && same(A, i1 - s - 1, B, j1 - s - 1)) s++;
  const n = i1 - s - i0;
  const m = j1 - s - j0;
  if (n === 0 || m === 0) emitGaps(out, i0, i1 - s, j0, j1 - s);
  else if (n * m <= DP_CELLS) alignDp(A, B, i0, n, j0, m, out);
  else if (!alignByAnchors(A, B, i0, i1 - s, j0, j1 - s, out)) alignByOccurrence(A, B, i0, i1 - s, j0, j1 - s, out);
  for (let k = s; k > 0; k--) emit(out, i1 - k, j1 - k);
}

function alignDp(A: SideSeq, B: SideSeq, i0: number, n: number, j0: number, m: number, out: Alignment): void {
  const w = m + 1;
  const d = new Uint32Array((n + 1) * w);
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n) d[i * w + j] = (m - j) * GAP;
      else if (j === m) d[i * w + j] = (n - i) * GAP;
      else {
        const diag = pairCost(A, i0 + i, B, j0 + j) + d[(i + 1) * w + j + 1]!;
        const del = GAP + d[(i + 1) * w + j]!;
        const ins = GAP + d[i * w + j + 1]!;
        d[i * w + j] = Math.min(diag, del, ins);
      }
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const here = d[i * w + j]!;
    if (i < n && j < m) {
      const c = pairCost(A, i0 + i, B, j0 + j);
      if (c < NEVER && here === c + d[(i + 1) * w + j + 1]!) {
        emit(out, i0 + i++, j0 + j++);
        continue;
      }
    }
    if (i < n && (j === m || here === GAP + d[(i + 1) * w + j]!)) emit(out, i0 + i++, -1);
    else emit(out, -1, j0 + j++);
  }
}

/** Longest strictly increasing subsequence of `ys` (indices into it), O(n log n); ties keep the earliest. */
export function lis(ys: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Int32Array(ys.length).fill(-1);
  for (let k = 0; k < ys.length; k++) {
    const y = ys[k]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ys[tails[mid]!]! < y) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const res = new Array<number>(tails.length);
  let k = tails.length > 0 ? tails[tails.length - 1]! : -1;
  for (let r = tails.length - 1; r >= 0; r--) {
    res[r] = k;
    k = prev[k]!;
  }
  return res;
}

/** Pairs in order (A index, B index) → aligned pieces between them. */
function alignBetween(A: SideSeq, B: SideSeq, pairs: [number, number][], i0: number, i1: number, j0: number, j1: number, out: Alignment, recurse: boolean): void {
  let pi = i0;
  let pj = j0;
  for (const [i, j] of pairs) {
    if (recurse) alignRange(A, B, pi, i, pj, j, out);
    else emitGaps(out, pi, i, pj, j);
    emit(out, i, j);
    pi = i + 1;
    pj = j + 1;
  }
  if (recurse) alignRange(A, B, pi, i1, pj, j1, out);
  else emitGaps(out, pi, i1, pj, j1);
}

const fullKey = (S: SideSeq, i: number) => `${S.key[i]}:${S.content[i]}`;

function alignByAnchors(A: SideSeq, B: SideSeq, i0: number, i1: number, j0: number, j1: number, out: Alignment): boolean {
  const countA = new Map<string, number>();
  for (let i = i0; i < i1; i++) {
    const k = fullKey(A, i);
    countA.set(k, countA.has(k) ? -1 : i);
  }
  const inB = new Map<string, number>();
  for (let j = j0; j < j1; j++) {
    const k = fullKey(B, j);
    inB.set(k, inB.has(k) ? -1 : j);
  }
  const cand: [number, number][] = [];
  for (let i = i0; i < i1; i++) {
    const k = fullKey(A, i);
    const j = inB.get(k);
    if (countA.get(k)! >= 0 && j !== undefined && j >= 0) cand.push([i, j]);
  }
  if (cand.length === 0) return false;
  const keep = lis(cand.map((c) => c[1]));
  alignBetween(A, B, keep.map((k) => cand[k]!), i0, i1, j0, j1, out, true);
  return true;
}

function alignByOccurrence(A: SideSeq, B: SideSeq, i0: number, i1: number, j0: number, j1: number, out: Alignment): void {
  const queues = new Map<number, number[]>();
  for (let j = j1 - 1; j >= j0; j--) {
    const q = queues.get(B.key[j]!);
    if (q) q.push(j);
    else queues.set(B.key[j]!, [j]);
  }
  const cand: [number, number][] = [];
  for (let i = i0; i < i1; i++) {
    const j = queues.get(A.key[i]!)?.pop();
    if (j !== undefined) cand.push([i, j]);
  }
  const keep = lis(cand.map((c) => c[1]));
  alignBetween(A, B, keep.map((k) => cand[k]!), i0, i1, j0, j1, out, false);
}

/** Steps only in A and only in B with the same key: the same step run at another position (reordered). */
function pairMoved(A: SideSeq, B: SideSeq, out: Alignment): void {
  const onlyB = new Map<string, number[]>();
  const byKey = new Map<number, number[]>();
  for (let p = 0; p < out.a.length; p++) {
    const j = out.b[p]!;
    if (out.a[p] !== -1) continue;
    const fk = fullKey(B, j);
    (onlyB.get(fk) ?? onlyB.set(fk, []).get(fk)!).push(p);
    (byKey.get(B.key[j]!) ?? byKey.set(B.key[j]!, []).get(B.key[j]!)!).push(p);
  }
  if (onlyB.size === 0) return;
  const taken = new Set<number>();
  // Queues are read through a cursor (no shift(): long queues of one key stay linear).
  const cursor = new Map<number[], number>();
  const take = (q: number[] | undefined): number | undefined => {
    if (!q) return undefined;
    let k = cursor.get(q) ?? 0;
    while (k < q.length && taken.has(q[k]!)) k++;
    cursor.set(q, k + 1);
    return k < q.length ? q[k] : undefined;
  };
  for (const exact of [true, false]) {
    for (let p = 0; p < out.a.length; p++) {
      const i = out.a[p]!;
      if (i === -1 || out.b[p] !== -1) continue;
      const q = take(exact ? onlyB.get(fullKey(A, i)) : byKey.get(A.key[i]!));
      if (q === undefined) continue;
      taken.add(q);
      out.b[p] = out.b[q]!;
      out.moved[p] = true;
    }
  }
  if (taken.size === 0) return;
  const keep = (_: unknown, p: number) => !taken.has(p);
  out.a = out.a.filter(keep);
  out.b = out.b.filter(keep);
  out.moved = out.moved.filter(keep);
}
