// Tooltips are Markdown; everything in them that came from an API is untrusted text. These helpers escape
// it so a record field can never become a link, an image, HTML or a command.
import { revealBidi } from '../model/plainText';

const special = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

export function escapeMarkdown(text: string): string {
  return revealBidi(text).replace(special, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`)).replace(/\r?\n/g, ' ');
}

/** A two-column Markdown table of already-formatted values; every cell is escaped. */
export function markdownTable(rows: ReadonlyArray<readonly [string, string]>): string {
  const lines = ['| | |', '|---|---|'];
  for (const [k, v] of rows) lines.push(`| ${escapeMarkdown(k)} | ${escapeMarkdown(v)} |`);
  return lines.join('\n');
}

/**
 * Notification messages turn `[text](target)` into a link (command: links included). API text put in one gets
 * an invisible zero-width space between `]` and `(`: it reads the same and can never become a link.
 */
export function noLinks(text: string): string {
  return text.replace(/\]\s*\(/g, (m) => `${m.slice(0, 1)}\u200b${m.slice(1)}`);
}

/** API text in a notification or a dialog: never a link, and no hidden bidi control reorders it (model/plainText.ts). */
export function plainMessage(text: string): string {
  return noLinks(revealBidi(text));
}
