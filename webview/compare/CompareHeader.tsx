// Both runs' identities, the totals A → B with their deltas, the verdict, and the parameters that differ.
import type { CompareOutline, CompareSide } from '../../src/shared/compareProtocol';
import { formatCost, formatDuration, formatNumber, formatTime, formatTokens, STATUS_ICON } from '../format';
import { percent } from './compareModel';

export function CompareHeader({ o, onSide, onFirst, onParamsDiff }: { o: CompareOutline; onSide(s: 'a' | 'b'): void; onFirst(): void; onParamsDiff(): void }) {
  const t = o.totals;
  const money = (n: number, k: 0 | 1) => formatCost(n, t.currency[k], '0');
  const dur = (n: number | undefined) => (n === undefined ? 'running' : formatDuration(n));
  return (
    <header class="trace-header compare-header">
      <div class="compare-sides">
        <Side s={o.a} letter="A" onOpen={() => onSide('a')} />
        <Side s={o.b} letter="B" onOpen={() => onSide('b')} />
      </div>
      <table class="compare-totals" aria-label="Totals, A → B">
        <tbody>
          <Total label="Cost" a={t.cost[0]} b={t.cost[1]} fmt={(n, k) => money(n, k)} />
          <Total label="Tokens" a={t.tokens[0]} b={t.tokens[1]} fmt={(n) => formatTokens(n) || '0'} />
          <Total label="Duration" a={t.durationMs[0]} b={t.durationMs[1]} fmt={(n) => dur(n)} />
          <Total label="Steps" a={t.steps[0]} b={t.steps[1]} fmt={(n) => formatNumber(n)} />
          <Total label="Errors" a={t.errors[0]} b={t.errors[1]} fmt={(n) => formatNumber(n)} />
        </tbody>
      </table>
      <div class="compare-verdict" role="status" data-first-divergence={o.firstDivergence}>
        {o.identical ? (
          <span><span class="codicon codicon-pass" aria-hidden="true" /> The two runs are identical: same steps, same inputs and outputs ({formatNumber(o.names.length)} steps).</span>
        ) : o.firstDivergence >= 0 ? (
          <span>
            <span class="codicon codicon-debug-breakpoint-function" aria-hidden="true" /> {formatNumber(o.changes.length)} changed {o.changes.length === 1 ? 'step' : 'steps'}; first divergence:{' '}
            <button type="button" class="link-button" onClick={onFirst} title="Go to the first divergence (Home)">{o.names[o.firstDivergence]}</button>
          </span>
        ) : (
          <span><span class="codicon codicon-info" aria-hidden="true" /> The steps are the same; only the parameters differ.</span>
        )}
      </div>
      {o.parameters.length > 0 && (
        <details class="compare-params" open={o.parameters.length <= 6}>
          <summary>
            {o.parameters.length} {o.parameters.length === 1 ? 'parameter differs' : 'parameters differ'}{' '}
            <button type="button" class="link-button" onClick={onParamsDiff}>Open diff</button>
          </summary>
          <ul>
            {o.parameters.slice(0, 50).map((p) => (
              <li key={p.path}>
                <code>{p.path || '(value)'}</code>: <span class="side-a">{p.a ?? '(absent)'}</span> → <span class="side-b">{p.b ?? '(absent)'}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </header>
  );
}

function Side({ s, letter, onOpen }: { s: CompareSide; letter: string; onOpen(): void }) {
  return (
    <div class={`compare-side side-${letter.toLowerCase()}`}>
      <span class="side-letter" aria-label={`Side ${letter}`}>{letter}</span>
      <span class={`status status-${s.status} codicon codicon-${STATUS_ICON[s.status]}`} title={s.status} aria-hidden="true" />
      <button type="button" class="title-button" title={`Open ${letter}'s trace`} onClick={onOpen}>{s.agentName ?? s.title}</button>
      <span class="chip" title={s.id}>{s.label}</span>
      {s.revision !== undefined && <span class="chip">rev {String(s.revision)}</span>}
      {s.environment !== undefined && <span class="chip">{s.environment}</span>}
      {s.running && <span class="chip">running</span>}
      <span class="side-time">{formatTime(s.start)}</span>
    </div>
  );
}

function Total<T extends number | undefined>({ label, a, b, fmt }: { label: string; a: T; b: T; fmt(n: T, k: 0 | 1): string }) {
  const d = a !== undefined && b !== undefined ? (b as number) - (a as number) : undefined;
  const cls = d === undefined || d === 0 ? '' : d > 0 ? 'delta-up' : 'delta-down';
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{fmt(a, 0)}</td>
      <td aria-hidden="true">→</td>
      <td>{fmt(b, 1)}</td>
      <td class={cls}>{d === undefined || d === 0 ? '' : `${d > 0 ? '+' : '−'}${fmt(Math.abs(d) as T, 1)}`}</td>
      <td class={cls}>{a !== undefined && b !== undefined ? percent(a as number, b as number) : ''}</td>
    </tr>
  );
}
