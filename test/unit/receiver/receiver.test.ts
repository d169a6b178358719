// The local receiver over real HTTP on 127.0.0.1: grouping across requests, OTLP/HTTP responses, the
// failures a sender can cause (malformed JSON or protobuf, other content types, oversize bodies), the bound on
// traces, and the real OpenTelemetry SDK exporters sending to it.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { request as undiciRequest } from 'undici';
import { OtlpReceiver, ReceiverStartError } from '../../../src/receiver/otlpReceiver';
import { LocalTraceStore } from '../../../src/receiver/traceStore';
import { readOtlp } from '../../../src/model/otlpRead';
import type { StoreChange } from '../../../src/receiver/traceStore';
import { T1, T2, request, span } from '../model/otlpFixtures';
import { exportSpans, recordSpans, sampleAgent, type ExporterKind } from './otelSdk';

/** The same receiver settings on a new port with another store. */
async function restartWith(old: OtlpReceiver, store: LocalTraceStore, maxBodyBytes = 64 * 1024): Promise<OtlpReceiver> {
  await old.stop();
  const r = new OtlpReceiver({ port: 0, store, maxBodyBytes });
  await r.start();
  return r;
}

type Logged = Array<[string, string]>;

async function post(url: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await undiciRequest(`${url}/v1/traces`, { method: 'POST', body, headers });
  const text = await res.body.text();
  return { status: res.statusCode, json: text ? JSON.parse(text) as Record<string, unknown> : undefined, headers: res.headers };
}

describe('receiver: OTLP/HTTP (JSON and protobuf) on 127.0.0.1', () => {
  let store: LocalTraceStore;
  let receiver: OtlpReceiver;
  let url: string;
  let logged: Logged;

  beforeEach(async () => {
    logged = [];
    store = new LocalTraceStore(3);
    receiver = new OtlpReceiver({ port: 0, store, maxBodyBytes: 64 * 1024, log: (level, m) => logged.push([level, m]) });
    await receiver.start();
    url = receiver.url;
  });

  afterEach(async () => {
    await receiver.stop();
  });

  it('groups spans of one trace sent in several requests, and answers 200 {}', async () => {
    const changes: StoreChange[] = [];
    store.onDidChange((e) => changes.push(e));
    const child = span({ id: '1000000000000002', parent: '1000000000000001', name: 'chat m', start: 10, end: 50,
      attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 5, 'gen_ai.usage.output_tokens': 2 } });
    let r = await post(url, JSON.stringify(request([child])));
    assert.deepEqual([r.status, r.json, r.headers['content-type']], [200, {}, 'application/json']);
    assert.equal(store.summary(T1)?.spanCount, 1);
    r = await post(url, JSON.stringify(request([span({ id: '1000000000000001', name: 'invoke_agent Bot', end: 100,
      attrs: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Bot' } })])));
    assert.equal(r.status, 200);
    const t = store.get(T1)!;
    assert.deepEqual([t.stepCount, t.roots.length, t.roots[0]!.children[0]!.name, t.title], [2, 1, 'chat m', 'Bot']);
    const s = store.summary(T1)!;
    assert.deepEqual([s.spanCount, s.tokens, s.status, s.errorCount, s.end! - s.start], [2, 7, 'ok', 0, 100]);
    assert.deepEqual(changes.map((c) => c.changed), [[T1], [T1]]);
    assert.deepEqual(receiver.stats, { requests: 2, spans: 2, logEvents: 0, rejectedRequests: 0 });
  });

  it('accepts gzip bodies and reports rejected spans as partialSuccess', async () => {
    const body = JSON.stringify(request([span({ trace: T2, id: '2000000000000001', name: 'a' }), { name: 'no ids' }]));
    const r = await post(url, gzipSync(body), { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { partialSuccess: { rejectedSpans: '1', errorMessage: 'Rejected 1 spans without a span id or trace id.' } });
    assert.equal(store.summary(T2)?.spanCount, 1);
  });

  it('answers 400 with a Status for malformed and non-OTLP bodies, logs them, and keeps serving', async () => {
    let r = await post(url, '{"resourceSpans": [ }');
    assert.equal(r.status, 400);
    assert.equal(r.json?.code, 3);
    assert.match(String(r.json?.message), /not valid JSON \(line 1, column 2\d\)/);
    r = await post(url, '[1,2]');
    assert.equal(r.status, 400);
    assert.match(String(r.json?.message), /not an ExportTraceServiceRequest/);
    r = await post(url, gzipSync('{}').subarray(0, 5), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(r.status, 400);
    assert.ok(logged.filter(([l]) => l === 'warn').length >= 3, 'malformed bodies are logged');
    assert.equal((await post(url, JSON.stringify(request([span({ id: '3000000000000001', name: 'x' })])))).status, 200);
  });

  it('takes only local senders: a rebound host name or a web page gets 403 and stores nothing', async () => {
    const body = JSON.stringify(request([span({ trace: T1, id: '0000000000000001', name: 'root', start: 0, end: 10 })]));
    const json = { 'content-type': 'application/json' };
    assert.equal((await post(url, body, { ...json, host: 'evil.example' })).status, 403);
    assert.equal((await post(url, body, { ...json, origin: 'https://evil.example' })).status, 403);
    assert.equal(store.size, 0);
    assert.equal((await post(url, body, { ...json, host: `localhost:${new URL(url).port}` })).status, 200);
    assert.equal((await post(url, body, { ...json, origin: 'http://localhost:3000' })).status, 200);
    assert.equal(store.size, 1);
  });

  it('answers 415 for other content types with what to send, 404/405 elsewhere', async () => {
    const r = await post(url, 'x', { 'content-type': 'text/plain' });
    assert.equal(r.status, 415);
    assert.match(String(r.json?.message), /application\/x-protobuf or application\/json/);
    const get = await undiciRequest(`${url}/v1/traces`);
    await get.body.text();
    assert.deepEqual([get.statusCode, get.headers.allow], [405, 'POST']);
    const other = await undiciRequest(`${url}/v1/metrics`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    await other.body.text();
    assert.equal(other.statusCode, 404);
  });

  it('takes what the OpenTelemetry SDK exporters send: protobuf, protobuf gzip, JSON, JSON gzip', async () => {
    const store10 = new LocalTraceStore(10);
    receiver = await restartWith(receiver, store10);
    const sent: Array<[ExporterKind, boolean]> = [['protobuf', false], ['protobuf', true], ['json', false], ['json', true]];
    const traceIds: string[] = [];
    for (const [kind, gzip] of sent) {
      const spans = await recordSpans(sampleAgent);
      const result = await exportSpans(kind, `${receiver.url}/v1/traces`, spans, gzip);
      assert.equal(result.code, 0, `${kind}${gzip ? ' gzip' : ''}: ${String(result.error)}`);
      traceIds.push(spans[0]!.spanContext().traceId);
    }
    assert.equal(new Set(traceIds).size, 4);
    for (const id of traceIds) {
      const t = store10.get(id);
      assert.ok(t, `trace ${id} did not arrive`);
      assert.deepEqual([t.title, t.stepCount, t.roots.length, t.roots[0]!.children.map((c) => c.name).sort()],
        ['Support', 3, 1, ['chat gpt-4o', 'execute_tool lookup_order']]);
      const s = store10.summary(id)!;
      // The run itself ended fine (its root's status); the failed tool call is counted.
      assert.deepEqual([s.tokens, s.errorCount, s.status], [150, 1, 'ok']);
    }
    assert.deepEqual(receiver.stats, { requests: 4, spans: 12, logEvents: 0, rejectedRequests: 0 });
  });

  it('answers protobuf in protobuf: an unreadable body is a 400 Status, rejected spans a partialSuccess', async () => {
    const proto = { 'content-type': 'application/x-protobuf' };
    // resource_spans (field 1) says 5 bytes follow; 1 does.
    let r = await undiciRequest(`${url}/v1/traces`, { method: 'POST', body: Buffer.from([0x0a, 0x05, 0x01]), headers: proto });
    let body = Buffer.from(await r.body.arrayBuffer());
    assert.deepEqual([r.statusCode, r.headers['content-type']], [400, 'application/x-protobuf']);
    // google.rpc.Status: code (field 1) = 3 INVALID_ARGUMENT, message (field 2).
    assert.deepEqual([...body.subarray(0, 3)], [0x08, 0x03, 0x12]);
    assert.match(body.subarray(4).toString('utf8'), /^The body is not a protobuf ExportTraceServiceRequest: a field runs past the end/);
    assert.equal(body[3], body.length - 4);
    assert.equal(store.size, 0);

    // One span with ids, one without a trace id: resource_spans { scope_spans { spans, spans } }.
    const spanWith = [0x0a, 0x10, ...Buffer.from(T2, 'hex'), 0x12, 0x08, ...Buffer.from('2000000000000009', 'hex'), 0x2a, 0x01, 0x61];
    const spanWithout = [0x12, 0x08, ...Buffer.from('2000000000000008', 'hex')];
    const scopeSpans = [0x12, spanWith.length, ...spanWith, 0x12, spanWithout.length, ...spanWithout];
    const request = Buffer.from([0x0a, scopeSpans.length + 2, 0x12, scopeSpans.length, ...scopeSpans]);
    r = await undiciRequest(`${url}/v1/traces`, { method: 'POST', body: request, headers: proto });
    body = Buffer.from(await r.body.arrayBuffer());
    assert.deepEqual([r.statusCode, r.headers['content-type']], [200, 'application/x-protobuf']);
    // partial_success (field 1) { rejected_spans (field 1) = 1, error_message (field 2) }.
    assert.deepEqual([body[0], body[1], body[2], body[3], body[4]], [0x0a, body.length - 2, 0x08, 0x01, 0x12]);
    assert.match(body.subarray(6).toString('utf8'), /^Rejected 1 spans without a span id or trace id/);
    assert.equal(store.summary(T2)?.spanCount, 1);

    // All accepted: the empty ExportTraceServiceResponse, in the Content-Type the request used.
    r = await undiciRequest(`${url}/v1/traces`, { method: 'POST', body: Buffer.from([0x0a, spanWith.length + 4, 0x12, spanWith.length + 2, 0x12, spanWith.length, ...spanWith]), headers: { 'content-type': 'application/protobuf' } });
    body = Buffer.from(await r.body.arrayBuffer());
    assert.deepEqual([r.statusCode, r.headers['content-type'], body.length], [200, 'application/protobuf', 0]);

    // Errors before the body is read are protobuf for a protobuf sender too.
    r = await undiciRequest(`${url}/v1/metrics`, { method: 'POST', body: Buffer.alloc(0), headers: proto });
    body = Buffer.from(await r.body.arrayBuffer());
    assert.deepEqual([r.statusCode, r.headers['content-type'], body[0], body[1]], [404, 'application/x-protobuf', 0x08, 0x03]);
  });

  it('answers 413 to a small protobuf body that holds more spans than one request may', async () => {
    const big = new LocalTraceStore(3);
    receiver = await restartWith(receiver, big, 1024 * 1024);
    // resource_spans { scope_spans { 100,001 empty spans } }: 200 KB.
    const spans = Buffer.alloc(2 * 100_001, Buffer.from([0x12, 0x00]));
    const varint = (n: number) => { const o: number[] = []; while (n >= 0x80) { o.push((n % 128) | 0x80); n = Math.floor(n / 128); } o.push(n); return o; };
    const scope = Buffer.concat([Buffer.from([0x12, ...varint(spans.length)]), spans]);
    const body = Buffer.concat([Buffer.from([0x0a, ...varint(scope.length)]), scope]);
    const r = await undiciRequest(`${receiver.url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/x-protobuf' } });
    const reply = Buffer.from(await r.body.arrayBuffer());
    assert.equal(r.statusCode, 413);
    assert.match(reply.toString('utf8'), /more than 100000 spans in one request: send smaller batches/);
    assert.equal(big.size, 0);
  });

  it('refuses bodies over the limit with 413, declared or after gunzip', async () => {
    const big = JSON.stringify(request([span({ id: '4000000000000001', name: 'x'.repeat(70 * 1024) })]));
    let r = await post(url, big);
    assert.equal(r.status, 413);
    r = await post(url, gzipSync(big), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(r.status, 413);
    assert.equal(store.size, 0);
    assert.equal((await post(url, JSON.stringify(request([span({ id: '4000000000000002', name: 'small' })])))).status, 200);
  });

  it('keeps at most maxTraces, dropping the least recently updated', async () => {
    const ids = ['a', 'b', 'c', 'd'].map((c) => c.repeat(32));
    const removed: string[] = [];
    store.onDidChange((e) => removed.push(...e.removed));
    for (const [i, id] of ids.entries()) {
      await post(url, JSON.stringify(request([span({ trace: id, id: `${i}00000000000000a`, name: `t${i}`, start: i })])));
      // Trace a keeps receiving spans, so b is the least recently updated when d arrives.
      if (i === 1) await post(url, JSON.stringify(request([span({ trace: ids[0], id: '900000000000000a', name: 'more' })])));
    }
    assert.equal(store.size, 3);
    assert.deepEqual(removed, [ids[1]]);
    assert.deepEqual(store.summaries().map((s) => s.name), ['t3', 't2', 't0']);
    store.setMaxTraces(1);
    assert.deepEqual(store.summaries().map((s) => s.name), ['t3']);
    store.clear();
    assert.equal(store.size, 0);
  });

  it('bounds the memory held: the least recently updated traces go while the bodies kept exceed the budget', () => {
    const small = new LocalTraceStore(100, undefined, Date.now, 1000);
    const spansOf = (trace: string) => readOtlp(request([span({ trace, id: '000000000000000a', name: trace.slice(0, 2) })])).spans;
    const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(32)) as [string, string, string];
    small.add(spansOf(a), 600);
    small.add(spansOf(b), 600);
    assert.deepEqual(small.summaries().map((x) => x.traceId), [b]);
    // The newest trace stays even when it alone is over the budget.
    small.add(spansOf(c), 5000);
    assert.deepEqual(small.summaries().map((x) => x.traceId), [c]);
  });

  it('fails to start on a port in use with a clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const second = new OtlpReceiver({ port, store });
      await assert.rejects(second.start(), (e: unknown) => e instanceof ReceiverStartError && e.code === 'EADDRINUSE'
        && new RegExp(`Port ${port} on 127.0.0.1 is already in use`).test(e.message));
      assert.equal(second.listening, false);
    } finally {
      blocker.close();
    }
  });
});
