// Proxies: the client against the simulator through a real local proxy that counts what passes through.
// The API host is `sim.test`, a name that does not resolve: only the proxy knows it is the simulator, so a
// request that arrives at all went through the proxy (a direct attempt fails with ENOTFOUND).
// test/fixtures/tls holds a self-signed certificate for sim.test, used only by these tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { connect as netConnect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { FruxonClient, isStreamUnavailable } from '../../../src/api/fruxon/client';
import { HttpClient } from '../../../src/api/http';
import { envValue, matchesNoProxy, parseProxyUrl, redactProxyText, resolveProxy } from '../../../src/api/proxy';
import type { ProxySettings } from '../../../src/api/proxy';
import { FAST_RETRY, apiError, closedPort, dumpError } from './support';

const FIXTURES = join(__dirname, '../../../../test/fixtures/tls');
const CERT = readFileSync(join(FIXTURES, 'sim.test.crt'), 'utf8');
const KEY = readFileSync(join(FIXTURES, 'sim.test.key'), 'utf8');
const PROXY_PASSWORD = 'pr0xy-S3CRET-pass';

interface TestProxy {
  readonly url: string;
  readonly port: number;
  /** `CONNECT host:port` tunnels and forwarded `GET http://…` requests, in order. */
  readonly seen: string[];
  /** Proxy-Authorization headers received, decoded. */
  readonly auth: string[];
  close(): Promise<void>;
}

/** A forward + CONNECT proxy on 127.0.0.1. `hosts` maps names to local ports; `requireAuth` answers 407 without it. */
async function startProxy(hosts: Record<string, number>, requireAuth?: string): Promise<TestProxy> {
  const seen: string[] = [];
  const auth: string[] = [];
  const sockets = new Set<Socket>();
  const authorized = (req: IncomingMessage): boolean => {
    const h = req.headers['proxy-authorization'];
    const decoded = typeof h === 'string' && h.startsWith('Basic ') ? Buffer.from(h.slice(6), 'base64').toString('utf8') : undefined;
    if (decoded) auth.push(decoded);
    return !requireAuth || decoded === requireAuth;
  };
  const route = (hostPort: string): number | undefined => {
    const [host, port] = hostPort.split(':');
    return hosts[`${host}:${port}`] ?? hosts[host ?? ''];
  };
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (!authorized(req)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const port = route(target.host);
    if (!port) {
      res.writeHead(502).end('no route');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: target.pathname + target.search, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    client.on('error', () => undefined);
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const port = route(req.url ?? '');
    if (!port) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = netConnect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    sockets.add(upstream);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, port, seen, auth,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** TLS in front of the simulator, with the self-signed sim.test certificate. */
async function startTlsFront(targetPort: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTlsServer({ key: KEY, cert: CERT }, (tls) => {
    const plain = netConnect(targetPort, '127.0.0.1');
    tls.pipe(plain).pipe(tls);
    tls.on('error', () => plain.destroy());
    plain.on('error', () => tls.destroy());
    sockets.add(plain);
  });
  server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

describe('api: proxies (local forward/CONNECT proxy)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let simPort: number;
  let tlsFront: Awaited<ReturnType<typeof startTlsFront>>;
  let proxy: TestProxy;
  const logLines: string[] = [];
  const clients: FruxonClient[] = [];
  const client = (baseUrl: string, settings: ProxySettings): FruxonClient => {
    const c = new FruxonClient({ baseUrl, tenant: sim.tenant, credential: sim.apiKey, retry: FAST_RETRY, proxy: settings, logger: (l, m) => logLines.push(`${l} ${m}`) });
    clients.push(c);
    return c;
  };

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 3, bigTraceSteps: 100, quiet: true });
    simPort = Number(new URL(sim.baseUrl).port);
    tlsFront = await startTlsFront(simPort);
    proxy = await startProxy({ 'sim.test:80': simPort, [`sim.test:${simPort}`]: simPort, 'sim.test:443': tlsFront.port });
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    proxy.auth.length = 0;
    logLines.length = 0;
    sim.resetLog();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  after(async () => {
    await proxy.close();
    await tlsFront.close();
    await sim.close();
  });

  it('forwards http:// requests through http.proxy, with its credentials, and never logs them', async () => {
    const withAuth = proxy.url.replace('http://', `http://agent:${PROXY_PASSWORD}@`);
    const c = client(`http://sim.test:${simPort}`, { proxy: withAuth });
    const agents = await c.listAgents();
    assert.deepEqual(agents.map((a) => a.id), sim.data.agents.map((a) => a.id));
    assert.deepEqual(proxy.seen, [`GET http://sim.test:${simPort}/v1/tenants/${sim.tenant}/agents`]);
    assert.deepEqual(proxy.auth, [`agent:${PROXY_PASSWORD}`]);
    assert.equal(sim.count('listAgents'), 1);
    assert.ok(logLines.some((l) => l.includes(`through the proxy ${proxy.url}`)), logLines.join('\n'));
    assert.ok(!logLines.join('\n').includes(PROXY_PASSWORD));
  });

  it('tunnels https:// requests with CONNECT via HTTPS_PROXY (any letter case) and http.proxyStrictSSL: false', async () => {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'Https_Proxy']) {
      proxy.seen.length = 0;
      const c = client('https://sim.test', { strictSSL: false, env: { [name]: proxy.url } });
      assert.equal((await c.listAgents()).length, sim.data.agents.length);
      assert.deepEqual(proxy.seen, ['CONNECT sim.test:443'], name);
    }
  });

  it('checks the certificate behind the proxy unless told not to; extra CA certificates are trusted', async () => {
    const strict = await apiError(client('https://sim.test', { proxy: proxy.url }).listAgents());
    assert.equal(strict.kind, 'network');
    assert.match(strict.code ?? '', /SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_VERIFY/);
    assert.equal(strict.attempts, 1, 'a certificate failure is not retried');
    assert.match(strict.userMessage, new RegExp(`proxy ${proxy.url.replace(/\./g, '\\.')}`));
    const trusted = client('https://sim.test', { proxy: proxy.url, ca: [CERT] });
    assert.equal((await trusted.listAgents()).length, sim.data.agents.length);
  });

  it('goes direct for http.noProxy and NO_PROXY hosts and for loopback', async () => {
    // Direct to sim.test cannot resolve: the error proves the proxy was bypassed.
    for (const settings of [{ proxy: proxy.url, noProxy: ['sim.test'] }, { env: { HTTP_PROXY: proxy.url, no_proxy: 'example.org, .sim.test' } }]) {
      const e = await apiError(client(`http://sim.test:${simPort}`, settings).listAgents());
      assert.equal(e.kind, 'network');
      assert.match(e.code ?? '', /ENOTFOUND|EAI_AGAIN/);
      assert.doesNotMatch(e.userMessage, /proxy/);
    }
    const local = client(sim.baseUrl, { proxy: proxy.url });
    assert.equal((await local.listAgents()).length, sim.data.agents.length);
    assert.deepEqual(proxy.seen, []);
  });

  it('names the proxy, without its password, when it is down', async () => {
    const down = `http://agent:${PROXY_PASSWORD}@127.0.0.1:${await closedPort()}`;
    const e = await apiError(client(`http://sim.test:${simPort}`, { proxy: down }).execute('support-triage', { parameters: {} }));
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'ECONNREFUSED');
    assert.equal(e.mayHaveReachedServer, false);
    assert.match(e.userMessage, /^Could not reach the proxy http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) on the way to Fruxon at sim\.test:\d+\./);
    assert.ok(!dumpError(e).includes(PROXY_PASSWORD), dumpError(e));
    assert.equal(sim.count(), 0);
  });

  it('reports a proxy that wants credentials (407) and one that cannot reach the API (502)', async () => {
    const guarded = await startProxy({ 'sim.test:443': tlsFront.port, [`sim.test:${simPort}`]: simPort }, 'agent:right');
    try {
      for (const base of [`http://sim.test:${simPort}`, 'https://sim.test']) {
        const e = await apiError(client(base, { proxy: guarded.url, strictSSL: false }).listAgents());
        assert.equal(e.code, 'PROXY_407', `${base}: ${dumpError(e)}`);
        assert.match(e.userMessage, /^The proxy http:\/\/127\.0\.0\.1:\d+ asks for credentials \(407\)/);
        assert.equal(e.attempts, 1);
      }
    } finally {
      await guarded.close();
    }
    // A :stream the proxy refused never reached Fruxon: it says so, and :execute may be used instead.
    const s = await apiError(client('https://nowhere.test', { proxy: proxy.url }).stream('support-triage', {}));
    assert.deepEqual([s.code, s.mayHaveReachedServer, isStreamUnavailable(s)], ['PROXY_502', false, true]);
    const e = await apiError(client('https://nowhere.test', { proxy: proxy.url }).listAgents());
    assert.equal(e.code, 'PROXY_502');
    assert.equal(e.mayHaveReachedServer, false);
    assert.match(e.userMessage, /could not connect to Fruxon at nowhere\.test \(502\)/);
  });

  it('exposes which proxy a client uses, without credentials', () => {
    const h = new HttpClient({ baseUrl: 'https://api.example.com', service: 'X', proxy: { proxy: `http://u:${PROXY_PASSWORD}@proxy.corp:3128` } });
    assert.equal(h.proxy, 'http://proxy.corp:3128');
    void h.close();
    const direct = new HttpClient({ baseUrl: 'https://api.example.com', service: 'X', proxy: {} });
    assert.equal(direct.proxy, undefined);
    void direct.close();
  });
});

describe('api: proxy settings (pure)', () => {
  const target = 'https://api.fruxon.com/v1';

  it('prefers http.proxy, then HTTPS_PROXY / HTTP_PROXY by scheme, in any letter case', () => {
    assert.equal(resolveProxy(target, { proxy: 'http://a:1', env: { HTTPS_PROXY: 'http://b:2' } })?.host, 'a:1');
    assert.equal(resolveProxy(target, { proxy: '  ', env: { https_proxy: 'http://b:2' } })?.host, 'b:2');
    assert.equal(resolveProxy(target, { env: { HTTP_PROXY: 'http://c:3' } })?.host, 'c:3');
    assert.equal(resolveProxy('http://api.fruxon.com', { env: { HTTPS_PROXY: 'http://b:2' } }), undefined);
    assert.equal(resolveProxy(target, { proxy: 'proxy.corp:3128' })?.href, 'http://proxy.corp:3128/');
    assert.equal(resolveProxy(target, {}), undefined);
    assert.equal(resolveProxy(target, undefined), undefined);
    assert.equal(envValue({ HTTPS_PROXY: 'UPPER', https_proxy: 'lower' }, 'HTTPS_PROXY'), 'lower');
    assert.equal(envValue({ HTTPS_PROXY: 'UPPER', https_proxy: '' }, 'https_proxy'), 'UPPER');
  });

  it('matches NO_PROXY entries: *, hosts, domains, ports, IPs and CIDR blocks', () => {
    const yes: Array<[string, string, string]> = [
      ['api.fruxon.com', '443', '*'], ['api.fruxon.com', '443', 'fruxon.com'], ['api.fruxon.com', '443', '.fruxon.com'],
      ['api.fruxon.com', '443', '*.fruxon.com'], ['fruxon.com', '443', '.fruxon.com'], ['API.Fruxon.com', '443', 'api.fruxon.COM'],
      ['api.fruxon.com', '443', 'api.fruxon.com:443'], ['10.1.2.3', '80', '10.0.0.0/8'], ['10.1.2.3', '80', '10.1.2.3'],
      ['fd00::1', '443', 'fd00::1'], ['fd00::1', '443', '[fd00::1]:443'],
    ];
    const no: Array<[string, string, string]> = [
      ['api.fruxon.com', '443', 'other.com'], ['notfruxon.com', '443', 'fruxon.com'], ['api.fruxon.com', '443', 'api.fruxon.com:8443'],
      ['11.1.2.3', '80', '10.0.0.0/8'], ['fd00::2', '443', 'fd00::1'],
    ];
    for (const [h, p, e] of yes) assert.ok(matchesNoProxy(h, p, [e]), `${h}:${p} should match ${e}`);
    for (const [h, p, e] of no) assert.ok(!matchesNoProxy(h, p, [e]), `${h}:${p} should not match ${e}`);
    assert.equal(resolveProxy(target, { proxy: 'http://a:1', env: { NO_PROXY: 'x.org,fruxon.com' } }), undefined);
    for (const loop of ['http://localhost:1', 'http://127.0.0.1:1', 'http://[::1]:1', 'http://app.localhost']) {
      assert.equal(resolveProxy(loop, { proxy: 'http://a:1' }), undefined, loop);
    }
  });

  it('rejects unusable proxy URLs without echoing credentials', () => {
    assert.throws(() => parseProxyUrl('ftp://u:secretpw@proxy:21'), (e: Error) => /not supported/.test(e.message) && !e.message.includes('secretpw'));
    assert.throws(() => parseProxyUrl('http://u:secretpw@[bad'), (e: Error) => /not a valid URL/.test(e.message) && !e.message.includes('secretpw'));
    assert.equal(redactProxyText('see http://user:pw@proxy:1 and u:p@h'), 'see http://***@proxy:1 and ***@h');
    // A password with a '/' makes the URL unparsable: the message must not echo it either way.
    for (const raw of ['http://alice:S3cr/t@proxy:3128', 'user:p/w@proxy:3128']) {
      assert.throws(() => parseProxyUrl(raw), (e: Error) => /not a valid URL/.test(e.message) && !e.message.includes('S3cr') && !e.message.includes('p/w'));
    }
    assert.equal(redactProxyText('http://alice:S3cr/t@proxy:3128 failed'), 'http://***@proxy:3128 failed');
  });
});
