// What `bench:open` needs besides the workers it drives: the simulator's coordinates, and the sender of a body to
// the local receiver (an instrumented program, in reality another process).
import { request } from 'node:http';
import type { LocalTraceList } from '../src/receiverWorker/client';

export interface SimInfo {
  baseUrl: string;
  tenant: string;
  apiKey: string;
  zaiaApiKey: string;
  fruxon: { agentId: string; recordId: string };
  zaia: { executionId: string };
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
 * The receiver: the protobuf body the real OTel SDK exporter wrote, posted to the receiver's worker (decoded, stored,
 * journaled and summarized there); resolves, in ms, once the host lists the trace with every span, as Local Traces
 * would show it. The trace is then opened by a trace worker, as origin.kind 'local' opens it.
 */
export async function sendToReceiver(url: string, body: Buffer, local: LocalTraceList, traceId: string): Promise<number> {
  const t0 = performance.now();
  const listed = new Promise<void>((resolve) => {
    const sub = local.onDidChange(() => {
      if (local.summary(traceId) === undefined) return;
      sub.dispose();
      resolve();
    });
  });
  const status = await post(url, body);
  if (status !== 200) throw new Error(`the receiver answered ${status}`);
  await listed;
  return performance.now() - t0;
}
