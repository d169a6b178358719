// The HTTP server: request log and counters, faults, auth, dispatch, drift, serialisation.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleAdmin } from './admin';
import type { AdminTarget } from './admin';
import { ApprovalStore } from './approvals';
import { applyDrift } from './drift';
import { FaultSet } from './faults';
import { handle } from './handlers';
import type { HandlerCtx, Reply } from './handlers';
import { checkAuth, isLoopback, readBody, send } from './http';
import { ProblemError, problem } from './problems';
import { hashString, hex, mulberry32, uuid } from './prng';
import { parseQuery } from './records';
import { matchRoute } from './router';
import { seedData } from './seedData';
import { TraceService } from './traceService';
import type { PlannedRun, RunScript } from './scripted';
import type { Fault, RequestLogEntry, RouteName, SimData, Simulator, SimulatorOptions, Variants } from './types';
import { seedZaia } from './zaia/data';
import type { ZaiaData } from './zaia/data';
import { checkZaiaAuth, handleZaia, isZaiaPath, matchZaiaRoute } from './zaia/routes';
import type { ZaiaMatch } from './zaia/routes';

const DEFAULT_NOW = Date.UTC(2026, 10, 1);
const BODY_LIMIT = 1 << 20;
const LOG_LIMIT = 50_000;
const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const SECRET_QUERY = /key|token|secret|password|auth/i;

export class SimServer implements Simulator, AdminTarget {
  readonly data: SimData;
  readonly tenant: string;
  readonly apiKey: string;
  readonly token: string;
  readonly zaiaApiKey: string;
  readonly zaiaKeys: readonly string[];
  readonly zaia: ZaiaData;
  readonly requests: RequestLogEntry[] = [];
  baseUrl = '';
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly waits = new Map<NodeJS.Timeout, () => void>();
  private readonly counters = new Map<string, number>();
  private readonly faults: FaultSet;
  private readonly ctx: HandlerCtx;
  readonly approvals: ApprovalStore;
  private currentVariants: Variants;
  private currentScript: RunScript = {};
  private serial = 0;
  private closed = false;

  constructor(private readonly opts: SimulatorOptions) {
    const seed = opts.seed ?? 42;
    const now = opts.now ?? DEFAULT_NOW;
    this.tenant = opts.tenant ?? 'acme';
    this.apiKey = opts.apiKey ?? `fx_live_sim_${hex(mulberry32(hashString('apiKey', seed)), 12)}`;
    this.token = opts.token ?? `fx_pat_sim_${hex(mulberry32(hashString('token', seed)), 12)}`;
    this.zaiaApiKey = opts.zaiaApiKey ?? `zaia_sim_${hex(mulberry32(hashString('zaiaKey', seed)), 16)}`;
    this.zaiaKeys = [this.zaiaApiKey, ...(opts.zaiaExtraKeys ?? [])];
    this.zaia = seedZaia(seed, now);
    this.data = seedData({ seed, tenant: this.tenant, now, bigTraceSteps: Math.max(1, opts.bigTraceSteps ?? 20_000) });
    this.faults = new FaultSet(opts.faults ?? []);
    this.currentVariants = { ...opts.variants };
    this.currentScript = { ...opts.script };
    const started = Date.now();
    const ids = mulberry32(hashString('executions', seed));
    const traces = new TraceService(this.data);
    // Executions happen "after" the seeded data: simulated now plus real time elapsed since start.
    const clock = (): number => now + (Date.now() - started);
    const approvals = new ApprovalStore(this.data, traces, clock, (ms) => this.sleep(ms));
    traces.gates = approvals;
    this.approvals = approvals;
    this.ctx = {
      data: this.data, traces, variants: () => this.currentVariants, clock, nextId: () => uuid(ids),
      sleep: (ms) => this.sleep(ms), script: () => ({ ...this.currentScript }), approvals,
    };
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const addr = this.server.address();
        const p = typeof addr === 'object' && addr ? addr.port : port;
        this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${p}`;
        resolve();
      });
    });
  }

  count(route?: RouteName, method?: string): number {
    let n = 0;
    for (const [key, v] of this.counters) {
      const [r, m] = key.split(' ');
      if (r === 'admin' || (route && r !== route) || (method && m !== method.toUpperCase())) continue;
      n += v;
    }
    return n;
  }

  counts(): Partial<Record<RouteName | 'unknown', number>> {
    const out: Partial<Record<RouteName | 'unknown', number>> = {};
    for (const [key, v] of this.counters) {
      const [r] = key.split(' ') as [RouteName | 'unknown' | 'admin'];
      if (r !== 'admin') out[r] = (out[r] ?? 0) + v;
    }
    return out;
  }

  resetLog(): void { this.requests.length = 0; this.counters.clear(); }
  setFaults(faults: Fault[]): void { this.faults.set(faults); }
  addFault(fault: Fault): void { this.faults.add(fault); }
  clearFaults(): void { this.faults.clear(); }
  faultList(): Fault[] { return this.faults.list(); }
  setVariants(v: Variants): void { this.currentVariants = { ...v }; }
  variants(): Variants { return { ...this.currentVariants }; }
  setScript(s: RunScript): void { this.currentScript = { ...s }; }
  script(): RunScript { return { ...this.currentScript }; }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [t, wake] of this.waits) { clearTimeout(t); wake(); }
    this.waits.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await done;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.waits.delete(t); resolve(); }, ms);
      this.waits.set(t, resolve);
    });
  }

  private traceId(): string {
    const n = ++this.serial;
    return `00-${hex(mulberry32(hashString(`t${n}`, this.data.seed)), 16)}-${hex(mulberry32(n), 8)}-00`;
  }

  private problemReply(e: ProblemError, path: string): Reply {
    return { status: e.status, body: problem(e.status, e.detail, path, this.traceId(), e.extensions, e.title), headers: e.headers };
  }

  private log(entry: RequestLogEntry, started: number): void {
    entry.end = Date.now();
    this.requests.push(entry);
    if (this.requests.length > LOG_LIMIT) this.requests.splice(0, this.requests.length - LOG_LIMIT);
    if (this.opts.quiet === false) console.log(`${entry.method} ${entry.path} → ${entry.status || 'reset'} (${Date.now() - started} ms)`);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const path = qi >= 0 ? url.slice(0, qi) : url;
    const search = qi >= 0 ? url.slice(qi + 1) : '';
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(SECRET_QUERY.test(k) && !/^pagetoken/i.test(k) ? '[redacted]' : v);
    const entry: RequestLogEntry = { time: started, method, path, route: 'unknown', query, auth: 'none', status: 0 };
    const admin = path === '/_sim' || path.startsWith('/_sim/');
    const zaia = !admin && isZaiaPath(path);
    const zaiaMatch = zaia ? matchZaiaRoute(method, path) : undefined;
    const match = admin || zaia ? undefined : matchRoute(method, path);
    const routed = match ?? zaiaMatch;
    entry.route = admin ? 'admin' : routed && routed.kind !== 'unknown' ? routed.route : 'unknown';
    entry.auth = zaia ? checkZaiaAuth(req.headers, this.zaiaKeys) : checkAuth(req.headers, this.apiKey, this.token);
    const counterKey = `${entry.route} ${method}`;
    this.counters.set(counterKey, (this.counters.get(counterKey) ?? 0) + 1);
    let reply: Reply;
    let truncate = false;
    try {
      const raw = await readBody(req, BODY_LIMIT);
      const contentType = req.headers['content-type'];
      if (admin) {
        reply = handleAdmin(this, method, path, raw, contentType);
      } else {
        const plan = this.faults.take(entry.route as RouteName | 'unknown', method);
        if (plan.latencyMs > 0) await this.sleep(plan.latencyMs);
        if (this.closed || res.destroyed) return this.log(entry, started);
        if (plan.outcome?.kind === 'reset') {
          req.socket.resetAndDestroy();
          return this.log(entry, started);
        }
        if (plan.outcome?.kind === 'status' && !plan.outcome.afterHandling) {
          const { status, retryAfter } = plan.outcome;
          const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': retryAfter } : {};
          throw new ProblemError(status, `Simulated fault: the service answered ${status}.`, {}, headers);
        }
        truncate = plan.outcome?.kind === 'truncate';
        reply = zaiaMatch
          ? this.dispatchZaia(zaiaMatch, entry, search)
          : await this.dispatch(match, entry, raw, contentType, search, plan.drift.length > 0);
        if (plan.drift.length > 0 && reply.status < 300 && reply.body !== undefined) reply.body = applyDrift(reply.body, plan.drift);
        if (plan.outcome?.kind === 'status') {
          // The work is done; only the answer is lost (a gateway failing on the way back).
          const { status, retryAfter } = plan.outcome;
          throw new ProblemError(status, `Simulated fault: the service answered ${status}.`, {}, retryAfter !== undefined ? { 'Retry-After': retryAfter } : {});
        }
      }
    } catch (e) {
      const err = e instanceof ProblemError ? e : new ProblemError(500, 'The simulator failed to handle this request.');
      if (!(e instanceof ProblemError)) console.error('[simulator]', e);
      reply = this.problemReply(err, path);
    }
    if (this.closed) return;
    if (reply.sse) {
      entry.status = 200;
      this.log(entry, started);
      return this.writeEvents(res, reply.sse);
    }
    const isProblem = reply.status >= 400;
    const chunks = reply.chunks ?? (reply.body === undefined ? [] : [Buffer.from(JSON.stringify(reply.body))]);
    const headers: Record<string, string> = { ...reply.headers, 'X-Request-Id': uuid(mulberry32(++this.serial)) };
    if (chunks.length > 0) headers['Content-Type'] = isProblem ? PROBLEM_TYPE : JSON_TYPE;
    send(res, reply.status, headers, chunks, truncate);
    entry.status = reply.status;
    this.log(entry, started);
  }

  /**
   * Streams a run's events spread over its duration. The run is committed just before `done`, also when
   * the client has gone: a real run does not stop because nobody listens.
   */
  private async writeEvents(res: ServerResponse, run: PlannedRun): Promise<void> {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Request-Id': uuid(mulberry32(++this.serial)) });
    res.write(': scripted agent\n\n');
    const gap = run.events.length > 1 ? run.durationMs / (run.events.length - 1) : 0;
    for (const [i, e] of run.events.entries()) {
      if (i > 0 && gap > 0) await this.sleep(gap);
      if (this.closed) return;
      if (e.event === 'done') run.commit();
      if (!res.destroyed) res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
    }
    if (!res.destroyed) res.end();
  }

  private async dispatch(match: ReturnType<typeof matchRoute> | undefined, entry: RequestLogEntry, raw: Buffer,
    contentType: string | undefined, search: string, wantObject: boolean): Promise<Reply> {
    if (!match || match.kind === 'unknown') throw ProblemError.notFound(`No route matches ${entry.method} ${entry.path}.`);
    if (match.kind === 'method') throw new ProblemError(405, `${entry.method} is not allowed here; use ${match.allowed}.`, {}, { Allow: match.allowed });
    if (entry.auth === 'none' || entry.auth === 'invalid') {
      const detail = entry.auth === 'none'
        ? 'No credentials. Send X-API-KEY: <key> or Authorization: Bearer <token>.'
        : 'The credentials are not valid for this tenant.';
      throw new ProblemError(401, detail, {}, { 'WWW-Authenticate': 'Bearer' });
    }
    return handle(this.ctx, { route: match.route, params: match.params, query: parseQuery(search), raw, contentType, auth: entry.auth, wantObject });
  }

  private dispatchZaia(match: ZaiaMatch, entry: RequestLogEntry, search: string): Reply {
    if (match.kind === 'unknown') throw ProblemError.notFound(`No route matches ${entry.method} ${entry.path}.`);
    if (match.kind === 'method') throw new ProblemError(405, `${entry.method} is not allowed here; use ${match.allowed}.`, {}, { Allow: match.allowed });
    if (entry.auth !== 'apiKey') {
      throw new ProblemError(401, entry.auth === 'none'
        ? 'No API key. Send Authorization: <apiKey> (the key itself, no Bearer).'
        : 'The API key is not valid.');
    }
    return { status: 200, body: handleZaia(this.zaia, match.route, match.id, parseQuery(search), this.currentVariants) };
  }
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`The simulator only binds loopback addresses, not '${host}'.`);
  const sim = new SimServer(opts);
  await sim.listen(host, opts.port ?? 0);
  return sim;
}
