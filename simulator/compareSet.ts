// Runs of one agent with the same parameters that differ in known ways, so a comparison has something to show
// at once (demo, tests): a baseline, then one with an extra tool call, one whose system prompt changed, and
// one where a tool step failed. All four share one trace seed and one set of totals; each variant is the
// baseline's step tree with one edit, applied when the trace is served.
import type { AgentProfile } from './catalog';
import type { Step } from './types';

export type CompareVariant = 'base' | 'extraTool' | 'prompt' | 'failedStep';

/** Newest-first positions in support-triage's record list: the baseline is the oldest of the four. */
export const COMPARE_POSITIONS: ReadonlyArray<[number, CompareVariant]> = [[6, 'failedStep'], [7, 'prompt'], [8, 'extraTool'], [9, 'base']];

export const CHANGED_PROMPT_SUFFIX = ' Answer in one short sentence.';

function all(steps: Step[], out: Step[] = []): Step[] {
  for (const s of steps) {
    out.push(s);
    all(s.steps, out);
  }
  return out;
}

export function applyVariant(roots: Step[], variant: CompareVariant, p: AgentProfile): void {
  const steps = all(roots);
  const tools = steps.filter((s) => s.type === 'TOOL' && s.toolTrace);
  switch (variant) {
    case 'extraTool': {
      const after = tools[0];
      if (!after) return;
      const parent = steps.find((s) => s.steps.includes(after)) ?? null;
      const siblings = parent ? parent.steps : roots;
      const other = p.tools.find((t) => !t.gated && t.key !== (after.toolTrace!.tool as { key?: string } | undefined)?.key) ?? p.tools[0]!;
      const extra: Step = {
        ...after,
        id: `${after.id}x`,
        displayName: other.name,
        toolTrace: { ...after.toolTrace, tool: { key: other.key, name: other.name }, displayName: other.name, toolType: other.toolType, parameters: { query: 'order status' }, cost: null },
        result: { strValue: null, jsonValue: { found: true }, fileLink: null },
        steps: [],
      };
      siblings.splice(siblings.indexOf(after) + 1, 0, extra);
      return;
    }
    case 'prompt':
      for (const s of steps) {
        const messages = (s.llmStepTrace?.llmMessages ?? null) as Array<{ role?: string; content?: string }> | null;
        for (const m of messages ?? []) if (m.role === 'system' && typeof m.content === 'string') m.content += CHANGED_PROMPT_SUFFIX;
      }
      return;
    case 'failedStep': {
      const victim = tools.at(-1);
      if (!victim) return;
      victim.status = 'ERROR';
      victim.error = 'HTTP 502 from the tool backend (simulated)';
      victim.result = null;
      return;
    }
    default:
      return;
  }
}
