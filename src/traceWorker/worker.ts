// A trace worker's entry (bundled as dist/traceWorker.js). It holds one trace in a TraceSession, the same
// class the host used to hold, and answers the host's requests for it.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { TraceSession } from '../model/traceSession';
import { outlineBuffers } from '../shared/outlineWire';
import { JsonSyntaxError } from '../util/json';
import { ApiError, apiErrorInit } from '../api/errors';
import { FileLoader } from './loadJob';
import { FruxonLoader } from './fruxonJob';
import { ZaiaLoader } from './zaiaJob';
import { StoreLoader } from './storeJob';
import type { JobResult } from './loadJob';
import type { OtlpGroupSummary } from '../model/otlp';
import type { HostToWorker, TraceJob, WireError, WorkerToHost } from './protocol';
import type { HttpLogLevel } from '../api/http';
import type { ResponderNames } from '../loaders/zaia';

const port = parentPort;
if (!port) throw new Error('traceWorker.js runs in a worker thread.');

let session: TraceSession | undefined;
const send = (m: WorkerToHost, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
const progress = (message: string): void => send({ op: 'progress', message });
const files = new FileLoader(progress);
files.warmUp();
const log = (level: HttpLogLevel, message: string): void => send({ op: 'log', level, message });
const fruxon = new FruxonLoader(progress, log);
const zaia = new ZaiaLoader(progress, log);
const stores = new StoreLoader(progress, log);

function loadJob(job: TraceJob): Promise<(JobResult & { names?: ResponderNames }) | { choose: OtlpGroupSummary[] }> {
  switch (job.kind) {
    case 'file':
      return files.load(job);
    case 'fruxon':
      return fruxon.load(job);
    case 'zaia':
      return zaia.load(job);
    case 'store':
      return stores.load(job);
  }
}

function wire(e: unknown): WireError {
  if (e instanceof ApiError) return { name: e.name, message: e.message, api: apiErrorInit(e) };
  if (e instanceof JsonSyntaxError) return { name: e.name, message: e.message, json: { file: e.file, line: e.line, column: e.column, problem: e.problem } };
  return e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
}

// The host answers copy and openLink itself; a session here never has effects to run.
const noEffects = { copy: () => undefined, openLink: () => undefined };

async function answer(m: HostToWorker): Promise<void> {
  switch (m.op) {
    case 'load': {
      const r = await loadJob(m.job);
      if ('choose' in r) {
        send({ op: 'choose', id: m.id, traces: r.choose });
        return;
      }
      const t = performance.now();
      const next = new TraceSession(r.trace, noEffects, true);
      const outline = next.packedOutline();
      // Its buffers are transferred below: the session must not post them again.
      next.forgetOutline();
      const outlineMs = performance.now() - t;
      session = next;
      const names = 'names' in r && r.names ? { names: r.names } : {};
      send({ op: 'loaded', id: m.id, outline, running: r.running, timings: { ...r.timings, outlineMs }, ...names }, outlineBuffers(outline));
      // Ready by the first keystroke; built in slices, so requests still get answered meanwhile.
      void session.warmSearch();
      return;
    }
    case 'handle':
      if (!session) throw new Error('No trace is loaded.');
      send({ op: 'answer', id: m.id, messages: await session.handle(m.msg) });
      return;
    case 'trace':
      if (!session) throw new Error('No trace is loaded.');
      send({ op: 'trace', id: m.id, trace: session.current });
      return;
    case 'heap':
      (globalThis as { gc?: () => void }).gc?.();
      send({ op: 'heap', id: m.id, usedBytes: getHeapStatistics().used_heap_size });
      return;
  }
}

port.on('message', (m: HostToWorker) => {
  answer(m).catch((e: unknown) => send({ op: 'failed', id: m.id, error: wire(e) }));
});
