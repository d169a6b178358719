// Messages between the insights panel's host (src/panels/insights/) and its webview (webview/insights/).
import type { InsightsData } from '../model/insights/types';

export type { InsightsData, GroupSummary, Summary } from '../model/insights/types';

/** Per-environment totals of all time, from the server's summaries endpoint (Fruxon, unfiltered views only). */
export interface AllTimeTotals {
  environment: string;
  runs: number;
  cost: number;
}

export type WindowKind = 'day' | 'week' | 'month' | 'custom';

export type InsightsHostToWebview =
  | { type: 'loading'; title: string; loaded: number; total?: number; windowKind: WindowKind }
  | { type: 'data'; title: string; windowKind: WindowKind; windowLabel: string; filter: string; data: InsightsData; requests: number; incremental: boolean; fetchedAt: number; allTime?: AllTimeTotals[] }
  | { type: 'error'; title: string; windowKind: WindowKind; message: string };

export type InsightsWebviewToHost =
  | { type: 'ready' }
  | { type: 'setWindow'; window: WindowKind }
  | { type: 'refresh' }
  | { type: 'cancel' }
  /** A bar or point: bucket index, and the series under the pointer on the runs chart. */
  | { type: 'select'; bucket: number; status?: string }
  /** Painted: the first time each chart has drawn (bench and tests read it). */
  | { type: 'painted'; charts: number };
