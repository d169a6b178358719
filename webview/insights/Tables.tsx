// Table alternatives of the charts (screen readers, copy) and the revision and environment comparisons.
import type { AllTimeTotals, GroupSummary, InsightsData } from '../../src/shared/insightsProtocol';
import { fmtBucket, fmtCost, fmtDelta, fmtMs, fmtNum, fmtPct } from './format';

export function BucketTable({ d, kind, onSelect }: { d: InsightsData; kind: 'runs' | 'duration' | 'cost'; onSelect: (i: number) => void }) {
  const rows = d.starts.map((t, i) => ({ t, i })).filter(({ i }) => kind !== 'runs' || d.counts.some((c) => c[i]! > 0));
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">{d.unit === 'day' ? 'Day' : 'Hour'}</th>
          {kind === 'runs' && d.statuses.map((s) => <th scope="col" key={s}>{s}</th>)}
          {kind === 'duration' && [<th scope="col" key="p50">p50</th>, <th scope="col" key="p95">p95</th>]}
          {kind === 'cost' && [<th scope="col" key="t">tokens per run</th>, <th scope="col" key="c">{d.costUnit === 'credits' ? 'credits per run' : 'cost per run'}</th>, <th scope="col" key="tc">total</th>]}
          <th scope="col"><span class="sr-only">Records</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ t, i }) => (
          <tr key={t}>
            <th scope="row">{fmtBucket(t, d.unit)}</th>
            {kind === 'runs' && d.counts.map((c, s) => <td key={s}>{fmtNum(c[i])}</td>)}
            {kind === 'duration' && [<td key="p50">{fmtMs(d.p50[i])}</td>, <td key="p95">{fmtMs(d.p95[i])}</td>]}
            {kind === 'cost' && [<td key="t">{fmtNum(d.meanTokens[i])}</td>, <td key="c">{fmtCost(d.meanCost[i], d.costUnit)}</td>, <td key="tc">{fmtCost(d.cost[i], d.costUnit)}</td>]}
            <td><button class="link" onClick={() => onSelect(i)} title="List these runs">Runs…</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A delta cell: worse in the error colour, better in the success colour (for these numbers, up is worse). */
function Delta({ v, kind, unit }: { v: number | undefined; kind: 'pct' | 'ms' | 'num' | 'cost'; unit: 'usd' | 'credits' }) {
  if (v === undefined || v === 0) return null;
  return <span class={v > 0 ? 'delta worse' : 'delta better'}>{fmtDelta(v, kind, unit)}</span>;
}

export function GroupTable({ title, groups, unit, showTokens, keyLabel, allTime }: { title: string; groups: GroupSummary[]; unit: 'usd' | 'credits'; showTokens: boolean; keyLabel: string; allTime?: AllTimeTotals[] }) {
  if (!groups.length) return null;
  const all = allTime ? new Map(allTime.map((a) => [a.environment, a])) : undefined;
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      <table class="data groups">
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th><th scope="col">runs</th><th scope="col">failure rate</th><th scope="col">p50</th><th scope="col">p95</th>
            {showTokens && <th scope="col">mean tokens</th>}<th scope="col">{unit === 'credits' ? 'mean credits' : 'mean cost'}</th>
            {all && [<th scope="col" key="r" title="From the server's per-environment summaries">all-time runs</th>, <th scope="col" key="c" title="From the server's per-environment summaries">all-time cost</th>]}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.key}</th>
              <td>{fmtNum(g.runs)}{g.running ? <span class="muted"> ({g.running} running)</span> : null}</td>
              <td>{fmtPct(g.failureRate)} <Delta v={g.delta?.failureRate} kind="pct" unit={unit} /></td>
              <td>{fmtMs(g.p50)} <Delta v={g.delta?.p50} kind="ms" unit={unit} /></td>
              <td>{fmtMs(g.p95)} <Delta v={g.delta?.p95} kind="ms" unit={unit} /></td>
              {showTokens && <td>{fmtNum(g.meanTokens)} <Delta v={g.delta?.meanTokens} kind="num" unit={unit} /></td>}
              <td>{fmtCost(g.meanCost, unit)} <Delta v={g.delta?.meanCost} kind="cost" unit={unit} /></td>
              {all && [<td key="r">{fmtNum(all.get(g.key)?.runs)}</td>, <td key="c">{fmtCost(all.get(g.key)?.cost, unit)}</td>]}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
