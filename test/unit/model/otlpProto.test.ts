// The OTLP protobuf decoder: against what the real OpenTelemetry JS SDK's protobuf exporter writes (compared with
// what its JSON exporter writes for the same spans), and on hand-written wire data for what SDKs rarely send:
// unknown fields, extreme integers, bytes, deep nesting, truncation and garbage.
import assert from 'node:assert/strict';
import { MAX_DEPTH, MAX_SPANS, MAX_VALUES, ProtoDecodeError, decodeTraceRequest } from '../../../src/model/otlpProto';
import { encodeStatus, encodeTraceResponse } from '../../../src/receiver/otlpReplies';
import { readOtlp, type OtlpSpan } from '../../../src/model/otlpRead';
import { captureBody, recordSpans, sampleAgent } from '../receiver/otelSdk';

// A minimal protobuf writer of our own, independent of the decoder, for hand-made messages.
const varint = (n: bigint | number): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
};
const tag = (no: number, wire: number): number[] => varint(no * 8 + wire);
const len = (no: number, body: number[] | Buffer | string): number[] => {
  const bytes = typeof body === 'string' ? [...Buffer.from(body, 'utf8')] : [...body];
  return [...tag(no, 2), ...varint(bytes.length), ...bytes];
};
const vint = (no: number, n: bigint | number): number[] => [...tag(no, 0), ...varint(n)];
const fixed64 = (no: number, n: bigint): number[] => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return [...tag(no, 1), ...b];
};
const double = (no: number, n: number): number[] => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(n);
  return [...tag(no, 1), ...b];
};
const fixed32 = (no: number, n: number): number[] => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return [...tag(no, 5), ...b];
};
const kv = (key: string, value: number[]): number[] => [...len(1, key), ...len(2, value)];
/** ExportTraceServiceRequest with one resource, one scope, these spans (each already encoded). */
const request = (spans: number[][], extra: { resource?: number[]; scope?: number[]; top?: number[] } = {}): Buffer =>
  Buffer.from([
    ...len(1, [
      ...len(1, extra.resource ?? len(1, kv('service.name', len(1, 'svc')))),
      ...len(2, [...len(1, extra.scope ?? len(1, 'lib')), ...spans.flatMap((s) => len(2, s))]),
    ]),
    ...(extra.top ?? []),
  ]);
const TRACE = Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex');
const SPAN = Buffer.from('b7ad6b7169203331', 'hex');

describe('OTLP protobuf decoder', () => {
  it('reads what the OpenTelemetry SDK protobuf exporter sends exactly as the JSON exporter’s body for the same spans', async () => {
    const spans = await recordSpans(sampleAgent);
    const proto = await captureBody('protobuf', spans);
    const json = await captureBody('json', spans);
    const fromProto = readOtlp(decodeTraceRequest(proto));
    const fromJson = readOtlp(JSON.parse(json.toString('utf8')));
    assert.equal(fromProto.rejected, 0);
    assert.equal(fromProto.spans.length, 3);
    const byName = (list: OtlpSpan[]) => Object.fromEntries(list.map((s) => [s.name, s]));
    assert.deepEqual(byName(fromProto.spans), byName(fromJson.spans));

    // And what it reads is right, not only the same.
    const s = byName(fromProto.spans);
    const root = s['invoke_agent Support']!;
    const chat = s['chat gpt-4o']!;
    const tool = s['execute_tool lookup_order']!;
    assert.match(root.traceId, /^[0-9a-f]{32}$/);
    assert.match(root.spanId, /^[0-9a-f]{16}$/);
    assert.equal(root.parentSpanId, '');
    assert.deepEqual([chat.parentSpanId, tool.parentSpanId, chat.traceId], [root.spanId, root.spanId, root.traceId]);
    assert.equal(chat.kind, 3);
    assert.deepEqual([chat.attrs['gen_ai.usage.input_tokens'], chat.attrs['gen_ai.request.temperature'], chat.attrs['app.big'], chat.attrs['app.flags']],
      [120, 0.25, 2 ** 40, [true, false]]);
    assert.deepEqual(chat.events.map((e) => [e.name, Object.keys(e.attrs)]), [['gen_ai.user.message', ['content']], ['gen_ai.choice', ['message.content', 'finish_reason']]]);
    assert.ok(chat.events[0]!.time >= chat.start && chat.end! >= chat.events[1]!.time);
    assert.deepEqual([tool.statusCode, tool.statusMessage, tool.events[0]!.name], [2, 'order service timed out', 'exception']);
    assert.equal(root.scope, 'agentlens-test');
    assert.equal(typeof root.resource['service.name'], 'string');
    assert.ok(root.end! >= root.start && root.start > Date.UTC(2020, 0, 1));
  });

  it('fails every truncation of a real body with ProtoDecodeError, never another error', async () => {
    const proto = await captureBody('protobuf', await recordSpans(sampleAgent));
    for (let n = 1; n < proto.length; n++) {
      assert.throws(() => decodeTraceRequest(proto.subarray(0, n)), ProtoDecodeError, `prefix of ${n} bytes`);
    }
  });

  it('skips unknown fields of every wire type at every level', () => {
    const unknown = [...vint(90, 7), ...fixed64(91, 1n), ...len(92, 'x'), ...fixed32(93, 5)];
    const span = [...unknown, ...len(1, TRACE), ...len(2, SPAN), ...len(5, 'op'), ...fixed64(7, 1_700_000_000_000_000_000n),
      ...fixed64(8, 1_700_000_000_500_000_000n), ...len(9, [...kv('k', [...unknown, ...len(1, 'v')]), ...unknown]), ...len(15, [...unknown, ...vint(3, 2)])];
    const body = request([span], { resource: [...unknown, ...len(1, kv('service.name', len(1, 'svc')))], scope: [...len(1, 'lib'), ...unknown], top: unknown });
    const read = readOtlp(decodeTraceRequest(body));
    assert.equal(read.spans.length, 1);
    const s = read.spans[0]!;
    assert.deepEqual([s.traceId, s.spanId, s.name, s.attrs, s.statusCode, s.end! - s.start, s.resource, s.scope],
      [TRACE.toString('hex'), SPAN.toString('hex'), 'op', { k: 'v' }, 2, 500, { 'service.name': 'svc' }, 'lib']);
  });

  it('keeps 64-bit integers exact, negative ones too; doubles, bools, bytes and key-value lists', () => {
    const attrs = [
      ...len(9, kv('neg', vint(3, -5))),
      ...len(9, kv('max', vint(3, 2n ** 63n - 1n))),
      ...len(9, kv('min', vint(3, -(2n ** 63n)))),
      ...len(9, kv('d', double(4, -1.5))),
      ...len(9, kv('b', vint(2, 1))),
      ...len(9, kv('raw', len(7, Buffer.from([0, 1, 254, 255])))),
      ...len(9, kv('obj', len(6, [...len(1, kv('inner', len(1, 'x'))), ...len(1, kv('n', vint(3, 3)))]))),
      ...len(9, kv('empty', [])),
    ];
    const read = readOtlp(decodeTraceRequest(request([[...len(1, TRACE), ...len(2, SPAN), ...attrs]])));
    assert.deepEqual(read.spans[0]!.attrs, {
      neg: -5, max: '9223372036854775807', min: '-9223372036854775808', d: -1.5, b: true, raw: 'AAH+/w==', obj: { inner: 'x', n: 3 }, empty: undefined,
    });
  });

  it(`refuses values nested deeper than ${MAX_DEPTH}, and reads ones just under it`, () => {
    const nested = (depth: number): number[] => {
      let v = len(1, 'leaf');
      for (let i = 0; i < depth; i++) v = len(5, len(1, v));
      return v;
    };
    const body = (depth: number) => request([[...len(1, TRACE), ...len(2, SPAN), ...len(9, kv('deep', nested(depth)))]]);
    let v = readOtlp(decodeTraceRequest(body(MAX_DEPTH))).spans[0]!.attrs.deep;
    for (let i = 0; i < MAX_DEPTH; i++) v = (v as unknown[])[0];
    assert.equal(v, 'leaf');
    assert.throws(() => decodeTraceRequest(body(MAX_DEPTH + 1)), (e: unknown) => e instanceof ProtoDecodeError && /nested deeper/.test(e.message) && !e.tooLarge);
  });

  it(`refuses more than ${MAX_SPANS} spans or ${MAX_VALUES} values in one request as too large, however small the bytes`, () => {
    /** `count` copies of a 2-byte empty field, wrapped in the given length-delimited parents (innermost first). */
    const repeated = (field: number, count: number, parents: number[]): Buffer => {
      let inner = Buffer.alloc(count * 2, Buffer.from([...tag(field, 2), 0]));
      for (const p of parents) inner = Buffer.concat([Buffer.from([...tag(p, 2), ...varint(inner.length)]), inner]);
      return inner;
    };
    // resource_spans { scope_spans { spans × n } }: an empty span is 2 bytes.
    const spans = (n: number) => repeated(2, n, [2, 1]);
    assert.equal(readOtlp(decodeTraceRequest(spans(MAX_SPANS))).rejected, MAX_SPANS);
    assert.throws(() => decodeTraceRequest(spans(MAX_SPANS + 1)), (e: unknown) => e instanceof ProtoDecodeError && e.tooLarge && /more than 100000 spans/.test(e.message));
    // One span with attributes × n (empty KeyValues), and empty resource_spans × n: every object counts.
    assert.throws(() => decodeTraceRequest(repeated(9, MAX_VALUES + 1, [2, 2, 1])), (e: unknown) => e instanceof ProtoDecodeError && e.tooLarge);
    assert.throws(() => decodeTraceRequest(repeated(1, MAX_VALUES + 1, [])), (e: unknown) => e instanceof ProtoDecodeError && e.tooLarge);
  });

  it('encodes replies with multi-byte lengths and counts', () => {
    const message = 'x'.repeat(200);
    assert.deepEqual([...encodeStatus(3, message)], [0x08, 0x03, 0x12, 0xc8, 0x01, ...Buffer.from(message)]);
    const why = 'y'.repeat(130);
    // partial_success { rejected_spans = 300; error_message = why }: 3 + 3 + 130 = 136 bytes.
    assert.deepEqual([...encodeTraceResponse(300, why)], [0x0a, 0x88, 0x01, 0x08, 0xac, 0x02, 0x12, 0x82, 0x01, ...Buffer.from(why)]);
    assert.equal(encodeTraceResponse(0).length, 0);
  });

  it('names a field sent with the wrong wire type, and refuses groups', () => {
    assert.throws(() => decodeTraceRequest(request([[...len(1, TRACE), ...vint(5, 3)]])), /Span\.name has wire type 0/);
    assert.throws(() => decodeTraceRequest(Buffer.from([...tag(9, 3)])), /unsupported wire type 3/);
    assert.throws(() => decodeTraceRequest(Buffer.from([0x00])), /field number 0/);
    assert.deepEqual(decodeTraceRequest(Buffer.alloc(0)), { resourceSpans: [] });
  });

  it('never throws anything but ProtoDecodeError on random bytes', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let decoded = 0;
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
      try {
        readOtlp(decodeTraceRequest(bytes));
        decoded++;
      } catch (e) {
        assert.ok(e instanceof ProtoDecodeError, `${bytes.toString('hex')}: ${String(e)}`);
      }
    }
    // Some random inputs are valid protobuf (unknown fields only): both outcomes were exercised.
    assert.ok(decoded > 0 && decoded < 3000, String(decoded));
  });
});
