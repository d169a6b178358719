// One merged row: state mark, kind, name (A → B when renamed), status of each side, and A → B deltas.
import { Component } from 'preact';
import { KIND_CODES, STATUS_CODES } from '../../src/shared/protocol';
import { ROW_STATES, type CompareOutline } from '../../src/shared/compareProtocol';
import { formatCostCell, formatDuration, formatTokens, KIND_ICON, STATUS_ICON } from '../format';

export const ROW_HEIGHT = 22;
const INDENT = 12;

export interface CompareRowProps {
  o: CompareOutline;
  index: number;
  row: number;
  collapsed: boolean;
  selected: boolean;
  first: boolean;
  version: number;
}

const STATE_MARK: Record<string, { icon: string; label: string }> = {
  unchanged: { icon: 'blank', label: 'unchanged' },
  changed: { icon: 'diff-modified', label: 'changed' },
  onlyA: { icon: 'diff-removed', label: 'only in A' },
  onlyB: { icon: 'diff-added', label: 'only in B' },
};

export class CompareRow extends Component<CompareRowProps> {
  override shouldComponentUpdate(next: CompareRowProps): boolean {
    const p = this.props;
    for (const k in next) if (next[k as keyof CompareRowProps] !== p[k as keyof CompareRowProps]) return true;
    return false;
  }

  override render() {
    const { o, index: i, collapsed, selected, first, row } = this.props;
    const state = ROW_STATES[o.state[i]!] ?? 'unchanged';
    const kind = KIND_CODES[o.kind[i]!] ?? 'other';
    const hasChildren = o.size[i]! > 1;
    const mark = STATE_MARK[state]!;
    const fields = o.fields[i]!;
    const title = state === 'changed' ? `changed: ${fields.split(',').join(', ')}` : mark.label;
    let cls = `row cmp-row state-${state}`;
    if (selected) cls += ' selected';
    if (first) cls += ' first-divergence';
    return (
      <div
        role="treeitem"
        id={`cmp-row-${i}`}
        class={cls}
        data-index={i}
        data-state={state}
        aria-level={o.depth[i]! + 1}
        aria-expanded={hasChildren ? !collapsed : undefined}
        aria-selected={selected}
        aria-label={`${o.names[i]}${o.namesB[i] ? ` → ${o.namesB[i]}` : ''}, ${title}${first ? ', first divergence' : ''}`}
        style={{ transform: `translateY(${row * ROW_HEIGHT}px)` }}
      >
        <span class="cell-name" style={{ paddingLeft: `${o.depth[i]! * INDENT + (hasChildren ? 2 : 18)}px` }}>
          {hasChildren && <span class={`twisty codicon ${collapsed ? 'codicon-chevron-right' : 'codicon-chevron-down'}`} data-toggle={i} aria-hidden="true" />}
          <span class={`state-mark codicon codicon-${mark.icon}`} title={title} aria-hidden="true" />
          <span class={`kind codicon codicon-${KIND_ICON[kind]}`} title={kind} aria-hidden="true" />
          <Status code={o.statusA[i]!} side="A" />
          {o.statusB[i] !== o.statusA[i] && <Status code={o.statusB[i]!} side="B" />}
          <span class="name">{o.names[i]}</span>
          {o.namesB[i] !== null && <span class="name renamed"> → {o.namesB[i]}</span>}
          {first && <span class="first-mark" title="First divergence: the first step where the runs chose differently">first divergence</span>}
          {o.changedBelow[i] === 1 && collapsed && <span class="codicon codicon-circle-small-filled below-mark" title="Changes inside" aria-hidden="true" />}
        </span>
        <Pair a={o.durA[i]!} b={o.durB[i]!} fmt={formatDuration} />
        <Pair a={o.tokA[i]!} b={o.tokB[i]!} fmt={(n) => formatTokens(n) || '0'} />
        <Pair a={o.costA[i]!} b={o.costB[i]!} fmt={(n) => formatCostCell(n, o.totals.currency[0]) || '0'} />
      </div>
    );
  }
}


function Status({ code, side }: { code: number; side: string }) {
  if (code < 0) return null;
  const s = STATUS_CODES[code] ?? 'unknown';
  if (s === 'ok') return null;
  return <span class={`status status-${s} codicon codicon-${STATUS_ICON[s]}`} title={`${side}: ${s}`} aria-hidden="true" />;
}

/** One figure: A's value, and B's when it differs (a missing side shows as —). */
function Pair({ a, b, fmt }: { a: number; b: number; fmt(n: number): string }) {
  const fa = a < 0 ? '—' : fmt(a);
  const fb = b < 0 ? '—' : fmt(b);
  if (fa === fb) return <span class="cell-num">{fa}</span>;
  const cls = a >= 0 && b >= 0 ? (b > a ? ' delta-up' : ' delta-down') : '';
  return <span class={`cell-num cell-pair${cls}`} title={`A ${fa} → B ${fb}`}>{`${fa} → ${fb}`}</span>;
}
