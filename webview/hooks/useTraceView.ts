// The trace view's state: collapsed steps, selection, search and the detail request, with the actions
// the tree, toolbar and keyboard use. Collapse state is a Uint8Array mutated in place plus a version
// counter, so toggling a 100k-step subtree copies nothing.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OutlineView } from '../../src/shared/outlineWire';
import type { DetailState } from '../components/DetailPane';
import {
  collapsedFromIds,
  idsOfCollapsed,
  nextInRanges,
  nextInSorted,
  ordinalInRanges,
  revealIn,
  searchMask,
  siblingPositions,
  visibleRows,
} from '../state/treeModel';
import { useHost } from '../vscodeApi';
import { decodeMatches } from '../../src/shared/searchWire';
import { persistQuietly, usePersistedState } from './usePersistedState';

export interface SearchState {
  query: string;
  ranges: number[];
  count: number;
  truncated: boolean;
  /** 2 match, 1 ancestor of a match: the tree shows both, highlights matches. */
  mask: Uint8Array;
}

export function useTraceView(o: OutlineView) {
  const host = useHost();
  const api = host.api;
  const collapsed = useRef<Uint8Array>(new Uint8Array(0));
  const [version, setVersion] = useState(0);
  const [selectedId, setSelectedId] = usePersistedState('selectedStepId', '');
  const [query, setQuery] = usePersistedState('query', '');
  const [search, setSearch] = useState<SearchState | null>(null);
  const [detail, setDetail] = useState<DetailState>({ state: 'none' });
  const [reveal, setReveal] = useState<{ index: number } | null>(null);
  const searchSeq = useRef(0);
  const scrollTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // A new outline (first load or a live refresh): carry collapse state over by step id.
  const prev = useRef<OutlineView | null>(null);
  useMemo(() => {
    const ids = prev.current ? idsOfCollapsed(prev.current, collapsed.current) : api.getState()?.collapsedIds;
    collapsed.current = collapsedFromIds(o, ids);
    prev.current = o;
  }, [o]);
  const positions = useMemo(() => siblingPositions(o), [o]);
  const selected = useMemo(() => (selectedId ? o.ids.indexOf(selectedId) : -1), [o, selectedId]);
  const rows = useMemo(() => visibleRows(o, collapsed.current, search?.mask ?? null), [o, version, search]);
  const activeMatch = search && selected >= 0 ? ordinalInRanges(search.ranges, selected) : -1;

  const runSearch = (q: string) => {
    const seq = ++searchSeq.current;
    if (q.trim() === '') {
      setSearch(null);
      return;
    }
    host.request('search', { query: q }).then(
      (res) => {
        if (seq !== searchSeq.current) return;
        const ranges = decodeMatches(res);
        setSearch({ query: res.query, ranges, count: res.count, truncated: res.truncated, mask: searchMask(o, ranges) });
      },
      () => undefined,
    );
  };
  // Restore (and, after a live refresh, re-run) the search.
  useEffect(() => runSearch(query), [o]);

  // The detail follows the selection; a late answer for an older selection is dropped.
  useEffect(() => {
    if (selected < 0) {
      setDetail({ state: 'none' });
      return;
    }
    let live = true;
    setDetail((d) => (d.state === 'ready' && d.index === selected ? d : { state: 'loading', index: selected }));
    host.request('getStep', { index: selected, stepId: o.ids[selected]! }).then(
      (res) => live && setDetail({ state: 'ready', index: res.index, step: res.step }),
      (err: Error) => live && setDetail({ state: 'error', index: selected, message: err.message }),
    );
    return () => {
      live = false;
    };
  }, [o, selected]);

  const bump = () => {
    setVersion((v) => v + 1);
    persistQuietly(api, 'collapsedIds', idsOfCollapsed(o, collapsed.current));
  };

  const actions = {
    select(index: number, scroll = true) {
      setSelectedId(index >= 0 ? o.ids[index]! : '');
      if (index >= 0 && revealIn(o, collapsed.current, index)) bump();
      if (scroll && index >= 0) setReveal({ index });
    },
    toggle(index: number, expand?: boolean) {
      if (o.childCount[index] === 0) return;
      const next = expand === undefined ? !collapsed.current[index] : !expand;
      if (Boolean(collapsed.current[index]) === next) return;
      collapsed.current[index] = next ? 1 : 0;
      bump();
    },
    setAll(collapse: boolean) {
      const c = collapsed.current;
      for (let i = 0; i < c.length; i++) c[i] = collapse && o.childCount[i]! > 0 ? 1 : 0;
      bump();
    },
    query(q: string) {
      setQuery(q);
      runSearch(q);
    },
    clearSearch() {
      setQuery('');
      runSearch('');
    },
    nextMatch(dir: 1 | -1) {
      if (!search) return;
      const i = nextInRanges(search.ranges, selected, dir);
      if (i >= 0) actions.select(i);
    },
    nextError(dir: 1 | -1) {
      const i = nextInSorted(o.errorIndices, selected, dir);
      if (i >= 0) actions.select(i);
    },
    scrolled(top: number) {
      // setState crosses to the host: not on every scroll event.
      clearTimeout(scrollTimer.current);
      scrollTimer.current = setTimeout(() => persistQuietly(api, 'scrollTop', top), 250);
    },
  };

  return { collapsed: collapsed.current, version, selected, query, search, activeMatch, detail, reveal, rows, positions, actions };
}
