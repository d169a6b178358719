// A local OTLP/HTTP receiver: `POST /v1/traces` with an ExportTraceServiceRequest as JSON or binary protobuf
// (optionally gzip-compressed), on 127.0.0.1 only. Responses follow the OTLP/HTTP spec, in the request's encoding:
// 200 with an ExportTraceServiceResponse (empty, or `partialSuccess` naming rejected spans), 400 with a Status for
// a body that cannot be read, 415 for other content types, 413 past the body limit.
// Every failure is answered and logged; nothing here may throw into the extension host.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzip } from 'node:zlib';
import { ProtoDecodeError, decodeTraceRequest } from '../model/otlpProto';
import { decodeLogsRequest } from '../model/otlpProtoLogs';
import { readOtlpLogs } from '../model/otlpLogs';
import { encodeStatus, encodeTraceResponse } from './otlpReplies';
import type { ForwardItem } from './forwarder';
import { readOtlp } from '../model/otlpRead';
import { JsonSyntaxError, parseJson } from '../util/json';
import type { LocalTraceStore } from './traceStore';
import { plural } from '../shared/text';

/** `application/x-protobuf` is what the spec and the SDKs send; `application/protobuf` is the registered name. */
const PROTOBUF_TYPES = new Set(['application/x-protobuf', 'application/protobuf']);
const contentType = (req: IncomingMessage): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const TRACES_PATH = '/v1/traces';
/** GenAI events as log records (prompts and answers of instrumentations that log them), attached to their spans. */
export const LOGS_PATH = '/v1/logs';

type Signal = 'traces' | 'logs';

export type ReceiverLog = (level: 'info' | 'warn' | 'debug', message: string) => void;

export interface ReceiverOptions {
  port: number;
  store: LocalTraceStore;
  maxBodyBytes?: number;
  /**
   * Gets every request the receiver accepted, unchanged (the bytes as they came, before gunzip), after it has
   * answered: the forwarder queues it for the team's collector. Must return at once.
   */
  forward?: (item: ForwardItem) => void;
  log?: ReceiverLog;
  /** Called once a request has been answered, whatever the answer (the stats changed). */
  onHandled?: () => void;
}

/** Why the receiver could not start; `code` is Node's (`EADDRINUSE`, `EACCES`…). */
export class ReceiverStartError extends Error {
  constructor(
    readonly port: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ReceiverStartError';
  }
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ReceiverStats {
  requests: number;
  spans: number;
  /** GenAI log events accepted (other log records are acknowledged and not kept). */
  logEvents: number;
  rejectedRequests: number;
}

/** The counts of a receiver that has answered nothing yet. */
export const noReceiverStats = (): ReceiverStats => ({ requests: 0, spans: 0, logEvents: 0, rejectedRequests: 0 });

export class OtlpReceiver {
  private server: Server | undefined;
  private boundPort = 0;
  readonly stats: ReceiverStats = noReceiverStats();

  constructor(private readonly opts: ReceiverOptions) {}

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** The port actually bound (differs from the option when that was 0). */
  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  start(): Promise<number> {
    if (this.server) return Promise.resolve(this.boundPort);
    const server = createServer((req, res) => void this.handle(req, res));
    // Slow or stalled senders do not hold sockets forever.
    server.requestTimeout = 60_000;
    server.headersTimeout = 15_000;
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        server.close();
        const port = this.opts.port;
        const message = e.code === 'EADDRINUSE'
          ? `Port ${port} on 127.0.0.1 is already in use (another OTLP receiver or collector?).`
          : e.code === 'EACCES' ? `Not allowed to listen on port ${port}.` : `Could not listen on 127.0.0.1:${port}: ${e.message}`;
        reject(new ReceiverStartError(port, e.code, message));
      };
      server.once('error', onError);
      server.listen(this.opts.port, '127.0.0.1', () => {
        server.off('error', onError);
        server.on('error', (e) => this.log('warn', `receiver error: ${e.message}`));
        server.on('clientError', (_e, socket) => socket.destroy());
        this.server = server;
        this.boundPort = (server.address() as AddressInfo).port;
        resolve(this.boundPort);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /**
   * Only local senders: a web page that rebinds its own host name to 127.0.0.1 reaches this port with a foreign
   * Host header, and a browser always sends Origin (this receiver allows no cross-origin senders anyway).
   */
  private checkLocal(req: IncomingMessage): void {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new HttpProblem(403, 'Only local senders: the Host must be 127.0.0.1 or localhost.');
    const origin = req.headers.origin;
    if (origin !== undefined && !/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(origin)) {
      throw new HttpProblem(403, 'Requests from web pages are not accepted.');
    }
  }

  private log(level: 'info' | 'warn' | 'debug', message: string): void {
    try {
      this.opts.log?.(level, message);
    } catch {
      // Logging must not break a response.
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.answer(req, res);
    } finally {
      try {
        this.opts.onHandled?.();
      } catch {
        // The listener's failure is its own.
      }
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Replies, errors included, use the request's Content-Type when it is protobuf (OTLP/HTTP); JSON otherwise.
    const type = contentType(req);
    const protoType = PROTOBUF_TYPES.has(type) ? type : undefined;
    try {
      this.checkLocal(req);
      const path = (req.url ?? '').split('?')[0];
      const signal: Signal | undefined = path === TRACES_PATH ? 'traces' : path === LOGS_PATH ? 'logs' : undefined;
      if (!signal) throw new HttpProblem(404, `Not found: this receiver takes OTLP traces at POST ${TRACES_PATH} and GenAI log events at POST ${LOGS_PATH}.`);
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new HttpProblem(405, `Use POST ${path}.`);
      }
      if (!protoType && type !== 'application/json') {
        throw new HttpProblem(415, `Unsupported Content-Type "${type || '(none)'}": send application/x-protobuf or application/json (OTLP/HTTP).`);
      }
      let raw: Buffer = Buffer.alloc(0);
      const body = await this.readBody(req, (b) => (raw = b));
      const forward = (): void => this.forward(req, path ?? TRACES_PATH, raw);
      if (signal === 'logs') {
        this.handleLogs(res, protoType, body);
        forward();
        return;
      }
      const json = protoType ? this.decode(body, 'traces') : this.parse(body, 'traces');
      const read = readOtlp(json);
      const withTrace = read.spans.filter((s) => s.traceId !== '');
      const { accepted, rejected: overLimit } = this.opts.store.add(withTrace, body.length);
      const rejected = read.rejected + (read.spans.length - withTrace.length) + overLimit;
      this.stats.requests++;
      this.stats.spans += accepted;
      if (rejected > 0) {
        const why = overLimit > 0 ? 'spans without an id or trace id, or past the per-trace span limit' : 'spans without a span id or trace id';
        this.log('warn', `accepted ${plural(accepted, 'span')}, rejected ${rejected} (${why})`);
        const errorMessage = `Rejected ${rejected} ${why}.`;
        if (protoType) this.sendProto(res, 200, protoType, encodeTraceResponse(rejected, errorMessage));
        else this.send(res, 200, { partialSuccess: { rejectedSpans: String(rejected), errorMessage } });
        forward();
        return;
      }
      this.log('debug', `accepted ${plural(accepted, 'span')}`);
      if (protoType) this.sendProto(res, 200, protoType, encodeTraceResponse());
      else this.send(res, 200, {});
      forward();
    } catch (e) {
      this.stats.rejectedRequests++;
      const status = e instanceof HttpProblem ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      this.log(status === 404 || status === 405 ? 'debug' : 'warn', `${req.method ?? '?'} ${req.url ?? ''} → ${status}: ${message}`);
      // google.rpc.Status, as OTLP/HTTP error bodies are; code 3 = INVALID_ARGUMENT, 13 = INTERNAL.
      const code = status === 500 ? 13 : 3;
      if (protoType) this.sendProto(res, status, protoType, encodeStatus(code, message));
      else this.send(res, status, { code, message });
      // The rest of an unread body is not wanted; drop the connection once the answer is out.
      if (!req.complete) res.on('finish', () => req.destroy());
    }
  }

  private get maxBody(): number {
    return this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  private forward(req: IncomingMessage, path: string, raw: Buffer): void {
    if (!this.opts.forward) return;
    try {
      const encoding = req.headers['content-encoding'];
      this.opts.forward({ path, contentType: String(req.headers['content-type'] ?? 'application/json'), contentEncoding: encoding ? String(encoding) : undefined, body: raw });
    } catch (e) {
      this.log('warn', `forwarding failed to queue: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The body, gunzipped; `onRaw` gets the bytes as they came (for forwarding unchanged). */
  private readBody(req: IncomingMessage, onRaw?: (raw: Buffer) => void): Promise<Buffer> {
    const max = this.maxBody;
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== '') {
      return Promise.reject(new HttpProblem(415, `Unsupported Content-Encoding "${encoding}": send gzip or no compression.`));
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > max) return Promise.reject(new HttpProblem(413, `Body of ${declared} bytes is over the ${max}-byte limit.`));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      req.on('data', (c: Buffer) => {
        if (failed) return;
        size += c.length;
        if (size > max) {
          failed = true;
          reject(new HttpProblem(413, `Body is over the ${max}-byte limit.`));
          return;
        }
        chunks.push(c);
      });
      req.on('error', (e) => {
        if (!failed) reject(new HttpProblem(400, `Reading the body failed: ${e.message}`));
        failed = true;
      });
      req.on('end', () => {
        if (failed) return;
        const body = Buffer.concat(chunks);
        onRaw?.(body);
        if (encoding !== 'gzip') {
          resolve(body);
          return;
        }
        // The limit holds after decompression too: a small gzip body can expand enormously.
        gunzip(body, { maxOutputLength: max }, (e, out) => {
          if (e) reject(new HttpProblem((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 413 : 400, `The gzip body could not be read: ${e.message}`));
          else resolve(out);
        });
      });
    });
  }

  /**
   * ExportLogsServiceRequest: the GenAI events are kept with their spans (which may arrive before or after);
   * other records are acknowledged and dropped, as a receiver that does not store them may (no partial success).
   */
  private handleLogs(res: ServerResponse, protoType: string | undefined, body: Buffer): void {
    const json = protoType ? this.decode(body, 'logs') : this.parse(body, 'logs');
    const read = readOtlpLogs(json);
    this.opts.store.addLogEvents(read.events, body.length);
    this.stats.requests++;
    this.stats.logEvents += read.events.length;
    this.log('debug', `accepted ${plural(read.events.length, 'GenAI log event')}; ${plural(read.skipped, 'other log record')} not kept`);
    if (protoType) this.sendProto(res, 200, protoType, encodeTraceResponse());
    else this.send(res, 200, {});
  }

  private parse(body: Buffer, signal: Signal): unknown {
    let json: unknown;
    try {
      json = parseJson(body.toString('utf8'), 'The request body');
    } catch (e) {
      throw new HttpProblem(400, e instanceof JsonSyntaxError ? e.message : String(e));
    }
    const field = signal === 'traces' ? 'resourceSpans' : 'resourceLogs';
    const o = json as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null || Array.isArray(o) || !Array.isArray(o[field])) {
      throw new HttpProblem(400, `The body is JSON but not an ${requestName(signal)}: expected {"${field}": [...]}.`);
    }
    return json;
  }

  private decode(body: Buffer, signal: Signal): unknown {
    try {
      return signal === 'traces' ? decodeTraceRequest(body) : decodeLogsRequest(body);
    } catch (e) {
      if (e instanceof ProtoDecodeError) {
        throw e.tooLarge
          ? new HttpProblem(413, `The request holds ${e.message}: send smaller batches.`)
          : new HttpProblem(400, `The body is not a protobuf ${requestName(signal)}: ${e.message}.`);
      }
      throw e;
    }
  }

  private sendProto(res: ServerResponse, status: number, type: string, body: Buffer): void {
    if (res.headersSent) return;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(body);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}

const requestName = (signal: Signal): string => (signal === 'traces' ? 'ExportTraceServiceRequest' : 'ExportLogsServiceRequest');
