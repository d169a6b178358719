// A trace worker's Fruxon loads: its own client, made from the connection's plain options, and the same loader
// the host runs (src/loaders/fruxon.ts), with the panel's cache of optional answers kept here between live
// refreshes. JSON parsing, validation and mapping of a 100,000-step response happen on this thread.
import { FruxonClient } from '../api/fruxon/client';
import { OneClient } from './oneClient';
import { ApiError } from '../api/errors';
import type { HttpLogger } from '../api/http';
import { loadFruxonTrace, loadRawSpans, type TraceLoadCache } from '../loaders/fruxon';
import { fetched, type JobResult } from './loadJob';
import type { TraceJob } from './protocol';

type FruxonJob = Extract<TraceJob, { kind: 'fruxon' | 'fruxonOtlp' }>;

export class FruxonLoader {
  private readonly client = new OneClient<FruxonClient>((c) => c.close());
  private readonly cache: TraceLoadCache;

  constructor(private readonly progress: (message: string) => void, private readonly log: HttpLogger) {
    const why = (e: unknown): string => (e instanceof ApiError ? e.userMessage : e instanceof Error ? e.message : String(e));
    this.cache = { onOptionalError: (what, e) => log('debug', `${what} could not be read; the trace shows without it: ${why(e)}`) };
  }

  async load(job: FruxonJob): Promise<JobResult> {
    const client = this.client.get(job.client, () => new FruxonClient({ ...job.client, logger: this.log }));
    if (job.kind === 'fruxonOtlp') {
      this.progress('Fetching the raw OTel spans…');
      return fetched(() => loadRawSpans(client, job));
    }
    this.progress('Fetching the trace…');
    return fetched(() => loadFruxonTrace(client, job, undefined, this.cache));
  }
}
