// Which proxy (if any) a request goes through, and the undici dispatcher that sends it there. The inputs are
// VS Code's `http.proxy`, `http.proxyStrictSSL` and `http.noProxy` (passed in by the extension; this module
// has no `vscode` import) and the usual environment variables. Proxy credentials (`user:pass@` in the URL)
// are sent as Proxy-Authorization by undici and never appear in a log line or an error: use proxyLabel().
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { undici } from './undici';

export interface ProxySettings {
  /** VS Code's `http.proxy`. Empty or absent: the environment decides (HTTPS_PROXY, HTTP_PROXY). */
  proxy?: string;
  /** VS Code's `http.proxyStrictSSL` (default true): false accepts any certificate on proxied connections. */
  strictSSL?: boolean;
  /** VS Code's `http.noProxy`: hosts that never go through the proxy (same syntax as NO_PROXY). */
  noProxy?: readonly string[];
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read from, in any letter case. Absent: no environment proxy. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Extra trusted CA certificates (PEM), for the API and the proxy, on top of Node's own list. */
  ca?: readonly string[];
}

/** A variable in any letter case; the lower-case one wins, as in curl. */
export function envValue(env: Readonly<Record<string, string | undefined>> | undefined, name: string): string | undefined {
  if (!env) return undefined;
  const lower = name.toLowerCase();
  const keys = Object.keys(env).filter((k) => k.toLowerCase() === lower).sort((a, b) => (a === lower ? -1 : b === lower ? 1 : 0));
  for (const k of keys) {
    const v = env[k]?.trim();
    if (v) return v;
  }
  return undefined;
}

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|::1|0:0:0:0:0:0:0:1)$/i;

const ipv4 = (s: string): number | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts.reduce((acc, p) => acc * 256 + p, 0) : undefined;
};

/**
 * NO_PROXY / `http.noProxy` matching: `*` (everything), `host`, `host:port`, `.domain` / `*.domain` / `domain`
 * (the domain and its subdomains), an IP address or an IPv4 CIDR block (`10.0.0.0/8`).
 */
export function matchesNoProxy(hostname: string, port: string, entries: readonly string[]): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of entries) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(entry);
    if (cidr) {
      const net = ipv4(cidr[1] ?? '');
      const addr = ipv4(host);
      const bits = Number(cidr[2]);
      if (net !== undefined && addr !== undefined && bits <= 32) {
        const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
        if (((net & mask) >>> 0) === ((addr & mask) >>> 0)) return true;
      }
      continue;
    }
    // An entry's port: `host:8080`, `[::1]:8080`; a bare IPv6 address has colons but no port.
    let entryPort: string | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1] ?? '';
      entryPort = bracketed[2];
    } else if ((entry.match(/:/g) ?? []).length === 1) {
      [entry, entryPort] = entry.split(':') as [string, string];
    }
    if (entryPort && entryPort !== port) continue;
    const domain = entry.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

const splitList = (s: string | undefined): string[] => (s ?? '').split(/[\s,]+/).filter(Boolean);

/**
 * The proxy URL for a target, or undefined for a direct connection. `http.proxy` wins over the environment;
 * `https:` targets use HTTPS_PROXY (else HTTP_PROXY), `http:` targets HTTP_PROXY. Loopback targets are never
 * proxied (as in Chromium and Go), nor hosts in `http.noProxy` or NO_PROXY.
 */
export function resolveProxy(target: string | URL, s: ProxySettings | undefined): URL | undefined {
  if (!s) return undefined;
  const url = typeof target === 'string' ? new URL(target) : target;
  const https = url.protocol === 'https:';
  const raw = s.proxy?.trim() || (https ? envValue(s.env, 'https_proxy') ?? envValue(s.env, 'http_proxy') : envValue(s.env, 'http_proxy'));
  if (!raw) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (LOOPBACK.test(host)) return undefined;
  const port = url.port || (https ? '443' : '80');
  if (matchesNoProxy(host, port, [...(s.noProxy ?? []), ...splitList(envValue(s.env, 'no_proxy'))])) return undefined;
  return parseProxyUrl(raw);
}

/** `proxy.corp:3128` is taken as `http://proxy.corp:3128`. Throws a TypeError that names the proxy safely. */
export function parseProxyUrl(raw: string): URL {
  const text = /^[a-z][a-z\d+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not echoed: a value that does not parse may still hold a password (`user:pa/ss@host`).
    throw new TypeError('The proxy setting (http.proxy or HTTPS_PROXY / HTTP_PROXY) is not a valid URL; write it as http://host:port, with any credentials percent-encoded.');
  }
  if (!['http:', 'https:', 'socks:', 'socks5:'].includes(url.protocol)) {
    throw new TypeError(`The proxy ${proxyLabel(url)} is not supported: use an http://, https:// or socks5:// proxy.`);
  }
  return url;
}

/** The proxy as people name it, never with its credentials: `http://proxy.corp:3128`. */
export function proxyLabel(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** Any `scheme://user:pass@` in free text, credentials replaced (up to the last `@` of a word: a password may hold `/`). */
export function redactProxyText(text: string): string {
  return text.replace(/([a-z][a-z\d+.-]*:\/\/)\S*@/gi, '$1***@').replace(/(^|\s)(?![a-z][a-z\d+.-]*:\/\/)[^/@\s:]+:\S*@/gi, '$1***@');
}

export interface ProxiedDispatcher {
  dispatcher: Dispatcher;
  /** The proxy requests go through, as proxyLabel() names it; undefined for direct connections. */
  proxy?: string;
}

/** A connection pool for one origin: direct, or through the proxy the settings pick for it. */
export function createDispatcher(origin: string, s: ProxySettings | undefined, connectTimeoutMs: number): ProxiedDispatcher {
  const ca = s?.ca?.length ? { ca: [...rootCertificates, ...s.ca] } : {};
  const proxy = resolveProxy(origin, s);
  const { Agent, ProxyAgent } = undici();
  if (!proxy) return { dispatcher: new Agent({ connect: { timeout: connectTimeoutMs, ...ca } }) };
  const tls = { timeout: connectTimeoutMs, ...ca, ...(s?.strictSSL === false ? { rejectUnauthorized: false } : {}) };
  // http:// targets are forwarded (absolute-URI requests), https:// ones tunnelled with CONNECT, as curl
  // does: many proxies only allow CONNECT to port 443.
  const dispatcher = new ProxyAgent({ uri: proxy.href, proxyTunnel: false, requestTls: tls, proxyTls: tls });
  return { dispatcher, proxy: proxyLabel(proxy) };
}

/**
 * A failure the proxy itself reported: `PROXY_407` (it wants credentials) or `PROXY_<status>` (it could not
 * reach the target). The target never saw the request.
 */
export function proxyFailure(err: unknown): { code: string; status: number } | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message !== 'string') continue;
    const m = /Proxy response \((\d{3})\)/.exec(message) ?? /Proxy Authentication Required \((407)\)/.exec(message);
    if (m) return { code: `PROXY_${m[1]}`, status: Number(m[1]) };
  }
  return undefined;
}
