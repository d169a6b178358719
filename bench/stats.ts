// Small statistics the benchmarks print.

/** The median (the mean of the two middle values for an even count); 0 for no values. */
export const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};

/** Rounded to 0.1, as the figures are printed. */
export const round = (n: number): number => Math.round(n * 10) / 10;
