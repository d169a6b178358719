// Trace sources the panel loader reads besides connections: the local receiver's traces (set once by the
// composition root) and trace workers a command has already loaded (so a file is read and mapped once, even
// when the command had to read it first to offer a choice of traces).
import type { LocalTraces } from '../receiverWorker/client';
import type { WorkerTraceSession } from '../traceWorker/client';
import { originKey, type TraceOrigin } from './origin';

let localStore: LocalTraces | undefined;
/** A trace worker that already loaded the origin's trace ("Open Trace File…" reads the file there first). */
const primedSessions = new Map<string, { session: WorkerTraceSession; running: boolean }>();

export function primeSession(origin: TraceOrigin, session: WorkerTraceSession, running: boolean): void {
  primedSessions.set(originKey(origin), { session, running });
}

export function takePrimedSession(origin: TraceOrigin): { session: WorkerTraceSession; running: boolean } | undefined {
  const key = originKey(origin);
  const s = primedSessions.get(key);
  primedSessions.delete(key);
  return s;
}

export function setLocalTraces(traces: LocalTraces | undefined): void {
  localStore = traces;
}

export function localTraces(): LocalTraces | undefined {
  return localStore;
}

/** Forgets what no load took (a panel already open for the origin was only revealed); stops an unused worker. */
export function dropPrimed(origin: TraceOrigin): void {
  takePrimedSession(origin)?.session.dispose();
}
