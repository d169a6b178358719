// Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
// ceil(p/100 × n) (1-based). It is always one of the observed durations (no interpolated value that no run
// took), p100 is the maximum, and for small n it is conservative: the p95 of 10 runs is the slowest one.

/** Nearest-rank percentile of `sorted` (ascending); null when empty. `p` in (0, 100]. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is not in (0, 100]`);
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1] as number;
}

/** p50 and p95 of unsorted values (copied into a typed array and sorted numerically). */
export function p50p95(values: readonly number[]): { p50: number | null; p95: number | null } {
  const sorted = Float64Array.from(values).sort();
  return { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95) };
}
