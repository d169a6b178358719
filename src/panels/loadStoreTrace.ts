import type { ConnectionManager } from '../connections/connectionManager';
import { STORE_NAMES } from '../connections/profiles';
import { traceFromJaeger, traceFromStoreOtlp } from '../model/storeTraces';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './origin';

/**
 * A trace from a Jaeger or Tempo connection, fetched by id and mapped like OTLP files (same steps, same viewer).
 * A store holds finished spans only, so the trace is never "running": a later Refresh shows spans that arrived since.
 */
export async function loadStoreTrace(origin: Extract<TraceOrigin, { kind: 'store' }>, connections: ConnectionManager, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean }> {
  const profile = connections.find(origin.connection);
  if (!profile || (profile.kind !== 'jaeger' && profile.kind !== 'tempo')) {
    throw new Error('This trace store connection is gone. Sign in to it again (Sign In… → Jaeger or Grafana Tempo) and reopen the trace.');
  }
  const opts = signal ? { signal } : {};
  try {
    let trace: Trace;
    if (profile.kind === 'jaeger') {
      const client = await connections.jaegerClient(profile.id);
      if (!client) throw new Error(`Not signed in to ${profile.label}. Sign in and reopen the trace.`);
      trace = traceFromJaeger(await client.getTrace(origin.traceId, opts));
    } else {
      const client = await connections.tempoClient(profile.id);
      if (!client) throw new Error(`Not signed in to ${profile.label}. Sign in and reopen the trace.`);
      const body = await client.getTrace(origin.traceId, opts);
      if (body.resourceSpans.length === 0) throw new Error(`${STORE_NAMES.tempo} has no spans for trace ${origin.traceId} (yet: a trace appears some seconds after its spans are sent).`);
      trace = traceFromStoreOtlp(body);
    }
    connections.reportSuccess(profile.id);
    return { trace, running: false };
  } catch (e) {
    connections.reportError(profile.id, e);
    throw e;
  }
}
