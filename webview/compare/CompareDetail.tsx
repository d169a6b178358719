// The selected row's two sides next to each other: every comparable field, the differing ones marked, each
// with a button that opens VS Code's diff editor on it. Texts are rendered as text, never as HTML.
import type { FieldKey } from '../../src/model/traceDiff/signature';
import { ROW_STATES, type CompareOutline, type FieldPair } from '../../src/shared/compareProtocol';
import { formatCostCell, formatDuration, formatTokens } from '../format';
import { percent } from './compareModel';

export type PairState =
  | { state: 'none' }
  | { state: 'loading'; index: number }
  | { state: 'error'; index: number; message: string }
  | { state: 'shown'; index: number; fields: FieldPair[] };

const LABEL: Record<FieldKey, string> = {
  name: 'Name', tool: 'Tool', model: 'Model', messages: 'Messages', answer: 'Answer', parameters: 'Parameters', result: 'Result',
  input: 'Input', output: 'Output', decision: 'Decision', status: 'Status', error: 'Error', order: 'Order',
};
const PREVIEW = 1200;

export function CompareDetail({ o, detail, onDiff }: { o: CompareOutline; detail: PairState; onDiff(index: number, field: FieldKey): void }) {
  if (detail.state === 'none') return <aside class="detail compare-detail"><p class="empty">Select a step to see both sides. F7 / Shift+F7 go to the next / previous change.</p></aside>;
  const i = detail.index;
  const state = ROW_STATES[o.state[i]!] ?? 'unchanged';
  return (
    <aside class="detail compare-detail" aria-label="Both sides of the selected step">
      <h2 class="detail-title">
        {o.names[i]}{o.namesB[i] ? ` → ${o.namesB[i]}` : ''} <span class={`chip state-chip state-${state}`}>{state === 'onlyA' ? 'only in A' : state === 'onlyB' ? 'only in B' : state}</span>
        {o.moved[i] === 1 && <span class="chip">moved</span>}
      </h2>
      <table class="figures" aria-label="Figures, A → B">
        <tbody>
          <Figure label="Duration" a={o.durA[i]!} b={o.durB[i]!} fmt={formatDuration} />
          <Figure label="Tokens" a={o.tokA[i]!} b={o.tokB[i]!} fmt={(n) => formatTokens(n) || '0'} />
          <Figure label="Cost" a={o.costA[i]!} b={o.costB[i]!} fmt={(n) => formatCostCell(n, o.totals.currency[0]) || '0'} />
        </tbody>
      </table>
      {detail.state === 'loading' && <p class="empty">Loading…</p>}
      {detail.state === 'error' && <p class="banner banner-error" role="alert">{detail.message}</p>}
      {detail.state === 'shown' && (
        <div class="field-list">
          {detail.fields.map((f) => (
            <section key={f.key} class={`cmp-field${f.differs ? ' differs' : ''}`} data-field={f.key}>
              <h3>
                {LABEL[f.key]}
                {f.differs && <span class="codicon codicon-diff-modified differs-mark" title="Differs" aria-label="differs" />}
                {f.differs && state === 'changed' && (
                  <button type="button" class="link-button open-diff" onClick={() => onDiff(i, f.key)} title="Open both sides in VS Code's diff editor">
                    <span class="codicon codicon-diff" aria-hidden="true" /> Open diff
                  </button>
                )}
              </h3>
              <div class="field-sides">
                <Text side="A" text={f.a} />
                <Text side="B" text={f.b} />
              </div>
            </section>
          ))}
        </div>
      )}
    </aside>
  );
}

function Text({ side, text }: { side: string; text: string | undefined }) {
  const shown = text === undefined ? '(absent)' : text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text;
  return (
    <div class={`field-side side-${side.toLowerCase()}`}>
      <span class="side-letter">{side}</span>
      <pre class="field-text">{shown}</pre>
    </div>
  );
}

function Figure({ label, a, b, fmt }: { label: string; a: number; b: number; fmt(n: number): string }) {
  const both = a >= 0 && b >= 0;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{a < 0 ? '—' : fmt(a)}</td>
      <td aria-hidden="true">→</td>
      <td>{b < 0 ? '—' : fmt(b)}</td>
      <td>{both ? percent(a, b) : ''}</td>
    </tr>
  );
}
