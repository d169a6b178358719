import type { ConnectionManager } from '../connections/connectionManager';
import { traceFromNestings, type ZaiaResponderInfo } from '../model/zaiaTrace';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './origin';

/** A Zaia execution with its nestings, mapped; responder names label the steps when they can be read. */
export async function loadZaiaTrace(origin: Extract<TraceOrigin, { kind: 'zaia' }>, connections: ConnectionManager, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean }> {
  const client = await connections.zaiaClient(origin.connection);
  if (!client) throw new Error('Not signed in to this Zaia connection. Sign in and reopen the trace.');
  const opts = signal ? { signal } : {};
  try {
    const [nestings, responders] = await Promise.all([
      client.getNestings({ executionId: origin.executionId }, opts),
      // Only for names and kinds: a trace still opens when the responders cannot be read.
      client.listAllResponders({}, opts).catch(() => []),
    ]);
    connections.reportSuccess(origin.connection);
    const byId = new Map<string, ZaiaResponderInfo>(responders.map((r) => [r.id, { name: r.name ?? null, entity: r.entity ?? null }]));
    const trace = traceFromNestings(nestings, { responders: byId });
    return { trace, running: trace.status === 'running' };
  } catch (e) {
    connections.reportError(origin.connection, e);
    throw e;
  }
}
