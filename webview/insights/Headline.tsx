// The headline numbers and how each moved against the window before.
import type { InsightsData, Summary } from '../../src/shared/insightsProtocol';
import { fmtCost, fmtMs, fmtNum, fmtPct } from './format';

type Key = 'runs' | 'failureRate' | 'p95' | 'totalCost';

function change(cur: Summary, prev: Summary | undefined, k: Key): { text: string; cls: string } | undefined {
  if (!prev) return undefined;
  const a = cur[k];
  const b = prev[k];
  if (a === null || b === null) return undefined;
  if (k === 'failureRate') {
    const d = (a - b) * 100;
    return { text: `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} pt`, cls: d > 0 ? 'worse' : d < 0 ? 'better' : '' };
  }
  if (b === 0) return a === 0 ? { text: '±0', cls: '' } : { text: 'new', cls: '' };
  const pct = ((a - b) / b) * 100;
  // More runs is neither good nor bad; slower, dearer and failing more are worse.
  const cls = k === 'runs' || Math.abs(pct) < 0.05 ? '' : pct > 0 ? 'worse' : 'better';
  return { text: `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`, cls };
}

export function Headline({ d }: { d: InsightsData }) {
  const t = d.totals;
  const items: Array<{ k: Key; label: string; value: string }> = [
    { k: 'runs', label: 'Runs', value: fmtNum(t.runs) + (t.running ? ` (${t.running} running)` : '') },
    { k: 'failureRate', label: 'Failure rate', value: fmtPct(t.failureRate) },
    { k: 'p95', label: 'p95 duration', value: fmtMs(t.p95) },
    { k: 'totalCost', label: d.costUnit === 'credits' ? 'Credits' : 'Cost', value: fmtCost(t.totalCost, d.costUnit) },
  ];
  return (
    <section class="headline" aria-label="Headline numbers">
      {items.map(({ k, label, value }) => {
        const c = change(t, d.previous, k);
        return (
          <div class="figure" key={k}>
            <div class="label">{label}</div>
            <div class="value">{value}</div>
            <div class={`change ${c?.cls ?? ''}`} title="Change against the window before, of the same length">
              {c ? `${c.text} vs previous` : d.previous ? '—' : ''}
            </div>
          </div>
        );
      })}
    </section>
  );
}
