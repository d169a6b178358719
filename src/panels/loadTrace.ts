import type { ConnectionManager } from '../connections/connectionManager';
import type { TraceOrigin } from './origin';
import { ZAIA_NOT_SIGNED_IN, namesCacheOf } from './loadZaiaTrace';
import type { ResponderNames } from '../loaders/zaia';
import { localTraces } from './traceSources';
import { localTraceGone } from '../receiverWorker/protocol';
import type { TraceJob } from '../traceWorker/protocol';
import type { WorkerLoaded, WorkerTraceSession } from '../traceWorker/client';

const STORE_GONE = 'This trace store connection is gone. Sign in to it again (Sign In… → Jaeger or Grafana Tempo) and reopen the trace.';

/**
 * What a trace worker (src/traceWorker/) is asked to load for this origin: a file, a Fruxon execution (its trace, or
 * its raw OTel spans), a Zaia execution, a trace from Jaeger or Tempo; or what the receiver's worker is asked for a
 * trace it holds (see TracePanels.startWorker). No origin is read or mapped on the extension host's thread. Throws
 * when the connection is signed out or gone.
 */
export async function workerJob(origin: TraceOrigin, connections: ConnectionManager): Promise<TraceJob> {
  if (origin.kind === 'local') {
    const local = localTraces();
    if (!local?.has(origin.traceId)) throw new Error(localTraceGone(origin.traceId));
    return { kind: 'local', traceId: origin.traceId };
  }
  if (origin.kind === 'file') return { kind: 'file', path: origin.path, ...(origin.traceId !== undefined ? { traceId: origin.traceId } : {}) };
  if (origin.kind === 'zaia') {
    const client = await connections.zaiaClientInit(origin.connection);
    if (!client) throw new Error(ZAIA_NOT_SIGNED_IN);
    return { kind: 'zaia', client, executionId: origin.executionId, names: namesCacheOf(origin.connection).get() };
  }
  if (origin.kind === 'store') {
    const profile = connections.find(origin.connection);
    if (!profile || (profile.kind !== 'jaeger' && profile.kind !== 'tempo')) throw new Error(STORE_GONE);
    const client = await connections.storeClientInit(profile.id);
    if (!client) throw new Error(`Not signed in to ${profile.label}. Sign in and reopen the trace.`);
    return { kind: 'store', store: client.kind, client: client.init, traceId: origin.traceId };
  }
  const client = await connections.fruxonClientInit(origin.connection);
  if (!client) throw new Error(NOT_SIGNED_IN);
  // A Fruxon execution: its trace, or (fruxonOtlp) its raw OTel spans mapped beside the server's own mapping.
  return { kind: origin.kind, client, agentId: origin.agentId, executionRecordId: origin.executionRecordId };
}

/** What a worker's load tells the host to keep: the responder names a Zaia load listed again. */
function keepFromWorker(origin: TraceOrigin, loaded: { names?: ResponderNames }): void {
  if (origin.kind === 'zaia' && loaded.names) namesCacheOf(origin.connection).set(loaded.names);
}

/**
 * Loads a job in a trace worker and tells the connection's status how it went (a refused credential marks it);
 * `reportErrors` false when nobody is waiting any more (a closed panel).
 */
export async function loadInWorker(worker: WorkerTraceSession, origin: TraceOrigin, job: TraceJob, connections: ConnectionManager, reportErrors: () => boolean = () => true): Promise<WorkerLoaded> {
  const connection = connectionOf(origin);
  try {
    const loaded = await worker.load(job);
    if (connection !== undefined) connections.reportSuccess(connection);
    keepFromWorker(origin, loaded);
    return loaded;
  } catch (e) {
    if (connection !== undefined && reportErrors()) connections.reportError(connection, e);
    throw e;
  }
}

/** Which connection a load of this origin reports success or failure to (its status in the tree). */
function connectionOf(origin: TraceOrigin): string | undefined {
  return 'connection' in origin ? origin.connection : undefined;
}

const NOT_SIGNED_IN = 'Not signed in to this connection. Sign in and reopen the trace.';

