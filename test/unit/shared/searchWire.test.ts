// A search's matches on the wire: ranges as they are while short, a bitset past that, and the webview gets back the
// very ranges the index found.
import assert from 'node:assert/strict';
import { INLINE_RANGES_MAX, decodeMatches, encodeMatches } from '../../../src/shared/searchWire';
import { TraceSession } from '../../../src/model/traceSession';
import { generateTrace } from '../../../bench/generateTrace';

/** Random ascending, non-touching [start, end) ranges within size. */
function randomRanges(size: number, seed: number, density: number): number[] {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: number[] = [];
  // Room for a run at the very start, which the test adds.
  let i = 1;
  while (i < size) {
    i += 1 + Math.floor(rnd() / density);
    if (i >= size) break;
    const end = Math.min(size, i + 1 + Math.floor(rnd() * 20));
    out.push(i, end);
    i = end;
  }
  return out;
}

describe('search matches on the wire', () => {
  it('keeps short ranges as they are', () => {
    assert.deepEqual(encodeMatches([2, 4, 9, 10], 50), { ranges: [2, 4, 9, 10] });
    assert.deepEqual(encodeMatches([], 50), { ranges: [] });
  });

  it('sends many ranges as a bitset that decodes to the same ranges, at sizes not a multiple of 8 and ranges at either end', () => {
    for (const [size, seed, density] of [[100_000, 1, 0.5], [100_003, 2, 0.9], [12_345, 3, 0.99], [70_001, 4, 0.2]] as const) {
      const ranges = randomRanges(size, seed, density);
      // Runs at the very start and the very end.
      ranges.unshift(0, 1);
      if (ranges[ranges.length - 1]! < size - 1) ranges.push(size - 1, size);
      else ranges[ranges.length - 1] = size;
      assert.ok(ranges.length > INLINE_RANGES_MAX, `${ranges.length} numbers only`);
      const wire = encodeMatches(ranges, size);
      assert.ok('bits' in wire, 'not a bitset');
      assert.ok(wire.bits.length < Math.ceil(size / 6) + 4, `${wire.bits.length} characters for ${size} steps`);
      assert.deepEqual(decodeMatches(JSON.parse(JSON.stringify(wire))), ranges);
    }
  });

  it('ranges that touch come back as one, covering the same steps; a whole trace is one range', () => {
    const touching: number[] = [];
    for (let i = 0; i < 3000; i += 1) touching.push(i, i + 1);
    assert.deepEqual(decodeMatches(encodeMatches(touching, 5000)), [0, 3000]);
    const all: number[] = [];
    for (let i = 0; i < 5000; i += 2) all.push(i, i + 1, i + 1, i + 2);
    assert.deepEqual(decodeMatches(encodeMatches(all, 5000)), [0, 5000]);
  });

  it('the session answers a broad query at 100,000 steps with the bitset of what the index found', async () => {
    const session = new TraceSession(generateTrace(100_000), { copy: () => undefined, openLink: () => undefined });
    const index = await session.warmSearch();
    const expected = index.search('refund s');
    const [answer] = await session.handle({ type: 'search', id: 1, query: 'refund s' });
    assert.ok(answer?.type === 'searchResult' && 'bits' in answer, 'not a bitset');
    assert.equal(answer.count, expected.count);
    assert.deepEqual(decodeMatches(answer), expected.ranges);
    assert.ok(JSON.stringify(answer).length < 20_000, `${JSON.stringify(answer).length} bytes`);
  });
});
