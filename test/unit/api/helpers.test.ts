// Pure helpers of the API layer: no network.
import assert from 'node:assert/strict';
import { ApiError, extractProblem, isAuthError, isCancelledError, scrubSecrets, userMessageFor } from '../../../src/api/errors';
import type { ApiErrorInit } from '../../../src/api/errors';
import { authHeaders, credentialKind, detectAuthScheme } from '../../../src/api/fruxon/auth';
import { EXECUTION_STATUSES, enumEquals, isHitlStepType, isTerminalStatus, knownEnum, normalizeEnum } from '../../../src/api/fruxon/enums';
import { buildQuery, parseBaseUrl } from '../../../src/api/http';
import {
  DEFAULT_RETRY_POLICY, backoffDelay, classifyTransportError, errorCode, parseRetryAfter, resolveRetryPolicy, sleep,
} from '../../../src/api/retry';

describe('api helpers', () => {
  describe('enums', () => {
    it('normalizes PascalCase, camelCase, kebab and spaced spellings to UPPER_SNAKE', () => {
      const cases: Array<[unknown, string]> = [
        ['Completed', 'COMPLETED'], ['InProgress', 'IN_PROGRESS'], ['LlmStep', 'LLM_STEP'], ['WaitingForAsync', 'WAITING_FOR_ASYNC'],
        ['inProgress', 'IN_PROGRESS'], ['in-progress', 'IN_PROGRESS'], ['needs review', 'NEEDS_REVIEW'], ['HITLGate', 'HITL_GATE'],
        ['IN_PROGRESS', 'IN_PROGRESS'], ['QUANTUM_PENDING', 'QUANTUM_PENDING'], [0, '0'], [null, ''], [undefined, ''], ['  Tool ', 'TOOL'],
      ];
      for (const [input, want] of cases) assert.equal(normalizeEnum(input), want, String(input));
    });

    it('compares case- and separator-insensitively, never equating empties', () => {
      assert.ok(enumEquals('InProgress', 'IN_PROGRESS'));
      assert.ok(enumEquals('needs_review', 'NeedsReview'));
      assert.ok(enumEquals('LLM_STEP', 'LlmStep'));
      assert.ok(!enumEquals('COMPLETED', 'FAILED'));
      assert.ok(!enumEquals(undefined, ''));
      assert.equal(knownEnum(EXECUTION_STATUSES, 'WaitingForAsync'), 'WAITING_FOR_ASYNC');
      assert.equal(knownEnum(EXECUTION_STATUSES, 'QUANTUM_PENDING'), undefined);
    });

    it('recognises gate steps and final statuses', () => {
      for (const t of ['HITL', 'Hitl', 'HUMAN_APPROVAL', 'HitlStep']) assert.ok(isHitlStepType(t), t);
      for (const t of ['TOOL', 'LLM_STEP', 'FlowStep', 'QUANTUM_STEP']) assert.ok(!isHitlStepType(t), t);
      assert.ok(isTerminalStatus('Completed') && isTerminalStatus('REJECTED'));
      assert.ok(!isTerminalStatus('IN_PROGRESS') && !isTerminalStatus('QUANTUM_PENDING'));
    });
  });

  describe('retry rules', () => {
    it('parses Retry-After as delta-seconds or HTTP-date, ignoring garbage', () => {
      const now = Date.UTC(2026, 0, 1, 12, 0, 0);
      assert.equal(parseRetryAfter('2', now), 2000);
      assert.equal(parseRetryAfter(' 0 ', now), 0);
      assert.equal(parseRetryAfter(['3', '9'], now), 3000);
      assert.equal(parseRetryAfter(new Date(now + 7000).toUTCString(), now), 7000);
      assert.equal(parseRetryAfter(new Date(now - 7000).toUTCString(), now), 0, 'a date in the past means now');
      for (const bad of [undefined, '', 'soon', '-5', '1e3']) assert.equal(parseRetryAfter(bad, now), undefined, String(bad));
    });

    it('backs off with full jitter, doubling up to the cap', () => {
      const p = { ...DEFAULT_RETRY_POLICY };
      assert.equal(backoffDelay(0, p, () => 0), 0);
      assert.ok(backoffDelay(0, p, () => 0.9999) < 500 && backoffDelay(0, p, () => 0.9999) >= 499);
      assert.ok(backoffDelay(2, p, () => 0.9999) < 2000 && backoffDelay(2, p, () => 0.9999) >= 1999);
      assert.ok(backoffDelay(10, p, () => 0.9999) < 10_000, 'capped at maxDelayMs');
      for (let i = 0; i < 200; i++) {
        const d = backoffDelay(i % 8, p);
        assert.ok(d >= 0 && d < Math.min(10_000, 500 * 2 ** (i % 8)), `delay ${d}`);
      }
    });

    it('fills a partial policy from the defaults and rejects nonsense values', () => {
      assert.deepEqual(resolveRetryPolicy({ maxRetries: 1 }), { ...DEFAULT_RETRY_POLICY, maxRetries: 1 });
      assert.deepEqual(resolveRetryPolicy({ baseDelayMs: -1, maxDelayMs: Number.NaN }), { ...DEFAULT_RETRY_POLICY });
    });

    it('classifies transport failures by whether the request can have been sent', () => {
      const err = (code: string, extra: object = {}): Error => Object.assign(new Error('x'), { code }, extra);
      for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
        assert.deepEqual(classifyTransportError(err(code)), { kind: 'network', code, neverSent: true, retryable: true }, code);
      }
      for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']) {
        const c = classifyTransportError(err(code));
        assert.equal(c.neverSent, false, code);
        assert.equal(c.retryable, true, code);
      }
      // Unreachable hosts count as never sent only when connect() failed, not on a connection that was open.
      for (const code of ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']) {
        assert.equal(classifyTransportError(err(code, { syscall: 'connect' })).neverSent, true, `${code} in connect`);
        assert.equal(classifyTransportError(Object.assign(new Error('socket'), { code: 'UND_ERR_SOCKET', cause: err(code, { syscall: 'connect' }) })).neverSent, true, `${code} in cause`);
        assert.equal(classifyTransportError(err(code, { syscall: 'read' })).neverSent, false, `${code} on an open socket`);
        assert.equal(classifyTransportError(err(code)).neverSent, false, `${code} without a syscall`);
      }
      assert.equal(classifyTransportError(err('UND_ERR_HEADERS_TIMEOUT')).kind, 'timeout');
      assert.deepEqual(classifyTransportError(err('CERT_HAS_EXPIRED')), { kind: 'network', code: 'CERT_HAS_EXPIRED', neverSent: true, retryable: false });
      // happy eyeballs: an AggregateError of per-address attempts; undici: errno in `cause`
      assert.equal(errorCode(Object.assign(new AggregateError([err('ECONNREFUSED')]), { code: undefined })), 'ECONNREFUSED');
      assert.equal(errorCode(err('UND_ERR_SOCKET', { cause: err('ECONNRESET') })), 'ECONNRESET');
      assert.equal(classifyTransportError(new Error('mystery')).code, 'UNKNOWN');
    });

    it('sleeps, and stops sleeping as soon as the signal aborts', async () => {
      const ac = new AbortController();
      const t = Date.now();
      setTimeout(() => ac.abort(), 20);
      await assert.rejects(sleep(5_000, ac.signal), { name: 'AbortError' });
      assert.ok(Date.now() - t < 1_000);
      await assert.rejects(sleep(1, ac.signal), { name: 'AbortError' }, 'already aborted');
    });
  });

  describe('auth detection', () => {
    it('sends API keys as X-API-KEY and tokens, JWTs and unknown shapes as Bearer', () => {
      assert.equal(detectAuthScheme('fx_live_abc123'), 'apiKey');
      assert.equal(detectAuthScheme('fxn_live_abc123'), 'apiKey');
      assert.equal(detectAuthScheme('fx_pat_abc123'), 'bearer');
      assert.equal(detectAuthScheme('fx_sat_abc123'), 'bearer');
      assert.equal(detectAuthScheme('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'), 'bearer');
      assert.equal(detectAuthScheme('some-opaque-token'), 'bearer');
      assert.equal(credentialKind('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'), 'jwt');
      assert.equal(credentialKind('whatever'), 'unknown');
    });

    it('builds the header, honouring an override, and refuses unsendable credentials without echoing them', () => {
      assert.deepEqual(authHeaders(' fx_live_k '), { 'X-API-KEY': 'fx_live_k' });
      assert.deepEqual(authHeaders('fx_pat_t'), { Authorization: 'Bearer fx_pat_t' });
      assert.deepEqual(authHeaders('fx_live_k', 'bearer'), { Authorization: 'Bearer fx_live_k' });
      assert.deepEqual(authHeaders('fx_pat_t', 'apiKey'), { 'X-API-KEY': 'fx_pat_t' });
      assert.throws(() => authHeaders('fx_live_se cret'), (e: Error) => !e.message.includes('se cret'));
      assert.throws(() => authHeaders('fx_live_a\r\nX: y'), (e: Error) => !e.message.includes('fx_live_a'));
      assert.throws(() => authHeaders('   '));
    });
  });

  describe('errors', () => {
    const base: ApiErrorInit = { kind: 'http', service: 'Fruxon', method: 'GET', path: '/v1/x', mayHaveReachedServer: true };

    it('words each status for a person', () => {
      const msg = (over: Partial<ApiErrorInit>): string => userMessageFor({ ...base, ...over });
      assert.equal(msg({ status: 401 }), 'Fruxon rejected the credential (401 Unauthorized). Sign in again.');
      assert.match(msg({ status: 403, detail: 'No access to tenant acme' }), /^Fruxon denied access \(403 Forbidden\): No access to tenant acme\./);
      assert.equal(msg({ status: 404, what: 'Agent "bot"' }), 'Agent "bot" was not found on Fruxon (404).');
      assert.equal(msg({ status: 404 }), 'The requested resource was not found on Fruxon (404).');
      assert.equal(msg({ status: 400, detail: 'pageSize: must be 1..500' }), 'Fruxon rejected the request as invalid (400): pageSize: must be 1..500.');
      assert.match(msg({ status: 422, title: 'Unprocessable' }), /invalid \(422\): Unprocessable\./);
      assert.equal(msg({ status: 429, retryAfterMs: 1500 }), 'Fruxon is rate limiting requests (429 Too Many Requests). Try again in 2 s.');
      assert.equal(msg({ status: 503 }), 'Fruxon failed to handle the request (503 Service Unavailable). Try again later.');
      assert.match(msg({ status: 409, detail: 'busy' }), /Fruxon answered 409 Conflict: busy\./);
      assert.match(msg({ kind: 'network', mayHaveReachedServer: false, code: 'ECONNREFUSED', host: 'api.fruxon.com' }), /^Could not reach Fruxon at api\.fruxon\.com \(ECONNREFUSED\)/);
      assert.match(msg({ kind: 'network', code: 'ECONNRESET' }), /connection to Fruxon was lost/);
      assert.match(msg({ kind: 'timeout', timeoutMs: 30_000 }), /did not respond in time \(30 s\)/);
      assert.equal(msg({ kind: 'cancelled' }), 'The request to Fruxon was cancelled.');
      assert.match(msg({ kind: 'invalidResponse', code: 'truncated' }), /cut off or is not valid JSON/);
      assert.match(msg({ kind: 'invalidResponse', code: 'schema', issuePath: 'items[2].startTime', detail: 'expected number' }), /unexpected shape at items\[2\]\.startTime: expected number/);
    });

    it('is an Error with the documented properties; cancelled errors are AbortErrors', () => {
      const e = new ApiError({ ...base, status: 401, title: 'Unauthorized' });
      assert.ok(e instanceof Error && e.name === 'ApiError' && e.status === 401 && e.attempts === 1);
      assert.ok(isAuthError(e) && !isCancelledError(e));
      assert.equal('retryAfterMs' in e, false, 'unknown fields are not set at all');
      const c = new ApiError({ ...base, kind: 'cancelled', mayHaveReachedServer: false });
      assert.ok(c.name === 'AbortError' && c.status === 0 && isCancelledError(c) && !isAuthError(c));
    });

    it('reads ProblemDetails, the SDK fallbacks, ASP.NET validation errors and plain text', () => {
      const p = extractProblem(JSON.stringify({ type: 'https://t', title: 'Not Found', status: 404, detail: 'gone', instance: '/v1/x', traceId: 'abc' }));
      assert.deepEqual({ ...p, problem: undefined }, { type: 'https://t', title: 'Not Found', detail: 'gone', instance: '/v1/x', problem: undefined });
      assert.equal(p.problem?.traceId, 'abc');
      assert.equal(extractProblem('{"message":"bad key"}').detail, 'bad key');
      assert.equal(extractProblem('{"details":"quota"}').detail, 'quota');
      assert.equal(extractProblem('{"title":"One or more validation errors occurred.","errors":{"pageSize":["too big"]}}').detail, 'pageSize: too big');
      assert.equal(extractProblem('<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>').detail, '502 Bad Gateway nginx');
      assert.ok((extractProblem('x'.repeat(5000)).detail ?? '').length <= 200);
      assert.deepEqual(extractProblem(''), {});
    });

    it('scrubs secrets from strings, nested values and keys', () => {
      const s = 'fx_live_SECRET';
      assert.deepEqual(scrubSecrets({ a: `key ${s}`, b: [s, 1], [s]: null }, [s]), { a: 'key ***', b: ['***', 1], '***': null });
      assert.equal(scrubSecrets('abc', ['']), 'abc');
    });
  });

  describe('urls', () => {
    it('splits a base URL into origin and path prefix, dropping user info and trailing slashes', () => {
      assert.deepEqual(parseBaseUrl('https://api.fruxon.com/'), { origin: 'https://api.fruxon.com', basePath: '', host: 'api.fruxon.com' });
      assert.deepEqual(parseBaseUrl('http://u:p@gw.local:8080/fruxon//'), { origin: 'http://gw.local:8080', basePath: '/fruxon', host: 'gw.local:8080' });
      assert.throws(() => parseBaseUrl('ftp://x'));
      assert.throws(() => parseBaseUrl('not a url'));
    });

    it('repeats array parameters and leaves out empty ones', () => {
      assert.equal(buildQuery({ status: ['COMPLETED', 'FAILED'], agentRevision: [1, 2], environment: '', pageToken: undefined, x: null, pageSize: 5 }),
        '?status=COMPLETED&status=FAILED&agentRevision=1&agentRevision=2&pageSize=5');
      assert.equal(buildQuery({}), '');
      assert.equal(buildQuery({ q: 'a b&c' }), '?q=a+b%26c');
    });
  });
});
