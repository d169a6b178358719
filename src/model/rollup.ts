// Token and cost rollups over a step tree, and the traversals the views need. Every traversal uses an
// explicit stack: traces can be 100,000 steps and thousands of levels deep, far past the call stack.
import type { CostBreakdown, Step, TokenCounts } from './types';

export interface Totals {
  tokens: TokenCounts;
  cost: CostBreakdown;
}

export function zeroTokens(): TokenCounts {
  return { input: 0, output: 0, cached: 0, thinking: 0 };
}

export function zeroCost(): CostBreakdown {
  return { input: 0, output: 0, cached: 0, thinking: 0, other: 0, total: 0 };
}

function addInto(acc: Totals, s: Step): void {
  const t = s.tokens;
  const c = s.cost;
  acc.tokens.input += t.input;
  acc.tokens.output += t.output;
  acc.tokens.cached += t.cached;
  acc.tokens.thinking += t.thinking;
  acc.cost.input += c.input;
  acc.cost.output += c.output;
  acc.cost.cached += c.cached;
  acc.cost.thinking += c.thinking;
  acc.cost.other += c.other;
  acc.cost.total += c.total;
}

/** Pre-order, children in source order. `visit` returning false skips that step's subtree. */
export function walk(roots: readonly Step[], visit: (step: Step, depth: number) => boolean | void): void {
  const steps: Step[] = [];
  const depths: number[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    steps.push(roots[i] as Step);
    depths.push(0);
  }
  while (steps.length > 0) {
    const s = steps.pop() as Step;
    const d = depths.pop() as number;
    if (visit(s, d) === false) continue;
    const kids = s.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      steps.push(kids[i] as Step);
      depths.push(d + 1);
    }
  }
}

/** Tokens and cost of `roots` and all their descendants. */
export function traceTotals(roots: readonly Step[]): Totals {
  const acc: Totals = { tokens: zeroTokens(), cost: zeroCost() };
  // Order does not matter for sums, so a plain stack without depth bookkeeping is enough.
  const stack: Step[] = roots.slice();
  while (stack.length > 0) {
    const s = stack.pop() as Step;
    addInto(acc, s);
    for (const c of s.children) stack.push(c);
  }
  return acc;
}

/** Tokens and cost of one step and everything under it. */
export function subtreeTotals(step: Step): Totals {
  return traceTotals([step]);
}

export function countSteps(roots: readonly Step[]): number {
  let n = 0;
  const stack: Step[] = roots.slice();
  while (stack.length > 0) {
    const s = stack.pop() as Step;
    n++;
    for (const c of s.children) stack.push(c);
  }
  return n;
}

/** Steps with status `error`, in pre-order (the order a reader meets them top to bottom). */
export function errorSteps(roots: readonly Step[]): Step[] {
  const out: Step[] = [];
  walk(roots, (s) => {
    if (s.status === 'error') out.push(s);
  });
  return out;
}

/** Earliest root start, latest root end (none while a root is open). Loops, not spreads: roots can be many. */
export function rootSpan(roots: readonly Step[]): { start: number; end: number | undefined } {
  if (roots.length === 0) return { start: 0, end: undefined };
  let start = Infinity;
  let end: number | undefined = -Infinity;
  for (const r of roots) {
    if (r.start < start) start = r.start;
    if (r.end === undefined) end = undefined;
    else if (end !== undefined && r.end > end) end = r.end;
  }
  return { start, end };
}
