// How AgentLens authenticates to a team's trace store (Jaeger, Grafana Tempo). A default Jaeger has no auth;
// stores behind a gateway or hosted ones take a bearer token, basic auth (Grafana Cloud Tempo: instance id and
// an access token) or a header of their own (an API gateway's key). The secret parts live in SecretStorage;
// this module only turns them into request headers.
import type { Dispatcher } from 'undici';
import type { HttpLogger } from '../http';
import type { ProxySettings } from '../proxy';
import type { RetryPolicy } from '../retry';

export type StoreAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'header'; readonly name: string; readonly value: string };

export interface StoreClientOptions {
  baseUrl: string;
  auth?: StoreAuth;
  /** Extra headers that are not secrets (Tempo's X-Scope-OrgID, say). */
  headers?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  dispatcher?: Dispatcher;
  proxy?: ProxySettings;
  logger?: HttpLogger;
}

/** The options that are plain data (no dispatcher, no logger): what a worker thread can be handed to make its own client. */
export type StoreClientInit = Pick<StoreClientOptions, 'baseUrl' | 'auth' | 'headers' | 'timeoutMs' | 'proxy'>;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The header name a person typed, or why it cannot be one. */
export function headerNameProblem(name: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Enter a header name, for example X-Api-Key';
  if (!HEADER_NAME.test(n)) return 'A header name has letters, digits and - only (no spaces or colons)';
  if (/^(host|content-length|content-type|connection|transfer-encoding)$/i.test(n)) return `${n} cannot carry a credential`;
  return undefined;
}

/** Request headers for the credential, and the strings to scrub from errors and logs. */
export function authHeaders(auth: StoreAuth | undefined): { headers: Record<string, string>; secrets: string[] } {
  if (!auth || auth.kind === 'none') return { headers: {}, secrets: [] };
  if (auth.kind === 'bearer') {
    const token = auth.token.trim();
    if (!token) throw new TypeError('The bearer token is empty.');
    return { headers: { authorization: `Bearer ${token}` }, secrets: [token] };
  }
  if (auth.kind === 'basic') {
    if (auth.username.includes(':')) throw new TypeError('A basic-auth user name cannot contain ":".');
    const encoded = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
    return { headers: { authorization: `Basic ${encoded}` }, secrets: [auth.password, encoded].filter((s) => s.length > 0) };
  }
  const problem = headerNameProblem(auth.name);
  if (problem) throw new TypeError(problem);
  if (!auth.value.trim()) throw new TypeError(`The value of ${auth.name} is empty.`);
  return { headers: { [auth.name.trim().toLowerCase()]: auth.value.trim() }, secrets: [auth.value.trim()] };
}

/** Reads a stored credential (JSON in SecretStorage) defensively; undefined when it is not one. */
export function parseStoreAuth(text: string | undefined): StoreAuth | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (o.kind === 'none') return { kind: 'none' };
  if (o.kind === 'bearer' && typeof o.token === 'string') return { kind: 'bearer', token: o.token };
  if (o.kind === 'basic' && typeof o.username === 'string' && typeof o.password === 'string') return { kind: 'basic', username: o.username, password: o.password };
  if (o.kind === 'header' && typeof o.name === 'string' && typeof o.value === 'string') return { kind: 'header', name: o.name, value: o.value };
  return undefined;
}

/** Options for HttpClient shared by both store clients. */
export function httpOptions(o: StoreClientOptions, service: string) {
  const { headers, secrets } = authHeaders(o.auth);
  return {
    baseUrl: o.baseUrl, service, headers: { ...o.headers, ...headers }, secrets,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.retry ? { retry: o.retry } : {}),
    ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
    ...(o.proxy ? { proxy: o.proxy } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  };
}

/**
 * Trace ids as the stores print them: hex in any case, maybe without the leading zeros Tempo drops. A 16-digit
 * id (a 64-bit id of an old Jaeger client) stays as is; anything shorter or longer than that is padded to
 * 32 digits. Undefined when it is not hex.
 */
export function normalizeTraceId(id: string): string | undefined {
  const hex = id.trim().toLowerCase();
  if (!/^[0-9a-f]{1,32}$/.test(hex) || /^0+$/.test(hex)) return undefined;
  return hex.length === 16 ? hex : hex.padStart(32, '0');
}
