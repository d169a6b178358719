// The HTTP layer against small raw servers, for what the simulator never does: bodies that stall, are not
// JSON or do not match the schema, servers that echo the credential, gateways with a path prefix.
import assert from 'node:assert/strict';
import { Agent } from 'undici';
import { z } from 'zod';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { HttpClient } from '../../../src/api/http';
import { FAST_RETRY, apiError, dumpError, json, rawServer } from './support';
import type { RawServer } from './support';

const KEY = 'fx_live_RAWCANARY_123456789';
const record = (id: string, startTime: unknown = 1_700_000_000_000) => ({ id, agentId: 'a', startTime, endTime: 0, status: 'IN_PROGRESS' });

describe('api: http layer (raw servers)', function () {
  this.timeout(10_000);
  let server: RawServer;
  let handler: Parameters<typeof rawServer>[0] = (_req, res) => json(res, 200, {});
  const logLines: string[] = [];
  const client = (over: { timeoutMs?: number } = {}): FruxonClient => new FruxonClient({
    baseUrl: `${server.baseUrl}/gw/fruxon/`, tenant: 'acme', credential: KEY, retry: FAST_RETRY, logger: (l, m) => logLines.push(`${l} ${m}`), ...over,
  });

  before(async () => { server = await rawServer((req, res, body) => handler(req, res, body)); });
  beforeEach(() => { server.seen.length = 0; });
  after(async () => { await server.close(); });

  it('sends the documented headers under the base path prefix', async () => {
    handler = (_req, res) => json(res, 200, []);
    const c = client();
    await c.listAgents();
    await c.execute('bot', { parameters: { a: 1 } }).catch(() => undefined);
    await c.close();
    const [get, post] = server.seen;
    assert.equal(get?.url, '/gw/fruxon/v1/tenants/acme/agents');
    assert.equal(get?.headers['user-agent'], `agentlens/${__AGENTLENS_VERSION__}`);
    assert.equal(get?.headers.accept, 'application/json');
    assert.equal(get?.headers['x-api-key'], KEY);
    assert.equal(get?.headers.authorization, undefined);
    assert.equal(post?.url, '/gw/fruxon/v1/tenants/acme/agents/bot:execute');
    assert.equal(post?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(post?.body ?? ''), { parameters: { a: 1 } });
  });

  it('times out a body that stalls after the headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"items": [');
    };
    const c = client({ timeoutMs: 200 });
    const t = Date.now();
    const e = await apiError(c.listExecutionRecords('a'));
    await c.close();
    assert.ok(Date.now() - t < 2_000);
    assert.deepEqual([e.kind, e.attempts], ['timeout', 1]);
  });

  it('reports a 200 that is not JSON, without retrying it', async () => {
    handler = (_req, res) => json(res, 200, '{"items": [ oops');
    const c = client();
    const e = await apiError(c.listExecutionRecords('a'));
    await c.close();
    assert.deepEqual([e.kind, e.code, e.status], ['invalidResponse', 'invalidJson', 200]);
    assert.match(e.userMessage, /cut off or is not valid JSON/);
    assert.equal(server.seen.length, 1);
  });

  it('names the first bad field and the endpoint when the shape is wrong, not the body', async () => {
    handler = (_req, res) => json(res, 200, { items: [record('r1'), record('r2', 'last tuesday-secret-body-text')] });
    const c = client();
    const e = await apiError(c.listExecutionRecords('a'));
    await c.close();
    assert.deepEqual([e.kind, e.code, e.issuePath], ['invalidResponse', 'schema', 'items[1].startTime']);
    assert.match(e.message, /GET \/gw\/fruxon\/v1\/tenants\/acme\/agents\/a\/executionRecords → unexpected response shape at items\[1\]\.startTime/);
    assert.match(e.userMessage, /unexpected shape at items\[1\]\.startTime: .*expected number/);
    assert.ok(!dumpError(e).includes('secret-body-text'));
  });

  it('points into the array branch when a list is malformed', async () => {
    handler = (_req, res) => json(res, 200, [{ id: 'ok' }, { displayName: 'no id' }]);
    const c = client();
    const e = await apiError(c.listAgents());
    await c.close();
    assert.equal(e.issuePath, '[1].id');
  });

  it('scrubs a credential the server echoes back, and reads non-RFC 7807 bodies', async () => {
    handler = (req, res) => {
      if (req.url?.endsWith('/agents')) return json(res, 403, { title: `Forbidden for ${KEY}`, detail: `key ${KEY} lacks scope`, extra: { [KEY]: [KEY] } });
      if (req.url?.includes('/agents/sdk')) return json(res, 409, { message: 'run already active', details: { id: 7 } });
      res.writeHead(418, { 'Content-Type': 'text/html' });
      res.end(`<html><body><h1>I'm a teapot</h1><p>${KEY}</p></body></html>`);
    };
    const c = client();
    const forbidden = await apiError(c.listAgents());
    const sdk = await apiError(c.getAgent('sdk'));
    const html = await apiError(c.getAgent('html'));
    await c.close();
    assert.deepEqual([forbidden.status, forbidden.title, forbidden.detail], [403, 'Forbidden for ***', 'key *** lacks scope']);
    assert.deepEqual(forbidden.problem?.extra, { '***': ['***'] });
    assert.deepEqual([sdk.status, sdk.detail], [409, 'run already active']);
    assert.equal(html.detail, "I'm a teapot ***");
    for (const e of [forbidden, sdk, html]) assert.ok(!dumpError(e).includes(KEY));
    for (const line of logLines) assert.ok(!line.includes(KEY) && !line.includes('RAWCANARY'), line);
  });

  it('stops when a server hands out the same page token again', async () => {
    handler = (_req, res) => json(res, 200, { items: [record('r')], nextPageToken: 'same' });
    const c = client();
    const seen: string[] = [];
    const e = await apiError((async () => { for await (const r of c.iterateExecutionRecords('a')) seen.push(r.id); })());
    await c.close();
    assert.equal(e.code, 'pagingLoop');
    assert.equal(seen.length, 2);
  });

  it('lets a generic caller mark a POST idempotent, and leaves an injected dispatcher open', async () => {
    let calls = 0;
    handler = (_req, res) => (++calls < 3 ? json(res, 503, { title: 'busy' }) : json(res, 200, { ok: true }));
    const dispatcher = new Agent();
    const http = new HttpClient({ baseUrl: server.baseUrl, service: 'Zaia', retry: FAST_RETRY, dispatcher });
    const out = await http.request({ method: 'POST', path: '/search', body: { q: 1 }, idempotent: true, schema: z.object({ ok: z.boolean() }) });
    assert.deepEqual(out, { ok: true });
    assert.equal(calls, 3);
    await http.close();
    assert.equal(dispatcher.closed, false, 'the owner closes an injected dispatcher');
    await dispatcher.close();
  });
});
