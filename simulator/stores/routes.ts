// The trace-store routes on the simulator's server. Each store lives under its own path prefix (`/jaeger`,
// `/tempo`), as each does behind a reverse proxy or with its base-path setting (Jaeger's
// --query.base-path, Tempo's http_api_prefix); below the prefix the paths are the stores' own. Jaeger is open
// (a default install has no auth); Tempo wants a credential, as a hosted or gateway-fronted Tempo does:
// `Authorization: Bearer <storeToken>`, `Authorization: Basic <any user>:<storeToken>`, or `X-Api-Key: <storeToken>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Query } from '../records';
import type { StoreRouteName } from '../types';
import type { JaegerApi, StoreReply } from './jaeger';
import type { TempoApi } from './tempo';

export type StoreMatch = { kind: 'route'; route: StoreRouteName; id?: string; v2?: boolean; legacy?: boolean } | { kind: 'unknown'; store: 'jaeger' | 'tempo' };

export function isStorePath(path: string): boolean {
  return /^\/(jaeger|tempo)(\/|$)/.test(path);
}

export function matchStoreRoute(path: string): StoreMatch {
  let seg: string[];
  try {
    seg = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'unknown', store: path.startsWith('/jaeger') ? 'jaeger' : 'tempo' };
  }
  const [store, ...rest] = seg;
  const p = rest.join('/');
  if (store === 'jaeger') {
    if (p === 'api/services') return { kind: 'route', route: 'jaegerServices' };
    if (rest.length === 4 && rest[0] === 'api' && rest[1] === 'services' && rest[3] === 'operations') return { kind: 'route', route: 'jaegerOperations', id: rest[2]!, legacy: true };
    if (p === 'api/operations') return { kind: 'route', route: 'jaegerOperations' };
    if (p === 'api/traces') return { kind: 'route', route: 'jaegerTraces' };
    if (rest.length === 3 && p.startsWith('api/traces/')) return { kind: 'route', route: 'jaegerTrace', id: rest[2]! };
    if (p === 'api/v3/services') return { kind: 'route', route: 'jaegerServices', v2: true };
    if (rest.length === 4 && p.startsWith('api/v3/traces/')) return { kind: 'route', route: 'jaegerTrace', id: rest[3]!, v2: true };
    return { kind: 'unknown', store: 'jaeger' };
  }
  if (p === 'api/search') return { kind: 'route', route: 'tempoSearch' };
  if (p === 'api/search/tags' || p === 'api/v2/search/tags') return { kind: 'route', route: 'tempoTags', v2: p.includes('v2') };
  if (rest.length === 3 && p.startsWith('api/traces/')) return { kind: 'route', route: 'tempoTrace', id: rest[2]! };
  if (rest.length === 4 && p.startsWith('api/v2/traces/')) return { kind: 'route', route: 'tempoTrace', id: rest[3]!, v2: true };
  if (rest.length === 5 && p.startsWith('api/search/tag/') && rest[4] === 'values') return { kind: 'route', route: 'tempoTagValues', id: rest[3]! };
  if (rest.length === 6 && p.startsWith('api/v2/search/tag/') && rest[5] === 'values') return { kind: 'route', route: 'tempoTagValues', id: rest[4]!, v2: true };
  return { kind: 'unknown', store: 'tempo' };
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
const same = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/** Tempo's credential check; Jaeger paths are open. */
export function checkStoreAuth(path: string, headers: IncomingHttpHeaders, token: string): 'apiKey' | 'bearer' | 'none' | 'invalid' {
  if (path.startsWith('/jaeger')) return 'none';
  const auth = String(headers.authorization ?? '').trim();
  const key = String(headers['x-api-key'] ?? '').trim();
  if (key) return same(key, token) ? 'apiKey' : 'invalid';
  if (!auth) return 'none';
  const [scheme, value = ''] = auth.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? '')) return same(value, token) ? 'bearer' : 'invalid';
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i >= 0 && same(decoded.slice(i + 1), token) ? 'bearer' : 'invalid';
  }
  return 'invalid';
}

export async function handleStore(m: StoreMatch, method: string, auth: string, search: string, jaeger: JaegerApi, tempo: TempoApi): Promise<StoreReply> {
  // The stores' parameter names are case-sensitive (minDuration, spanKind), unlike the Fruxon routes'.
  const q: Query = new Map();
  for (const [k, v] of new URLSearchParams(search)) q.set(k, [...(q.get(k) ?? []), v]);
  if (m.kind === 'unknown') return m.store === 'jaeger' ? { status: 404, text: '404 page not found\n' } : { status: 404, text: '404 page not found\n' };
  if (method !== 'GET') return { status: 405, text: 'Method Not Allowed\n' };
  if (m.route.startsWith('tempo') && (auth === 'none' || auth === 'invalid')) return { status: 401, text: auth === 'none' ? 'Unauthorized: no credentials\n' : 'Unauthorized: invalid credentials\n' };
  const one = (k: string): string | undefined => q.get(k)?.[0];
  switch (m.route) {
    case 'jaegerServices': return m.v2 ? jaeger.servicesV3() : jaeger.services();
    case 'jaegerOperations': return jaeger.operations(m.id ?? one('service'), one('spanKind'), m.legacy ?? false);
    case 'jaegerTraces': return jaeger.search(q);
    case 'jaegerTrace': return m.v2 ? jaeger.traceV3(m.id!) : jaeger.trace(m.id!);
    case 'tempoSearch': return tempo.search(q);
    case 'tempoTrace': return tempo.trace(m.id!, m.v2 ?? false);
    case 'tempoTags': return tempo.tagNames(m.v2 ?? false);
    case 'tempoTagValues': return tempo.tagValues(m.id!, m.v2 ?? false);
  }
}
