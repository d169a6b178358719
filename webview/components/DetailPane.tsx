// The right-hand pane: the selected step's detail (fetched from the host on selection), or the
// execution's parameters and result when nothing is selected.
import type { StepPayload } from '../../src/shared/protocol';
import type { OutlineView } from '../../src/shared/outlineWire';
import type { CostBreakdown, TokenCounts } from '../../src/model/types';
import { formatCost, formatDuration, formatNumber, formatTime, KIND_ICON, KIND_LABEL, STATUS_ICON } from '../format';
import { Breadcrumb } from './Breadcrumb';
import { CopyButton, Empty, Fields, LongText, Section } from './common';
import { LlmDetail } from './details/LlmDetail';
import { ResultView } from './details/ResultView';
import { GateActions } from './details/GateActions';
import { GenericDetail, HitlDetail, ToolDetail } from './details/ToolDetail';
import { JsonView } from './JsonView';
import { Text } from './Text';
import { plural } from '../../src/shared/text';

export type DetailState =
  | { state: 'none' }
  | { state: 'loading'; index: number }
  | { state: 'error'; index: number; message: string }
  | { state: 'ready'; index: number; step: StepPayload };

export function DetailPane({ o, detail, onSelect }: { o: OutlineView; detail: DetailState; onSelect(index: number): void }) {
  return (
    <section class="detail" aria-label="Step detail" tabIndex={-1} id="detail-pane">
      {detail.state === 'none' && <ExecutionOverview o={o} />}
      {detail.state === 'loading' && <Empty>Loading <Text value={o.names[detail.index] ?? 'step'} />…</Empty>}
      {detail.state === 'error' && <p class="error-text"><Text value={detail.message} multiline /></p>}
      {detail.state === 'ready' && <StepDetailView o={o} index={detail.index} step={detail.step} onSelect={onSelect} />}
    </section>
  );
}

export function StepDetailView({ o, index, step, onSelect }: { o: OutlineView; index: number; step: StepPayload; onSelect(index: number): void }) {
  const d = step.detail;
  const end = step.end ?? Date.now();
  return (
    <div class={`step-detail kind-${step.kind}`} data-step-id={step.id}>
      <Breadcrumb key={index} o={o} index={index} onSelect={onSelect} />
      <h2 class="detail-title">
        <span class={`codicon codicon-${KIND_ICON[step.kind] ?? 'circle-outline'}`} aria-hidden="true" />
        <Text value={step.name} />
      </h2>
      <div class="detail-sub">
        <span class={`status status-${step.status} codicon codicon-${STATUS_ICON[step.status] ?? 'question'}`} aria-hidden="true" />
        <Text value={step.rawStatus ?? step.status} />
        <span>
          · {KIND_LABEL[step.kind] ?? step.kind}
          {step.rawType !== undefined && <> (<Text value={step.rawType} />)</>}
        </span>
        <span>· {formatDuration(end - step.start)}{step.end === undefined ? ' (running)' : ''}</span>
      </div>
      {step.error !== undefined && step.error !== '' && (
        <Section title="Error" copy={step.error}>
          <div class="error-box">
            <LongText text={step.error} label="error" copy={false} />
          </div>
        </Section>
      )}
      <Fields
        rows={[
          ['Step id', step.id],
          ['Started', formatTime(step.start)],
          ['Ended', step.end !== undefined ? formatTime(step.end) : 'running'],
          ['Children', step.childCount || undefined],
        ]}
      />
      <Section title="Tokens and cost">
        <TokensCost tokens={step.tokens} cost={step.cost} currency={o.header.currency} />
        {step.childCount > 0 && (
          <p class="muted">
            With its {plural(o.size[index]! - 1, 'descendant', undefined, formatNumber)}: {plural(o.tokensRolled[index]!, 'token', undefined, formatNumber)},{' '}
            {formatCost(o.costRolled[index]!, o.header.currency, '0')}
          </p>
        )}
      </Section>
      {d.kind === 'llm' && <LlmDetail d={d} />}
      {d.kind === 'tool' && <ToolDetail d={d} />}
      {d.kind === 'hitl' && <GateActions requestId={d.requestId} source={o.header.source} open={step.end === undefined && !d.decision} />}
      {d.kind === 'hitl' && <HitlDetail d={d} />}
      {d.kind === 'generic' && <GenericDetail d={d} />}
      {step.attributes !== undefined && Object.keys(step.attributes).length > 0 && (
        <Section title="Attributes" open={false}>
          <JsonView value={step.attributes} label="Attributes" expandDepth={1} />
        </Section>
      )}
    </div>
  );
}

export function TokensCost({ tokens, cost, currency }: { tokens: TokenCounts; cost: CostBreakdown; currency: string }) {
  const rows: [string, number | undefined, number][] = [
    ['Input', tokens.input, cost.input],
    ['Output', tokens.output, cost.output],
    ['Cached', tokens.cached, cost.cached],
    ['Thinking', tokens.thinking, cost.thinking],
    ['Other', undefined, cost.other],
  ];
  const totalTokens = tokens.input + tokens.output + tokens.thinking;
  return (
    <table class="tokens-cost">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Tokens</th>
          <th scope="col">Cost</th>
        </tr>
      </thead>
      <tbody>
        {rows
          .filter(([, t, c]) => (t ?? 0) !== 0 || c !== 0)
          .map(([label, t, c]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <ValueCell shown={t === undefined ? '' : formatNumber(t)} raw={t} label={`${label.toLowerCase()} tokens`} />
              <ValueCell shown={formatCost(c, currency, '0')} raw={c} label={`${label.toLowerCase()} cost`} />
            </tr>
          ))}
        <tr class="total">
          <th scope="row">Total</th>
          <ValueCell shown={formatNumber(totalTokens)} raw={totalTokens} label="total tokens" />
          <ValueCell shown={formatCost(cost.total, currency, '0')} raw={cost.total} label="total cost" />
        </tr>
      </tbody>
    </table>
  );
}

/** A number shown formatted, copied exact (a cost of $0.0000123 is not copied as "<$0.01"). */
function ValueCell({ shown, raw, label }: { shown: string; raw: number | undefined; label: string }) {
  return (
    <td>
      <span class="cell-value">{shown}</span>
      {raw !== undefined && <CopyButton text={String(raw)} label={label} />}
    </td>
  );
}

function ExecutionOverview({ o }: { o: OutlineView }) {
  const h = o.header;
  return (
    <div class="step-detail execution">
      <h2 class="detail-title">
        <span class="codicon codicon-run-all" aria-hidden="true" />
        <span>Execution</span>
      </h2>
      <p class="muted">Select a step to see its detail.</p>
      <Section title="Result">
        <ResultView result={h.result} label="Result" />
      </Section>
      <Section title="Parameters">
        {h.parameters === undefined ? <Empty>No parameters.</Empty> : <JsonView value={h.parameters} label="Parameters" expandDepth={2} />}
      </Section>
      <Section title="Tokens and cost">
        <TokensCost tokens={h.tokens} cost={h.cost} currency={h.currency} />
      </Section>
    </div>
  );
}
