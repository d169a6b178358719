import * as vscode from 'vscode';
import { registerCommand } from '../registry';
import { FruxonClient } from '../api/fruxon/client';
import { ZaiaClient } from '../api/zaia/client';
import type { ConnectionManager } from '../connections/connectionManager';
import { DEFAULT_FRUXON_BASE_URL, DEFAULT_ZAIA_BASE_URL, makeProfile, makeZaiaProfile, normalizeBaseUrl, validateTenant, type ConnectionKind, type ConnectionProfile } from '../connections/profiles';
import type { Logger } from '../util/logger';
import type { StoreAuth } from '../api/stores/auth';
import { signInStore } from './storeSignIn';
import { describeError, signInProblem, zaiaSignInProblem } from '../views/errors';

export interface SignInArgs {
  /** Which platform; asked first when missing (a tenant alone means Fruxon). */
  kind?: ConnectionKind;
  baseUrl?: string;
  tenant?: string;
  /** Lets tests and other extensions sign in without the dialog; never logged. */
  credential?: string;
  /** Jaeger / Tempo: how to authenticate (`{kind: 'none'}` for an open store); with it there is no dialog. */
  auth?: StoreAuth;
}

interface Draft {
  baseUrl: string;
  tenant: string;
  credential: string;
}

/**
 * Sign in: base URL, tenant, credential (password box). The credential is checked by listing agents before
 * anything is saved; when that fails the message says which part is wrong and the dialog reopens with the
 * values kept.
 */
export function registerAuthCommands(connections: ConnectionManager, log: Logger): vscode.Disposable[] {
  const signIn = async (arg?: SignInArgs | { profile?: ConnectionProfile }): Promise<ConnectionProfile | undefined> => {
    // From a connection's menu the argument is its tree node: sign in to that connection again.
    const fromNode = arg && 'profile' in arg ? arg.profile : undefined;
    const args: SignInArgs | undefined = fromNode ? { kind: fromNode.kind, baseUrl: fromNode.baseUrl, tenant: fromNode.tenant } : (arg as SignInArgs | undefined);
    const kind = args?.kind ?? (args?.tenant ? 'fruxon' : args?.credential ? 'fruxon' : await pickKind());
    if (!kind) return undefined;
    if (kind === 'zaia') return signInZaia(connections, log, args);
    if (kind === 'jaeger' || kind === 'tempo') return signInStore(connections, log, kind, args);
    let draft: Draft = { baseUrl: args?.baseUrl ?? DEFAULT_FRUXON_BASE_URL, tenant: args?.tenant ?? '', credential: args?.credential ?? '' };
    const interactive = !args?.credential;
    for (;;) {
      if (interactive) {
        const next = await askAll(draft);
        if (!next) return undefined;
        draft = next;
      }
      const profile = makeProfile(draft.baseUrl, draft.tenant);
      const credential = draft.credential;
      const outcome = await verifyAndSave(connections, log, profile, credential, interactive,
        (token) => check(profile, credential, token, connections), `Signed in to Fruxon tenant "${profile.tenant}".`);
      if (outcome !== 'retry') return outcome;
    }
  };

  const signOut = async (arg?: { profile?: ConnectionProfile } | string): Promise<void> => {
    const id = typeof arg === 'string' ? arg : arg?.profile?.id ?? (await pickConnection(connections, 'Sign out of which connection?'));
    if (!id) return;
    const profile = connections.find(id);
    if (profile?.fromEnvironment) {
      void vscode.window.showInformationMessage(`This connection comes from ${profile.kind === 'zaia' ? 'ZAIA' : 'FRUXON'}_* environment variables; unset them to remove it.`);
      return;
    }
    await connections.signOut(id);
  };

  return [registerCommand('agentlens.signIn', signIn), registerCommand('agentlens.signOut', signOut)];
}

async function askAll(draft: Draft): Promise<Draft | undefined> {
  const baseUrl = await vscode.window.showInputBox({
    title: 'Sign in to Fruxon (1/3): API base URL',
    value: draft.baseUrl,
    prompt: 'The Fruxon API your tenant lives on',
    ignoreFocusOut: true,
    validateInput: baseUrlProblem,
  });
  if (baseUrl === undefined) return undefined;
  const tenant = await vscode.window.showInputBox({
    title: 'Sign in to Fruxon (2/3): tenant',
    value: draft.tenant,
    prompt: 'Your tenant identifier, as in /v1/tenants/{tenant}/…',
    ignoreFocusOut: true,
    validateInput: validateTenant,
  });
  if (tenant === undefined) return undefined;
  const credential = await vscode.window.showInputBox({
    title: 'Sign in to Fruxon (3/3): API key or access token',
    value: draft.credential,
    prompt: 'An API key (fx_live_…) or a personal/service token (fx_pat_…, fx_sat_…). Stored in VS Code\'s secret storage only.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Paste your API key or token'),
  });
  if (credential === undefined) return undefined;
  return { baseUrl: normalizeBaseUrl(baseUrl), tenant: tenant.trim(), credential: credential.trim() };
}

/** Lists agents with the candidate credential: undefined when it works, else what to fix. */
async function check(profile: ConnectionProfile, credential: string, token: vscode.CancellationToken, connections: ConnectionManager): Promise<string | 'cancelled' | undefined> {
  const client = new FruxonClient({ baseUrl: profile.baseUrl, tenant: profile.tenant, credential, retry: { maxRetries: 1 }, proxy: connections.httpSettings() });
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    await client.listAgents({ signal: abort.signal });
    return undefined;
  } catch (e) {
    if (token.isCancellationRequested) return 'cancelled';
    return signInProblem(e, profile) ?? describeError(e).message;
  } finally {
    sub.dispose();
    void client.close();
  }
}

async function pickKind(): Promise<ConnectionKind | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: '$(cloud) Fruxon', description: 'api.fruxon.com or your own deployment', detail: 'Agents and execution records of a tenant, with API key or token', platform: 'fruxon' as const },
      { label: '$(organization) Zaia Endless', description: 'api.endless.zaia.app', detail: 'Agents, squads and workflows of a workspace, with a workspace API key', platform: 'zaia' as const },
      { label: '$(graph-scatter) Jaeger', description: 'Your team\'s trace store', detail: 'Traces by service from Jaeger\'s query API (the UI\'s URL, e.g. http://jaeger:16686)', platform: 'jaeger' as const },
      { label: '$(pulse) Grafana Tempo', description: 'Your team\'s trace store', detail: 'Traces by TraceQL from Tempo\'s query API (e.g. http://tempo:3200), with optional token or basic auth', platform: 'tempo' as const },
    ],
    { title: 'Sign in: which platform?', placeHolder: 'Pick the platform your agents run on', ignoreFocusOut: true },
  );
  return pick?.platform;
}

/**
 * Zaia: base URL and API key (password box). The key is checked with one request (a page of responders)
 * before anything is saved; on failure the message says what to fix and the dialog reopens with the values.
 */
async function signInZaia(connections: ConnectionManager, log: Logger, args: SignInArgs | undefined): Promise<ConnectionProfile | undefined> {
  let baseUrl = args?.baseUrl ?? DEFAULT_ZAIA_BASE_URL;
  let credential = args?.credential ?? '';
  const interactive = !args?.credential;
  for (;;) {
    if (interactive) {
      const url = await vscode.window.showInputBox({
        title: 'Sign in to Zaia Endless (1/2): API base URL',
        value: baseUrl,
        prompt: `The Zaia Endless public API (${DEFAULT_ZAIA_BASE_URL} unless you were given another)`,
        ignoreFocusOut: true,
        validateInput: baseUrlProblem,
      });
      if (url === undefined) return undefined;
      const key = await vscode.window.showInputBox({
        title: 'Sign in to Zaia Endless (2/2): API key',
        value: credential,
        prompt: 'A workspace API key (workspace settings → API keys). Stored in VS Code\'s secret storage only.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Paste your Zaia API key'),
      });
      if (key === undefined) return undefined;
      baseUrl = normalizeBaseUrl(url);
      credential = key.trim();
    }
    let profile: ConnectionProfile;
    try {
      profile = makeZaiaProfile(baseUrl);
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message);
      return undefined;
    }
    const key = credential;
    const outcome = await verifyAndSave(connections, log, profile, key, interactive,
      (token) => checkZaia(profile, key, connections, token), `Signed in to ${profile.label}.`);
    if (outcome !== 'retry') return outcome;
  }
}

/**
 * Checks a candidate credential with one request (with progress, cancellable) and saves it when it works.
 * Otherwise says what is wrong: 'retry' when the user asked to try again (the dialog reopens with the values kept).
 */
export async function verifyAndSave(
  connections: ConnectionManager,
  log: Logger,
  profile: ConnectionProfile,
  credential: string,
  interactive: boolean,
  verify: (token: vscode.CancellationToken) => Promise<string | 'cancelled' | undefined>,
  signedIn: string,
): Promise<ConnectionProfile | 'retry' | undefined> {
  const problem = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Signing in to ${profile.label}…`, cancellable: true },
    (_progress, token) => verify(token),
  );
  if (problem === 'cancelled') return undefined;
  if (!problem) {
    await connections.signIn(profile, credential);
    void vscode.window.showInformationMessage(signedIn);
    return profile;
  }
  log.warn(`sign-in to ${profile.baseUrl} failed: ${problem}`);
  if (!interactive) {
    // Called with a credential (a test, another extension): report, don't wait on a dialog.
    void vscode.window.showErrorMessage(problem);
    return undefined;
  }
  const retry = await vscode.window.showErrorMessage(problem, 'Retry', 'Show Log');
  if (retry === 'Show Log') await vscode.commands.executeCommand('agentlens.showLog');
  return retry === 'Retry' ? 'retry' : undefined;
}

/** One request with the candidate key (the first responder): undefined when it works, else what to fix. */
async function checkZaia(profile: ConnectionProfile, apiKey: string, connections: ConnectionManager, token: vscode.CancellationToken): Promise<string | 'cancelled' | undefined> {
  const client = new ZaiaClient({ baseUrl: profile.baseUrl, apiKey, retry: { maxRetries: 1 }, proxy: connections.httpSettings() });
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    await client.listResponders({ pageSize: 1 }, { signal: abort.signal });
    return undefined;
  } catch (e) {
    if (token.isCancellationRequested) return 'cancelled';
    return zaiaSignInProblem(e, profile.baseUrl) ?? describeError(e).message;
  } finally {
    sub.dispose();
    void client.close();
  }
}

/** Asks which connection when there are several; `kind` limits the choice (Fruxon record commands). */
export async function pickConnection(connections: ConnectionManager, placeHolder: string, kind?: ConnectionKind): Promise<string | undefined> {
  const all = connections.list().filter((p) => !kind || p.kind === kind);
  if (all.length <= 1) return all[0]?.id;
  const pick = await vscode.window.showQuickPick(
    all.map((p) => ({ label: p.label, description: p.baseUrl, id: p.id })),
    { placeHolder },
  );
  return pick?.id;
}

/** What is wrong with a typed base URL, for an input box's validation; undefined when it is fine. */
export function baseUrlProblem(value: string): string | undefined {
  try {
    normalizeBaseUrl(value);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
