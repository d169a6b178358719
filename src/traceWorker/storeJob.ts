// A trace worker's Jaeger and Tempo loads: its own client, made from the connection's plain options, and the same
// loader the host runs (src/loaders/store.ts).
import type { HttpLogger } from '../api/http';
import { JaegerClient } from '../api/jaeger/client';
import type { StoreClientInit } from '../api/stores/auth';
import { TempoClient } from '../api/tempo/client';
import { loadStoreTraceWith, type StoreClient } from '../loaders/store';
import type { JobResult } from './loadJob';
import type { TraceJob } from './protocol';

type StoreJob = Extract<TraceJob, { kind: 'store' }>;

export class StoreLoader {
  private client: { init: string; store: StoreClient } | undefined;

  constructor(private readonly progress: (message: string) => void, private readonly log: HttpLogger) {}

  private clientFor(kind: 'jaeger' | 'tempo', init: StoreClientInit): StoreClient {
    const key = JSON.stringify([kind, init]);
    if (this.client?.init !== key) {
      void this.client?.store.client.close();
      const o = { ...init, logger: this.log };
      this.client = { init: key, store: kind === 'jaeger' ? { kind, client: new JaegerClient(o) } : { kind, client: new TempoClient(o) } };
    }
    return this.client.store;
  }

  async load(job: StoreJob): Promise<JobResult> {
    const store = this.clientFor(job.store, job.client);
    this.progress(`Fetching trace ${job.traceId}…`);
    const t = performance.now();
    const { trace, running, mapMs } = await loadStoreTraceWith(store, job.traceId);
    return { trace, running, timings: { readMs: performance.now() - t - mapMs, parseMs: null, mapMs } };
  }
}
