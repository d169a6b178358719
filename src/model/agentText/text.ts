// Small text helpers shared by the outline a model reads and the Markdown a person pastes: a conservative
// token estimate, values as one-line or multi-line text, and cutting that says how much it cut.
import type { ResultValue, Step, StepDetail } from '../types';

/**
 * Tokens a model's tokenizer may need for `text`, rounded up on purpose. BPE tokenizers average about four
 * characters of English per token, but JSON, ids and code run closer to three, and a character outside ASCII
 * (CJK, emoji) can cost a token or more on its own. So: printable ASCII counts 1/3 token a character, anything
 * else 1 token a character, and the sum is rounded up. An outline that fits this estimate fits the real count.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 3) + other;
}

/** A value as text: strings as they are, everything else as JSON (compact or indented). */
export function valueText(v: unknown, indent = false): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v, null, indent ? 2 : undefined) ?? String(v);
  } catch {
    return String(v);
  }
}

export function resultText(r: ResultValue | undefined, indent = false): string {
  if (!r) return '';
  if (r.text !== undefined && r.text !== '') return r.text;
  if (r.json !== undefined) return valueText(r.json, indent);
  return r.fileLink ? `[file] ${r.fileLink}` : '';
}

/** `text` cut to `max` characters with a note of how many were left out; never cuts a surrogate pair in half. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const c = text.charCodeAt(end - 1);
  if (end > 0 && c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}… [${text.length - end} more chars cut]`;
}

/** One line: whitespace runs (newlines included) become one space, then cut. Only for previews, never for full values. */
export function oneLine(text: string, max: number): string {
  // Cut before collapsing so a huge value is not scanned whole for a 100-character preview.
  const head = text.length > max * 2 + 64 ? text.slice(0, max * 2 + 64) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  const cutAt = Math.min(max, flat.length);
  const rest = text.length - head.length + (flat.length - cutAt);
  if (rest <= 0 && head.length === text.length) return flat;
  return `${flat.slice(0, cutAt)}…(+${rest} chars)`;
}

/** What went into a step and what came out, as text (empty when the source says nothing). */
export function stepIo(detail: StepDetail): { input: string; output: string } {
  switch (detail.kind) {
    case 'llm': {
      let input = '';
      for (let i = detail.messages.length - 1; i >= 0; i--) {
        const m = detail.messages[i]!;
        if (m.role !== 'assistant' && m.content !== '') {
          input = `${m.role}: ${m.content}`;
          break;
        }
      }
      const last = detail.messages.at(-1);
      const calls = last?.role === 'assistant' && last.toolCalls?.length ? ` calls ${last.toolCalls.map((c) => c.name).join(', ')}` : '';
      return { input, output: (resultText(detail.result) || (last?.role === 'assistant' ? last.content : '')) + calls };
    }
    case 'tool':
      return { input: valueText(detail.parameters), output: resultText(detail.result) };
    case 'hitl':
      return {
        input: detail.outboundMessage ?? valueText(detail.proposedParameters),
        output: [detail.decision, detail.respondedBy ? `by ${detail.respondedBy}` : '', detail.responseText ?? ''].filter(Boolean).join(' '),
      };
    default:
      return { input: valueText(detail.input), output: resultText(detail.result) || valueText(detail.output) };
  }
}

/** Duration in the units a reader expects ("1.25 s", "340 ms", "running"). */
export function durationText(step: { start: number; end?: number | undefined }): string {
  if (step.end === undefined) return 'running';
  const ms = Math.max(0, step.end - step.start);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
}

/** Money with enough digits for sub-cent LLM calls. */
export function moneyText(amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 6 : 4;
  return currency === 'USD' ? `$${amount.toFixed(digits)}` : `${amount.toFixed(digits)} ${currency}`;
}

export function stepTokens(step: Step): number {
  return step.tokens.input + step.tokens.output + step.tokens.thinking;
}

/** An ISO time, or "?" for a missing one (0 or not finite). */
export function isoTime(ms: number | undefined): string {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : '?';
}
