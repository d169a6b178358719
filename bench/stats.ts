// Small statistics the benchmarks print.
import { loadavg } from 'node:os';

/** The median (the mean of the two middle values for an even count); 0 for no values. */
export const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};

/** Rounded to 0.1, as the figures are printed. */
export const round = (n: number): number => Math.round(n * 10) / 10;

/** Above this 1-minute load average a machine is busy enough that figures are not comparable with others. */
export const LOAD_LIMIT = 1.5;

/** The warning for a load average, or undefined when the figures can be compared. */
export function loadWarning(load: number, limit = LOAD_LIMIT): string | undefined {
  return load > limit
    ? `warning: the load average was ${load.toFixed(2)} (above ${limit}) while this benchmark ran: its figures are not comparable with figures taken on a quiet machine.`
    : undefined;
}

let warned = false;

/**
 * The figures with the 1-minute load average they ran under (`os.loadavg()[0]`, read when they are printed,
 * so it covers the last minute of the run); warns once on stderr when that load was above LOAD_LIMIT.
 */
export function withLoad<T extends object>(figures: T, load = loadavg()[0]!): T & { loadAvg1m: number } {
  const warning = loadWarning(load);
  if (warning && !warned) {
    warned = true;
    process.stderr.write(`${warning}\n`);
  }
  return { ...figures, loadAvg1m: Math.round(load * 100) / 100 };
}
