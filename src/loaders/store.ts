// Loading a trace by id from a Jaeger or Grafana Tempo connection with its client, mapped like OTLP files. Pure
// (api + model, no `vscode`): a trace worker (src/traceWorker/) runs it.
import type { JaegerClient } from '../api/jaeger/client';
import type { TempoClient } from '../api/tempo/client';
import { STORE_NAMES } from '../connections/profiles';
import { traceFromJaeger, traceFromStoreOtlp } from '../model/storeTraces';
import type { Trace } from '../model/types';

export type StoreClient = { kind: 'jaeger'; client: JaegerClient } | { kind: 'tempo'; client: TempoClient };

/** A store holds finished spans only, so the trace is never "running": a later Refresh shows spans that arrived since. */
export async function loadStoreTraceWith(store: StoreClient, traceId: string, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean; mapMs: number }> {
  const opts = signal ? { signal } : {};
  if (store.kind === 'jaeger') {
    const body = await store.client.getTrace(traceId, opts);
    const t = performance.now();
    return { trace: traceFromJaeger(body), running: false, mapMs: performance.now() - t };
  }
  const body = await store.client.getTrace(traceId, opts);
  if (body.resourceSpans.length === 0) throw new Error(`${STORE_NAMES.tempo} has no spans for trace ${traceId} (yet: a trace appears some seconds after its spans are sent).`);
  const t = performance.now();
  return { trace: traceFromStoreOtlp(body), running: false, mapMs: performance.now() - t };
}
