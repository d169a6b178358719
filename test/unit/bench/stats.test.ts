import * as assert from 'node:assert/strict';
import { loadWarning, LOAD_LIMIT, median, withLoad } from '../../../bench/stats';

describe('benchmark figures carry the load they ran under', () => {
  it('warns above a load average of 1.5, not at or below it', () => {
    assert.equal(LOAD_LIMIT, 1.5);
    assert.equal(loadWarning(1.5), undefined);
    assert.equal(loadWarning(0.2), undefined);
    assert.match(loadWarning(2.26) ?? '', /load average was 2\.26 \(above 1\.5\).*not comparable/);
  });

  it('adds the load to the figures, and warns once on stderr when it was high', () => {
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      assert.deepEqual(withLoad({ medianMs: 12.5 }, 0.734), { medianMs: 12.5, loadAvg1m: 0.73 });
      assert.deepEqual(written, []);
      assert.deepEqual(withLoad({ medianMs: 30 }, 3.1), { medianMs: 30, loadAvg1m: 3.1 });
      withLoad({ medianMs: 31 }, 3.2);
    } finally {
      process.stderr.write = write;
    }
    assert.equal(written.length, 1, 'one warning per run');
    assert.match(written[0]!, /3\.10 \(above 1\.5\)/);
  });

  it('a default load is read from the machine', () => {
    const f = withLoad({});
    assert.equal(typeof f.loadAvg1m, 'number');
    assert.ok(f.loadAvg1m >= 0);
    assert.equal(median([3, 1, 2]), 2);
  });
});
