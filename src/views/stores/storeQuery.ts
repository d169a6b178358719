// What a store list asks for, as plain data: the filters a person set on a list (time range, errors only, min
// duration), saved TraceQL queries, and how one page of a list turns into a Jaeger or Tempo search. Pure: no
// vscode, so the paging rule is tested fast.
import { DEFAULT_GENAI_QUERY } from '../../api/tempo/client';
import type { JaegerSearch } from '../../api/jaeger/client';
import type { TempoSearch } from '../../api/tempo/client';

export interface StoreFilter {
  /** How far back from now, in hours. */
  rangeHours: number;
  errorsOnly: boolean;
  minDurationMs?: number;
}

export const DEFAULT_STORE_FILTER: StoreFilter = { rangeHours: 24, errorsOnly: false };
export const RANGES: readonly { hours: number; label: string }[] = [
  { hours: 1, label: 'Last hour' }, { hours: 6, label: 'Last 6 hours' }, { hours: 24, label: 'Last 24 hours' },
  { hours: 72, label: 'Last 3 days' }, { hours: 168, label: 'Last 7 days' }, { hours: 720, label: 'Last 30 days' },
];

export interface SavedQuery {
  name: string;
  query: string;
}

export const DEFAULT_QUERIES: readonly SavedQuery[] = [
  { name: 'GenAI spans', query: DEFAULT_GENAI_QUERY },
  { name: 'All traces', query: '{}' },
];

export function describeStoreFilter(f: StoreFilter): string {
  const range = RANGES.find((r) => r.hours === f.rangeHours)?.label ?? `Last ${f.rangeHours} h`;
  return [range, f.errorsOnly ? 'errors only' : undefined, f.minDurationMs ? `≥ ${f.minDurationMs} ms` : undefined].filter(Boolean).join(' · ');
}

export function parseStoreFilter(v: unknown): StoreFilter {
  const o = (v && typeof v === 'object' ? v : {}) as Partial<StoreFilter>;
  const out: StoreFilter = {
    rangeHours: typeof o.rangeHours === 'number' && o.rangeHours > 0 ? o.rangeHours : DEFAULT_STORE_FILTER.rangeHours,
    errorsOnly: o.errorsOnly === true,
  };
  if (typeof o.minDurationMs === 'number' && o.minDurationMs > 0) out.minDurationMs = o.minDurationMs;
  return out;
}

/** A TraceQL query with "errors only" added as one more spanset every hit must also have. */
export function withErrorsOnly(query: string): string {
  const q = query.trim();
  return !q || q === '{}' ? '{ status = error }' : `${q} && { status = error }`;
}

/** One page of a list: from `now - range` up to `before` (exclusive, Unix ms), newest first. */
export interface PageWindow {
  start: number;
  end: number;
  limit: number;
}

export function firstWindow(filter: StoreFilter, now: number, limit: number): PageWindow {
  return { start: now - filter.rangeHours * 3_600_000, end: now, limit };
}

/**
 * The window after a page: up to just before its oldest trace. Tempo counts in whole seconds, so a page whose
 * traces were all seen already (several in its last second) steps a second further back instead of asking again.
 */
export function nextWindow(w: PageWindow, oldestStart: number | undefined, newOnPage: number): PageWindow | undefined {
  if (oldestStart === undefined) return undefined;
  const end = newOnPage === 0 ? Math.min(w.end, oldestStart) - 1000 : oldestStart - 1;
  return end > w.start ? { ...w, end } : undefined;
}

export function jaegerSearch(service: string, f: StoreFilter, w: PageWindow): JaegerSearch {
  const s: JaegerSearch = { service, start: w.start, end: w.end, limit: w.limit };
  if (f.errorsOnly) s.tags = { error: 'true' };
  if (f.minDurationMs) s.minDurationMs = f.minDurationMs;
  return s;
}

export function tempoSearch(query: string, f: StoreFilter, w: PageWindow): TempoSearch {
  const s: TempoSearch = { q: f.errorsOnly ? withErrorsOnly(query) : query.trim() || '{}', start: w.start, end: w.end, limit: w.limit, spss: 10 };
  if (f.minDurationMs) s.minDurationMs = f.minDurationMs;
  return s;
}
