import * as vscode from 'vscode';
import { FruxonClient } from '../api/fruxon/client';
import type { ConnectionManager } from '../connections/connectionManager';
import { DEFAULT_FRUXON_BASE_URL, makeProfile, normalizeBaseUrl, validateTenant, type ConnectionProfile } from '../connections/profiles';
import type { Logger } from '../util/logger';
import { describeError, signInProblem } from '../views/errors';

export interface SignInArgs {
  baseUrl?: string;
  tenant?: string;
  /** Lets tests and other extensions sign in without the dialog; never logged. */
  credential?: string;
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
  const signIn = async (args?: SignInArgs): Promise<ConnectionProfile | undefined> => {
    let draft: Draft = { baseUrl: args?.baseUrl ?? DEFAULT_FRUXON_BASE_URL, tenant: args?.tenant ?? '', credential: args?.credential ?? '' };
    const interactive = !args?.credential;
    for (;;) {
      if (interactive) {
        const next = await askAll(draft);
        if (!next) return undefined;
        draft = next;
      }
      const profile = makeProfile(draft.baseUrl, draft.tenant);
      const problem = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Signing in to ${profile.label}…`, cancellable: true },
        (_progress, token) => check(profile, draft.credential, token, connections),
      );
      if (problem === 'cancelled') return undefined;
      if (!problem) {
        await connections.signIn(profile, draft.credential);
        void vscode.window.showInformationMessage(`Signed in to Fruxon tenant "${profile.tenant}".`);
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
      if (retry !== 'Retry') return undefined;
    }
  };

  const signOut = async (arg?: { profile?: ConnectionProfile } | string): Promise<void> => {
    const id = typeof arg === 'string' ? arg : arg?.profile?.id ?? (await pickConnection(connections, 'Sign out of which connection?'));
    if (!id) return;
    const profile = connections.find(id);
    if (profile?.fromEnvironment) {
      void vscode.window.showInformationMessage('This connection comes from FRUXON_* environment variables; unset them to remove it.');
      return;
    }
    await connections.signOut(id);
  };

  return [vscode.commands.registerCommand('agentlens.signIn', signIn), vscode.commands.registerCommand('agentlens.signOut', signOut)];
}

async function askAll(draft: Draft): Promise<Draft | undefined> {
  const baseUrl = await vscode.window.showInputBox({
    title: 'Sign in to Fruxon (1/3): API base URL',
    value: draft.baseUrl,
    prompt: 'The Fruxon API your tenant lives on',
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        normalizeBaseUrl(v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
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

export async function pickConnection(connections: ConnectionManager, placeHolder: string): Promise<string | undefined> {
  const all = connections.list();
  if (all.length <= 1) return all[0]?.id;
  const pick = await vscode.window.showQuickPick(
    all.map((p) => ({ label: p.label, description: p.baseUrl, id: p.id })),
    { placeHolder },
  );
  return pick?.id;
}
