// Time buckets for a window. Buckets follow the viewer's local clock (an OffsetFn says which offset is in force
// at an instant; tests pass a fixed zone), because "Tuesday" and "09:00" mean what the person's calendar says:
// - hour buckets are 60 real minutes each, starting on the local hour (with whole-hour or half-hour offsets
//   a local hour is a real hour even across a DST change: 02:00–03:00 simply does not occur in spring);
// - day buckets run from local midnight to local midnight, so the day of a DST change is 23 or 25 hours.
// Windows up to two days get hours, longer ones days.
import type { BucketUnit, OffsetFn } from './types';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The offset of the machine the code runs on (the extension host's zone, which is the user's). */
export const localOffset: OffsetFn = (t) => -new Date(t).getTimezoneOffset();

/** UTC, for tests and for anyone who asks for it. */
export const utcOffset: OffsetFn = () => 0;

/** An OffsetFn for an IANA zone (`Europe/Berlin`), from the runtime's time-zone data. */
export function zoneOffset(timeZone: string): OffsetFn {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  return (t) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return Math.round((wall - Math.floor(t / 1000) * 1000) / MINUTE);
  };
}

export function unitFor(from: number, to: number): BucketUnit {
  return to - from <= 2 * DAY ? 'hour' : 'day';
}

/** The instant a local wall-clock time (given as ms as if it were UTC) happens; in a fall-back overlap, the later one. */
function wallToUtc(wall: number, off: OffsetFn): number {
  const guess = wall - off(wall) * MINUTE;
  return wall - off(guess) * MINUTE;
}

/** Start of the local hour or day containing `t`. */
export function floorLocal(t: number, unit: BucketUnit, off: OffsetFn): number {
  const o = off(t) * MINUTE;
  const size = unit === 'hour' ? HOUR : DAY;
  const wallFloor = Math.floor((t + o) / size) * size;
  const start = wallToUtc(wallFloor, off);
  // In a fall-back overlap the later occurrence may lie after t: the offset at t itself is the right one then.
  return start <= t ? start : wallFloor - o;
}

/** Bucket starts covering [from, to): the first is the local hour/day containing `from`. */
export function bucketStarts(from: number, to: number, unit: BucketUnit, off: OffsetFn, max = 5000): number[] {
  const starts: number[] = [];
  if (!(to > from)) return starts;
  let t = floorLocal(from, unit, off);
  while (t < to) {
    if (starts.length >= max) throw new RangeError(`more than ${max} ${unit} buckets between ${new Date(from).toISOString()} and ${new Date(to).toISOString()}`);
    starts.push(t);
    if (unit === 'hour') t += HOUR;
    else {
      // Next local midnight: a day later on the wall clock, wherever the offset has moved meanwhile.
      const wall = t + off(t) * MINUTE;
      t = wallToUtc(Math.floor(wall / DAY) * DAY + DAY, off);
    }
  }
  return starts;
}

/** Index of the bucket `t` falls in (binary search), or -1 outside [starts[0], to). */
export function bucketIndex(starts: readonly number[], to: number, t: number): number {
  if (!starts.length || t < starts[0]! || t >= to) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
