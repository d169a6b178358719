// Lines kept while they fit a token budget (the estimate in model/agentText/text.ts), with a closing note
// saying what was left out: every tool answer goes through this, so none is ever over its budget.
import { estimateTokens } from '../model/agentText/text';

export function fitLines(lines: readonly string[], maxTokens: number, more: (left: number) => string): string {
  const out: string[] = [];
  let used = 0;
  const reserve = 40;
  for (let i = 0; i < lines.length; i++) {
    const cost = estimateTokens(lines[i]!) + 1;
    if (used + cost > maxTokens - reserve) {
      out.push(more(lines.length - i));
      return out.join('\n');
    }
    out.push(lines[i]!);
    used += cost;
  }
  return out.join('\n');
}
