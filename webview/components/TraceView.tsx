// The loaded trace: header, toolbar, the step tree on the left and the detail on the right, and the keyboard.
import { useCallback, useEffect, useRef } from 'preact/hooks';
import type { OutlineView } from '../../src/shared/outlineWire';
import { useTraceView } from '../hooks/useTraceView';
import { rowOf } from '../state/treeModel';
import { useHost } from '../vscodeApi';
import { DetailPane as DetailPaneImpl } from './DetailPane';
import { Header as HeaderImpl } from './Header';
import { pure } from './pure';
import { Toolbar } from './Toolbar';
import { TraceTree } from './TraceTree';

const PAGE_ROWS = 20;
// Neither changes while the user searches or walks the tree; skip them unless their props do.
const Header = pure(HeaderImpl);
const DetailPane = pure(DetailPaneImpl);

export function TraceView({ o, revealStep = null }: { o: OutlineView; revealStep?: { stepId: string; seq: number } | null }) {
  const host = useHost();
  const v = useTraceView(o);
  const { actions: a, rows, selected } = v;
  useEffect(() => {
    const i = revealStep ? o.ids.indexOf(revealStep.stepId) : -1;
    if (i >= 0) a.select(i);
  }, [revealStep]);
  const searchInput = useRef<HTMLInputElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const showOverview = useCallback(() => a.select(-1), [o]);
  // Stable across renders (the detail pane re-renders only when its props change), yet always the latest select.
  const select = useRef(a.select);
  select.current = a.select;
  const selectFromDetail = useCallback((i: number) => select.current(i), []);

  // `/` searches from anywhere but a text field; F8 walks errors.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchInput.current?.focus();
        searchInput.current?.select();
      } else if (e.key === 'F8') {
        e.preventDefault();
        a.nextError(e.shiftKey ? -1 : 1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const focusTree = () => treeRef.current?.querySelector<HTMLElement>('.tree-scroll')?.focus();

  const onKey = (e: KeyboardEvent): boolean => {
    const r = selected >= 0 ? rowOf(rows, selected) : -1;
    const moveTo = (row: number) => {
      if (rows.length === 0) return;
      a.select(rows[Math.max(0, Math.min(rows.length - 1, row))]!);
    };
    const hasKids = selected >= 0 && o.childCount[selected]! > 0;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(r + 1);
        return true;
      case 'ArrowUp':
        moveTo(r < 0 ? 0 : r - 1);
        return true;
      case 'PageDown':
        moveTo(r + PAGE_ROWS);
        return true;
      case 'PageUp':
        moveTo(r - PAGE_ROWS);
        return true;
      case 'Home':
        moveTo(0);
        return true;
      case 'End':
        moveTo(rows.length - 1);
        return true;
      case 'ArrowRight':
        if (hasKids && v.collapsed[selected]) a.toggle(selected, true);
        else if (hasKids) moveTo(r + 1);
        return true;
      case 'ArrowLeft':
        if (hasKids && !v.collapsed[selected]) a.toggle(selected, false);
        else if (selected >= 0 && o.parent[selected]! >= 0) a.select(o.parent[selected]!);
        return true;
      case 'Enter':
        if (selected >= 0) document.getElementById('detail-pane')?.focus();
        return true;
      case 'Escape':
        if (v.query) a.clearSearch();
        return true;
      default:
        return false;
    }
  };

  return (
    <div class="trace-view">
      <Header o={o} onOverview={showOverview} />
      <Toolbar
        inputRef={searchInput}
        query={v.query}
        matchCount={v.search ? v.search.count : null}
        truncated={v.search?.truncated ?? false}
        activeMatch={v.activeMatch}
        resultsFor={v.search?.query ?? ''}
        errorCount={o.errorIndices.length}
        onQuery={a.query}
        onMatch={a.nextMatch}
        onError={a.nextError}
        onClear={() => {
          a.clearSearch();
          focusTree();
        }}
        onCollapseAll={() => a.setAll(true)}
        onExpandAll={() => a.setAll(false)}
      />
      <div class="panes">
        <div class="tree-pane" ref={treeRef}>
          <div class="tree-columns" aria-hidden="true">
            <span class="cell-name">Step</span>
            <span class="cell-waterfall">Timeline</span>
            <span class="cell-num">Duration</span>
            <span class="cell-num">Tokens</span>
            <span class="cell-num">{o.header.currency === 'credits' ? 'Credits' : 'Cost'}</span>
          </div>
          <TraceTree
            o={o}
            rows={rows}
            collapsed={v.collapsed}
            version={v.version}
            selected={selected}
            matches={v.search?.mask ?? null}
            query={v.search?.query ?? ''}
            pos={v.positions.pos}
            setSize={v.positions.setSize}
            initialScrollTop={host.api.getState()?.scrollTop ?? 0}
            reveal={v.reveal}
            onSelect={(i) => a.select(i, false)}
            onToggle={a.toggle}
            onScroll={a.scrolled}
            onKey={onKey}
          />
        </div>
        <DetailPane o={o} detail={v.detail} onSelect={selectFromDetail} />
      </div>
    </div>
  );
}
