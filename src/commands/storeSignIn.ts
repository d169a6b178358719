import * as vscode from 'vscode';
import { JaegerClient } from '../api/jaeger/client';
import { TempoClient } from '../api/tempo/client';
import { authHeaders, headerNameProblem, type StoreAuth } from '../api/stores/auth';
import type { ConnectionManager } from '../connections/connectionManager';
import { makeStoreProfile, normalizeBaseUrl, STORE_NAMES, type ConnectionProfile, type StoreKind } from '../connections/profiles';
import type { Logger } from '../util/logger';
import { describeError } from '../views/errors';
import { baseUrlProblem, verifyAndSave, type SignInArgs } from './auth';

const EXAMPLE: Record<StoreKind, string> = { jaeger: 'http://localhost:16686', tempo: 'http://localhost:3200' };

/**
 * Sign in to a trace store: base URL, then how to authenticate (none, bearer token, basic auth, a custom header)
 * and its secret parts in password boxes. One request checks it (Jaeger: its services; Tempo: the service names)
 * before anything is saved; the credential goes to SecretStorage as JSON, never to settings.
 */
export async function signInStore(connections: ConnectionManager, log: Logger, kind: StoreKind, args: SignInArgs | undefined): Promise<ConnectionProfile | undefined> {
  const name = STORE_NAMES[kind];
  let baseUrl = args?.baseUrl ?? '';
  let auth: StoreAuth | undefined = args?.auth;
  const interactive = !args?.auth;
  for (;;) {
    if (interactive) {
      const url = await vscode.window.showInputBox({
        title: `Sign in to ${name} (1/2): URL`, value: baseUrl || EXAMPLE[kind], ignoreFocusOut: true, validateInput: baseUrlProblem,
        prompt: kind === 'jaeger'
          ? 'Jaeger\'s query service (the address of the Jaeger UI, with its base path if it has one)'
          : 'Tempo\'s query frontend (HTTP port, 3200 by default), or the Grafana Cloud Tempo URL',
      });
      if (url === undefined) return undefined;
      baseUrl = normalizeBaseUrl(url);
      auth = await askAuth(name, auth);
      if (!auth) return undefined;
    }
    let profile: ConnectionProfile;
    try {
      profile = makeStoreProfile(kind, baseUrl);
      authHeaders(auth);
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message);
      return undefined;
    }
    const credential = JSON.stringify(auth);
    const chosen = auth!;
    const outcome = await verifyAndSave(connections, log, profile, credential, interactive,
      (token) => check(kind, profile, chosen, connections, token), `Connected to ${profile.label}.`);
    if (outcome !== 'retry') return outcome;
  }
}

async function askAuth(name: string, previous: StoreAuth | undefined): Promise<StoreAuth | undefined> {
  const items = [
    { label: '$(unlock) No authentication', detail: 'A store on your network without auth (a default Jaeger or Tempo)', scheme: 'none' as const },
    { label: '$(key) Bearer token', detail: 'Authorization: Bearer <token> (an OAuth proxy or gateway in front of the store)', scheme: 'bearer' as const },
    { label: '$(account) User name and password (basic auth)', detail: 'Grafana Cloud Tempo: the instance ID and an access-policy token', scheme: 'basic' as const },
    { label: '$(symbol-key) A header of your own', detail: 'An API gateway\'s key header, e.g. X-Api-Key', scheme: 'header' as const },
  ];
  const pick = await vscode.window.showQuickPick(items.map((i) => ({ ...i, picked: i.scheme === previous?.kind })),
    { title: `Sign in to ${name} (2/2): authentication`, placeHolder: 'How does the store want requests authenticated?', ignoreFocusOut: true });
  if (!pick) return undefined;
  const secret = (title: string, prompt: string, value = ''): Thenable<string | undefined> => vscode.window.showInputBox({
    title, prompt: `${prompt} Stored in VS Code's secret storage only.`, value, password: true, ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Paste the value'),
  });
  if (pick.scheme === 'none') return { kind: 'none' };
  if (pick.scheme === 'bearer') {
    const token = await secret(`${name}: bearer token`, 'The token sent as Authorization: Bearer <token>.', previous?.kind === 'bearer' ? previous.token : '');
    return token === undefined ? undefined : { kind: 'bearer', token: token.trim() };
  }
  if (pick.scheme === 'basic') {
    const username = await vscode.window.showInputBox({
      title: `${name}: user name`, value: previous?.kind === 'basic' ? previous.username : '', ignoreFocusOut: true,
      prompt: 'The user name (Grafana Cloud: the Tempo instance ID)', validateInput: (v) => (v.includes(':') ? 'A user name cannot contain ":"' : v ? undefined : 'Enter the user name'),
    });
    if (username === undefined) return undefined;
    const password = await secret(`${name}: password or token`, 'The password (Grafana Cloud: an access-policy token).', previous?.kind === 'basic' ? previous.password : '');
    return password === undefined ? undefined : { kind: 'basic', username, password };
  }
  const header = await vscode.window.showInputBox({
    title: `${name}: header name`, value: previous?.kind === 'header' ? previous.name : 'X-Api-Key', ignoreFocusOut: true,
    prompt: 'The header the gateway reads the credential from', validateInput: headerNameProblem,
  });
  if (header === undefined) return undefined;
  const value = await secret(`${name}: ${header.trim()}`, `The value sent as ${header.trim()}.`, previous?.kind === 'header' ? previous.value : '');
  return value === undefined ? undefined : { kind: 'header', name: header.trim(), value: value.trim() };
}

/** One cheap request with the candidate credential: undefined when it works, else what to fix. */
async function check(kind: StoreKind, profile: ConnectionProfile, auth: StoreAuth, connections: ConnectionManager, token: vscode.CancellationToken): Promise<string | 'cancelled' | undefined> {
  const o = { baseUrl: profile.baseUrl, auth, retry: { maxRetries: 1 }, proxy: connections.httpSettings() };
  const client = kind === 'jaeger' ? new JaegerClient(o) : new TempoClient(o);
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    if (client instanceof JaegerClient) await client.listServices({ signal: abort.signal });
    else await client.tagValues('resource.service.name', { signal: abort.signal });
    return undefined;
  } catch (e) {
    if (token.isCancellationRequested) return 'cancelled';
    const { message } = describeError(e);
    const status = (e as { status?: number }).status;
    if (status === 401 || status === 403) {
      return `${STORE_NAMES[kind]} at ${profile.baseUrl} refused the credential (${status}). ${auth.kind === 'none' ? 'It wants authentication: choose a bearer token, basic auth or a header.' : 'Check it and try again.'}`;
    }
    if (status === 404) return `${profile.baseUrl} answered 404: is this the ${STORE_NAMES[kind]} query API (with its base path, if any)? ${message}`;
    return message;
  } finally {
    sub.dispose();
    void client.close();
  }
}
