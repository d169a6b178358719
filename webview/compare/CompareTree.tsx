// The merged step tree, virtualized like the trace tree (TraceTree.tsx): a spacer as tall as all visible rows,
// fixed slots for the rows in view, events delegated to the container.
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CompareOutline } from '../../src/shared/compareProtocol';
import { rowOf } from './compareModel';
import { CompareRow, ROW_HEIGHT } from './CompareRow';

const OVERSCAN = 4;

export interface CompareTreeProps {
  o: CompareOutline;
  rows: Int32Array;
  collapsed: Uint8Array;
  version: number;
  selected: number;
  reveal: { index: number } | null;
  onSelect(index: number): void;
  onToggle(index: number): void;
  onKey(e: KeyboardEvent): boolean;
}

export function CompareTree(p: CompareTreeProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [first, setFirst] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = scroller.current!;
    setHeight(el.clientHeight || 600);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (!p.reveal || !el) return;
    const r = rowOf(p.rows, p.reveal.index);
    if (r < 0) return;
    const top = r * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    setFirst(Math.floor(el.scrollTop / ROW_HEIGHT));
  }, [p.reveal, p.rows]);

  const indexOf = (e: Event): number => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    return row ? Number(row.dataset.index) : -1;
  };
  const onClick = (e: MouseEvent) => {
    const toggle = (e.target as HTMLElement).dataset.toggle;
    if (toggle !== undefined) return p.onToggle(Number(toggle));
    const i = indexOf(e);
    if (i >= 0) p.onSelect(i);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (p.onKey(e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const { rows, o } = p;
  const visibleCount = Math.ceil(height / ROW_HEIGHT);
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(rows.length, first + visibleCount + OVERSCAN);
  const slots = visibleCount + 2 * OVERSCAN + 1;
  const items: (JSX.Element | null)[] = new Array(slots).fill(null);
  for (let r = from; r < to; r++) {
    const i = rows[r]!;
    items[r % slots] = (
      <CompareRow key={r % slots} o={o} index={i} row={r} collapsed={p.collapsed[i] === 1} selected={i === p.selected} first={i === o.firstDivergence} version={p.version} />
    );
  }
  const activeVisible = p.selected >= 0 && rowOf(rows, p.selected) >= 0;
  return (
    <div
      ref={scroller}
      class="tree-scroll compare-tree"
      role="tree"
      aria-label="Steps of both runs"
      tabIndex={0}
      aria-activedescendant={activeVisible ? `cmp-row-${p.selected}` : undefined}
      onScroll={() => setFirst(Math.floor(scroller.current!.scrollTop / ROW_HEIGHT))}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <div class="tree-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
        {items}
      </div>
    </div>
  );
}
