// Text helpers shared by the extension host and the webview. Pure: no `vscode`, no DOM.
//
// Untrusted text (names, titles, messages, values from a trace or a service) may carry characters that change
// how the text around them is drawn or that draw nothing at all: bidirectional controls (a name with U+202E
// is drawn reversed — the "Trojan Source" trick), zero-width characters, invisible tag characters (which can
// smuggle instructions past a reader), C0/C1 controls. They are shown as visible placeholders such as
// ⟨U+202E⟩, as VS Code's editor highlights them; the raw value is still what a copy button copies.

const HIDDEN_NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x17b4: 'KHMER VOWEL INHERENT AQ',
  0x17b5: 'KHMER VOWEL INHERENT AA',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
};

// C0 controls but tab, line feed and carriage return; DEL and the C1 controls; the named characters above;
// the deprecated format characters U+206A–206F; interlinear annotations; the tag characters.
// U+200D ZERO WIDTH JOINER is left alone between two emoji (👨‍👩‍👧 is drawn as one family), shown elsewhere.
const HIDDEN_SOURCE =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E'
  + '\\u200B\\u200C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\u{E0000}-\\u{E007F}';
const LONE_ZWJ = '(?<!\\p{Extended_Pictographic}[\\uFE0F\\u{1F3FB}-\\u{1F3FF}]?)\\u200D|\\u200D(?!\\p{Extended_Pictographic})';
/** In one-line places (a tree row, a title, a field) line breaks are shown too: a name must not hide a second line. */
const HIDDEN_ONE_LINE = new RegExp(`[${HIDDEN_SOURCE}\\n\\r]|${LONE_ZWJ}`, 'u');
const HIDDEN_MULTI_LINE = new RegExp(`[${HIDDEN_SOURCE}]|${LONE_ZWJ}`, 'u');
const HIDDEN_ONE_LINE_ALL = new RegExp(HIDDEN_ONE_LINE.source, 'gu');
const HIDDEN_MULTI_LINE_ALL = new RegExp(HIDDEN_MULTI_LINE.source, 'gu');

/** A run of plain text, or one hidden character (its code point). */
export type TextPart = string | number;

/** True when the text has a character that `splitHidden` would show as a placeholder. */
export const hasHidden = (text: string, multiline = false): boolean => (multiline ? HIDDEN_MULTI_LINE : HIDDEN_ONE_LINE).test(text);

/** The text as plain runs and hidden code points, in order. Text without any is returned as one run. */
export function splitHidden(text: string, multiline = false): TextPart[] {
  if (!hasHidden(text, multiline)) return [text];
  const re = multiline ? HIDDEN_MULTI_LINE_ALL : HIDDEN_ONE_LINE_ALL;
  const out: TextPart[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[0].codePointAt(0)!);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** "U+202E". */
export const codePointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The placeholder shown instead of a hidden character: "⟨U+202E⟩". */
export const placeholder = (cp: number): string => `⟨${codePointLabel(cp)}⟩`;

/** "U+202E RIGHT-TO-LEFT OVERRIDE", for a tooltip. */
export function describeCodePoint(cp: number): string {
  const name = HIDDEN_NAMES[cp]
    ?? (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) ? 'CONTROL CHARACTER'
      : cp >= 0xe0000 ? 'TAG CHARACTER'
        : 'INVISIBLE FORMAT CHARACTER');
  return `${codePointLabel(cp)} ${name}`;
}

/**
 * Untrusted text for a place that shows plain strings only (a VS Code tree label, tooltip, quick pick,
 * notification, an ARIA label): each hidden character becomes its placeholder. Text without any is
 * returned unchanged (the same string).
 */
export function showHidden(text: string, multiline = false): string {
  if (!hasHidden(text, multiline)) return text;
  return splitHidden(text, multiline).map((p) => (typeof p === 'number' ? placeholder(p) : p)).join('');
}

/**
 * Two messages as one: the first ends its sentence before the second starts ("…a comma was expected." +
 * "Nothing was sent."). Empty parts are left out.
 */
export function joinSentences(...parts: (string | undefined)[]): string {
  const present = parts.map((p) => p?.trim() ?? '').filter((p) => p !== '');
  return present.map((p, i) => (i < present.length - 1 ? endSentence(p) : p)).join(' ');
}

/** The text with a full stop unless it already ends a sentence ("." "!" "?" "…", maybe before a closing quote). */
export const endSentence = (s: string): string => (/[.!?…]["'”’)\]]?$/.test(s) ? s : `${s}.`);

/** A count with its noun agreeing: plural(1, 'run') → "1 run", plural(2, 'run') → "2 runs". */
export function plural(n: number, one: string, many = `${one}s`, format: (n: number) => string = String): string {
  return `${format(n)} ${n === 1 ? one : many}`;
}
