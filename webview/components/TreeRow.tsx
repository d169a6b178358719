// One row of the step tree. Plain props in, no hooks; a row whose props did not change (most rows of a
// scroll frame) skips rendering altogether.
import { Component } from 'preact';
import type { OutlineView } from '../../src/shared/outlineWire';
import { KIND_CODES, STATUS_CODES } from '../../src/shared/protocol';
import { showHidden } from '../../src/shared/text';
import { formatCostCell, formatDuration, formatTokens, KIND_ICON, STATUS_ICON } from '../format';
import { visibleText } from './Text';

export const ROW_HEIGHT = 22;
const INDENT = 12;
/**
 * Indentation stops growing here (and at 30% of the row, for narrow panes): a trace thousands of levels deep
 * would otherwise push names and cells out of sight. Deeper rows show their depth as a number instead.
 */
export const MAX_INDENT_LEVELS = 12;

/** The name cell's left padding: the indentation, capped, plus room for the twisty. */
const indent = (depth: number, hasChildren: boolean): string =>
  `min(${Math.min(depth, MAX_INDENT_LEVELS) * INDENT + (hasChildren ? 2 : 18)}px, 30%)`;

export interface RowProps {
  o: OutlineView;
  index: number;
  row: number;
  collapsed: boolean;
  selected: boolean;
  match: boolean;
  query: string;
  posInSet: number;
  setSize: number;
  axisStart: number;
  axisSpan: number;
}

export class TreeRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const p = this.props;
    for (const k in next) if (next[k as keyof RowProps] !== p[k as keyof RowProps]) return true;
    return false;
  }
  override render() {
    return renderRow(this.props);
  }
}

function renderRow(p: RowProps) {
  const { o, index: i } = p;
  const kind = KIND_CODES[o.kind[i]!] ?? 'other';
  const status = STATUS_CODES[o.status[i]!] ?? 'unknown';
  const hasChildren = o.childCount[i]! > 0;
  const start = o.start[i]!;
  // A running step extends to the axis end, which is "now" as of the outline.
  const end = o.end[i]! < 0 ? p.axisStart + p.axisSpan : o.end[i]!;
  const rolled = p.collapsed && hasChildren;
  const tokens = rolled ? o.tokensRolled[i]! : o.tokens[i]!;
  const cost = rolled ? o.costRolled[i]! : o.cost[i]!;
  const left = ((start - p.axisStart) / p.axisSpan) * 100;
  const width = Math.max(((end - start) / p.axisSpan) * 100, 0.15);
  let cls = 'row';
  if (p.selected) cls += ' selected';
  if (o.error[i]) cls += ' failed';
  if (p.match) cls += ' match';
  return (
    <div
      role="treeitem"
      id={`step-row-${i}`}
      class={cls}
      data-index={i}
      aria-level={o.depth[i]! + 1}
      aria-expanded={hasChildren ? !p.collapsed : undefined}
      aria-selected={p.selected}
      aria-setsize={p.setSize}
      aria-posinset={p.posInSet}
      aria-label={status === 'ok' ? undefined : `${showHidden(o.names[i]!)} (${status})`}
      style={{ transform: `translateY(${p.row * ROW_HEIGHT}px)` }}
    >
      <span class="cell-name" style={{ paddingLeft: indent(o.depth[i]!, hasChildren) }}>
        {o.depth[i]! > MAX_INDENT_LEVELS && (
          <span class="depth" title={`Depth ${o.depth[i]!} (indentation stops at level ${MAX_INDENT_LEVELS})`}>
            {o.depth[i]!}
          </span>
        )}
        {hasChildren && (
          <span
            class={`twisty codicon ${p.collapsed ? 'codicon-chevron-right' : 'codicon-chevron-down'}`}
            data-toggle={i}
            aria-hidden="true"
          />
        )}
        <span class={`kind codicon codicon-${KIND_ICON[kind]}`} title={kind} aria-hidden="true" />
        {/* Fewer nodes per row: "ok" is the absence of a status mark; the row's label says it for readers. */}
        {status !== 'ok' && (
          <span class={`status status-${status} codicon codicon-${STATUS_ICON[status]}`} title={status} aria-hidden="true" />
        )}
        <Name name={o.names[i]!} query={p.match ? p.query : ''} />
      </span>
      <span class="cell-waterfall" aria-hidden="true">
        <span class={`bar bar-${kind}${o.end[i]! < 0 ? ' running' : ''}`} style={{ left: `${left}%`, width: `${width}%` }} />
      </span>
      <span class="cell-num">{formatDuration(end - start)}</span>
      <span class={`cell-num${rolled ? ' rolled' : ''}`} title={rolled ? 'Total of the collapsed subtree' : undefined}>
        {formatTokens(tokens)}
      </span>
      <span class={`cell-num${rolled ? ' rolled' : ''}`}>{formatCostCell(cost, o.header.currency)}</span>
    </div>
  );
}

/** The name with the first occurrence of the query marked (search matches text beyond the name, too). */
function Name({ name, query }: { name: string; query: string }) {
  const q = query.trim().toLowerCase();
  const at = q ? name.toLowerCase().indexOf(q) : -1;
  // <bdi>: isolated from the cells around it; hidden characters are drawn as placeholders (Text.tsx).
  if (at < 0) return <bdi class="name">{visibleText(name)}</bdi>;
  return (
    <bdi class="name">
      {visibleText(name.slice(0, at))}
      <mark>{visibleText(name.slice(at, at + q.length))}</mark>
      {visibleText(name.slice(at + q.length))}
    </bdi>
  );
}
