// Where insight records come from: Fruxon's executionRecords (server-side time and record filters, the largest
// page the API takes) and Zaia's executions (no time filter in the public API: pages are read newest first
// until they are older than the range). Type-only imports of the clients: no HTTP code is pulled in here.
import type { ExecutionRecordQuery, FruxonClient } from '../../api/fruxon/client';
import type { ZaiaClient } from '../../api/zaia/client';
import { fromFruxon, fromZaia } from './records';
import type { InsightRecord } from './types';

export interface FetchRange {
  /** Unix ms, inclusive. */
  since: number;
  /** Unix ms, exclusive; undefined = up to now. */
  until?: number;
}

export interface RecordSource {
  readonly costUnit: 'usd' | 'credits';
  /** Reads every record that started in the range, page by page; `onPage` sees each page as it arrives. */
  fetch(range: FetchRange, onPage: (items: InsightRecord[], totalCount: number | undefined) => void, signal?: AbortSignal): Promise<void>;
}

/** The most records Fruxon's executionRecords returns per page (seed 000). */
export const FRUXON_MAX_PAGE_SIZE = 500;

/** Filters from the tree, applied by the server (status, environment, revision); the time range is the window's. */
export type SourceFilter = Pick<ExecutionRecordQuery, 'status' | 'environment' | 'agentRevision'>;

export function fruxonSource(client: Pick<FruxonClient, 'listExecutionRecords'>, agentId: string, filter: SourceFilter = {}, pageSize = FRUXON_MAX_PAGE_SIZE): RecordSource {
  return {
    costUnit: 'usd',
    async fetch(range, onPage, signal) {
      const seen = new Set<string>();
      let pageToken: string | undefined;
      do {
        const page = await client.listExecutionRecords(agentId, {
          ...filter, startTime: range.since, ...(range.until !== undefined ? { endTime: range.until - 1 } : {}), pageSize,
          ...(pageToken ? { pageToken } : {}),
        }, signal ? { signal } : undefined);
        onPage(page.items.map(fromFruxon), page.totalCount);
        pageToken = page.nextPageToken;
        // A server handing out the same token twice would otherwise loop forever.
        if (pageToken && seen.has(pageToken)) throw new Error('The service returned the same page token twice; stopped reading.');
        if (pageToken) seen.add(pageToken);
      } while (pageToken);
    },
  };
}

export const ZAIA_PAGE_SIZE = 100;

export function zaiaSource(client: Pick<ZaiaClient, 'listExecutions'>, responderId: string, maxPages = 500): RecordSource {
  return {
    costUnit: 'credits',
    async fetch(range, onPage, signal) {
      const seen = new Set<string>();
      for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
        const page = await client.listExecutions({ responderIds: [responderId], pageNumber, pageSize: ZAIA_PAGE_SIZE }, signal ? { signal } : undefined);
        const fresh = page.items.filter((e) => !seen.has(e.id));
        for (const e of fresh) seen.add(e.id);
        const records = fresh.map(fromZaia);
        onPage(records.filter((r) => r.start >= range.since && (range.until === undefined || r.start < range.until)), page.total);
        // Newest first: once a whole page is older than the range, so is everything after it. A page with
        // nothing new means the service ignored pageNumber.
        if (!page.hasMore || !fresh.length || records.every((r) => r.start < range.since)) return;
      }
    },
  };
}
