import assert from 'node:assert/strict';
import { SseParser, type SseMessage } from '../../../src/api/sse';
import { StreamAccumulator, toRunEvent } from '../../../src/api/fruxon/stream';

const all = (pieces: Array<string | Uint8Array>): SseMessage[] => {
  const p = new SseParser();
  const out = pieces.flatMap((c) => p.push(c));
  return [...out, ...p.end()];
};

describe('SSE parser', () => {
  const stream = 'event: start\ndata: {"a":1}\n\n: a comment\n\nevent: text\ndata: {"delta":"héllo "}\n\ndata: line1\ndata: line2\nid: 7\n\n';

  it('parses events, comments, multi-line data and ids', () => {
    const out = all([stream]);
    assert.deepEqual(out, [
      { event: 'start', data: '{"a":1}' },
      { event: 'text', data: '{"delta":"héllo "}' },
      { event: 'message', data: 'line1\nline2', id: '7' },
    ]);
  });

  it('gives the same events however the bytes are split (every split point, UTF-8 cut mid-character)', () => {
    const bytes = new TextEncoder().encode(stream);
    const whole = all([bytes]);
    for (let i = 1; i < bytes.length; i++) {
      assert.deepEqual(all([bytes.subarray(0, i), bytes.subarray(i)]), whole, `split at byte ${i}`);
    }
    assert.deepEqual(all([...bytes].map((b) => Uint8Array.of(b))), whole, 'byte by byte');
  });

  it('accepts CRLF and CR line ends, including a CRLF split across chunks, and a BOM', () => {
    assert.deepEqual(all(['\ufeffevent: a\r\ndata: 1\r', '\n\r', '\nevent: b\rdata: 2\r\r']), [{ event: 'a', data: '1' }, { event: 'b', data: '2' }]);
  });

  it('drops an event whose blank line never came, and events with no data', () => {
    assert.deepEqual(all(['event: lonely\n\nevent: cut\ndata: x']), []);
  });

  it('ignores unknown fields, keeps a retry value, strips only one space after the colon', () => {
    assert.deepEqual(all(['foo: bar\nretry: 1500\ndata:  two spaces\n\n']), [{ event: 'message', data: ' two spaces', retry: 1500 }]);
  });
});

describe('run events', () => {
  const ev = (event: string, data: unknown): ReturnType<typeof toRunEvent> => toRunEvent({ event, data: typeof data === 'string' ? data : JSON.stringify(data) });

  it('maps the known events and tolerates unknown ones and odd shapes', () => {
    assert.deepEqual(ev('text', { delta: 'hi' }), { type: 'text', delta: 'hi' });
    assert.deepEqual(ev('text', 'bare text'), { type: 'text', delta: 'bare text' });
    assert.deepEqual(ev('tool_call', { id: 'c1', name: 'lookup', arguments: { q: 1 } }), { type: 'tool_call', id: 'c1', name: 'lookup', arguments: { q: 1 } });
    assert.deepEqual(ev('status', { status: 'WAITING_FOR_ASYNC', humanApprovalRequestId: 'h1' }), { type: 'status', status: 'WAITING_FOR_ASYNC', humanApprovalRequestId: 'h1' });
    assert.deepEqual(ev('usage', { inputTokens: '12', outputTokens: 3, totalCost: 0.5 }), { type: 'usage', inputTokens: 12, outputTokens: 3, totalCost: 0.5 });
    assert.deepEqual(ev('error', { detail: 'boom' }), { type: 'error', message: 'boom' });
    assert.deepEqual(ev('heartbeat', { at: 1 }), { type: 'unknown', event: 'heartbeat', data: { at: 1 } });
    assert.equal(ev('tool_call', { nothing: true }).type, 'unknown');
    assert.equal(ev('text', { delta: 42 }).type, 'text', 'a number delta is read as text');
    assert.deepEqual(ev('done', 'not json'), { type: 'done' });
  });

  it('accumulates text deltas into the response; done decides the outcome', () => {
    const acc = new StreamAccumulator();
    for (const e of [ev('start', {}), ev('text', { delta: 'Hel' }), ev('text', { delta: 'lo' }), ev('usage', { inputTokens: 5 }), ev('mystery', 1)]) acc.add(e);
    assert.equal(acc.done, false);
    acc.add(ev('done', { executionRecordId: 'r1', status: 'COMPLETED' }));
    assert.equal(acc.done, true);
    assert.deepEqual(acc.value, { response: 'Hello', errors: [], eventCount: 6, usage: { inputTokens: 5 }, executionRecordId: 'r1', status: 'COMPLETED' });
  });
});
