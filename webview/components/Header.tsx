// The trace header: who ran, where, how it went, what it cost.
import type { OutlineView } from '../../src/shared/outlineWire';
import { formatCost, formatDuration, formatNumber, formatTime, STATUS_ICON } from '../format';
import { Text } from './Text';
import { plural } from '../../src/shared/text';

const SOURCE_LABEL: Record<string, string> = {
  projected: 'projected trace',
  stored: 'stored trace',
  execute: 'execute response',
  otlp: 'OTLP',
  zaia: 'Zaia nesting',
};

export function Header({ o, onOverview }: { o: OutlineView; onOverview(): void }) {
  const h = o.header;
  const end = h.end < 0 ? Date.now() : h.end;
  const t = h.tokens;
  const c = h.cost;
  const kinds = (pairs: [string, number][], fmt: (n: number) => string) =>
    pairs
      .filter(([, n]) => n !== 0)
      .map(([k, n]) => `${k} ${fmt(n)}`)
      .join(' · ');
  const money = (n: number) => formatCost(n, h.currency, '0');
  return (
    <header class="trace-header">
      <div class="header-title">
        <span class={`status status-${h.status} codicon codicon-${STATUS_ICON[h.status]}`} aria-hidden="true" />
        <button type="button" class="title-button" title="Show the execution's parameters and result" onClick={onOverview}>
          <Text value={h.agentName ?? h.agentId ?? h.title} />
        </button>
        {h.revision !== undefined && <span class="chip">rev <Text value={String(h.revision)} /></span>}
        {h.environment !== undefined && <span class="chip"><Text value={h.environment} /></span>}
        <span class="chip"><Text value={h.rawStatus ?? h.status} /></span>
        <span class="chip" title="Where this trace came from">{SOURCE_LABEL[h.source] ?? <Text value={h.source} />}</span>
      </div>
      <div class="header-facts">
        <span title="Started">
          <span class="codicon codicon-clock" aria-hidden="true" /> {formatTime(h.start)}
        </span>
        <span title="Duration">
          <span class="codicon codicon-watch" aria-hidden="true" /> {formatDuration(end - h.start)}
          {h.end < 0 ? ' (running)' : ''}
        </span>
        <span title="Steps">
          <span class="codicon codicon-list-tree" aria-hidden="true" /> {plural(h.stepCount, 'step', undefined, formatNumber)}
        </span>
        <span title="Tokens by kind">
          <span class="codicon codicon-symbol-numeric" aria-hidden="true" />{' '}
          {kinds(
            [
              ['in', t.input],
              ['out', t.output],
              ['cached', t.cached],
              ['thinking', t.thinking],
            ],
            formatNumber,
          ) || '0 tokens'}
        </span>
        <span title="Cost by kind">
          <span class="codicon codicon-credit-card" aria-hidden="true" /> {money(c.total)}
          {c.total !== 0 && !(h.currency === 'credits' && c.other === c.total) &&
            ` (${kinds(
              [
                ['in', c.input],
                ['out', c.output],
                ['cached', c.cached],
                ['thinking', c.thinking],
                ['other', c.other],
              ],
              money,
            )})`}
        </span>
      </div>
      {h.comparison && <Comparison c={h.comparison} />}
    </header>
  );
}

/** Raw spans next to the server's mapping of the same execution: both counts and the difference, no verdict. */
function Comparison({ c }: { c: NonNullable<OutlineView['header']['comparison']> }) {
  const money = (n: number) => formatCost(n, c.currency, '0');
  const row = (label: string, [mine, other]: [number, number], fmt: (n: number) => string) => {
    const d = mine - other;
    const diff = Math.abs(d) < 1e-9 ? 'same' : `${d > 0 ? '+' : '−'}${fmt(Math.abs(d))}`;
    return `${label} ${fmt(mine)} vs ${fmt(other)} (${diff})`;
  };
  return (
    <div class="header-facts header-comparison" title={`These raw OTel spans, mapped by AgentLens, compared with ${c.against}`}>
      <span>
        <span class="codicon codicon-diff" aria-hidden="true" /> Raw spans vs {c.against}:
      </span>
      <span>{row('steps', c.steps, formatNumber)}</span>
      <span>{row('tokens', c.tokens, formatNumber)}</span>
      <span>{row('cost', c.cost, money)}</span>
    </div>
  );
}
