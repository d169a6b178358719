// The host's part of loading Zaia traces (the loading itself runs in a trace worker, src/loaders/zaia.ts): the
// responder names each connection keeps, handed to the worker and taken back updated.
import type { NamesCache, ResponderNames } from '../loaders/zaia';

export { RESPONDER_NAMES_TTL_MS } from '../loaders/zaia';

/** Responder names by connection id: listing every responder on each live refresh would cost pages of requests. */
const responderNames = new Map<string, ResponderNames>();

/** The host's names of one connection. */
export function namesCacheOf(connectionId: string): NamesCache {
  return {
    get: () => responderNames.get(connectionId),
    set: (names) => void responderNames.set(connectionId, names),
  };
}

export const ZAIA_NOT_SIGNED_IN = 'Not signed in to this Zaia connection. Sign in and reopen the trace.';

/** Forgets the cached responder names (of one connection, or all). */
export function forgetResponderNames(connectionId?: string): void {
  if (connectionId === undefined) responderNames.clear();
  else responderNames.delete(connectionId);
}
