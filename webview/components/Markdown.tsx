// LLM messages rendered as Markdown — safely. markdown-it only tokenizes (`html: false`: raw HTML stays text);
// the tokens become Preact elements here, so nothing is ever parsed as HTML (no innerHTML anywhere), every
// string is a text node, and the only attributes set are a fixed few. Links are buttons, never anchors:
// http(s) links go to the host (which opens them outside, after VS Code's own confirmation); any other
// scheme (`javascript:`, `data:`, `command:`, `vscode:`, `mailto:`…) is shown as plain text. Images are never
// loaded (the CSP forbids it anyway): they show as their alt text and address. Hidden characters (bidi
// controls, zero-width…) are drawn as placeholders, as everywhere else (Text.tsx), and the block is isolated.
import MarkdownIt from 'markdown-it';
import type { ComponentChild, ComponentChildren } from 'preact';
import { h } from 'preact';
import { showHidden } from '../../src/shared/text';
import { useHost } from '../vscodeApi';
import { visibleText } from './Text';

type Token = ReturnType<MarkdownIt['parse']>[number];

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable(['table', 'strikethrough']);
// markdown-it's own link check allows `data:image/…`; ours is stricter and applied when rendering.
md.validateLink = () => true;

const SAFE_LINK = /^https?:/i;
/** Longer texts render as plain text: tokenizing megabytes on every selection is not worth it. */
export const MARKDOWN_LIMIT = 100_000;

const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bullet_list: 'ul',
  ordered_list: 'ol',
  list_item: 'li',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tr: 'tr',
  th: 'th',
  td: 'td',
  strong: 'strong',
  em: 'em',
  s: 's',
};

type Open = (children: ComponentChildren[]) => ComponentChild | ComponentChildren[];

function attr(t: Token, name: string): string | undefined {
  return t.attrGet(name) ?? undefined;
}

/** Turns a token stream into elements; `link` renders a link given its href and children. */
function render(tokens: readonly Token[], link: (href: string, children: ComponentChildren[]) => ComponentChild): ComponentChildren[] {
  const root: ComponentChildren[] = [];
  const stack: { out: ComponentChildren[]; close: Open }[] = [];
  let out = root;
  const push = (close: Open) => {
    stack.push({ out, close });
    out = [];
  };
  const pop = () => {
    const frame = stack.pop();
    if (!frame) return;
    const made = frame.close(out);
    out = frame.out;
    if (Array.isArray(made)) out.push(...made);
    else out.push(made);
  };
  for (const t of tokens) {
    if (t.type === 'inline') {
      out.push(...render(t.children ?? [], link));
      continue;
    }
    if (t.nesting === 1) {
      const base = t.type.replace(/_open$/, '');
      if (base === 'heading') {
        const level = Math.min(6, Math.max(1, Number(t.tag.slice(1)) || 4));
        push((c) => h(`h${Math.min(6, level + 2)}`, { class: 'md-heading' }, c));
      } else if (base === 'link') {
        const href = attr(t, 'href') ?? '';
        push((c) => link(href, c));
      } else if (base === 'ordered_list') {
        const start = Number(attr(t, 'start') ?? '1');
        push((c) => h('ol', Number.isFinite(start) && start !== 1 ? { start } : {}, c));
      } else if (base === 'paragraph' && t.hidden) {
        push((c) => c); // tight list items: no <p>
      } else {
        const tag = BLOCK_TAGS[base];
        push((c) => (tag ? h(tag, {}, c) : c));
      }
      continue;
    }
    if (t.nesting === -1) {
      pop();
      continue;
    }
    switch (t.type) {
      case 'text':
        out.push(visibleText(t.content, true));
        break;
      case 'code_inline':
        out.push(h('code', {}, visibleText(t.content, true)));
        break;
      case 'code_block':
      case 'fence':
        out.push(h('pre', { class: 'md-code', 'data-lang': t.info.trim().split(/\s+/)[0] || undefined }, h('code', {}, visibleText(t.content, true))));
        break;
      case 'softbreak':
        out.push('\n');
        break;
      case 'hardbreak':
        out.push(h('br', {}));
        break;
      case 'hr':
        out.push(h('hr', {}));
        break;
      case 'image': {
        const alt = t.children?.map((c) => c.content).join('') || t.content;
        out.push(h('span', { class: 'md-image', title: 'Images are not loaded' }, visibleText(`[image: ${alt}] (${attr(t, 'src') ?? ''})`)));
        break;
      }
      case 'html_inline':
      case 'html_block':
        // Unreachable with html: false, but if it ever came: text.
        out.push(visibleText(t.content, true));
        break;
      default:
        if (t.content) out.push(visibleText(t.content, true));
    }
  }
  while (stack.length) pop();
  return root;
}

/** Markdown from an untrusted source, rendered without HTML parsing (see the file comment). */
export function Markdown({ text }: { text: string }) {
  const host = useHost();
  const link = (href: string, children: ComponentChildren[]): ComponentChild =>
    SAFE_LINK.test(href)
      ? // A button, not an anchor: the webview never holds an href from the trace.
        h('button', { type: 'button', class: 'link-button md-link', title: showHidden(href), onClick: () => host.post({ type: 'openLink', url: href }) }, ...children)
      : h('span', { class: 'md-unsafe-link', title: `Not a web link: ${showHidden(href)}` }, ...children, ' (', visibleText(href), ')');
  return <div class="markdown">{render(md.parse(text, {}), link)}</div>;
}
