// Pure operations over the outline for the virtualized tree: which rows are visible, sibling positions
// for ARIA, search masks, navigation. Every one is a single pass over typed arrays (100k steps: ~1 ms).
import type { OutlineView } from '../../src/shared/outlineWire';

/** Sibling position (1-based) and set size of every step, for aria-posinset/aria-setsize. */
export function siblingPositions(o: OutlineView): { pos: Int32Array; setSize: Int32Array } {
  const n = o.ids.length;
  const pos = new Int32Array(n);
  const setSize = new Int32Array(n);
  const seen = new Int32Array(n);
  let roots = 0;
  for (let i = 0; i < n; i++) {
    const p = o.parent[i]!;
    pos[i] = p < 0 ? ++roots : ++seen[p]!;
  }
  for (let i = 0; i < n; i++) {
    const p = o.parent[i]!;
    setSize[i] = p < 0 ? roots : o.childCount[p]!;
  }
  return { pos, setSize };
}

/**
 * Pre-order indices of the rows to show: not under a collapsed step and, when a filter is given, marked in it
 * (a filter marks matches and their ancestors, so an unmarked step's whole subtree is skipped).
 */
export function visibleRows(o: OutlineView, collapsed: Uint8Array, filter: Uint8Array | null): Int32Array {
  const n = o.ids.length;
  const out = new Int32Array(n);
  const size = o.size;
  let count = 0;
  let i = 0;
  while (i < n) {
    if (filter && !filter[i]) {
      i += size[i]!;
      continue;
    }
    out[count++] = i;
    i += collapsed[i] ? size[i]! : 1;
  }
  return out.subarray(0, count);
}

/** 2 for a match, 1 for an ancestor of one, 0 otherwise; `ranges` are half-open [start, end) pairs. */
export function searchMask(o: OutlineView, ranges: readonly number[]): Uint8Array {
  const mask = new Uint8Array(o.ids.length);
  for (let r = 0; r < ranges.length; r += 2) {
    const end = Math.min(ranges[r + 1]!, mask.length);
    for (let m = ranges[r]!; m < end; m++) {
      const seen = mask[m] !== 0;
      mask[m] = 2;
      if (seen) continue;
      for (let i = o.parent[m]!; i >= 0 && mask[i] === 0; i = o.parent[i]!) mask[i] = 1;
    }
  }
  return mask;
}

/** The first match after `from` (dir 1) or before it (dir -1), wrapping around; -1 when there is none. */
export function nextInRanges(ranges: readonly number[], from: number, dir: 1 | -1): number {
  const n = ranges.length;
  if (n === 0) return -1;
  if (dir === 1) {
    for (let r = 0; r < n; r += 2) {
      if (ranges[r + 1]! - 1 > from) return Math.max(ranges[r]!, from + 1);
    }
    return ranges[0]!;
  }
  for (let r = n - 2; r >= 0; r -= 2) {
    if (ranges[r]! < from) return Math.min(ranges[r + 1]! - 1, from - 1);
  }
  return ranges[n - 1]! - 1;
}

/** 0-based position of a match among all matches, or -1. */
export function ordinalInRanges(ranges: readonly number[], index: number): number {
  let before = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    if (index < ranges[r]!) return -1;
    if (index < ranges[r + 1]!) return before + index - ranges[r]!;
    before += ranges[r + 1]! - ranges[r]!;
  }
  return -1;
}

/** Position of a step in the visible rows, or -1 (binary search: rows are ascending). */
export function rowOf(rows: Int32Array, index: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = rows[mid]!;
    if (v === index) return mid;
    if (v < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Expands the ancestors of a step; returns whether anything changed. */
export function revealIn(o: OutlineView, collapsed: Uint8Array, index: number): boolean {
  let changed = false;
  for (let p = o.parent[index] ?? -1; p >= 0; p = o.parent[p]!) {
    if (collapsed[p]) {
      collapsed[p] = 0;
      changed = true;
    }
  }
  return changed;
}

/** The next (dir 1) or previous (dir -1) entry of a sorted index list after `from`, wrapping around. */
export function nextInSorted(list: ArrayLike<number>, from: number, dir: 1 | -1): number {
  if (list.length === 0) return -1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  // lo = first entry > from.
  if (dir === 1) return list[lo < list.length ? lo : 0]!;
  let k = lo - 1;
  if (k >= 0 && list[k] === from) k--;
  return list[k >= 0 ? k : list.length - 1]!;
}

export function collapsedFromIds(o: OutlineView, ids: readonly string[] | undefined): Uint8Array {
  const collapsed = new Uint8Array(o.ids.length);
  if (!ids || ids.length === 0) return collapsed;
  const wanted = new Set(ids);
  for (let i = 0; i < o.ids.length; i++) if (wanted.has(o.ids[i]!)) collapsed[i] = 1;
  return collapsed;
}

export function idsOfCollapsed(o: OutlineView, collapsed: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < collapsed.length; i++) if (collapsed[i]) out.push(o.ids[i]!);
  return out;
}
