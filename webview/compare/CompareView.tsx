// The compare view: header, a toolbar (first divergence, next / previous change, "changes only", search), the
// merged tree and the selected row's two sides. Collapse state is a Uint8Array mutated in place plus a version.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FieldKey } from '../../src/model/traceDiff/signature';
import type { CompareOutline } from '../../src/shared/compareProtocol';
import { formatNumber } from '../format';
import { useCompareHost } from './compareHost';
import { CompareDetail, type PairState } from './CompareDetail';
import { CompareHeader } from './CompareHeader';
import { expandTo, maskFromRanges, nextChange, rowOf, visibleRows } from './compareModel';
import { CompareTree } from './CompareTree';

export function CompareView({ o }: { o: CompareOutline }) {
  const host = useCompareHost();
  const collapsed = useRef(new Uint8Array(0));
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState(-1);
  const [changesOnly, setChangesOnly] = useState(false);
  const [query, setQuery] = useState('');
  const [detail, setDetail] = useState<PairState>({ state: 'none' });
  const [reveal, setReveal] = useState<{ index: number } | null>(null);
  const seq = useRef(0);
  const search = useRef<HTMLInputElement>(null);

  // A running side sends a new outline every few seconds. Its steps are appended, so rows keep their index:
  // carry collapse state and the selection over by index rather than jumping back to the first divergence.
  const shown = useRef(false);
  useMemo(() => {
    const next = new Uint8Array(o.names.length);
    next.set(collapsed.current.subarray(0, Math.min(next.length, collapsed.current.length)));
    collapsed.current = next;
  }, [o]);
  // Search runs in the host over both sides' texts (names, errors, inputs, outputs…), as the trace panel's does.
  const [found, setFound] = useState<{ query: string; mask: Uint8Array; count: number; truncated: boolean } | null>(null);
  const searchSeq = useRef(0);
  useEffect(() => {
    const mine = ++searchSeq.current;
    if (query.trim() === '') {
      setFound(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      host.search(query).then(
        (m) => mine === searchSeq.current && setFound({ query: m.query, mask: maskFromRanges(o, m.ranges), count: m.count, truncated: m.truncated }),
        () => mine === searchSeq.current && setFound({ query, mask: new Uint8Array(o.names.length), count: 0, truncated: false }),
      );
    }, 80);
    return () => clearTimeout(timer);
  }, [o, query]);
  const rows = useMemo(() => visibleRows(o, collapsed.current, changesOnly, found?.mask ?? null), [o, version, changesOnly, found]);

  const select = (i: number, scroll = true) => {
    if (i < 0 || i >= o.names.length) return;
    if (expandTo(o, collapsed.current, i)) setVersion((v) => v + 1);
    setSelected(i);
    if (scroll) setReveal({ index: i });
    const mine = ++seq.current;
    setDetail({ state: 'loading', index: i });
    host.getPair(i).then(
      (m) => mine === seq.current && setDetail({ state: 'shown', index: i, fields: m.fields }),
      (e: unknown) => mine === seq.current && setDetail({ state: 'error', index: i, message: e instanceof Error ? e.message : String(e) }),
    );
  };
  // Open at the first divergence: that is what the user came for.
  useEffect(() => {
    if (!shown.current) {
      shown.current = true;
      if (o.firstDivergence >= 0) select(o.firstDivergence);
    } else if (selected >= 0 && selected < o.names.length) select(selected, false);
  }, [o]);

  const visibleNow = (r: number) => !found || found.mask[r] !== 0;
  const goChange = (dir: 1 | -1) => {
    const r = nextChange(o.changes, selected, dir, visibleNow);
    if (r >= 0) select(r);
  };
  const toggle = (i: number, expand?: boolean) => {
    if (o.size[i]! <= 1) return;
    const next = expand === undefined ? (collapsed.current[i] ? 0 : 1) : expand ? 0 : 1;
    if (collapsed.current[i] === next) return;
    collapsed.current[i] = next;
    setVersion((v) => v + 1);
  };

  const onKey = (e: KeyboardEvent): boolean => {
    if (e.key === 'F7') {
      goChange(e.shiftKey ? -1 : 1);
      return true;
    }
    const pos = selected >= 0 ? rowOf(rows, selected) : -1;
    switch (e.key) {
      case 'ArrowDown':
        if (pos + 1 < rows.length) select(rows[pos + 1]!);
        return true;
      case 'ArrowUp':
        if (pos > 0) select(rows[pos - 1]!);
        return true;
      case 'ArrowRight':
        if (selected >= 0) toggle(selected, true);
        return true;
      case 'ArrowLeft':
        if (selected >= 0 && o.size[selected]! > 1 && !collapsed.current[selected]) toggle(selected, false);
        else if (selected >= 0 && o.parent[selected]! >= 0) select(o.parent[selected]!);
        return true;
      case 'Home':
        if (o.firstDivergence >= 0) select(o.firstDivergence);
        return true;
      case '/':
        search.current?.focus();
        return true;
      default:
        return false;
    }
  };
  // F7 works wherever the focus is in the panel, as in VS Code's diff editor.
  useEffect(() => {
    const onDoc = (e: KeyboardEvent) => {
      if (e.key !== 'F7') return;
      e.preventDefault();
      goChange(e.shiftKey ? -1 : 1);
    };
    document.addEventListener('keydown', onDoc);
    return () => document.removeEventListener('keydown', onDoc);
  });

  const ordinal = selected >= 0 ? o.changes.indexOf(selected) : -1;
  const onDiff = (index: number, field: FieldKey) => host.post({ type: 'openDiff', index, field });
  return (
    <div class="trace-view compare-view">
      <CompareHeader o={o} onSide={(side) => host.post({ type: 'openSide', side })} onFirst={() => select(o.firstDivergence)} onParamsDiff={() => host.post({ type: 'openDiff', index: -1, field: 'parameters' })} />
      <div class="toolbar" role="toolbar" aria-label="Compare tools">
        <div class="search">
          <span class="codicon codicon-search" aria-hidden="true" />
          <input ref={search} type="search" class="search-input" placeholder="Search names, inputs, outputs (/)" aria-label="Search both runs' steps" value={query}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => e.key === 'Escape' && setQuery('')} />
          <span class="search-count" aria-live="polite" data-results-for={found?.query ?? ''}>
            {found ? `${formatNumber(found.count)}${found.truncated ? '+' : ''} ${found.count === 1 ? 'match' : 'matches'}` : ''}
          </span>
        </div>
        <div class="toolbar-actions">
          <span class="change-count" aria-live="polite">
            {o.changes.length === 0 ? 'No changes' : `${ordinal >= 0 ? `${formatNumber(ordinal + 1)} of ` : ''}${formatNumber(o.changes.length)} ${o.changes.length === 1 ? 'change' : 'changes'}`}
          </span>
          <button type="button" class="icon-button codicon codicon-debug-breakpoint-function" title="First divergence (Home)" aria-label="First divergence" disabled={o.firstDivergence < 0} onClick={() => select(o.firstDivergence)} />
          <button type="button" class="icon-button codicon codicon-arrow-up" title="Previous change (Shift+F7)" aria-label="Previous change" disabled={o.changes.length === 0} onClick={() => goChange(-1)} />
          <button type="button" class="icon-button codicon codicon-arrow-down" title="Next change (F7)" aria-label="Next change" disabled={o.changes.length === 0} onClick={() => goChange(1)} />
          <label class="changes-only" title="Show only changed steps and the steps that contain them">
            <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly((e.target as HTMLInputElement).checked)} /> Changes only
          </label>
        </div>
      </div>
      <div class="panes">
        <div class="tree-pane">
          <div class="tree-columns" aria-hidden="true">
            <span class="cell-name">Step (A → B)</span>
            <span class="cell-num">Duration</span>
            <span class="cell-num">Tokens</span>
            <span class="cell-num">{o.totals.currency[0] === 'credits' ? 'Credits' : 'Cost'}</span>
          </div>
          <CompareTree o={o} rows={rows} collapsed={collapsed.current} version={version} selected={selected} reveal={reveal} onSelect={(i) => select(i, false)} onToggle={(i) => toggle(i)} onKey={onKey} />
        </div>
        <CompareDetail o={o} detail={detail} onDiff={onDiff} />
      </div>
    </div>
  );
}
