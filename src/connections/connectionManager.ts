import * as vscode from 'vscode';
import { FruxonClient, type FruxonClientInit } from '../api/fruxon/client';
import { ZaiaClient, type ZaiaClientInit } from '../api/zaia/client';
import { JaegerClient } from '../api/jaeger/client';
import { TempoClient } from '../api/tempo/client';
import { authHeaders, parseStoreAuth, type StoreClientInit } from '../api/stores/auth';
import { isAuthError } from '../api/errors';
import type { Logger } from '../util/logger';
import type { Redactor } from '../util/redact';
import { parseStoredProfiles, profileFromEnvironment, zaiaProfileFromEnvironment, type ConnectionProfile } from './profiles';
import type { ProxySettings } from '../api/proxy';
import { affectsHttpSettings, readHttpSettings } from './httpSettings';

const PROFILES_KEY = 'agentlens.connections';
const SECRET_PREFIX = 'agentlens.secret.';

export type ConnectionState =
  | { readonly kind: 'ready' }
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'unauthorized'; readonly message: string };

/**
 * Owns connection profiles (global state), their credentials (SecretStorage, or the environment) and one
 * API client per connection. Views and commands ask it for clients; nothing else touches secrets.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private stored: ConnectionProfile[];
  private readonly env: ReturnType<typeof profileFromEnvironment>;
  private readonly zaiaEnv: ReturnType<typeof zaiaProfileFromEnvironment>;
  private readonly clients = new Map<string, FruxonClient>();
  private readonly zaiaClients = new Map<string, ZaiaClient>();
  private readonly storeClients = new Map<string, JaegerClient | TempoClient>();
  private readonly states = new Map<string, ConnectionState>();
  private readonly subscription: vscode.Disposable;
  private readonly httpSubscription: vscode.Disposable;
  private http: ProxySettings | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Logger,
    private readonly redactor: Redactor,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.env = profileFromEnvironment(env);
    if (this.env) this.redactor.addSecret(this.env.credential);
    this.zaiaEnv = zaiaProfileFromEnvironment(env);
    if (this.zaiaEnv) this.redactor.addSecret(this.zaiaEnv.credential);
    this.stored = parseStoredProfiles(context.globalState.get(PROFILES_KEY));
    // Another window signed in or out: forget what we cached and re-read.
    this.subscription = context.secrets.onDidChange((e) => {
      if (!e.key.startsWith(SECRET_PREFIX)) return;
      const id = e.key.slice(SECRET_PREFIX.length);
      this.stored = parseStoredProfiles(context.globalState.get(PROFILES_KEY));
      this.forget(id);
      this.changed.fire();
    });
    // A proxy or certificate setting changed: clients are rebuilt with it on next use.
    this.httpSubscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsHttpSettings(e)) return;
      this.http = undefined;
      for (const id of [...this.clients.keys(), ...this.zaiaClients.keys(), ...this.storeClients.keys()]) this.forget(id);
      this.log.info('proxy or certificate settings changed; reconnecting');
      this.changed.fire();
    });
  }

  /**
   * Proxy and certificate settings for API clients (http.proxy, http.noProxy, HTTPS_PROXY, …), read once per change.
   * Plain data (the environment copied, not process.env itself), so a trace worker can be handed them.
   */
  httpSettings(): ProxySettings {
    return (this.http ??= readHttpSettings(this.log, { ...process.env }));
  }

  list(): ConnectionProfile[] {
    const envProfiles = [this.env?.profile, this.zaiaEnv?.profile].filter((p): p is ConnectionProfile => p !== undefined);
    const rest = this.stored.filter((p) => !envProfiles.some((e) => e.id === p.id));
    return [...envProfiles, ...rest];
  }

  find(id: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  state(id: string): ConnectionState {
    return this.states.get(id) ?? { kind: 'ready' };
  }

  private async credential(profile: ConnectionProfile): Promise<string | undefined> {
    const stored = await this.context.secrets.get(SECRET_PREFIX + profile.id);
    const fromEnv = [this.env, this.zaiaEnv].find((e) => e?.profile.id === profile.id)?.credential;
    const credential = stored ?? fromEnv;
    this.addSecrets(credential);
    return credential;
  }

  /** The connection's client, or undefined when it has no credential (signed out). A Zaia connection has none: see zaiaClient. */
  client(id: string): Promise<FruxonClient | undefined> {
    return this.cachedClient(this.clients, id, ['fruxon'], (profile, credential) => new FruxonClient({
      ...this.fruxonOptions(profile, credential),
      logger: (level, message) => this.log.log(level, message),
    }));
  }

  private fruxonOptions(profile: ConnectionProfile, credential: string): FruxonClientInit {
    return { baseUrl: profile.baseUrl, tenant: profile.tenant, credential, ...(profile.auth ? { auth: profile.auth } : {}), proxy: this.httpSettings() };
  }

  /**
   * What a client of this Fruxon connection is made from (plain data, credential included), for a trace worker
   * that makes its own in the same process; undefined when signed out.
   */
  fruxonClientInit(id: string): Promise<FruxonClientInit | undefined> {
    return this.signedInAs(id, ['fruxon'], (profile, credential) => this.fruxonOptions(profile, credential));
  }

  /** The Zaia connection's client, or undefined when it has no key (signed out) or is not a Zaia connection. */
  zaiaClient(id: string): Promise<ZaiaClient | undefined> {
    return this.cachedClient(this.zaiaClients, id, ['zaia'], (profile, credential) =>
      new ZaiaClient({ ...this.zaiaOptions(profile, credential), logger: (level, message) => this.log.log(level, message) }));
  }

  private zaiaOptions(profile: ConnectionProfile, credential: string): ZaiaClientInit {
    return { baseUrl: profile.baseUrl, apiKey: credential, proxy: this.httpSettings() };
  }

  /** What a client of this Zaia connection is made from (plain data, key included), for a trace worker; undefined when signed out. */
  zaiaClientInit(id: string): Promise<ZaiaClientInit | undefined> {
    return this.signedInAs(id, ['zaia'], (profile, credential) => this.zaiaOptions(profile, credential));
  }

  /** A Jaeger connection's client; undefined when signed out or not a Jaeger connection. */
  async jaegerClient(id: string): Promise<JaegerClient | undefined> {
    const c = await this.storeClient(id, 'jaeger');
    return c instanceof JaegerClient ? c : undefined;
  }

  /** A Grafana Tempo connection's client; undefined when signed out or not a Tempo connection. */
  async tempoClient(id: string): Promise<TempoClient | undefined> {
    const c = await this.storeClient(id, 'tempo');
    return c instanceof TempoClient ? c : undefined;
  }

  private storeClient(id: string, kind: 'jaeger' | 'tempo'): Promise<JaegerClient | TempoClient | undefined> {
    return this.cachedClient(this.storeClients, id, [kind], (profile, credential) => {
      const o = { ...this.storeOptions(profile, credential), logger: (level: Parameters<Logger['log']>[0], message: string) => this.log.log(level, message) };
      return kind === 'jaeger' ? new JaegerClient(o) : new TempoClient(o);
    });
  }

  private storeOptions(profile: ConnectionProfile, credential: string): StoreClientInit {
    return { baseUrl: profile.baseUrl, auth: parseStoreAuth(credential) ?? { kind: 'none' as const }, proxy: this.httpSettings() };
  }

  /** What a client of this Jaeger or Tempo connection is made from (plain data), for a trace worker; undefined when signed out. */
  storeClientInit(id: string): Promise<{ kind: 'jaeger' | 'tempo'; init: StoreClientInit } | undefined> {
    return this.signedInAs(id, ['jaeger', 'tempo'], (profile, credential) =>
      ({ kind: profile.kind as 'jaeger' | 'tempo', init: this.storeOptions(profile, credential) }));
  }

  /**
   * `make` with the connection's profile and credential when it is one of `kinds`; undefined when it is not, or
   * when it has no credential (the connection then shows as signed out).
   */
  private async signedInAs<T>(id: string, kinds: readonly ConnectionProfile['kind'][], make: (profile: ConnectionProfile, credential: string) => T): Promise<T | undefined> {
    const profile = this.find(id);
    if (!profile || !kinds.includes(profile.kind)) return undefined;
    const credential = await this.credential(profile);
    if (credential) return make(profile, credential);
    this.states.set(id, { kind: 'signedOut' });
    return undefined;
  }

  /** One client per connection of the given kind, made on first use with the connection's credential. */
  private async cachedClient<C>(cache: Map<string, C>, id: string, kinds: readonly ConnectionProfile['kind'][], make: (profile: ConnectionProfile, credential: string) => C): Promise<C | undefined> {
    const existing = cache.get(id);
    if (existing) return existing;
    const client = await this.signedInAs(id, kinds, make);
    if (client !== undefined) cache.set(id, client);
    return client;
  }

  /** The credential, and for a trace store the token, password or header value inside its JSON, never reach a log. */
  private addSecrets(credential: string | undefined): void {
    this.redactor.addSecret(credential);
    const auth = parseStoreAuth(credential);
    if (!auth) return;
    try {
      for (const s of authHeaders(auth).secrets) this.redactor.addSecret(s);
    } catch {
      // an unusable stored credential has nothing to send, so nothing to hide
    }
  }

  async signIn(profile: ConnectionProfile, credential: string): Promise<void> {
    this.addSecrets(credential);
    await this.context.secrets.store(SECRET_PREFIX + profile.id, credential);
    this.stored = [...this.stored.filter((p) => p.id !== profile.id), profile];
    await this.context.globalState.update(PROFILES_KEY, this.stored);
    this.forget(profile.id);
    this.log.info(profile.kind === 'fruxon' ? `signed in to ${profile.baseUrl} (tenant ${profile.tenant})` : `signed in to ${profile.kind} at ${profile.baseUrl}`);
    this.changed.fire();
  }

  /** Removes the stored secret; the profile is removed too unless it comes from the environment. */
  async signOut(id: string): Promise<void> {
    await this.context.secrets.delete(SECRET_PREFIX + id);
    this.stored = this.stored.filter((p) => p.id !== id);
    await this.context.globalState.update(PROFILES_KEY, this.stored);
    this.forget(id);
    this.log.info(`signed out of ${id}`);
    this.changed.fire();
  }

  /** Views report API failures here; a 401/403 turns the connection into a sign-in prompt. */
  reportError(id: string, error: unknown): void {
    if (!isAuthError(error)) return;
    const message = error instanceof Error ? error.message : String(error);
    const current = this.states.get(id);
    if (current?.kind === 'unauthorized') return;
    this.states.set(id, { kind: 'unauthorized', message });
    this.changed.fire();
  }

  /** After a successful request the connection is usable again. */
  reportSuccess(id: string): void {
    if (this.states.get(id)?.kind === 'unauthorized') {
      this.states.delete(id);
      this.changed.fire();
    }
  }

  /** The user asked to try again (Refresh, Retry): forget that a connection was refused. */
  retry(id?: string): void {
    if (id === undefined) this.states.clear();
    else this.states.delete(id);
  }

  private forget(id: string): void {
    this.states.delete(id);
    const client = this.clients.get(id);
    this.clients.delete(id);
    void client?.close();
    const zaia = this.zaiaClients.get(id);
    this.zaiaClients.delete(id);
    void zaia?.close();
    const store = this.storeClients.get(id);
    this.storeClients.delete(id);
    void store?.close();
  }

  dispose(): void {
    this.subscription.dispose();
    this.httpSubscription.dispose();
    for (const id of [...this.clients.keys(), ...this.zaiaClients.keys(), ...this.storeClients.keys()]) this.forget(id);
    this.changed.dispose();
  }
}
