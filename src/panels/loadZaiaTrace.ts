import type { ConnectionManager } from '../connections/connectionManager';
import type { ZaiaClient } from '../api/zaia/client';
import type { ZaiaRequestOptions } from '../api/zaia/client';
import type { ZaiaNestings } from '../api/zaia/schemas';
import { traceFromNestings, type ZaiaResponderInfo } from '../model/zaiaTrace';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './origin';

/** How long a connection's responder names are reused (a running trace refreshes every few seconds). */
export const RESPONDER_NAMES_TTL_MS = 5 * 60_000;

interface Names {
  readonly at: number;
  readonly byId: ReadonlyMap<string, ZaiaResponderInfo>;
  /** Ids a trace named that a fresh listing did not have either (deleted responders): not listed again for them. */
  readonly missing: Set<string>;
}

/** Responder names by connection id: listing every responder on each live refresh would cost pages of requests. */
const responderNames = new Map<string, Names>();

async function listNames(client: ZaiaClient, opts: ZaiaRequestOptions): Promise<Map<string, ZaiaResponderInfo> | undefined> {
  try {
    const list = await client.listAllResponders({}, opts);
    return new Map(list.map((r) => [r.id, { name: r.name ?? null, entity: r.entity ?? null }]));
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    // Only for names and kinds: a trace still opens when the responders cannot be read.
    return undefined;
  }
}

const referenced = (n: ZaiaNestings): string[] =>
  [n.root, ...n.executions].flatMap((e) => (e.responderId ? [e.responderId] : []));

/** A Zaia execution with its nestings, mapped; responder names label the steps when they can be read. */
export async function loadZaiaTrace(
  origin: Extract<TraceOrigin, { kind: 'zaia' }>,
  connections: ConnectionManager,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<{ trace: Trace; running: boolean }> {
  const client = await connections.zaiaClient(origin.connection);
  if (!client) throw new Error('Not signed in to this Zaia connection. Sign in and reopen the trace.');
  const opts = signal ? { signal } : {};
  try {
    const cached = responderNames.get(origin.connection);
    const fresh = cached && now() - cached.at < RESPONDER_NAMES_TTL_MS ? cached : undefined;
    const [nestings, listed] = await Promise.all([
      client.getNestings({ executionId: origin.executionId }, opts),
      fresh ? undefined : listNames(client, opts),
    ]);
    let byId = listed ?? fresh?.byId;
    if (listed) {
      responderNames.set(origin.connection, { at: now(), byId: listed, missing: new Set(referenced(nestings).filter((id) => !listed.has(id))) });
    }
    // A responder created since the names were listed: list again, once (a deleted one stays missing until the
    // names expire, instead of a listing on every refresh).
    const unknown = fresh ? referenced(nestings).filter((id) => !fresh.byId.has(id) && !fresh.missing.has(id)) : [];
    if (fresh && unknown.length > 0) {
      const again = await listNames(client, opts);
      if (again) {
        const missing = new Set([...fresh.missing, ...unknown.filter((id) => !again.has(id))]);
        responderNames.set(origin.connection, { at: now(), byId: again, missing });
        byId = again;
      } else {
        for (const id of unknown) fresh.missing.add(id);
      }
    }
    connections.reportSuccess(origin.connection);
    const trace = traceFromNestings(nestings, byId ? { responders: byId } : {});
    return { trace, running: trace.status === 'running' };
  } catch (e) {
    connections.reportError(origin.connection, e);
    throw e;
  }
}

/** Forgets the cached responder names (of one connection, or all). */
export function forgetResponderNames(connectionId?: string): void {
  if (connectionId === undefined) responderNames.clear();
  else responderNames.delete(connectionId);
}
