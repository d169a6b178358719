import type { ConnectionManager } from '../connections/connectionManager';
import { isRunning } from '../api/fruxon/schemas';
import { fromTraceWithFallback } from '../model/fruxonTrace';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './origin';
import { ZAIA_NOT_SIGNED_IN, namesCacheOf } from './loadZaiaTrace';
import type { ResponderNames } from '../loaders/zaia';
import { groupSpans, traceFromGroups } from '../model/otlp';
import { readOtlp } from '../model/otlpRead';
import { compareTraces } from '../model/compare';
import { localTraces } from './traceSources';
import { localTraceGone } from '../receiverWorker/protocol';
import type { TraceJob } from '../traceWorker/protocol';
import type { WorkerLoaded, WorkerTraceSession } from '../traceWorker/client';

/**
 * Origins loaded on the extension host: a Fruxon execution's raw spans, mapped beside the server's own mapping.
 * Every other origin loads in a trace worker (`workerJob`).
 */
export type HostOrigin = Extract<TraceOrigin, { kind: 'fruxonOtlp' }>;

export function loadsOnHost(origin: TraceOrigin): origin is HostOrigin {
  return origin.kind === 'fruxonOtlp';
}

const STORE_GONE = 'This trace store connection is gone. Sign in to it again (Sign In… → Jaeger or Grafana Tempo) and reopen the trace.';

/**
 * What a trace worker (src/traceWorker/) is asked to load for this origin: a file, a Fruxon or Zaia execution, a
 * trace from Jaeger or Tempo; or the receiver's worker, a trace it holds (see TracePanels.startWorker). Throws when the connection is signed out or gone.
 */
export async function workerJob(origin: Exclude<TraceOrigin, HostOrigin>, connections: ConnectionManager): Promise<TraceJob> {
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
  return { kind: 'fruxon', client, agentId: origin.agentId, executionRecordId: origin.executionRecordId };
}

/** What a worker's load tells the host to keep: the responder names a Zaia load listed again. */
function keepFromWorker(origin: TraceOrigin, loaded: { names?: ResponderNames }): void {
  if (origin.kind === 'zaia' && loaded.names) namesCacheOf(origin.connection).set(loaded.names);
}

/**
 * Loads a job in a trace worker and tells the connection's status how it went, as loadTrace does for a load on
 * the host; `reportErrors` false when nobody is waiting any more (a closed panel).
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

/** Loads and maps a trace on the host; throws an Error whose message is fit for the panel. */
export function loadTrace(origin: HostOrigin, connections: ConnectionManager, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean }> {
  return loadRawSpans(origin, connections, signal);
}

/** A Fruxon execution's raw OTel spans mapped here, with the server's own mapping alongside for comparison. */
async function loadRawSpans(origin: Extract<TraceOrigin, { kind: 'fruxonOtlp' }>, connections: ConnectionManager, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean }> {
  const client = await connections.client(origin.connection);
  if (!client) throw new Error(NOT_SIGNED_IN);
  const opts = signal ? { signal } : {};
  try {
    const [record, otlp, server, agent] = await Promise.all([
      client.getExecutionRecord(origin.agentId, origin.executionRecordId, opts),
      client.getOtlpTrace(origin.agentId, origin.executionRecordId, opts),
      // Only for the comparison: the raw spans still open when the projection cannot be read.
      client.getTraceWithFallback(origin.agentId, origin.executionRecordId, opts).catch(() => undefined),
      client.getAgent(origin.agentId, opts).catch(() => undefined),
    ]);
    connections.reportSuccess(origin.connection);
    if (otlp.resourceSpans.length === 0) {
      throw new Error('This execution has no raw OTel spans (it did not go through OTel ingest, e.g. a native agent). Open its trace instead.');
    }
    const groups = groupSpans(readOtlp(otlp).spans);
    if (groups.length === 0) throw new Error('The raw OTel spans of this execution hold no readable span.');
    const trace = traceFromGroups(groups);
    // Spans under several trace ids are still this one execution's.
    if (groups.length > 1) trace.id = `otlp:${record.id}`;
    const agentName = agent?.displayName || undefined;
    if (agentName) {
      trace.agentName = agentName;
      trace.title = agentName;
    }
    trace.agentId = record.agentId;
    trace.revision = record.agentRevision;
    if (record.environmentSlug) trace.environment = record.environmentSlug;
    if (server) {
      const mapped = fromTraceWithFallback(server, record, agentName ? { agentName } : {});
      trace.comparison = compareTraces(trace, mapped, server.source === 'projected' ? "the server's projection" : 'the stored trace');
    }
    return { trace, running: isRunning(record) };
  } catch (e) {
    connections.reportError(origin.connection, e);
    throw e;
  }
}
