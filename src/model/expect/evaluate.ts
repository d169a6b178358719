// Checks an execution's facts against a run file's expectations: one verdict per check, with expected and actual
// as text (VS Code shows them as a diff) and where the check is written. Pure: no `vscode`.
import { errorSteps, walk } from '../rollup';
import type { Trace } from '../types';
import { compareWithBaseline, toolId, toolSteps, type BaselineComparison } from './baseline';
import { validateJsonSchema } from './jsonSchema';
import { deepEqual, parseJsonPath, readJsonPath } from './jsonPath';
import type { Check, ExecutionFacts, Verdict } from './types';

/** What the runner found for a baseline check: the baseline's trace, or why it could not be read. */
export type BaselineInput = { readonly trace: Trace } | { readonly problem: string };

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2) ?? String(v));
const money = (n: number, currency = 'USD'): string => (currency === 'USD' ? `$${n.toFixed(n < 0.01 ? 6 : 4)}` : `${n.toFixed(4)} ${currency}`);
const ms = (n: number): string => (n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(2)} s`);

/** The answer parsed as JSON, when it is JSON. */
function outputJson(output: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (output === undefined) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(output) };
  } catch {
    return { ok: false };
  }
}

export function evaluate(checks: readonly Check[], facts: ExecutionFacts, baseline?: BaselineInput): Verdict[] {
  return checks.map((c) => {
    const v = (pass: boolean, message: string, expected?: unknown, actual?: unknown): Verdict => ({
      kind: c.kind, path: c.path, line: c.line, column: c.column, pass, message,
      ...(expected !== undefined ? { expected: show(expected) } : {}), ...(actual !== undefined ? { actual: show(actual) } : {}),
    });
    const noTrace = (): Verdict => v(false, `Cannot check ${c.path}: ${facts.traceProblem ?? 'the execution\'s trace could not be read'}.`);
    switch (c.kind) {
      case 'status': {
        const actual = facts.status ?? '(no status)';
        const pass = c.expected.some((s) => s.toUpperCase() === actual.toUpperCase());
        return v(pass, pass ? `status is ${actual}` : `Expected status ${c.expected.join(' or ')}, got ${actual}.`, c.expected.join(' | '), actual);
      }
      case 'noErrors': {
        const found = [...facts.errors];
        if (/FAIL|ERROR/i.test(facts.status ?? '')) found.push(`status ${facts.status}`);
        if (facts.trace) for (const s of errorSteps(facts.trace.roots)) found.push(`${s.name}: ${s.error ?? 'failed'}`);
        else if (found.length === 0) return noTrace();
        return v(found.length === 0, found.length === 0 ? 'no errors' : `Expected no errors, found ${found.length}: ${found[0]}${found.length > 1 ? ' …' : ''}`,
          found.length ? '(no errors)' : undefined, found.length ? found.join('\n') : undefined);
      }
      case 'outputEquals': {
        if (typeof c.expected === 'string') {
          const pass = facts.output === c.expected;
          return v(pass, pass ? 'the answer is as expected' : 'The answer differs from the expected text.', c.expected, facts.output ?? '(no answer)');
        }
        const j = outputJson(facts.output);
        const pass = j.ok && deepEqual(j.value, c.expected);
        return v(pass, pass ? 'the answer is as expected' : j.ok ? 'The JSON answer differs from the expected value.' : 'Expected a JSON answer; the answer is not JSON.',
          c.expected, j.ok ? j.value : facts.output ?? '(no answer)');
      }
      case 'outputContains': {
        const out = facts.output ?? '';
        const norm = (s: string): string => (c.ignoreCase ? s.toLowerCase() : s);
        const missing = c.expected.filter((s) => !norm(out).includes(norm(s)));
        return v(missing.length === 0, missing.length === 0 ? 'the answer contains what it should'
          : `The answer does not contain ${missing.map((m) => JSON.stringify(m)).join(', ')}${c.ignoreCase ? ' (ignoring case)' : ''}.`,
        missing.length ? c.expected.map((s) => `…${s}…`).join('\n') : undefined, missing.length ? facts.output ?? '(no answer)' : undefined);
      }
      case 'outputMatches': {
        const pass = new RegExp(c.pattern, c.ignoreCase ? 'iu' : 'u').test(facts.output ?? '');
        return v(pass, pass ? `the answer matches /${c.pattern}/` : `The answer does not match /${c.pattern}/${c.ignoreCase ? 'i' : ''}.`,
          pass ? undefined : `/${c.pattern}/`, pass ? undefined : facts.output ?? '(no answer)');
      }
      case 'outputJsonSchema': {
        const j = outputJson(facts.output);
        if (!j.ok) return v(false, 'Expected a JSON answer matching the schema; the answer is not JSON.', c.schema, facts.output ?? '(no answer)');
        const errs = validateJsonSchema(c.schema, j.value);
        return v(errs.length === 0, errs.length === 0 ? 'the answer matches the schema' : `The answer does not match the schema: ${errs[0]}${errs.length > 1 ? ` (and ${errs.length - 1} more)` : ''}.`,
          errs.length ? c.schema : undefined, errs.length ? `${errs.join('\n')}\n\n${show(j.value)}` : undefined);
      }
      case 'outputJsonPath': {
        const j = outputJson(facts.output);
        if (!j.ok) return v(false, `Expected a JSON answer to read ${c.jsonPath}; the answer is not JSON.`, c.expected, facts.output ?? '(no answer)');
        const got = readJsonPath(j.value, parseJsonPath(c.jsonPath));
        const pass = got.found && deepEqual(got.value, c.expected);
        return v(pass, pass ? `${c.jsonPath} is as expected` : got.found ? `${c.jsonPath} differs from the expected value.` : `The answer has nothing at ${c.jsonPath}.`,
          c.expected, got.found ? got.value : '(nothing there)');
      }
      case 'maxCostUsd': case 'maxTokens': case 'maxDurationMs': case 'maxLlmCalls': {
        const actual = c.kind === 'maxCostUsd' ? facts.cost : c.kind === 'maxTokens' ? facts.tokens : c.kind === 'maxDurationMs' ? facts.durationMs : llmCalls(facts.trace);
        if (actual === undefined) return c.kind === 'maxLlmCalls' ? noTrace() : v(false, `Cannot check ${c.path}: the execution did not report it.`);
        const f = (n: number): string => (c.kind === 'maxCostUsd' ? money(n, facts.currency) : c.kind === 'maxDurationMs' ? ms(n) : String(n));
        const what = { maxCostUsd: 'cost', maxTokens: 'tokens', maxDurationMs: 'duration', maxLlmCalls: 'LLM calls' }[c.kind];
        const pass = actual <= c.limit;
        return v(pass, pass ? `${what} ${f(actual)} ≤ ${f(c.limit)}` : `Over budget: ${what} ${f(actual)} > ${f(c.limit)}.`, `≤ ${f(c.limit)}`, f(actual));
      }
      case 'toolsCalled': {
        if (!facts.trace) return noTrace();
        const seq = toolSteps(facts.trace);
        const called = seq.map(toolId);
        const matches = (want: string, i: number): boolean => toolMatches(want, seq[i]);
        const missing = c.tools.filter((t) => !seq.some((_, i) => matches(t, i)));
        let pass = missing.length === 0;
        let message = pass ? 'every expected tool was called' : `Expected ${missing.map((m) => JSON.stringify(m)).join(', ')} to be called; ${missing.length > 1 ? 'they were' : 'it was'} not.`;
        if (pass && c.inOrder) {
          // In order: the expected tools are a subsequence of the calls (other calls may come between them).
          let i = 0;
          for (const want of c.tools) {
            while (i < seq.length && !matches(want, i)) i++;
            if (i >= seq.length) {
              pass = false;
              message = `The tools were not called in the expected order (${JSON.stringify(want)} did not come after the ones before it).`;
              break;
            }
            i++;
          }
          if (pass) message = 'the expected tools were called in order';
        }
        return v(pass, message, c.tools.join('\n'), called.join('\n') || '(no tool calls)');
      }
      case 'toolsNotCalled': {
        if (!facts.trace) return noTrace();
        const seq = toolSteps(facts.trace);
        const bad = c.tools.filter((t) => seq.some((s) => toolMatches(t, s)));
        return v(bad.length === 0, bad.length === 0 ? 'none of the forbidden tools was called' : `${bad.map((b) => JSON.stringify(b)).join(', ')} should not have been called.`,
          bad.length ? `(none of ${c.tools.join(', ')})` : undefined, bad.length ? seq.map(toolId).join('\n') : undefined);
      }
      case 'baseline': {
        if (!baseline || 'problem' in baseline) return v(false, `Cannot compare with the baseline: ${baseline?.problem ?? 'it was not read'}.`);
        if (!facts.trace) return noTrace();
        return baselineVerdict(compareWithBaseline(baseline.trace, facts.trace, c.tolerancePct), c.tolerancePct, facts.currency, v);
      }
    }
  });
}

function toolMatches(want: string, s: ReturnType<typeof toolSteps>[number] | undefined): boolean {
  if (!s) return false;
  const w = want.toLowerCase();
  const names = [s.name, s.detail.kind === 'tool' ? s.detail.tool : undefined, s.detail.kind === 'tool' ? s.detail.toolKey : undefined];
  return names.some((n) => n?.toLowerCase() === w);
}

function llmCalls(trace: Trace | undefined): number | undefined {
  if (!trace) return undefined;
  let n = 0;
  walk(trace.roots, (s) => void (s.kind === 'llm' && n++));
  return n;
}

function baselineVerdict(cmp: BaselineComparison, tol: number, currency: string | undefined,
  v: (pass: boolean, message: string, expected?: unknown, actual?: unknown) => Verdict): Verdict {
  const problems: string[] = [];
  if (cmp.toolDivergence) {
    const d = cmp.toolDivergence;
    const what = d.moved ? `this run called ${d.current} at another point than the baseline did`
      : d.baseline === undefined ? `this run called ${d.current}, which the baseline did not`
        : d.current === undefined ? `the baseline called ${d.baseline}, which this run did not`
          : `the baseline called ${d.baseline}, this run ${d.current}`;
    problems.push(`tool choice diverges at call ${d.index + 1}: ${what}`);
  }
  for (const g of cmp.growth) {
    const f = (n: number): string => (g.metric === 'cost' ? money(n, currency) : g.metric === 'durationMs' ? ms(n) : String(n));
    problems.push(`${g.metric === 'durationMs' ? 'duration' : g.metric} grew ${Number.isFinite(g.pct) ? `${g.pct.toFixed(0)}%` : 'from 0'} (${f(g.baseline)} → ${f(g.current)}; tolerance ${tol}%)`);
  }
  if (problems.length === 0) return v(true, `matches the baseline (same ${cmp.currentTools.length} tool calls; within ${tol}%)`);
  const growthText = (list: BaselineComparison['growth'], side: 'baseline' | 'current'): string[] => list.map((g) => `${g.metric}: ${g[side]}`);
  return v(false, `Regressed against the baseline: ${problems.join('; ')}.`,
    ['tools:', ...cmp.baselineTools, ...growthText(cmp.growth, 'baseline')].join('\n'),
    ['tools:', ...cmp.currentTools, ...growthText(cmp.growth, 'current')].join('\n'));
}
