// Percentiles and time buckets: nearest rank, local hours and days across DST changes, in real zones.
import assert from 'node:assert/strict';
import { bucketIndex, bucketStarts, floorLocal, unitFor, utcOffset, zoneOffset } from '../../../../src/model/insights/buckets';
import { nearestRank, p50p95 } from '../../../../src/model/insights/percentile';

const H = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

describe('model/insights: percentiles (nearest rank)', () => {
  it('picks the value at rank ceil(p/100 × n), always an observed value', () => {
    assert.equal(nearestRank([1, 2, 3, 4], 50), 2);
    assert.equal(nearestRank([1, 2, 3, 4, 5], 50), 3);
    assert.equal(nearestRank([10], 95), 10);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(nearestRank(hundred, 95), 95);
    assert.equal(nearestRank(hundred, 100), 100);
    // 10 runs: the p95 is the slowest one.
    assert.equal(nearestRank(Array.from({ length: 10 }, (_, i) => i), 95), 9);
  });

  it('is null for no values and refuses a percentile outside (0, 100]', () => {
    assert.equal(nearestRank([], 50), null);
    assert.deepEqual(p50p95([]), { p50: null, p95: null });
    assert.throws(() => nearestRank([1], 0), RangeError);
    assert.throws(() => nearestRank([1], 101), RangeError);
  });

  it('sorts numerically, not as strings', () => {
    assert.deepEqual(p50p95([900, 10_000, 80, 7]), { p50: 80, p95: 10_000 });
  });
});

describe('model/insights: buckets', () => {
  it('chooses hours up to two days and days beyond', () => {
    assert.equal(unitFor(0, 24 * H), 'hour');
    assert.equal(unitFor(0, 48 * H), 'hour');
    assert.equal(unitFor(0, 7 * 24 * H), 'day');
  });

  it('lays UTC hours and days out back to back', () => {
    const from = Date.UTC(2026, 10, 1, 9, 30);
    const hours = bucketStarts(from, from + 24 * H, 'hour', utcOffset);
    assert.equal(hours.length, 25);
    assert.equal(iso(hours[0]!), '2026-11-01T09:00:00.000Z');
    const days = bucketStarts(from, from + 7 * 24 * H, 'day', utcOffset);
    assert.deepEqual(days.map(iso).slice(0, 2), ['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z']);
    assert.equal(days.length, 8);
  });

  it('gives an empty window no buckets and finds no bucket for any time', () => {
    assert.deepEqual(bucketStarts(5, 5, 'hour', utcOffset), []);
    assert.equal(bucketIndex([], 10, 5), -1);
  });

  it('starts days at local midnight: a spring-forward day is 23 hours, a fall-back day 25 (Europe/Berlin)', () => {
    const berlin = zoneOffset('Europe/Berlin');
    assert.equal(berlin(Date.UTC(2026, 0, 15)), 60);
    assert.equal(berlin(Date.UTC(2026, 6, 15)), 120);
    const days = bucketStarts(Date.UTC(2026, 2, 27, 12), Date.UTC(2026, 2, 31), 'day', berlin);
    assert.deepEqual(days.map(iso), [
      '2026-03-26T23:00:00.000Z', // 27 March 00:00 CET
      '2026-03-27T23:00:00.000Z', // 28 March
      '2026-03-28T23:00:00.000Z', // 29 March, the change: 23 hours long
      '2026-03-29T22:00:00.000Z', // 30 March 00:00 CEST
      '2026-03-30T22:00:00.000Z',
    ]);
    const autumn = bucketStarts(Date.UTC(2026, 9, 24, 12), Date.UTC(2026, 9, 27), 'day', berlin);
    assert.equal(iso(autumn[0]!), '2026-10-23T22:00:00.000Z'); // 24 October 00:00 CEST
    assert.equal(autumn[1]! - autumn[0]!, 24 * H);
    assert.equal(autumn[2]! - autumn[1]!, 25 * H); // 25 October, the change
    assert.equal(iso(autumn[2]!), '2026-10-25T23:00:00.000Z'); // 26 October 00:00 CET
  });

  it('keeps local hours one real hour long across the change, so no run is counted twice or lost', () => {
    const ny = zoneOffset('America/New_York');
    // 2026-11-01: 01:00–02:00 EDT happens, then 01:00–02:00 EST again.
    const from = Date.UTC(2026, 10, 1, 4);
    const hours = bucketStarts(from, from + 4 * H, 'hour', ny);
    assert.deepEqual(hours.map((t) => t - from), [0, H, 2 * H, 3 * H]);
    for (let t = from; t < from + 4 * H; t += 10 * 60_000) {
      const i = bucketIndex(hours, from + 4 * H, t);
      assert.ok(hours[i]! <= t && t < (hours[i + 1] ?? Infinity), iso(t));
    }
  });

  it('floors to the local hour in a half-hour zone, and to the right occurrence in a fall-back overlap', () => {
    const kolkata = zoneOffset('Asia/Kolkata');
    assert.equal(iso(floorLocal(Date.UTC(2026, 0, 1, 10, 10), 'hour', kolkata)), '2026-01-01T09:30:00.000Z');
    assert.equal(iso(floorLocal(Date.UTC(2026, 0, 1, 10, 10), 'day', kolkata)), '2025-12-31T18:30:00.000Z');
    const berlin = zoneOffset('Europe/Berlin');
    // 00:30Z on 25 October 2026 is 02:30 CEST, the first 02:30 of that night.
    const first = Date.UTC(2026, 9, 25, 0, 30);
    assert.equal(iso(floorLocal(first, 'hour', berlin)), '2026-10-25T00:00:00.000Z');
    assert.equal(iso(floorLocal(first + H, 'hour', berlin)), '2026-10-25T01:00:00.000Z');
  });

  it('places a time in its bucket by binary search, and nothing outside the window', () => {
    const starts = [0, 10, 20, 30];
    assert.equal(bucketIndex(starts, 40, 0), 0);
    assert.equal(bucketIndex(starts, 40, 19), 1);
    assert.equal(bucketIndex(starts, 40, 39), 3);
    assert.equal(bucketIndex(starts, 40, 40), -1);
    assert.equal(bucketIndex(starts, 40, -1), -1);
  });
});
