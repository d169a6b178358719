// Forwarding from the local receiver to an upstream OTLP/HTTP endpoint, over real HTTP on 127.0.0.1: a local
// "collector" that counts what it gets (the same bytes, Content-Type and Content-Encoding), one that fails
// and recovers, one that refuses, one that hangs (the receiver still answers at once; the bounded queue drops
// the oldest, counted), and one that is not there.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { request as undiciRequest } from 'undici';
import { OtlpForwarder, normalizeEndpoint } from '../../../src/receiver/forwarder';
import { OtlpReceiver } from '../../../src/receiver/otlpReceiver';
import { LocalTraceStore } from '../../../src/receiver/traceStore';
import { T1, request, span } from '../model/otlpFixtures';
import { closedPort } from '../api/support';

interface Seen { path: string; type: string; encoding: string | undefined; auth: string | undefined; body: Buffer }

/** An upstream collector on 127.0.0.1 whose answer the test decides per request. */
async function upstream(answer: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', type: String(req.headers['content-type']), encoding: req.headers['content-encoding'], auth: req.headers.authorization, body: Buffer.concat(chunks) });
      answer(req, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const ok = (_req: IncomingMessage, res: ServerResponse): void => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); };

async function post(url: string, path: string, body: Buffer | string, headers: Record<string, string>): Promise<number> {
  const res = await undiciRequest(`${url}${path}`, { method: 'POST', body, headers });
  await res.body.text();
  return res.statusCode;
}

const spanBody = (i: number): string => JSON.stringify(request([span({ id: `1000000000000${String(i).padStart(3, '0')}`, name: `s${i}`, start: i, end: i + 1 })]));

describe('receiver: forwarding to an upstream OTLP/HTTP endpoint', function () {
  this.timeout(20_000);
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup(forwarder: OtlpForwarder, maxTraces = 100) {
    const store = new LocalTraceStore(maxTraces);
    const logged: string[] = [];
    const receiver = new OtlpReceiver({ port: 0, store, forward: (item) => forwarder.enqueue(item), log: (_l, m) => logged.push(m) });
    await receiver.start();
    cleanup.push(() => receiver.stop(), () => forwarder.close());
    return { store, receiver, logged };
  }

  it('forwards traces and logs unchanged: same bytes, content type and encoding, to <endpoint>/v1/…', async () => {
    const up = await upstream(ok);
    cleanup.push(up.close);
    const fwd = new OtlpForwarder({ endpoint: `${up.url}/v1/traces`, headers: { authorization: 'Bearer collector-token' } });
    const { store, receiver } = await setup(fwd);
    const json = spanBody(1);
    const gz = gzipSync(Buffer.from(spanBody(2)));
    const logs = JSON.stringify({ resourceLogs: [] });
    assert.equal(await post(receiver.url, '/v1/traces', json, { 'content-type': 'application/json; charset=utf-8' }), 200);
    assert.equal(await post(receiver.url, '/v1/traces', gz, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 200);
    assert.equal(await post(receiver.url, '/v1/logs', logs, { 'content-type': 'application/json' }), 200);
    // Rejected by the receiver: not forwarded either.
    assert.equal(await post(receiver.url, '/v1/traces', '{not json', { 'content-type': 'application/json' }), 400);
    await fwd.drained();
    assert.equal(store.get(T1)?.stepCount, 2, 'the local view has both');
    assert.deepEqual(up.seen.map((s) => [s.path, s.type, s.encoding]), [
      ['/v1/traces', 'application/json; charset=utf-8', undefined], ['/v1/traces', 'application/json', 'gzip'], ['/v1/logs', 'application/json', undefined]]);
    assert.ok(up.seen[0]!.body.equals(Buffer.from(json)));
    assert.ok(up.seen[1]!.body.equals(gz), 'gzip bytes as sent, not re-encoded');
    assert.ok(up.seen.every((x) => x.auth === 'Bearer collector-token'), 'the collector\'s header goes with every request');
    assert.deepEqual([fwd.stats.forwarded, fwd.stats.dropped, fwd.stats.failedAttempts], [3, 0, 0]);
  });

  it('retries 503 and 429 (Retry-After) until the upstream takes it, in order, and logs the failure', async () => {
    const up = await upstream((req, res, n) => {
      if (n === 1) { res.writeHead(503); res.end('busy'); return; }
      if (n === 2) { res.writeHead(429, { 'retry-after': '0' }); res.end(); return; }
      ok(req, res);
    });
    cleanup.push(up.close);
    const logs: string[] = [];
    const fwd = new OtlpForwarder({ endpoint: up.url, retryBaseMs: 10, concurrency: 1, log: (_l, m) => logs.push(m) });
    const { receiver } = await setup(fwd);
    for (const i of [1, 2, 3]) assert.equal(await post(receiver.url, '/v1/traces', spanBody(i), { 'content-type': 'application/json' }), 200);
    await fwd.drained();
    assert.deepEqual([fwd.stats.forwarded, fwd.stats.failedAttempts, fwd.stats.dropped], [3, 2, 0]);
    const delivered = up.seen.slice(2).map((s) => s.body.toString());
    assert.deepEqual(delivered, [spanBody(1), spanBody(2), spanBody(3)], 'order kept across retries');
    assert.ok(logs.some((m) => /failed \(HTTP 503: busy\); retrying/.test(m)), logs.join('\n'));
  });

  it('drops a request the upstream refuses (400) with a warning, without retrying it', async () => {
    const up = await upstream((_req, res) => { res.writeHead(400); res.end('bad'); });
    cleanup.push(up.close);
    const logs: string[] = [];
    const fwd = new OtlpForwarder({ endpoint: up.url, log: (_l, m) => logs.push(m) });
    const { receiver } = await setup(fwd);
    await post(receiver.url, '/v1/traces', spanBody(1), { 'content-type': 'application/json' });
    await fwd.drained();
    assert.deepEqual([up.seen.length, fwd.stats.rejected, fwd.stats.forwarded], [1, 1, 0]);
    assert.ok(logs.some((m) => /refused \(HTTP 400: bad\)/.test(m)));
  });

  it('a hanging upstream never holds the receiver: every sender is answered, the queue stays bounded, the oldest are dropped and counted', async () => {
    const held: ServerResponse[] = [];
    const up = await upstream((_req, res) => held.push(res));
    cleanup.push(up.close);
    const logs: string[] = [];
    const fwd = new OtlpForwarder({ endpoint: up.url, maxQueueRequests: 3, concurrency: 1, timeoutMs: 60_000, log: (_l, m) => logs.push(m) });
    const { store, receiver } = await setup(fwd, 1000);
    for (let i = 1; i <= 12; i++) assert.equal(await post(receiver.url, '/v1/traces', spanBody(i), { 'content-type': 'application/json' }), 200);
    // All 12 answered while the upstream has answered none.
    assert.equal(store.get(T1)?.stepCount, 12, 'nothing dropped locally');
    assert.equal(fwd.stats.queued, 3);
    assert.equal(fwd.stats.dropped, 12 - 3 - 1);
    assert.ok(logs.some((m) => /queue full .* dropped \d+ oldest request/.test(m)), logs.join('\n'));
    for (const r of held.splice(0)) ok({} as IncomingMessage, r);
    const release = setInterval(() => { for (const r of held.splice(0)) ok({} as IncomingMessage, r); }, 5);
    await fwd.drained();
    clearInterval(release);
    assert.equal(fwd.stats.forwarded, 4);
    assert.deepEqual(up.seen.slice(1).map((s) => s.body.toString()), [spanBody(10), spanBody(11), spanBody(12)], 'the newest kept');
  });

  it('keeps retrying an upstream that is not there, and close() stops it', async () => {
    const port = await closedPort();
    const fwd = new OtlpForwarder({ endpoint: `http://127.0.0.1:${port}`, retryBaseMs: 5, retryMaxMs: 20 });
    const { receiver, store } = await setup(fwd);
    assert.equal(await post(receiver.url, '/v1/traces', spanBody(1), { 'content-type': 'application/json' }), 200);
    assert.equal(store.get(T1)?.stepCount, 1);
    while (fwd.stats.failedAttempts < 3) await new Promise((r) => setTimeout(r, 10));
    assert.equal(fwd.stats.queued, 1);
    await fwd.close();
    assert.equal(fwd.stats.queued, 0);
  });

  it('normalizes the endpoint and says what is wrong with a bad one', () => {
    assert.equal(normalizeEndpoint('http://collector:4318/'), 'http://collector:4318');
    assert.equal(normalizeEndpoint('https://otlp.example.com/otlp/v1/traces'), 'https://otlp.example.com/otlp');
    assert.throws(() => normalizeEndpoint('collector:4318'), /must start with http|not a URL/);
    assert.throws(() => normalizeEndpoint('https://user:pw@x.example'), /not in the URL/);
  });
});
