// The receiver worker's entry (bundled as dist/receiverWorker.js): the local OTLP receiver's server, its store, the
// store's journal, the summaries the Local Traces view lists and the sessions of open local traces, on a thread of
// their own. The host starts one (src/receiverWorker/client.ts) and talks to it in the messages of protocol.ts; an
// open local trace's panel talks to its session over a channel of its own, as to a trace worker.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { LocalTraceStore } from '../receiver/traceStore';
import { OtlpReceiver, ReceiverStartError, noReceiverStats, type ReceiverStats } from '../receiver/otlpReceiver';
import { FLUSH_MS, TraceJournal } from '../receiver/traceJournal';
import { ChangeBatcher } from './changes';
import { localTraceGone, type HostToReceiver, type ReceiverToHost, type ReceiverWorkerData } from './protocol';
import { serveSession } from '../traceWorker/serve';

const host = parentPort;
if (!host) throw new Error('receiverWorker.js runs in a worker thread.');
const data = workerData as ReceiverWorkerData;

const send = (m: ReceiverToHost, transfer: ArrayBuffer[] = []): void => host.postMessage(m, transfer);
const log = (level: 'info' | 'warn' | 'debug', message: string): void => send({ op: 'log', level, message });

const store = new LocalTraceStore(data.maxTraces, data.maxSpansPerTrace);
let receiver: OtlpReceiver | undefined;
let forwarding = false;
const stats = (): ReceiverStats => ({ ...(receiver?.stats ?? noReceiverStats()) });
const batcher = new ChangeBatcher(store, (b) => send({ op: 'changed', ...b, stats: stats() }));
store.onDidChange((e) => batcher.note(e));
const journal = data.journalFolder
  ? new TraceJournal(data.journalFolder, store, (level, m) => log(level, m), data.journalFlushMs ?? FLUSH_MS)
  : undefined;

const restored = (async () => {
  const stats = journal ? await journal.load() : undefined;
  batcher.flush();
  send({ op: 'restored', stats });
})();

async function start(port: number, maxBodyBytes: number | undefined): Promise<number> {
  // Nothing is received while the journal is replayed: it would not be journaled (nor ordered after what was kept).
  await restored;
  if (receiver?.listening) return receiver.port;
  const next = new OtlpReceiver({
    port, store, log, onHandled: () => batcher.schedule(),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    forward: (item) => {
      if (!forwarding) return;
      // A buffer of its own, handed over (not copied again) to the host's forwarder.
      const body = new ArrayBuffer(item.body.length);
      new Uint8Array(body).set(item.body);
      send({ op: 'forward', path: item.path, contentType: item.contentType, contentEncoding: item.contentEncoding, body }, [body]);
    },
  });
  await next.start();
  receiver = next;
  return next.port;
}

async function stop(): Promise<void> {
  const r = receiver;
  receiver = undefined;
  await r?.stop();
}

/** The session of one open local trace: its trace as the store maps it (the mapping the summary made, if current). */
function serve(port: MessagePort): void {
  serveSession(port, (job, progress) => {
    if (job.kind !== 'local') throw new Error(`The receiver's worker opens local traces only, not ${job.kind}.`);
    const count = store.spanCount(job.traceId);
    // Usually mapped already (for its summary); after more spans arrived, mapped again here.
    if (count !== undefined) progress(`Mapping ${count.toLocaleString('en-US')} spans…`);
    const t = performance.now();
    const trace = store.get(job.traceId);
    if (!trace) throw new Error(localTraceGone(job.traceId));
    // Local traces refresh when spans arrive (the receiver says so), not by polling.
    return Promise.resolve({ trace, running: false, timings: { readMs: 0, parseMs: null, mapMs: performance.now() - t } });
  });
}

async function answer(m: Exclude<HostToReceiver, { op: 'maxTraces' | 'forwarding' | 'session' }>): Promise<void> {
  switch (m.op) {
    case 'start':
      send({ op: 'done', id: m.id, port: await start(m.port, m.maxBodyBytes) });
      return;
    case 'stop':
      await stop();
      break;
    case 'clear':
      store.clear();
      break;
    case 'flush':
      await journal?.flush();
      break;
    case 'close':
      batcher.dispose();
      // Synchronous: what is buffered is on disk before the host ends this thread.
      journal?.dispose();
      await stop();
      break;
  }
  send({ op: 'done', id: m.id });
}

host.on('message', (m: HostToReceiver) => {
  if (m.op === 'maxTraces') store.setMaxTraces(m.n);
  else if (m.op === 'forwarding') forwarding = m.on;
  else if (m.op === 'session') serve(m.port);
  else {
    answer(m).catch((e: unknown) => send({
      op: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e),
      ...(e instanceof ReceiverStartError ? { start: { port: e.port, code: e.code } } : {}),
    }));
  }
});
