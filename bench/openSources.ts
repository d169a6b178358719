// What `bench:open` needs besides the workers it drives: the simulator's coordinates, and the sender of a body to
// the local receiver (an instrumented program, in reality another process).
import { Worker } from 'node:worker_threads';
import type { LocalTraceList } from '../src/receiverWorker/client';

export interface SimInfo {
  baseUrl: string;
  tenant: string;
  apiKey: string;
  zaiaApiKey: string;
  fruxon: { agentId: string; recordId: string };
  zaia: { executionId: string };
}

/** The sender, on a thread of its own: an instrumented program is another process, not the host's work. */
const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { request } = require('node:http');
const body = Buffer.from(workerData.body);
parentPort.once('message', (url) => {
  const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length } }, (res) => {
    res.resume();
    res.on('end', () => parentPort.postMessage(res.statusCode ?? 0));
  });
  req.on('error', (e) => parentPort.postMessage(String(e)));
  req.end(body);
});
parentPort.postMessage('ready');
`;

/**
 * A sender started ahead with the body (its bytes copied now, before anything is timed); `post` sends it once.
 */
export async function startSender(body: Buffer): Promise<(url: string) => Promise<number>> {
  const bytes = new Uint8Array(body).buffer;
  const sender = new Worker(SENDER, { eval: true, workerData: { body: bytes }, transferList: [bytes] });
  await new Promise<void>((resolve, reject) => {
    sender.once('message', () => resolve());
    sender.once('error', reject);
  });
  return (url) => new Promise<number>((resolve, reject) => {
    sender.once('message', (m: number | string) => (typeof m === 'number' ? resolve(m) : reject(new Error(m))));
    sender.once('error', reject);
    sender.postMessage(url);
  }).finally(() => void sender.terminate());
}

/**
 * The receiver: the protobuf body the real OTel SDK exporter wrote, posted to the receiver's worker (decoded, stored,
 * journaled and summarized there); resolves, in ms, once the host lists the trace with every span, as Local Traces
 * would show it. The trace is then opened by a trace worker, as origin.kind 'local' opens it.
 */
export async function sendToReceiver(url: string, post: (url: string) => Promise<number>, local: LocalTraceList, traceId: string): Promise<number> {
  const t0 = performance.now();
  const listed = new Promise<void>((resolve) => {
    const sub = local.onDidChange(() => {
      if (local.summary(traceId) === undefined) return;
      sub.dispose();
      resolve();
    });
  });
  const status = await post(url);
  if (status !== 200) throw new Error(`the receiver answered ${status}`);
  await listed;
  return performance.now() - t0;
}
