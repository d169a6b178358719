// An LLM call: provider and model, the conversation by role, tool calls, tools offered, server tools.
import type { LlmMessage, StepDetail } from '../../../src/model/types';
import { toJson } from '../../format';
import { CopyButton, Empty, Fields, LongText, Section } from '../common';
import { useState } from 'preact/hooks';
import { JsonView } from '../JsonView';
import { Markdown, MARKDOWN_LIMIT } from '../Markdown';
import { Text } from '../Text';
import { showHidden } from '../../../src/shared/text';

type Llm = Extract<StepDetail, { kind: 'llm' }>;

const ROLE_ICON: Record<string, string> = { system: 'gear', user: 'account', assistant: 'sparkle', tool: 'tools' };

export function LlmDetail({ d }: { d: Llm }) {
  return (
    <>
      <Fields
        rows={[
          ['Provider', d.provider],
          ['Model', d.model],
        ]}
      />
      <Section title={`Conversation (${d.messages.length})`} copy={() => toJson(d.messages)}>
        {d.messages.length === 0 ? <Empty>No messages.</Empty> : d.messages.map((m, i) => <Message key={i} m={m} />)}
      </Section>
      {d.tools.length > 0 && (
        <Section title={`Tools offered (${d.tools.length})`} open={false} copy={() => toJson(d.tools)}>
          {d.tools.map((t, i) => (
            <div class="tool-def" key={i}>
              <div class="tool-def-name">
                <span class="codicon codicon-tools" aria-hidden="true" /> <Text value={t.name} />
              </div>
              {t.description !== undefined && <LongText text={t.description} label="description" copy={false} />}
              {t.parameters !== undefined && <JsonView value={t.parameters} label={`${t.name} parameters`} expandDepth={0} />}
            </div>
          ))}
        </Section>
      )}
      {d.serverToolInvocations.length > 0 && (
        <Section title={`Server tool invocations (${d.serverToolInvocations.length})`}>
          <JsonView value={d.serverToolInvocations} label="Server tool invocations" expandDepth={1} />
        </Section>
      )}
    </>
  );
}

/** Tool results are usually JSON or plain output; what people and models write is usually Markdown. */
/** Looks at the first 4,000 characters only, with bounded runs: untrusted text must not make the pattern slow. */
const looksLikeMarkdown = (role: string, text: string): boolean =>
  role !== 'tool' && text.length <= MARKDOWN_LIMIT
  && /(^|\n)[ \t]{0,3}(#{1,6} |[-*+] |\d{1,9}[.)] |```|> |\|)|\*\*|`[^`\n]{1,200}`|\[[^\]\n]{1,200}\]\(/.test(text.slice(0, 4000));

function Message({ m }: { m: LlmMessage }) {
  const role = m.role.toLowerCase();
  const [rendered, setRendered] = useState(() => looksLikeMarkdown(role, m.content));
  const canRender = m.content !== '' && m.content.length <= MARKDOWN_LIMIT;
  return (
    <div class={`message role-${ROLE_ICON[role] ? role : 'other'}`}>
      <div class="message-head">
        <span class={`codicon codicon-${ROLE_ICON[role] ?? 'comment'}`} aria-hidden="true" />
        {/* The role exactly as sent (no case change): an unknown role must not pass for a known one. */}
        <Text class="message-role" value={m.role} />
        {m.toolCallId !== undefined && <span class="message-meta">for call <Text value={m.toolCallId} /></span>}
        {canRender && (
          <button
            type="button"
            class={`icon-button codicon codicon-${rendered ? 'code' : 'markdown'}`}
            title={rendered ? 'Show the raw text' : 'Show as Markdown'}
            aria-label={rendered ? `Show the raw ${showHidden(m.role)} message` : `Show the ${showHidden(m.role)} message as Markdown`}
            aria-pressed={rendered}
            onClick={() => setRendered(!rendered)}
          />
        )}
        <CopyButton text={m.content} label={`${m.role} message`} />
      </div>
      {m.content !== '' && (rendered && canRender ? <Markdown text={m.content} /> : <LongText text={m.content} label={`${m.role} message`} copy={false} />)}
      {(m.toolCalls ?? []).map((tc, i) => (
        <div class="tool-call" key={i}>
          <div class="tool-call-head">
            <span class="codicon codicon-symbol-method" aria-hidden="true" />
            <Text class="tool-call-name" value={tc.name} />
            {tc.id !== undefined && <Text class="message-meta" value={tc.id} />}
          </div>
          {tc.arguments !== undefined && <JsonView value={tc.arguments} label={`${tc.name} arguments`} />}
        </div>
      ))}
    </div>
  );
}
