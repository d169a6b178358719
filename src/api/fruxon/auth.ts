// Which header a Fruxon credential goes in. API keys (`fx_live_…`, older `fxn_live_…`) are documented
// for X-API-KEY; personal and service tokens (`fx_pat_…`, `fx_sat_…`) and JWTs must be sent as
// `Authorization: Bearer`, and newer docs say X-API-KEY is no longer accepted for them.
//
// Anything unrecognised is sent as Bearer: the management endpoints AgentLens uses are documented with
// Bearer, and every credential shape introduced recently is a Bearer token. A legacy key without a
// known prefix can be forced to X-API-KEY with the `auth: 'apiKey'` override.

export type AuthScheme = 'apiKey' | 'bearer';

const API_KEY_PREFIX = /^fxn?_(live|test)_/i;
const TOKEN_PREFIX = /^fxn?_(pat|sat)_/i;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export type CredentialKind = 'apiKey' | 'token' | 'jwt' | 'unknown';

/** What a credential looks like, for wording in the UI; never inspects more than its shape. */
export function credentialKind(credential: string): CredentialKind {
  const c = credential.trim();
  if (API_KEY_PREFIX.test(c)) return 'apiKey';
  if (TOKEN_PREFIX.test(c)) return 'token';
  return JWT.test(c) ? 'jwt' : 'unknown';
}

export function detectAuthScheme(credential: string): AuthScheme {
  return credentialKind(credential) === 'apiKey' ? 'apiKey' : 'bearer';
}

/** The header to send; the credential itself is validated so it can never corrupt a request line. */
export function authHeaders(credential: string, scheme: AuthScheme = detectAuthScheme(credential)): Record<string, string> {
  const c = credential.trim();
  if (!c) throw new TypeError('The credential is empty.');
  // Control characters or spaces inside would make an invalid header; say so without echoing the value.
  if (/[\s\x00-\x1f\x7f]/.test(c)) throw new TypeError('The credential contains spaces or control characters; paste it again.');
  return scheme === 'apiKey' ? { 'X-API-KEY': c } : { Authorization: `Bearer ${c}` };
}
