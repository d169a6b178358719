// The three time charts as uPlot specs, built from InsightsData: runs stacked by status, duration p50/p95,
// tokens and cost per run. uPlot has no stacking: the runs chart draws cumulative sums, the tallest first,
// so each status's band shows between its neighbours; hover and tables use the raw counts.
import uPlot from 'uplot';
import type { InsightsData } from '../../src/shared/insightsProtocol';
import type { ChartSpec } from './Chart';
import { axes } from './Chart';
import type { ChartTheme } from './theme';

const RUNNING = 'RUNNING';

export function statusColor(t: ChartTheme, status: string, i: number): string {
  if (status === RUNNING) return t.running;
  if (status === 'COMPLETED' || status === 'SUCCEEDED' || status === 'SUCCESS') return t.ok;
  if (status === 'FAILED' || status === 'ERROR') return t.failed;
  return t.other[i % t.other.length]!;
}

/** cumulative[s][i] = counts of series 0..s in bucket i. */
export function cumulative(d: InsightsData): number[][] {
  const out: number[][] = [];
  d.counts.forEach((c, s) => out.push(c.map((v, i) => v + (s ? out[s - 1]![i]! : 0))));
  return out;
}

const bars = () => uPlot.paths.bars!({ size: [0.8, 48], align: 1 });

function base(d: InsightsData, t: ChartTheme, yLabel: string, y2?: string): Omit<uPlot.Options, 'width' | 'height' | 'series'> {
  return {
    ms: 1,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    scales: { x: { time: true, range: [d.starts[0] ?? d.from, d.to] } },
    axes: axes(t, yLabel, y2),
  };
}

export function runsChart(d: InsightsData) {
  return (t: ChartTheme): ChartSpec => {
    const cum = cumulative(d);
    const series: uPlot.Series[] = [{}];
    const data: Array<Array<number | null>> = [d.starts];
    let other = 0;
    const colors = d.statuses.map((s) => statusColor(t, s, s === RUNNING || /COMPLETED|FAILED/.test(s) ? 0 : other++));
    for (let s = d.statuses.length - 1; s >= 0; s--) {
      series.push({ label: d.statuses[s], stroke: colors[s], fill: colors[s], width: 0, paths: bars(), points: { show: false } });
      data.push(cum[s]!);
    }
    return { opts: { ...base(d, t, 'runs'), series, scales: { x: { time: true, range: [d.starts[0] ?? d.from, d.to] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } } }, data: data as uPlot.AlignedData };
  };
}

export function durationChart(d: InsightsData) {
  return (t: ChartTheme): ChartSpec => ({
    opts: {
      ...base(d, t, 'duration (s)'),
      scales: { x: { time: true, range: [d.starts[0] ?? d.from, d.to] }, y: { range: fromZero } },
      series: [{}, { label: 'p50', stroke: t.p50, width: 2, spanGaps: false, points: { size: 4 } }, { label: 'p95', stroke: t.p95, width: 2, points: { size: 4 } }],
    },
    data: [d.starts, d.p50.map(sec), d.p95.map(sec)] as uPlot.AlignedData,
  });
}

export function costChart(d: InsightsData) {
  return (t: ChartTheme): ChartSpec => ({
    opts: {
      ...base(d, t, 'tokens per run', d.costUnit === 'credits' ? 'credits per run' : 'cost per run ($)'),
      // Both from zero: a bar that starts at 1,150 tokens would exaggerate every difference.
      scales: { x: { time: true, range: [d.starts[0] ?? d.from, d.to] }, y: { range: fromZero }, y2: { range: fromZero } },
      series: [{}, { label: 'tokens per run', stroke: t.tokens, fill: t.tokens, width: 0, paths: bars(), points: { show: false } },
        { label: d.costUnit === 'credits' ? 'credits per run' : 'cost per run', stroke: t.cost, width: 2, scale: 'y2', points: { size: 4 } }],
    },
    data: [d.starts, d.meanTokens, d.meanCost] as uPlot.AlignedData,
  });
}

const fromZero = (_u: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax => [0, max && max > 0 ? max * 1.05 : 1];

const sec = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

/** The status under a click on the runs chart: the lowest band whose cumulative top is above y. */
export function statusAt(d: InsightsData, idx: number, y: number): string | undefined {
  const cum = cumulative(d);
  for (let s = 0; s < cum.length; s++) if (y <= cum[s]![idx]! && (cum[s]![idx]! > (s ? cum[s - 1]![idx]! : 0))) return d.statuses[s];
  return undefined;
}
