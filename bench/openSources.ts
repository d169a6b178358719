// The host half of `bench:open` for the source still loaded on the extension host's thread (the local receiver),
// loaded the way src/panels/loadTrace.ts loads it on a click, calling the same functions (that module imports
// `vscode`, so the bench calls what it calls, step by step, and times the steps). Files, Fruxon and Zaia
// executions load in a trace worker (src/traceWorker/), which the bench drives directly.
import { request } from 'node:http';
import type { Trace } from '../src/model/types';
import type { LocalTraceStore } from '../src/receiver/traceStore';

export interface Loaded {
  trace: Trace;
  readMs: number;
  parseMs: number | null;
  validateMs: number | null;
  mapMs: number;
}

export interface SimInfo {
  baseUrl: string;
  tenant: string;
  apiKey: string;
  zaiaApiKey: string;
  fruxon: { agentId: string; recordId: string };
  zaia: { executionId: string };
}

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

function post(url: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The receiver: the protobuf body the real OTel SDK exporter wrote, posted to the running receiver (decoded and
 * stored there: readMs), then opened as origin.kind 'local' opens it (store.get maps the spans: mapMs).
 */
export async function loadReceiver(url: string, store: LocalTraceStore, body: Buffer, traceId: string): Promise<Loaded> {
  const [status, readMs] = await timed(() => post(url, body));
  if (status !== 200) throw new Error(`the receiver answered ${status}`);
  const [trace, mapMs] = await timed(() => store.get(traceId));
  if (!trace) throw new Error('the receiver did not keep the trace');
  return { trace, readMs, parseMs: null, validateMs: null, mapMs };
}
