// How the receiver worker batches the store's changes for the host: a burst is one batch, the first change after a
// quiet spell goes at once, and a batch says what the store says (cleared, then what came after; dropped ids).
import assert from 'node:assert/strict';
import { ChangeBatcher, type ChangeBatch } from '../../../src/receiverWorker/changes';
import { LocalTraceStore } from '../../../src/receiver/traceStore';
import type { OtlpSpan } from '../../../src/model/otlpRead';

const span = (traceId: string, spanId: string, start = 1000): OtlpSpan => ({
  traceId, spanId, parentSpanId: '', name: `span ${spanId}`, kind: 1, start, end: start + 10, attrs: {}, statusCode: 0, statusMessage: '',
  events: [], resource: {}, scope: '',
});

describe('receiver worker: the changes it posts', () => {
  const setup = (gapMs: number) => {
    const store = new LocalTraceStore(2);
    const batches: ChangeBatch[] = [];
    const batcher = new ChangeBatcher(store, (b) => batches.push(b), gapMs);
    store.onDidChange((e) => batcher.note(e));
    return { store, batches, batcher };
  };
  const next = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('posts a burst of changes as one batch, with the summaries of the traces it changed', async () => {
    const { store, batches, batcher } = setup(50);
    for (let i = 0; i < 20; i++) store.add([span('a'.repeat(32), `${i}`.padStart(16, '0'))]);
    store.add([span('b'.repeat(32), '0000000000000001')]);
    assert.equal(batches.length, 0, 'nothing is posted in the same turn');
    await next(0);
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0]!.summaries.map((s) => [s.traceId, s.spanCount]), [['a'.repeat(32), 20], ['b'.repeat(32), 1]]);
    assert.equal(batches[0]!.cleared, false);
    batcher.dispose();
  });

  it('waits the gap after a batch before the next one, and reports what was dropped in between', async () => {
    const { store, batches, batcher } = setup(10_000);
    store.add([span('a'.repeat(32), '0000000000000001')]);
    await next(0);
    assert.equal(batches.length, 1);
    store.add([span('b'.repeat(32), '0000000000000001')]);
    store.add([span('c'.repeat(32), '0000000000000001')]); // maxTraces 2: a is dropped
    await next(20);
    assert.equal(batches.length, 1, 'a second batch went out within the gap');
    batcher.flush();
    assert.deepEqual(batches[1]!.removed, ['a'.repeat(32)]);
    assert.deepEqual(batches[1]!.summaries.map((s) => s.traceId), ['b'.repeat(32), 'c'.repeat(32)]);
    batcher.dispose();
  });

  it('after Clear, the batch says cleared and lists only what arrived since; a trace dropped then added again is listed', () => {
    const { store, batches, batcher } = setup(10_000);
    store.add([span('a'.repeat(32), '0000000000000001')]);
    store.clear();
    store.add([span('b'.repeat(32), '0000000000000001')]);
    batcher.flush();
    assert.equal(batches[0]!.cleared, true);
    assert.deepEqual(batches[0]!.summaries.map((s) => s.traceId), ['b'.repeat(32)]);
    assert.deepEqual(batches[0]!.removed, []);
    store.add([span('c'.repeat(32), '0000000000000001')]);
    store.add([span('d'.repeat(32), '0000000000000001')]); // drops b
    store.add([span('b'.repeat(32), '0000000000000002')]); // b again, drops c
    batcher.flush();
    assert.deepEqual(batches[1]!.removed, ['c'.repeat(32)]);
    assert.deepEqual(batches[1]!.summaries.map((s) => s.traceId).sort(), ['b'.repeat(32), 'd'.repeat(32)]);
    batcher.dispose();
  });
});
