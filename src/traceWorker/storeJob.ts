// A trace worker's Jaeger and Tempo loads: its own client, made from the connection's plain options, and the same
// loader the host runs (src/loaders/store.ts).
import type { HttpLogger } from '../api/http';
import { JaegerClient } from '../api/jaeger/client';
import { TempoClient } from '../api/tempo/client';
import { loadStoreTraceWith, type StoreClient } from '../loaders/store';
import { OneClient } from './oneClient';
import { fetched, type JobResult } from './loadJob';
import type { TraceJob } from './protocol';

type StoreJob = Extract<TraceJob, { kind: 'store' }>;

export class StoreLoader {
  private readonly client = new OneClient<StoreClient>((s) => s.client.close());

  constructor(private readonly progress: (message: string) => void, private readonly log: HttpLogger) {}

  async load(job: StoreJob): Promise<JobResult> {
    const o = { ...job.client, logger: this.log };
    const store = this.client.get([job.store, job.client], (): StoreClient =>
      job.store === 'jaeger' ? { kind: 'jaeger', client: new JaegerClient(o) } : { kind: 'tempo', client: new TempoClient(o) });
    this.progress(`Fetching trace ${job.traceId}…`);
    return fetched(() => loadStoreTraceWith(store, job.traceId));
  }
}
