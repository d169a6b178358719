// The text a step is found by: bounded and lower-case, walked out of JSON-like values without stringifying
// them whole (a 10 MB tool result costs no more than a small one).
import type { Step } from './types';

/** Characters of searchable text kept per step. */
export const SEARCH_TEXT_LIMIT = 512;

/** The bounded, lower-case text a step is found by. */
export function searchText(step: Step, limit = SEARCH_TEXT_LIMIT): string {
  const acc = new TextBudget(limit);
  acc.add(step.name);
  if (step.error) acc.add(step.error);
  const d = step.detail;
  switch (d.kind) {
    case 'llm':
      acc.add(d.model);
      // Conversations repeat their system prompt; the newest turns say most about this call.
      for (let m = d.messages.length - 1; m >= 0 && !acc.full; m--) {
        const msg = d.messages[m]!;
        acc.add(msg.content);
        for (const tc of msg.toolCalls ?? []) {
          acc.add(tc.name);
          acc.value(tc.arguments);
        }
      }
      break;
    case 'tool':
      acc.add(d.tool);
      acc.value(d.parameters);
      acc.value(d.result);
      break;
    case 'hitl':
      acc.add(d.gateType);
      acc.add(d.toolKey);
      acc.add(d.outboundMessage);
      acc.add(d.decision);
      acc.add(d.responseText);
      acc.add(d.respondedBy);
      acc.value(d.proposedParameters);
      break;
    case 'generic':
      acc.value(d.input);
      acc.value(d.output);
      acc.value(d.result);
      break;
  }
  return acc.toString().toLowerCase();
}

/** Collects strings up to a budget, walking JSON-like values without stringifying them whole. */
class TextBudget {
  private readonly parts: string[] = [];
  private left: number;
  constructor(limit: number) {
    this.left = limit;
  }
  get full(): boolean {
    return this.left <= 0;
  }
  add(s: string | undefined): void {
    if (s === undefined || s === '' || this.left <= 0) return;
    const piece = s.length > this.left ? s.slice(0, this.left) : s;
    this.parts.push(piece);
    this.left -= piece.length + 1;
  }
  value(v: unknown, depth = 0): void {
    if (this.left <= 0 || v === null || v === undefined || depth > 8) return;
    if (typeof v === 'string') this.add(v);
    else if (typeof v === 'number' || typeof v === 'boolean') this.add(String(v));
    else if (Array.isArray(v)) {
      for (const item of v) {
        if (this.left <= 0) return;
        this.value(item, depth + 1);
      }
    }
    else if (typeof v === 'object') {
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (this.left <= 0) return;
        this.add(k);
        this.value(item, depth + 1);
      }
    }
  }
  toString(): string {
    return this.parts.join(' ');
  }
}
