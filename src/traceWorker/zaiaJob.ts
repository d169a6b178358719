// A trace worker's Zaia loads: its own client, made from the connection's plain options, and the same loader the
// host runs (src/loaders/zaia.ts), seeded with the host's responder names and handing back the names it listed.
import type { HttpLogger } from '../api/http';
import { ZaiaClient } from '../api/zaia/client';
import { OneClient } from './oneClient';
import { loadZaiaWith, type ResponderNames } from '../loaders/zaia';
import { fetched, type JobResult } from './loadJob';
import type { TraceJob } from './protocol';

type ZaiaJob = Extract<TraceJob, { kind: 'zaia' }>;

export class ZaiaLoader {
  private readonly client = new OneClient<ZaiaClient>((c) => c.close());

  constructor(private readonly progress: (message: string) => void, private readonly log: HttpLogger) {}

  async load(job: ZaiaJob): Promise<JobResult & { names?: ResponderNames }> {
    const client = this.client.get(job.client, () => new ZaiaClient({ ...job.client, logger: this.log }));
    let names = job.names;
    let listed = false;
    const cache = { get: () => names, set: (n: ResponderNames) => void ((names = n), (listed = true)) };
    this.progress('Fetching the execution and its nestings…');
    const loaded = await fetched(() => loadZaiaWith(client, job.executionId, cache));
    return { ...loaded, ...(listed && names ? { names } : {}) };
  }
}
