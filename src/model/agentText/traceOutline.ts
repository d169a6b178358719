// The budgeted outline of a trace a coding agent reads: a header with totals, the failed steps, one step in
// full (`focus`), then one line per step in pre-order from a cursor — kind, name, status, duration, tokens,
// cost, error and cut previews of input and output — until the token budget is spent, ending with the cursor
// to read on. Deterministic (no clock, no randomness), never over its budget by the estimate in text.ts, and
// linear in the steps it walks: a 100,000-step trace costs one pre-order walk plus the lines it prints.
import type { Step, Trace } from '../types';
import { stepParts } from './stepParts';
import { cut, durationText, estimateTokens, isoTime, moneyText, oneLine, stepIo, stepTokens } from './text';

export const DEFAULT_MAX_TOKENS = 4000;
/** Below this a header and one line do not fit; smaller budgets are raised to it. */
export const MIN_MAX_TOKENS = 400;
/** The focus step may take this share of what is left after the header. */
const FOCUS_SHARE = 0.6;
/** The failed-steps section may take this share of what is left after the focus. */
const FAILURES_SHARE = 0.25;

export interface OutlineOptions {
  maxTokens?: number | undefined;
  /** A step to show in full: its id, or its pre-order index as "#12" or "12". */
  focus?: string | undefined;
  /** Where to continue the step list (the `nextCursor` of the previous call). */
  cursor?: string | undefined;
  /** Characters of each input/output preview on a step line. */
  previewChars?: number | undefined;
}

export interface OutlineResult {
  text: string;
  /** The estimate of `text` (≤ the budget). */
  tokens: number;
  budget: number;
  totalSteps: number;
  /** Pre-order indices listed: [from, to) (from === to when none fit). */
  listed: [number, number];
  /** Pass as `cursor` to read on; undefined at the end of the trace. */
  nextCursor?: string;
  focusIndex?: number;
}

/** Pre-order steps with depths, iteratively (traces can be thousands of levels deep). */
export function indexSteps(trace: Trace): { steps: Step[]; depth: Int32Array } {
  const steps: Step[] = [];
  const depths: number[] = [];
  const stack: Step[] = [];
  const stackDepth: number[] = [];
  for (let r = trace.roots.length - 1; r >= 0; r--) {
    stack.push(trace.roots[r]!);
    stackDepth.push(0);
  }
  while (stack.length > 0) {
    const s = stack.pop()!;
    const d = stackDepth.pop()!;
    steps.push(s);
    depths.push(d);
    for (let c = s.children.length - 1; c >= 0; c--) {
      stack.push(s.children[c]!);
      stackDepth.push(d + 1);
    }
  }
  return { steps, depth: Int32Array.from(depths) };
}

/** A focus given as an id, "#12" or "12"; -1 when the trace has no such step. */
export function findStep(steps: readonly Step[], ref: string): number {
  const byId = steps.findIndex((s) => s.id === ref);
  if (byId >= 0) return byId;
  const m = /^#?(\d+)$/.exec(ref.trim());
  if (m) {
    const i = Number(m[1]);
    if (i < steps.length) return i;
  }
  return -1;
}

/** Lines are added while they fit; the first that does not closes the section. */
class Budget {
  readonly lines: string[] = [];
  used = 0;
  constructor(public limit: number) {}
  fits(line: string): boolean {
    return this.used + estimateTokens(line) + 1 <= this.limit;
  }
  add(line: string): boolean {
    const cost = estimateTokens(line) + 1;
    if (this.used + cost > this.limit) return false;
    this.lines.push(line);
    this.used += cost;
    return true;
  }
}

function tokensText(t: Trace['tokens']): string {
  const parts = [`in ${t.input}`, `out ${t.output}`];
  if (t.cached) parts.push(`cached ${t.cached}`);
  if (t.thinking) parts.push(`thinking ${t.thinking}`);
  return parts.join(' ');
}

function headerLines(trace: Trace, total: number, failed: number): string[] {
  const who = [
    trace.agentName ? `agent "${oneLine(trace.agentName, 80)}"` : trace.agentId ? `agent ${trace.agentId}` : '',
    trace.revision !== undefined ? `revision ${String(trace.revision)}` : '',
    trace.environment ? `environment ${oneLine(trace.environment, 60)}` : '',
  ].filter(Boolean).join(' · ');
  return [
    `Trace ${oneLine(trace.id, 120)} "${oneLine(trace.title, 120)}" (source ${trace.source})`,
    `Status ${trace.status}${trace.rawStatus && trace.rawStatus.toLowerCase() !== trace.status ? ` (${oneLine(trace.rawStatus, 40)})` : ''}`
      + ` · started ${isoTime(trace.start)} · duration ${durationText(trace)}${who ? ` · ${who}` : ''}`,
    `${total} steps · ${failed} failed · tokens ${tokensText(trace.tokens)} · cost ${moneyText(trace.cost.total, trace.currency)}`,
  ];
}

/** One step on one line, indented by depth (deep steps say their depth instead of indenting further). */
export function stepLine(step: Step, index: number, depth: number, currency: string, preview: number): string {
  const indent = depth <= 12 ? '  '.repeat(depth) : `${'  '.repeat(12)}[depth ${depth}] `;
  const parts = [`${indent}#${index} ${step.kind} "${oneLine(step.name, 80)}" ${step.status} ${durationText(step)}`];
  const tok = stepTokens(step);
  if (tok > 0) parts.push(`tok ${tok}`);
  if (step.cost.total > 0) parts.push(moneyText(step.cost.total, currency));
  if (step.error) parts.push(`error: ${oneLine(step.error, Math.max(preview, 120))}`);
  if (preview > 0) {
    const io = stepIo(step.detail);
    if (io.input) parts.push(`in: ${oneLine(io.input, preview)}`);
    if (io.output) parts.push(`out: ${oneLine(io.output, preview)}`);
  }
  return parts.join(' · ');
}

/** The focus step's lines with every value cut to `max` characters. */
function focusLines(step: Step, index: number, depth: number, currency: string, max: number): string[] {
  const lines = [
    `Focus #${index} (id ${oneLine(step.id, 120)}, depth ${depth}): ${step.kind} "${oneLine(step.name, 200)}" ${step.status}`
      + `${step.rawStatus ? ` (${oneLine(step.rawStatus, 40)})` : ''} · ${durationText(step)} · started ${isoTime(step.start)}`
      + ` · tokens ${tokensText(step.tokens)} · cost ${moneyText(step.cost.total, currency)}`,
  ];
  for (const p of stepParts(step)) {
    if (p.kind === 'field') lines.push(`${p.label}: ${cut(p.value, max)}`);
    else if (p.kind === 'block') lines.push(`${p.label}:`, ...cut(p.value, max).split('\n').map((l) => `  ${l}`));
    else {
      const m = p.message;
      lines.push(`[${m.role}${m.toolCallId ? ` for call ${m.toolCallId}` : ''}]`);
      if (m.content !== '') lines.push(...cut(m.content, max).split('\n').map((l) => `  ${l}`));
      for (const c of m.toolCalls ?? []) lines.push(`  -> call ${c.name}${c.id ? ` (${c.id})` : ''} ${cut(JSON.stringify(c.arguments ?? {}), max)}`);
    }
  }
  if (step.attributes && Object.keys(step.attributes).length > 0) lines.push(`Attributes: ${cut(JSON.stringify(step.attributes), max)}`);
  if (step.children.length > 0) lines.push(`Children: ${step.children.length} (listed below the focus step in pre-order)`);
  return lines;
}

/** The largest per-value cut under which the focus fits `limit` tokens; lines past the budget are dropped. */
function fitFocus(step: Step, index: number, depth: number, currency: string, limit: number): string[] {
  for (const max of [Infinity, 16_000, 8000, 4000, 2000, 1000, 500, 250, 120, 60]) {
    const lines = focusLines(step, index, depth, currency, max);
    if (lines.reduce((n, l) => n + estimateTokens(l) + 1, 0) <= limit) return lines;
  }
  const b = new Budget(limit - 20);
  for (const l of focusLines(step, index, depth, currency, 60)) if (!b.add(l)) break;
  b.limit += 20;
  b.add('[focus cut to fit the budget]');
  return b.lines;
}

export function traceOutline(trace: Trace, opts: OutlineOptions = {}): OutlineResult {
  const budget = Math.max(MIN_MAX_TOKENS, Math.floor(opts.maxTokens ?? DEFAULT_MAX_TOKENS));
  const preview = Math.max(0, Math.floor(opts.previewChars ?? 80));
  const { steps, depth } = indexSteps(trace);
  const n = steps.length;
  let from = 0;
  if (opts.cursor !== undefined && opts.cursor !== '') {
    const m = /^(\d+)$/.exec(opts.cursor.trim());
    if (!m || Number(m[1]) > n) throw new Error(`The cursor "${opts.cursor}" is not a position in this trace of ${n} steps; pass the nextCursor a previous call returned.`);
    from = Number(m[1]);
  }
  const failed: number[] = [];
  for (let i = 0; i < n; i++) if (steps[i]!.status === 'error' || steps[i]!.error) failed.push(i);

  const b = new Budget(budget);
  // Reserved for the closing line, so the cursor always fits.
  const FOOTER = 60;
  b.limit = budget - FOOTER;
  for (const l of headerLines(trace, n, failed.length)) b.add(l);

  let focusIndex: number | undefined;
  if (opts.focus !== undefined && opts.focus !== '') {
    const i = findStep(steps, opts.focus);
    if (i < 0) b.add(`Focus: no step "${oneLine(opts.focus, 80)}" in this trace (give a step id or #index from the list).`);
    else {
      focusIndex = i;
      b.add('');
      const room = Math.floor((b.limit - b.used) * FOCUS_SHARE);
      for (const l of fitFocus(steps[i]!, i, depth[i]!, trace.currency, room)) b.add(l);
    }
  }

  if (failed.length > 0 && from === 0) {
    b.add('');
    const section = new Budget(Math.floor((b.limit - b.used) * FAILURES_SHARE) - 20);
    section.add(`Failed steps (${failed.length}):`);
    let shown = 0;
    for (const i of failed) {
      const s = steps[i]!;
      if (!section.add(`  #${i} ${s.kind} "${oneLine(s.name, 60)}": ${oneLine(s.error ?? s.status, 160)}`)) break;
      shown++;
    }
    section.limit += 20;
    if (shown < failed.length) section.add(`  … ${failed.length - shown} more (focus one, or read on with the cursor)`);
    for (const l of section.lines) b.add(l);
  }

  b.add('');
  b.add(from === 0 ? 'Steps (pre-order: #index kind "name" status duration · tokens · cost · error · in/out previews):' : `Steps from #${from}:`);
  let i = from;
  for (; i < n; i++) if (!b.add(stepLine(steps[i]!, i, depth[i]!, trace.currency, preview))) break;

  b.limit = budget;
  let nextCursor: string | undefined;
  if (i < n) {
    nextCursor = String(i);
    b.add(`[${n - i} more steps: listed #${from}–#${i - 1} of ${n}; call again with cursor "${nextCursor}" to read on, or focus a step]`);
  } else b.add(n === 0 ? '[this trace has no steps]' : `[end of trace: listed #${from}–#${n - 1} of ${n}]`);
  const text = b.lines.join('\n');
  const result: OutlineResult = { text, tokens: estimateTokens(text), budget, totalSteps: n, listed: [from, i] };
  if (nextCursor !== undefined) result.nextCursor = nextCursor;
  if (focusIndex !== undefined) result.focusIndex = focusIndex;
  return result;
}
