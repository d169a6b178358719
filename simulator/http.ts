// Low-level HTTP pieces: credentials, request bodies, writing (possibly truncated) responses.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { ProblemError } from './problems';
import type { AuthKind } from './types';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time so the simulator does not teach clients to rely on timing-leaky comparisons. */
function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `X-API-KEY: <key>` or `Authorization: Bearer <key|token>`; the token is also tolerated in X-API-KEY. */
export function checkAuth(headers: IncomingHttpHeaders, apiKey: string, token: string): AuthKind {
  const xkey = header(headers, 'x-api-key')?.trim();
  const authz = header(headers, 'authorization')?.trim();
  if (!xkey && !authz) return 'none';
  const bearer = authz ? /^Bearer\s+(\S+)$/i.exec(authz)?.[1] : undefined;
  if (bearer && (same(bearer, apiKey) || same(bearer, token))) return 'bearer';
  if (xkey && (same(xkey, apiKey) || same(xkey, token))) return 'apiKey';
  return 'invalid';
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit && !failed) {
        failed = true;
        reject(new ProblemError(413, `The request body is larger than ${limit} bytes.`));
      }
      if (!failed) chunks.push(c);
    });
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks)); });
    req.on('error', (e) => { if (!failed) { failed = true; reject(e); } });
  });
}

/** Parses a JSON request body the way ASP.NET's [FromBody] does: required, JSON, well-formed. */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) throw ProblemError.validation('request', 'A non-empty request body is required.');
  if (contentType && !/json/i.test(contentType)) {
    throw new ProblemError(415, `Content-Type '${contentType}' is not supported; send application/json.`);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw ProblemError.validation('$', `The JSON value could not be parsed: ${(e as Error).message}`);
  }
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Writes a response; with `truncate`, promises the full length, sends half, then drops the socket. */
export function send(res: ServerResponse, status: number, headers: Record<string, string>, chunks: Buffer[],
  truncate = false): void {
  if (res.destroyed || res.headersSent) return;
  const length = chunks.reduce((n, c) => n + c.length, 0);
  res.writeHead(status, { ...headers, 'Content-Length': String(length) });
  if (truncate) {
    const half = Buffer.concat(chunks).subarray(0, Math.floor(length / 2));
    res.write(half, () => res.socket?.destroy());
    return;
  }
  for (const c of chunks) res.write(c);
  res.end();
}
