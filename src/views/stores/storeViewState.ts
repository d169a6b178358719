import type * as vscode from 'vscode';
import { DEFAULT_QUERIES, DEFAULT_STORE_FILTER, parseStoreFilter, type SavedQuery, type StoreFilter } from './storeQuery';

const FILTERS_KEY = 'agentlens.storeFilters';
const QUERIES_KEY = 'agentlens.tempoQueries';

/**
 * Per-list filters and each Tempo connection's saved TraceQL queries, in global state (no secrets in either).
 * Set once by the core; tree nodes and commands read it.
 */
export class StoreViewState {
  constructor(private readonly memento: vscode.Memento) {}

  filter(listKey: string): StoreFilter {
    return parseStoreFilter(this.memento.get<Record<string, unknown>>(FILTERS_KEY, {})[listKey] ?? DEFAULT_STORE_FILTER);
  }

  async setFilter(listKey: string, f: StoreFilter): Promise<void> {
    await this.memento.update(FILTERS_KEY, { ...this.memento.get<Record<string, unknown>>(FILTERS_KEY, {}), [listKey]: f });
  }

  queries(connectionId: string): SavedQuery[] {
    const all = this.memento.get<Record<string, unknown>>(QUERIES_KEY, {});
    const list = all[connectionId];
    if (!Array.isArray(list)) return [...DEFAULT_QUERIES];
    return list.filter((q): q is SavedQuery => !!q && typeof q === 'object' && typeof (q as SavedQuery).name === 'string' && typeof (q as SavedQuery).query === 'string');
  }

  async setQueries(connectionId: string, queries: readonly SavedQuery[]): Promise<void> {
    await this.memento.update(QUERIES_KEY, { ...this.memento.get<Record<string, unknown>>(QUERIES_KEY, {}), [connectionId]: queries });
  }
}

let state: StoreViewState | undefined;

export function setStoreViewState(s: StoreViewState | undefined): void {
  state = s;
}

export function storeViewState(): StoreViewState {
  if (!state) throw new Error('AgentLens store views are not ready');
  return state;
}
