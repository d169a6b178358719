// Connection profiles: where a backend lives and who we are there. The credential is never part of a
// profile — it lives in SecretStorage (or in the environment the user set) and is looked up by profile id.

export const DEFAULT_FRUXON_BASE_URL = 'https://api.fruxon.com';
export const DEFAULT_ZAIA_BASE_URL = 'https://api.endless.zaia.app';

export type ConnectionKind = 'fruxon' | 'zaia' | 'jaeger' | 'tempo';
/** A team's trace store: read-only, traces by service (Jaeger) or TraceQL (Tempo). */
export type StoreKind = 'jaeger' | 'tempo';

export interface ConnectionProfile {
  readonly id: string;
  readonly kind: ConnectionKind;
  readonly label: string;
  readonly baseUrl: string;
  /** The Fruxon tenant; '' for Zaia (a Zaia API key belongs to one workspace). */
  readonly tenant: string;
  /** Forces the credential scheme; otherwise the client decides from the credential's prefix. */
  readonly auth?: 'apiKey' | 'bearer';
  /** Made from FRUXON_* (or ZAIA_*) environment variables: not stored, not removable with Sign out. */
  readonly fromEnvironment?: boolean;
}

/** Validates and normalizes a base URL typed by a person; the message says what to fix. */
export function normalizeBaseUrl(input: string): string {
  const text = input.trim();
  if (!text) throw new Error('Enter the API base URL, for example https://api.fruxon.com');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a URL. Enter one like https://api.fruxon.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The base URL must start with https:// (or http:// for a local server)');
  if (url.username || url.password) throw new Error('Put the credential in the key field, not in the URL');
  if (url.search || url.hash) throw new Error('The base URL cannot have a query (?…) or fragment (#…)');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function validateTenant(input: string): string | undefined {
  const t = input.trim();
  if (!t) return 'Enter your tenant identifier (as in /v1/tenants/{tenant}/…)';
  if (/[\s/?#]/.test(t)) return 'A tenant identifier has no spaces, slashes, ? or #';
  return undefined;
}

export function profileId(kind: 'fruxon', baseUrl: string, tenant: string): string {
  return `${kind}:${baseUrl}#${tenant}`;
}

export function makeProfile(baseUrl: string, tenant: string, extra: Partial<ConnectionProfile> = {}): ConnectionProfile {
  const normalized = normalizeBaseUrl(baseUrl);
  const host = new URL(normalized).host;
  const label = normalized === DEFAULT_FRUXON_BASE_URL ? tenant : `${tenant} @ ${host}`;
  return { id: profileId('fruxon', normalized, tenant.trim()), kind: 'fruxon', label, baseUrl: normalized, tenant: tenant.trim(), ...extra };
}

/** Like the Fruxon CLI: FRUXON_API_KEY (+ FRUXON_TENANT, optional FRUXON_BASE_URL) make a connection. */
export function profileFromEnvironment(env: Readonly<Record<string, string | undefined>>): { profile: ConnectionProfile; credential: string } | undefined {
  const credential = env.FRUXON_API_KEY?.trim();
  const tenant = env.FRUXON_TENANT?.trim();
  if (!credential || !tenant) return undefined;
  try {
    const profile = makeProfile(env.FRUXON_BASE_URL?.trim() || DEFAULT_FRUXON_BASE_URL, tenant, { fromEnvironment: true });
    return { profile: { ...profile, label: `${profile.label} (environment)` }, credential };
  } catch {
    return undefined;
  }
}

// ---- Zaia Endless ----------------------------------------------------------------------------------------

export type ZaiaProfile = ConnectionProfile & { readonly kind: 'zaia' };

export function isZaiaProfile(p: ConnectionProfile | undefined): p is ZaiaProfile {
  return p?.kind === 'zaia';
}

export function zaiaProfileId(baseUrl: string): string {
  return `zaia:${baseUrl}`;
}

/** One Zaia connection per base URL (its key decides the workspace). */
export function makeZaiaProfile(baseUrl: string = DEFAULT_ZAIA_BASE_URL, extra: { fromEnvironment?: boolean } = {}): ZaiaProfile {
  const normalized = normalizeBaseUrl(baseUrl);
  const host = new URL(normalized).host;
  const label = normalized === DEFAULT_ZAIA_BASE_URL ? 'Zaia Endless' : `Zaia Endless @ ${host}`;
  return { id: zaiaProfileId(normalized), kind: 'zaia', label, baseUrl: normalized, tenant: '', ...extra };
}

/** ZAIA_API_KEY (+ optional ZAIA_BASE_URL) make a Zaia connection. */
export function zaiaProfileFromEnvironment(env: Readonly<Record<string, string | undefined>>): { profile: ZaiaProfile; credential: string } | undefined {
  const credential = env.ZAIA_API_KEY?.trim();
  if (!credential) return undefined;
  try {
    const profile = makeZaiaProfile(env.ZAIA_BASE_URL?.trim() || DEFAULT_ZAIA_BASE_URL, { fromEnvironment: true });
    return { profile: { ...profile, label: `${profile.label} (environment)` }, credential };
  } catch {
    return undefined;
  }
}

/** Reads stored profiles defensively: global state written by another version must not break activation. */
export function parseStoredProfiles(value: unknown): ConnectionProfile[] {
  if (!Array.isArray(value)) return [];
  const out: ConnectionProfile[] = [];
  for (const v of value) {
    if (!v || typeof v !== 'object') continue;
    const p = v as Partial<ConnectionProfile>;
    if (p.kind === 'jaeger' || p.kind === 'tempo') {
      try {
        if (typeof p.baseUrl === 'string') out.push(makeStoreProfile(p.kind, p.baseUrl));
      } catch {
        // skip a profile we can no longer understand
      }
      continue;
    }
    if (p.kind === 'zaia') {
      try {
        if (typeof p.baseUrl === 'string') out.push(makeZaiaProfile(p.baseUrl));
      } catch {
        // skip a profile we can no longer understand
      }
      continue;
    }
    // Profiles written before Zaia existed have no kind (or 'fruxon'); any other kind is from a newer version.
    if (p.kind !== undefined && p.kind !== 'fruxon') continue;
    if (typeof p.baseUrl !== 'string' || typeof p.tenant !== 'string') continue;
    try {
      out.push(makeProfile(p.baseUrl, p.tenant, p.auth ? { auth: p.auth } : {}));
    } catch {
      // skip a profile we can no longer understand
    }
  }
  return out;
}

// ---- Trace stores (Jaeger, Grafana Tempo) -----------------------------------------------------------------

export type StoreProfile = ConnectionProfile & { readonly kind: StoreKind };

export const STORE_NAMES: Record<StoreKind, string> = { jaeger: 'Jaeger', tempo: 'Grafana Tempo' };

export function isStoreProfile(p: ConnectionProfile | undefined): p is StoreProfile {
  return p?.kind === 'jaeger' || p?.kind === 'tempo';
}

/** One connection per store and base URL; its credential (JSON of a StoreAuth, maybe `{"kind":"none"}`) is a secret. */
export function makeStoreProfile(kind: StoreKind, baseUrl: string): StoreProfile {
  const normalized = normalizeBaseUrl(baseUrl);
  const url = new URL(normalized);
  const where = url.pathname && url.pathname !== '/' ? `${url.host}${url.pathname}` : url.host;
  return { id: `${kind}:${normalized}`, kind, label: `${STORE_NAMES[kind]} @ ${where}`, baseUrl: normalized, tenant: '' };
}
