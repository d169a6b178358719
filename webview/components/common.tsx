// Small building blocks of the detail pane. Everything from a trace is untrusted: it is only ever a text
// child (Preact creates text nodes), never markup, never an href.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { plural, showHidden } from '../../src/shared/text';
import { formatNumber } from '../format';
import { useHost } from '../vscodeApi';
import { Text } from './Text';

export function CopyButton({ text, label }: { text: string | (() => string); label: string }) {
  const host = useHost();
  return (
    <button
      type="button"
      class="icon-button codicon codicon-copy"
      title={`Copy ${showHidden(label)}`}
      aria-label={`Copy ${showHidden(label)}`}
      onClick={(e) => {
        e.stopPropagation();
        host.post({ type: 'copy', text: typeof text === 'function' ? text() : text });
      }}
    />
  );
}

export function Section(props: { title: string; children: ComponentChildren; copy?: string | (() => string); open?: boolean }) {
  return (
    <details class="section" open={props.open ?? true}>
      <summary>
        <span class="section-title">{props.title}</span>
        {props.copy !== undefined && <CopyButton text={props.copy} label={props.title} />}
      </summary>
      <div class="section-body">{props.children}</div>
    </details>
  );
}

export type Field = [label: string, value: string | number | undefined | null];

/** A label/value grid; empty values are left out; each value has its copy button. */
export function Fields({ rows }: { rows: Field[] }) {
  const present = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (present.length === 0) return null;
  return (
    <dl class="fields">
      {present.map(([label, value]) => (
        <div class="field" key={label}>
          <dt>{label}</dt>
          <dd>
            <Text class="value" value={String(value)} />
            <CopyButton text={String(value)} label={label} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

const TEXT_PAGE = 4000;

/** Long untrusted text with preserved whitespace, shown a page at a time. */
export function LongText({ text, label, copy = true }: { text: string; label: string; copy?: boolean }) {
  const [shown, setShown] = useState(TEXT_PAGE);
  const cut = text.length > shown;
  return (
    <div class="long-text">
      {copy && (
        <div class="long-text-tools">
          <CopyButton text={text} label={label} />
        </div>
      )}
      <pre class="text">
        <Text value={cut ? text.slice(0, shown) : text} multiline />
      </pre>
      {cut && (
        <button type="button" class="link-button show-more" onClick={() => setShown(shown * 4)}>
          Show more ({plural(text.length - shown, 'more character', 'more characters', formatNumber)})
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
