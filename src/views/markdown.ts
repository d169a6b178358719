// Tooltips are Markdown; everything in them that came from an API is untrusted text. These helpers escape
// it so a record field can never become a link, an image, HTML or a command.

import { showHidden } from '../shared/text';

const special = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(special, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`)).replace(/\r?\n/g, ' ');
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
  // Hidden characters (bidi controls, zero-width…) in the API text are shown first; the space added here is not.
  return showHidden(text, true).replace(/\]\s*\(/g, (m) => `${m.slice(0, 1)}\u200b${m.slice(1)}`);
}
