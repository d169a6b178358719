// The one way untrusted text is drawn in the webview: isolated from the text around it (<bdi>, so a
// right-to-left run cannot reorder our own labels) and with every hidden character (bidi controls,
// zero-width and other invisible characters, control characters) shown as a placeholder like ⟨U+202E⟩ with
// its name as tooltip. Copy buttons keep copying the raw value.
import type { ComponentChildren } from 'preact';
import { describeCodePoint, placeholder, splitHidden } from '../../src/shared/text';

/** The text's children: plain runs as text nodes, hidden characters as placeholders. */
export function visibleText(text: string, multiline = false): ComponentChildren {
  const parts = splitHidden(text, multiline);
  if (parts.length === 1 && typeof parts[0] === 'string') return text;
  return parts.map((p, k) =>
    typeof p === 'string' ? p : (
      <span key={k} class="hidden-char" title={`${describeCodePoint(p)} (a hidden character, shown by AgentLens)`}>
        {placeholder(p)}
      </span>
    ),
  );
}

/** Untrusted text, isolated and with its hidden characters shown. `multiline` keeps line breaks as they are. */
export function Text({ value, multiline = false, class: cls }: { value: string; multiline?: boolean; class?: string }) {
  return <bdi class={cls ? `untrusted ${cls}` : 'untrusted'}>{visibleText(value, multiline)}</bdi>;
}
