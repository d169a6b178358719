// A trace worker's entry (bundled as dist/traceWorker.js): it loads one trace from the job the host sends (a file,
// a Fruxon execution or its raw spans, a Zaia execution, a Jaeger or Tempo trace) and serves its session (serve.ts).
import { parentPort } from 'node:worker_threads';
import { FileLoader } from './loadJob';
import { FruxonLoader } from './fruxonJob';
import { ZaiaLoader } from './zaiaJob';
import { StoreLoader } from './storeJob';
import { serveSession, type JobLoader } from './serve';
import type { WorkerToHost } from './protocol';
import type { HttpLogLevel } from '../api/http';

const port = parentPort;
if (!port) throw new Error('traceWorker.js runs in a worker thread.');

const send = (m: WorkerToHost, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
const progress = (message: string): void => send({ op: 'progress', message });
const files = new FileLoader(progress);
files.warmUp();
const log = (level: HttpLogLevel, message: string): void => send({ op: 'log', level, message });
const fruxon = new FruxonLoader(progress, log);
const zaia = new ZaiaLoader(progress, log);
const stores = new StoreLoader(progress, log);

const loadJob: JobLoader = (job) => {
  switch (job.kind) {
    case 'file':
      return files.load(job);
    case 'fruxon':
    case 'fruxonOtlp':
      return fruxon.load(job);
    case 'zaia':
      return zaia.load(job);
    case 'store':
      return stores.load(job);
    case 'local':
      // The receiver's worker holds local traces and serves their sessions itself (src/receiverWorker/).
      throw new Error('A local trace is opened by the receiver\'s worker, not a trace worker.');
  }
};

serveSession(port, loadJob);
