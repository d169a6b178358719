// A tool call (parameters and result) and an approval gate (what was proposed, who decided, how long it waited).
import type { StepDetail } from '../../../src/model/types';
import { formatDuration, formatTime } from '../../format';
import { Empty, Fields, LongText, Section } from '../common';
import { JsonView } from '../JsonView';
import { ResultView } from './ResultView';

type Tool = Extract<StepDetail, { kind: 'tool' }>;
type Hitl = Extract<StepDetail, { kind: 'hitl' }>;
type Generic = Extract<StepDetail, { kind: 'generic' }>;

export function ToolDetail({ d }: { d: Tool }) {
  return (
    <>
      <Fields
        rows={[
          ['Tool', d.tool],
          ['Type', d.toolType],
        ]}
      />
      <Section title="Parameters">
        {d.parameters === undefined ? <Empty>No parameters.</Empty> : <JsonView value={d.parameters} label="Parameters" expandDepth={2} />}
      </Section>
      <Section title="Result">
        <ResultView result={d.result} label="Result" />
      </Section>
    </>
  );
}

export function HitlDetail({ d }: { d: Hitl }) {
  return (
    <>
      <Fields
        rows={[
          ['Gate type', d.gateType],
          ['Tool key', d.toolKey],
          ['Request', d.requestId],
          ['Requested', d.requestedAt !== undefined ? formatTime(d.requestedAt) : undefined],
          ['Responded', d.respondedAt !== undefined ? formatTime(d.respondedAt) : undefined],
          ['Responder', d.respondedBy],
          ['Decision', d.decision],
          ['Wait', d.waitMs !== undefined ? formatDuration(d.waitMs) : undefined],
        ]}
      />
      {d.proposedParameters !== undefined && (
        <Section title="Proposed parameters">
          <JsonView value={d.proposedParameters} label="Proposed parameters" expandDepth={2} />
        </Section>
      )}
      {d.outboundMessage !== undefined && (
        <Section title="Outbound message">
          <LongText text={d.outboundMessage} label="outbound message" />
        </Section>
      )}
      {d.responseText !== undefined && (
        <Section title="Response">
          <LongText text={d.responseText} label="response" />
        </Section>
      )}
    </>
  );
}

export function GenericDetail({ d }: { d: Generic }) {
  return (
    <>
      {d.input !== undefined && (
        <Section title="Input">
          <JsonView value={d.input} label="Input" expandDepth={2} />
        </Section>
      )}
      {d.output !== undefined && (
        <Section title="Output">
          <JsonView value={d.output} label="Output" expandDepth={2} />
        </Section>
      )}
      {d.result !== undefined && (
        <Section title="Result">
          <ResultView result={d.result} label="Result" />
        </Section>
      )}
    </>
  );
}
