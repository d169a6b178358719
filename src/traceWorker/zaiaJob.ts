// A trace worker's Zaia loads: its own client, made from the connection's plain options, and the same loader the
// host runs (src/loaders/zaia.ts), seeded with the host's responder names and handing back the names it listed.
import type { HttpLogger } from '../api/http';
import { ZaiaClient, type ZaiaClientInit } from '../api/zaia/client';
import { loadZaiaWith, type ResponderNames } from '../loaders/zaia';
import type { JobResult } from './loadJob';
import type { TraceJob } from './protocol';

type ZaiaJob = Extract<TraceJob, { kind: 'zaia' }>;

export class ZaiaLoader {
  private client: { init: string; client: ZaiaClient } | undefined;

  constructor(private readonly progress: (message: string) => void, private readonly log: HttpLogger) {}

  private clientFor(init: ZaiaClientInit): ZaiaClient {
    const key = JSON.stringify(init);
    if (this.client?.init !== key) {
      void this.client?.client.close();
      this.client = { init: key, client: new ZaiaClient({ ...init, logger: this.log }) };
    }
    return this.client.client;
  }

  async load(job: ZaiaJob): Promise<JobResult & { names?: ResponderNames }> {
    const client = this.clientFor(job.client);
    let names = job.names;
    let listed = false;
    const cache = { get: () => names, set: (n: ResponderNames) => void ((names = n), (listed = true)) };
    this.progress('Fetching the execution and its nestings…');
    const t = performance.now();
    const { trace, running, mapMs } = await loadZaiaWith(client, job.executionId, cache);
    const timings = { readMs: performance.now() - t - mapMs, parseMs: null, mapMs };
    return { trace, running, timings, ...(listed && names ? { names } : {}) };
  }
}
