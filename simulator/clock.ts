// The simulator lays its seeded data out back from a "now". Tests of pure code use a fixed one (deterministic
// values); anything a person or the extension looks at — the demo, `npm run simulator`, the integration tier,
// benchmarks through the UI — must use the real clock, because the extension formats times against it
// ("3 days ago" turns into a date after 30 days). Rounding to the hour keeps a run's data stable for its hour.
export const HOUR_MS = 3_600_000;

/** The start of the current hour on the real clock (or of `t`). */
export function currentHour(t: number = Date.now()): number {
  return Math.floor(t / HOUR_MS) * HOUR_MS;
}
