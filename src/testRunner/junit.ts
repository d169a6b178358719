// JUnit XML for CI systems (GitHub Actions reporters, GitLab, Jenkins, Azure): <testsuites> with one <testsuite>
// per folder, one <testcase> per run file; a failed expectation is a <failure>, a test that could not run an
// <error>, a cancelled one <skipped>. Pure: no `vscode`.
import type { TestResult } from './types';

// XML 1.0 cannot carry most control characters at all, even escaped.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const xmlEscape = (s: string): string =>
  s.replace(INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const secs = (ms: number): string => (ms / 1000).toFixed(3);
const folderOf = (name: string): string => {
  const i = name.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '.' : name.slice(0, i).replace(/\\/g, '/');
};

/** The failure text of a result: each failing expectation with where it is written, expected and actual. */
export function failureDetail(r: TestResult): string {
  const lines: string[] = [];
  for (const v of r.verdicts.filter((x) => !x.pass)) {
    lines.push(`${r.name}:${v.line}:${v.column} ${v.path}: ${v.message}`);
    if (v.expected !== undefined) lines.push(`  expected: ${v.expected.replace(/\n/g, '\n            ')}`);
    if (v.actual !== undefined) lines.push(`  actual:   ${v.actual.replace(/\n/g, '\n            ')}`);
  }
  return lines.join('\n');
}

export function toJUnit(results: readonly TestResult[], o: { name?: string; timestamp?: Date } = {}): string {
  const suites = new Map<string, TestResult[]>();
  for (const r of results) {
    const key = folderOf(r.name);
    suites.set(key, [...(suites.get(key) ?? []), r]);
  }
  const count = (list: readonly TestResult[]) => ({
    tests: list.length,
    failures: list.filter((r) => r.outcome === 'failed').length,
    errors: list.filter((r) => r.outcome === 'errored').length,
    skipped: list.filter((r) => r.outcome === 'cancelled').length,
    time: secs(list.reduce((n, r) => n + r.durationMs, 0)),
  });
  const attrs = (a: Record<string, string | number>): string => Object.entries(a).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');
  const stamp = (o.timestamp ?? new Date()).toISOString().replace(/\.\d+Z$/, '');
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: o.name ?? 'agentlens', ...count(results) })}>`];
  for (const [folder, list] of suites) {
    out.push(`  <testsuite${attrs({ name: folder, ...count(list), timestamp: stamp })}>`);
    for (const r of list) {
      const e = r.execution;
      out.push(`    <testcase${attrs({ name: r.name.slice(folder === '.' ? 0 : folder.length + 1), classname: folder === '.' ? 'agentlens' : folder.replace(/[/\\]/g, '.'), file: r.name, ...(r.expectLine ? { line: r.expectLine } : {}), time: secs(r.durationMs) })}>`);
      if (r.outcome === 'failed') {
        const first = r.verdicts.find((v) => !v.pass);
        out.push(`      <failure${attrs({ message: first?.message ?? 'failed', type: first?.kind ?? 'expectation' })}>${xmlEscape(failureDetail(r))}</failure>`);
      } else if (r.outcome === 'errored') {
        const where = r.error?.line !== undefined ? `${r.name}:${r.error.line}:${r.error.column ?? 1} ` : '';
        out.push(`      <error${attrs({ message: r.error?.message ?? 'error', type: r.error?.sent ? 'executionError' : 'notRun' })}>${xmlEscape(`${where}${r.error?.message ?? ''}`)}</error>`);
      } else if (r.outcome === 'cancelled') {
        out.push(`      <skipped${attrs({ message: r.error?.message ?? 'cancelled' })}/>`);
      }
      if (e) {
        const facts = [`agent ${e.agentId}`, e.executionRecordId ? `execution ${e.executionRecordId}` : '', e.status ? `status ${e.status}` : '',
          e.durationMs !== undefined ? `duration ${e.durationMs} ms` : '', e.tokens !== undefined ? `tokens ${e.tokens}` : '', e.cost !== undefined ? `cost ${Number(e.cost.toFixed(6))} ${e.currency ?? ''}`.trim() : ''];
        out.push(`      <system-out>${xmlEscape(facts.filter(Boolean).join('\n'))}</system-out>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
