// A trace (or one step's subtree) as Markdown a person pastes into an issue, a chat or a doc: a header with
// totals, then each step with its conversation by role, tool calls with arguments and results, and errors.
// Untrusted text only ever appears inside code spans and fences sized so their content cannot close them;
// long values are cut with a note of how much was cut; an LLM call repeating the previous call's conversation
// shows only what is new.
import type { LlmMessage, Step, Trace } from '../types';
import { traceTotals } from '../rollup';
import { indexSteps } from './traceOutline';
import { stepParts } from './stepParts';
import { cut, durationText, isoTime, moneyText, stepTokens } from './text';

export interface MarkdownOptions {
  /** Longest value shown whole (characters); longer ones are cut with a note. */
  maxValueChars?: number;
  /** Steps written out in full; the rest are counted in a closing note. */
  maxSteps?: number;
  /** Only this step and its descendants (a step id). */
  stepId?: string;
}

const longestRun = (text: string, ch: string): number => {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ch) best = Math.max(best, ++run);
    else run = 0;
  }
  return best;
};

/** A fenced block its content cannot close: the fence is longer than any backtick run inside. */
export function fence(text: string, lang = ''): string {
  const f = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${f}${lang}\n${text}\n${f}`;
}

/** An inline code span for untrusted text (names, ids): no Markdown inside it is interpreted. */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (flat === '') return '` `';
  const f = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${f}${pad}${flat}${pad}${f}`;
}

const sameMessage = (a: LlmMessage, b: LlmMessage): boolean =>
  a.role === b.role && a.content === b.content && a.toolCallId === b.toolCallId && (a.toolCalls?.length ?? 0) === (b.toolCalls?.length ?? 0);

function tokensLine(t: Trace['tokens']): string {
  return [`input ${t.input}`, `output ${t.output}`, t.cached ? `cached ${t.cached}` : '', t.thinking ? `thinking ${t.thinking}` : ''].filter(Boolean).join(' · ');
}

function header(trace: Trace, steps: readonly Step[], sub: Step | undefined): string[] {
  const failed = steps.filter((s) => s.status === 'error' || s.error).length;
  const totals = sub ? traceTotals([sub]) : { tokens: trace.tokens, cost: trace.cost };
  const rows: [string, string][] = [
    ['Trace', code(trace.id)],
    ['Source', trace.source],
    ['Status', `${trace.status}${trace.rawStatus ? ` (${code(trace.rawStatus)})` : ''}`],
  ];
  if (trace.agentName || trace.agentId) rows.push(['Agent', code(trace.agentName ?? trace.agentId ?? '')]);
  if (trace.revision !== undefined) rows.push(['Revision', code(String(trace.revision))]);
  if (trace.environment) rows.push(['Environment', code(trace.environment)]);
  rows.push(['Started', isoTime(trace.start)], ['Duration', durationText(trace)]);
  if (sub) rows.push(['Subtree of', `${code(sub.name)} (${sub.kind}, ${sub.status}, ${durationText(sub)})`]);
  rows.push(
    ['Steps', `${steps.length}${failed ? ` (${failed} failed)` : ''}`],
    ['Tokens', tokensLine(totals.tokens)],
    ['Cost', moneyText(totals.cost.total, trace.currency)],
  );
  // Table cells cannot hold a raw "|": escaped (the code spans above are the only untrusted text).
  return [`# ${sub ? 'Steps of' : 'Trace'} ${code(trace.title)}`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)];
}

function messageLines(m: LlmMessage, max: number): string[] {
  const out = [`**${m.role.replace(/[^A-Za-z0-9 _-]/g, '')}**${m.toolCallId ? ` (result of call ${code(m.toolCallId)})` : ''}`, ''];
  if (m.content !== '') out.push(fence(cut(m.content, max)), '');
  for (const c of m.toolCalls ?? []) {
    out.push(`Tool call ${code(c.name)}${c.id ? ` (${code(c.id)})` : ''}:`, '', fence(cut(JSON.stringify(c.arguments ?? {}, null, 2), max), 'json'), '');
  }
  return out;
}

function stepLines(step: Step, index: number, parentIndex: number | undefined, currency: string, max: number, previous: LlmMessage[] | undefined): string[] {
  const facts = [step.status + (step.rawStatus ? ` (${code(step.rawStatus)})` : ''), durationText(step)];
  const tok = stepTokens(step);
  if (tok > 0) facts.push(`${tok} tokens`);
  if (step.cost.total > 0) facts.push(moneyText(step.cost.total, currency));
  if (parentIndex !== undefined) facts.push(`in #${parentIndex}`);
  const out = [`### #${index} ${step.kind} ${code(step.name)}`, '', facts.join(' · '), ''];
  let parts = stepParts(step);
  if (step.detail.kind === 'llm' && previous && previous.length > 0) {
    const msgs = step.detail.messages;
    let same = 0;
    while (same < previous.length && same < msgs.length && sameMessage(previous[same]!, msgs[same]!)) same++;
    if (same > 1) {
      let skipped = 0;
      parts = parts.filter((p) => !(p.kind === 'message' && skipped < same && ++skipped));
      out.push(`*(${same} earlier messages as in the previous LLM call)*`, '');
    }
  }
  for (const p of parts) {
    if (p.kind === 'field') out.push(`**${p.label}:** ${code(p.value)}`, '');
    else if (p.kind === 'block') out.push(`**${p.label}:**`, '', fence(cut(p.value, max), p.lang ?? ''), '');
    else out.push(...messageLines(p.message, max));
  }
  return out;
}

export function traceMarkdown(trace: Trace, opts: MarkdownOptions = {}): string {
  const max = opts.maxValueChars ?? 4000;
  const maxSteps = opts.maxSteps ?? 500;
  const { steps, depth } = indexSteps(trace);
  let first = 0;
  let last = steps.length;
  let sub: Step | undefined;
  if (opts.stepId !== undefined) {
    first = steps.findIndex((s) => s.id === opts.stepId);
    if (first < 0) throw new Error(`This trace has no step ${opts.stepId}.`);
    sub = steps[first]!;
    last = first + 1;
    while (last < steps.length && depth[last]! > depth[first]!) last++;
  }
  const chosen = steps.slice(first, last);
  const out = header(trace, chosen, sub);
  // Parents by index, from the depths (pre-order): the nearest earlier step one level up.
  const parentAt: number[] = [];
  const open: number[] = [];
  let previous: LlmMessage[] | undefined;
  const end = Math.min(last, first + maxSteps);
  for (let i = first; i < end; i++) {
    const d = depth[i]!;
    open.length = d;
    parentAt[i] = d > 0 && open[d - 1] !== undefined && open[d - 1]! >= first ? open[d - 1]! : -1;
    open[d] = i;
    const s = steps[i]!;
    out.push('', ...stepLines(s, i, parentAt[i]! >= 0 ? parentAt[i] : undefined, trace.currency, max, previous));
    if (s.detail.kind === 'llm' && s.detail.messages.length > 0) previous = s.detail.messages;
    while (out.at(-1) === '') out.pop();
  }
  if (trace.result && !sub) out.push('', '## Result', '', fence(cut(resultTextOf(trace), max), trace.result.json !== undefined && !trace.result.text ? 'json' : ''));
  if (end < last) out.push('', `*${last - end} more steps not included (the first ${maxSteps} are).*`);
  return `${out.join('\n')}\n`;
}

function resultTextOf(trace: Trace): string {
  const r = trace.result!;
  if (r.text) return r.text;
  if (r.json !== undefined) return JSON.stringify(r.json, null, 2);
  return r.fileLink ?? '';
}
