// API text that a person acts on (an approval's proposal, an agent's name) is shown exactly, except for the
// characters that change how the rest of a line reads without being seen themselves. Pure: no `vscode`.

/**
 * Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks
 * (U+200E, U+200F, U+061C). One RIGHT-TO-LEFT OVERRIDE makes "refund $120" read as something else, in a
 * notification, a dialog, a tree row or a tooltip alike.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Each bidi control becomes a visible `⟨U+202E⟩`, so nothing is reordered and nothing is hidden. */
export function revealBidi(text: string): string {
  return text.replace(BIDI, (c) => `\u27e8U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}\u27e9`);
}

/**
 * Status bar text (and window progress titles) turn `$(name)` into an icon; API text put there is escaped
 * the way VS Code reads it (`\$(name)` shows as written).
 */
export function noIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
