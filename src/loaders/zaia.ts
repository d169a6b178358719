// Loading a Zaia execution's trace with a client: its nestings and the responder names that label the steps.
// Pure (api + model, no `vscode`): a trace worker (src/traceWorker/) runs it with the names cache the host keeps
// per connection (src/panels/loadZaiaTrace.ts), handed over in the job and handed back updated.
import type { ZaiaClient, ZaiaRequestOptions } from '../api/zaia/client';
import type { ZaiaNestings } from '../api/zaia/schemas';
import { traceFromNestings, type ZaiaResponderInfo } from '../model/zaiaTrace';
import type { Trace } from '../model/types';

/** How long a connection's responder names are reused (a running trace refreshes every few seconds). */
export const RESPONDER_NAMES_TTL_MS = 5 * 60_000;

export interface ResponderNames {
  readonly at: number;
  readonly byId: ReadonlyMap<string, ZaiaResponderInfo>;
  /** Ids a trace named that a fresh listing did not have either (deleted responders): not listed again for them. */
  readonly missing: Set<string>;
}

/** Where one connection's names are kept between loads. */
export interface NamesCache {
  get(): ResponderNames | undefined;
  set(names: ResponderNames): void;
}

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
export async function loadZaiaWith(
  client: ZaiaClient,
  executionId: string,
  cache: NamesCache,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<{ trace: Trace; running: boolean; mapMs: number }> {
  const opts = signal ? { signal } : {};
  const cached = cache.get();
  const fresh = cached && now() - cached.at < RESPONDER_NAMES_TTL_MS ? cached : undefined;
  const [nestings, listed] = await Promise.all([
    client.getNestings({ executionId }, opts),
    fresh ? undefined : listNames(client, opts),
  ]);
  let byId = listed ?? fresh?.byId;
  if (listed) cache.set({ at: now(), byId: listed, missing: new Set(referenced(nestings).filter((id) => !listed.has(id))) });
  // A responder created since the names were listed: list again, once (a deleted one stays missing until the
  // names expire, instead of a listing on every refresh).
  const unknown = fresh ? referenced(nestings).filter((id) => !fresh.byId.has(id) && !fresh.missing.has(id)) : [];
  if (fresh && unknown.length > 0) {
    const again = await listNames(client, opts);
    if (again) {
      cache.set({ at: now(), byId: again, missing: new Set([...fresh.missing, ...unknown.filter((id) => !again.has(id))]) });
      byId = again;
    } else {
      for (const id of unknown) fresh.missing.add(id);
    }
  }
  const t = performance.now();
  const trace = traceFromNestings(nestings, byId ? { responders: byId } : {});
  return { trace, running: trace.status === 'running', mapMs: performance.now() - t };
}
