// The virtualized step tree: a spacer as tall as all visible rows and absolutely placed rows for the
// viewport (plus overscan) only — never one DOM node per step. Events are delegated to the container.
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { OutlineView } from '../../src/shared/outlineWire';
import { rowOf } from '../state/treeModel';
import { ROW_HEIGHT, TreeRow } from './TreeRow';

const OVERSCAN = 4;

export interface TreeProps {
  o: OutlineView;
  rows: Int32Array;
  collapsed: Uint8Array;
  /** Bumped whenever `collapsed` is mutated, so rows re-render. */
  version: number;
  selected: number;
  matches: Uint8Array | null;
  query: string;
  pos: Int32Array;
  setSize: Int32Array;
  initialScrollTop: number;
  /** A step to scroll into view (changes identity per request). */
  reveal: { index: number } | null;
  onSelect(index: number): void;
  onToggle(index: number, expand?: boolean): void;
  onScroll(scrollTop: number): void;
  onKey(e: KeyboardEvent): boolean;
}

export function TraceTree(p: TreeProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [first, setFirst] = useState(() => Math.floor(p.initialScrollTop / ROW_HEIGHT));
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = scroller.current!;
    el.scrollTop = p.initialScrollTop;
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
    // Only a new request scrolls: a collapse or a search must not pull the view back to an old selection.
  }, [p.reveal]);

  const onScroll = () => {
    const top = scroller.current!.scrollTop;
    setFirst(Math.floor(top / ROW_HEIGHT));
    p.onScroll(top);
  };

  const indexFromEvent = (e: Event): number => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    return row ? Number(row.dataset.index) : -1;
  };
  const onClick = (e: MouseEvent) => {
    const toggle = (e.target as HTMLElement).dataset.toggle;
    if (toggle !== undefined) {
      p.onToggle(Number(toggle));
      return;
    }
    const i = indexFromEvent(e);
    if (i >= 0) p.onSelect(i);
  };
  const onDblClick = (e: MouseEvent) => {
    const i = indexFromEvent(e);
    if (i >= 0 && p.o.childCount[i]! > 0) p.onToggle(i);
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
  const axisSpan = o.header.axisEnd - o.header.axisStart;
  // Rows live in fixed slots (row r in slot r % slots), rendered in slot order: as the window scrolls, a
  // slot's DOM is patched with its new step instead of being destroyed, created or moved.
  const slots = visibleCount + 2 * OVERSCAN + 1;
  const items: (JSX.Element | null)[] = new Array(slots).fill(null);
  for (let r = from; r < to; r++) {
    const i = rows[r]!;
    items[r % slots] = (
      <TreeRow
        key={r % slots}
        o={o}
        index={i}
        row={r}
        collapsed={p.collapsed[i] === 1}
        selected={i === p.selected}
        match={p.matches !== null && p.matches[i] === 2}
        query={p.query}
        posInSet={p.pos[i]!}
        setSize={p.setSize[i]!}
        axisStart={o.header.axisStart}
        axisSpan={axisSpan}
      />
    );
  }
  const activeVisible = p.selected >= 0 && rowOf(rows, p.selected) >= 0;
  return (
    <div
      ref={scroller}
      class="tree-scroll"
      role="tree"
      aria-label="Steps"
      aria-multiselectable="false"
      tabIndex={0}
      aria-activedescendant={activeVisible ? `step-row-${p.selected}` : undefined}
      onScroll={onScroll}
      onClick={onClick}
      onDblClick={onDblClick}
      onKeyDown={onKeyDown}
    >
      <div class="tree-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
        {items}
      </div>
    </div>
  );
}
