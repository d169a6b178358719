import type { ConnectionManager } from '../connections/connectionManager';
import { loadStoreTraceWith, type StoreClient } from '../loaders/store';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './origin';

/** A trace from a Jaeger or Tempo connection, fetched by id and mapped like OTLP files (same steps, same viewer). */
export async function loadStoreTrace(origin: Extract<TraceOrigin, { kind: 'store' }>, connections: ConnectionManager, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean }> {
  const profile = connections.find(origin.connection);
  if (!profile || (profile.kind !== 'jaeger' && profile.kind !== 'tempo')) throw new Error(STORE_GONE);
  try {
    let store: StoreClient;
    if (profile.kind === 'jaeger') {
      const client = await connections.jaegerClient(profile.id);
      if (!client) throw new Error(`Not signed in to ${profile.label}. Sign in and reopen the trace.`);
      store = { kind: 'jaeger', client };
    } else {
      const client = await connections.tempoClient(profile.id);
      if (!client) throw new Error(`Not signed in to ${profile.label}. Sign in and reopen the trace.`);
      store = { kind: 'tempo', client };
    }
    const { trace, running } = await loadStoreTraceWith(store, origin.traceId, signal);
    connections.reportSuccess(profile.id);
    return { trace, running };
  } catch (e) {
    connections.reportError(profile.id, e);
    throw e;
  }
}

export const STORE_GONE = 'This trace store connection is gone. Sign in to it again (Sign In… → Jaeger or Grafana Tempo) and reopen the trace.';
