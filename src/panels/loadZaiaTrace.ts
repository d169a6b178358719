import type { ConnectionManager } from '../connections/connectionManager';
import { loadZaiaWith, type NamesCache, type ResponderNames } from '../loaders/zaia';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './origin';

export { RESPONDER_NAMES_TTL_MS } from '../loaders/zaia';

/** Responder names by connection id: listing every responder on each live refresh would cost pages of requests. */
const responderNames = new Map<string, ResponderNames>();

/** The host's names of one connection, for a load here or handed to a trace worker (which hands them back). */
export function namesCacheOf(connectionId: string): NamesCache {
  return {
    get: () => responderNames.get(connectionId),
    set: (names) => void responderNames.set(connectionId, names),
  };
}

/** A Zaia execution with its nestings, mapped; responder names label the steps when they can be read. */
export async function loadZaiaTrace(
  origin: Extract<TraceOrigin, { kind: 'zaia' }>,
  connections: ConnectionManager,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<{ trace: Trace; running: boolean }> {
  const client = await connections.zaiaClient(origin.connection);
  if (!client) throw new Error(ZAIA_NOT_SIGNED_IN);
  try {
    const { trace, running } = await loadZaiaWith(client, origin.executionId, namesCacheOf(origin.connection), signal, now);
    connections.reportSuccess(origin.connection);
    return { trace, running };
  } catch (e) {
    connections.reportError(origin.connection, e);
    throw e;
  }
}

export const ZAIA_NOT_SIGNED_IN = 'Not signed in to this Zaia connection. Sign in and reopen the trace.';

/** Forgets the cached responder names (of one connection, or all). */
export function forgetResponderNames(connectionId?: string): void {
  if (connectionId === undefined) responderNames.clear();
  else responderNames.delete(connectionId);
}
