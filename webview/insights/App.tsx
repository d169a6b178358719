// The insights panel: window picker, headline numbers, three time charts (each with a table alternative and an
// exact-value readout on hover), and the revision and environment comparisons. All data arrives from the host;
// a click on a bar or point asks the host to list that bucket's runs (it filters the Agents view or opens them).
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { InsightsHostToWebview, InsightsWebviewToHost, WindowKind } from '../../src/shared/insightsProtocol';
import { Chart } from './Chart';
import { costChart, durationChart, runsChart, statusAt } from './charts';
import { fmtBucket, fmtCost, fmtMs, fmtNum } from './format';
import { Headline } from './Headline';
import { BucketTable, GroupTable } from './Tables';
import { readTheme, watchTheme } from './theme';

type State = Exclude<InsightsHostToWebview, never> | { type: 'init' };

const WINDOWS: Array<{ kind: WindowKind; label: string }> = [
  { kind: 'day', label: '24 h' }, { kind: 'week', label: '7 d' }, { kind: 'month', label: '30 d' }, { kind: 'custom', label: 'Custom…' },
];

declare global {
  interface Window { __agentlensInsights?: { dataAt?: number; firstPaintAt?: number; painted: number } }
}

export function App({ post }: { post: (m: InsightsWebviewToHost) => void }) {
  const [state, setState] = useState<State>({ type: 'init' });
  const [theme, setTheme] = useState(readTheme);
  const [hover, setHover] = useState<{ chart: string; idx: number } | null>(null);
  const [tables, setTables] = useState<Record<string, boolean>>({});
  // The runs chart first; the other two once it has painted, so the first picture is not held up by all three.
  const [allFor, setAllFor] = useState<unknown>(undefined);

  useEffect(() => {
    const probe: NonNullable<Window['__agentlensInsights']> = { painted: 0 };
    window.__agentlensInsights = probe;
    const onMessage = (e: MessageEvent<InsightsHostToWebview>) => {
      if (e.data?.type === 'data') probe.dataAt = performance.now();
      if (e.data && typeof e.data === 'object' && 'type' in e.data) setState(e.data);
    };
    window.addEventListener('message', onMessage);
    const stop = watchTheme(() => setTheme(readTheme()));
    post({ type: 'ready' });
    return () => {
      window.removeEventListener('message', onMessage);
      stop();
    };
  }, [post]);

  const d = state.type === 'data' ? state.data : undefined;
  const builds = useMemo(() => (d ? { runs: runsChart(d), duration: durationChart(d), cost: costChart(d) } : undefined), [d]);
  const all = allFor !== undefined && allFor === d;
  const current = useRef(d);
  current.current = d;
  const onPaint = useCallback(() => {
    const probe = window.__agentlensInsights!;
    if (probe.firstPaintAt === undefined) probe.firstPaintAt = performance.now();
    const painted = current.current;
    requestAnimationFrame(() => setAllFor(painted));
    probe.painted++;
    post({ type: 'painted', charts: probe.painted });
  }, [post]);
  const select = (bucket: number, status?: string) => post({ type: 'select', bucket, ...(status ? { status } : {}) });

  const windowKind = state.type === 'init' ? 'week' : state.windowKind;
  const bar = (
    <header class="toolbar">
      <h1>{state.type === 'init' ? 'Insights' : state.title}</h1>
      <div class="windows" role="radiogroup" aria-label="Time window">
        {WINDOWS.map((w) => (
          <button key={w.kind} role="radio" aria-checked={w.kind === windowKind} class={w.kind === windowKind ? 'on' : ''}
            onClick={() => post({ type: 'setWindow', window: w.kind })}>{w.label}</button>
        ))}
      </div>
      {state.type === 'loading'
        ? <button onClick={() => post({ type: 'cancel' })} title="Stop loading"><i class="codicon codicon-close" /> Cancel</button>
        : <button onClick={() => post({ type: 'refresh' })} title="Read records that are new since the last load"><i class="codicon codicon-refresh" /> Refresh</button>}
    </header>
  );

  if (state.type === 'init' || state.type === 'loading') {
    const text = state.type === 'loading' ? `Loading records… ${fmtNum(state.loaded)}${state.total !== undefined ? ` of ${fmtNum(state.total)}` : ''}` : 'Loading…';
    return <div class="insights">{bar}<p class="status" role="status"><i class="codicon codicon-loading codicon-modifier-spin" /> {text}</p></div>;
  }
  if (state.type === 'error') {
    return <div class="insights">{bar}<p class="status error" role="alert"><i class="codicon codicon-error" /> {state.message}</p></div>;
  }
  const data = state.data;
  const readout = (chart: string) => {
    if (!hover || hover.chart !== chart) return <span class="muted">Hover a bar or point for exact values; click it to list its runs.</span>;
    const i = hover.idx;
    const when = fmtBucket(data.starts[i]!, data.unit);
    if (chart === 'runs') return <span>{when}: {data.statuses.map((s, k) => `${s} ${data.counts[k]![i]}`).join(' · ') || 'no runs'}</span>;
    if (chart === 'duration') return <span>{when}: p50 {fmtMs(data.p50[i])} · p95 {fmtMs(data.p95[i])}</span>;
    return <span>{when}: {fmtNum(data.meanTokens[i])} tokens per run · {fmtCost(data.meanCost[i], data.costUnit)} per run · {fmtCost(data.cost[i], data.costUnit)} in all</span>;
  };
  const card = (key: 'runs' | 'duration' | 'cost', title: string) => (
    <section class="card" aria-label={title}>
      <div class="card-head">
        <h2>{title}</h2>
        <button class="link" aria-pressed={!!tables[key]} onClick={() => setTables({ ...tables, [key]: !tables[key] })}>{tables[key] ? 'Chart' : 'Table'}</button>
      </div>
      {key === 'runs' && <Legend statuses={data.statuses} />}
      {key === 'duration' && <Keys items={[['p50', 'p50'], ['p95', 'p95']]} />}
      {key === 'cost' && <Keys items={[['tokens', 'tokens per run (bars, left)'], ['cost', `${unitWord(data.costUnit)} per run (line, right)`]]} />}
      {tables[key] ? <BucketTable d={data} kind={key} onSelect={(i) => select(i)} /> : key !== 'runs' && !all && !tables.runs ? <div class="chart" /> : (
        <>
          <Chart label={`${title}; the table button shows the same numbers`} theme={theme} build={builds![key]} onPaint={onPaint}
            onHover={(idx) => setHover(idx === null ? null : { chart: key, idx })}
            onPick={(idx, y) => select(idx, key === 'runs' ? statusAt(data, idx, y) : undefined)} />
          <div class="readout" aria-live="polite">{readout(key)}</div>
        </>
      )}
    </section>
  );
  const unit = data.costUnit;
  return (
    <div class="insights">
      {bar}
      <p class="muted sub">{state.windowLabel}{state.filter ? ` · filtered: ${state.filter}` : ''} · {fmtNum(data.totals.runs)} runs · local time</p>
      {data.totals.runs === 0 && <p class="status">No runs in this window. Try a longer window{state.filter ? ' or clear the filter' : ''}.</p>}
      <Headline d={data} />
      {card('runs', 'Runs over time')}
      {card('duration', 'Duration p50 / p95')}
      {card('cost', unit === 'credits' ? 'Tokens and credits per run' : 'Tokens and cost per run')}
      <GroupTable title="By revision" keyLabel="revision" groups={data.revisions} unit={unit} showTokens={unit === 'usd'} />
      <GroupTable title="By environment" keyLabel="environment" groups={data.environments} unit={unit} showTokens={unit === 'usd'} {...(state.allTime ? { allTime: state.allTime } : {})} />
    </div>
  );
}

const unitWord = (u: 'usd' | 'credits') => (u === 'credits' ? 'credits' : 'cost');

function Keys({ items }: { items: Array<[string, string]> }) {
  return <ul class="legend">{items.map(([cls, label]) => <li key={cls}><span class={`swatch s-${cls}`} />{label}</li>)}</ul>;
}

function Legend({ statuses }: { statuses: string[] }) {
  return <ul class="legend">{statuses.map((s) => <li key={s} data-status={s}><span class={`swatch s-${s === 'RUNNING' ? 'running' : /FAILED|ERROR/.test(s) ? 'failed' : /COMPLETED|SUCC/.test(s) ? 'ok' : 'other'}`} />{s}</li>)}</ul>;
}
