// Turns any failure into words for a person. API errors already carry a user-facing message built from the
// ProblemDetails title and detail; everything else gets its message. Never includes a credential (the
// client never puts one in an error, and the logger redacts as a second line of defence).
import { ApiError } from '../api/errors';
import type { ConnectionProfile } from '../connections/profiles';
import { joinSentences, showHidden } from '../shared/text';

export interface ErrorDescription {
  readonly message: string;
  readonly auth: boolean;
  readonly cancelled: boolean;
}

export function describeError(e: unknown): ErrorDescription {
  if (e instanceof ApiError) {
    return { message: showHidden(e.userMessage, true), auth: e.status === 401 || e.status === 403, cancelled: e.kind === 'cancelled' };
  }
  // Shown by VS Code as plain text (notifications, tree rows): hidden characters from a server are made visible.
  const message = showHidden(e instanceof Error ? e.message : String(e), true);
  return { message, auth: false, cancelled: e instanceof Error && e.name === 'AbortError' };
}

/** For the sign-in check: which of base URL, tenant or credential to fix. */
export function signInProblem(e: unknown, profile: ConnectionProfile): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const detail = e.detail ? ` (${e.detail})` : '';
  switch (e.status) {
    case 401:
      return `The API key or token was rejected by ${profile.baseUrl} (401)${detail}. Check the credential and try again.`;
    case 403:
      return `The credential is valid but may not access tenant "${profile.tenant}" (403)${detail}. Check the tenant, or use a key made for it.`;
    case 404:
      return `Tenant "${profile.tenant}" was not found at ${profile.baseUrl} (404)${detail}. Check the tenant identifier and the base URL.`;
    default:
      if (e.kind === 'network' || e.kind === 'timeout') return joinSentences(`Could not reach ${profile.baseUrl}: ${e.userMessage}`, 'Check the base URL and your network.');
      return undefined;
  }
}

/** For the Zaia sign-in check: which of base URL or API key to fix. */
export function zaiaSignInProblem(e: unknown, baseUrl: string): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const detail = e.detail ? ` (${e.detail})` : '';
  switch (e.status) {
    case 401:
      return `The API key was rejected by ${baseUrl} (401)${detail}. Check the key (workspace settings → API keys) and try again.`;
    case 403:
      return `The API key is valid but may not list this workspace's agents (403)${detail}. Use a key with read access.`;
    case 404:
      return `${baseUrl} does not look like the Zaia Endless API (404)${detail}. Check the base URL.`;
    default:
      if (e.kind === 'network' || e.kind === 'timeout') return joinSentences(`Could not reach ${baseUrl}: ${e.userMessage}`, 'Check the base URL and your network.');
      return undefined;
  }
}
