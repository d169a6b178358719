// The BigInt-free decoding of protobuf fixed64 times and the repeated-id reader (src/model/uint64.ts, otlpProto.ts).
import assert from 'node:assert/strict';
import { Reader } from '../../../src/model/otlpProto';
import { uint64Decimal } from '../../../src/model/uint64';

const viaBigInt = (lo: number, hi: number): string => ((BigInt(hi) << 32n) | BigInt(lo)).toString();

describe('uint64Decimal', () => {
  it('writes every 64-bit value as BigInt does: edges, nanosecond times, and random values', () => {
    const edges = [0, 1, 999_999, 1_000_000, 0x1fffff, 0x200000, 0x200001, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    for (const hi of edges) for (const lo of edges) assert.equal(uint64Decimal(lo, hi), viaBigInt(lo, hi), `hi ${hi} lo ${lo}`);
    // Times around now and the nanosecond boundaries of a whole millisecond.
    for (const ns of [1_793_425_899_624_000_000n, 1_793_425_899_624_999_999n, 1_793_425_899_625_000_000n, 18_446_744_073_709_551_615n]) {
      const lo = Number(ns & 0xffffffffn);
      const hi = Number(ns >> 32n);
      assert.equal(uint64Decimal(lo, hi), ns.toString());
    }
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let i = 0; i < 20_000; i++) {
      const lo = next();
      const hi = next();
      assert.equal(uint64Decimal(lo, hi), viaBigInt(lo, hi));
    }
  });
});

describe('Reader.hexRepeated', () => {
  it('returns the right id whether it repeats, alternates or changes length', () => {
    const ids = ['0102', '0102', 'aabbccdd', '0102', 'aabbccdd', 'aabbccdd', '0103', ''];
    const body = Buffer.concat(ids.map((h) => Buffer.concat([Buffer.from([h.length / 2]), Buffer.from(h, 'hex')])));
    const r = new Reader(body);
    const read = ids.map(() => r.hexRepeated(body.length, 0));
    assert.deepEqual(read, ids);
    assert.equal(r.pos, body.length);
  });
});
