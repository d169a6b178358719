import * as vscode from 'vscode';
import type { TestResult } from '../testRunner/types';
import { formatCost, formatDuration, formatTokens } from '../views/format';

// How a test result reads in VS Code: failures as TestMessages at the failing expectation's line (a diff when
// there is an expected and an actual), a link to the execution's trace (and the baseline's), the figures in the
// test's description and in the run's output.

const OPEN = 'agentlens.openExecution';
/** The compare feature's command (issue 15); linked only when this VS Code has it. */
export const COMPARE = 'agentlens.compareExecutions';
const link = (label: string, command: string, arg: unknown): string => `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;

/** Duration, cost and tokens of the execution, for the item's description and the output. */
export function resultDescription(r: TestResult): string {
  const e = r.execution;
  const parts = [
    e?.durationMs !== undefined ? formatDuration(e.durationMs) : formatDuration(r.durationMs),
    e?.cost !== undefined ? (e.currency && e.currency !== 'USD' ? `${e.cost.toFixed(4)} ${e.currency}` : formatCost(e.cost)) : undefined,
    e?.tokens !== undefined ? formatTokens(e.tokens) : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Links to the execution's trace and the baseline's, as Markdown (command links, trusted for those commands only). */
export function traceLinks(r: TestResult, connection: string | undefined, canCompare = false): string {
  const out: string[] = [];
  const e = r.execution;
  const current = e?.executionRecordId ? { connection, agentId: e.agentId, executionRecordId: e.executionRecordId } : undefined;
  if (current) out.push(link('Open the trace', OPEN, current));
  const b = r.baseline;
  const baseline = b?.kind === 'execution' ? { connection: b.connection ?? connection, agentId: b.agentId, executionRecordId: b.executionRecordId }
    : b?.kind === 'traceFile' ? vscode.Uri.file(b.path).toString() : undefined;
  if (current && baseline && canCompare) {
    out.push(`[Compare with the baseline](command:${COMPARE}?${encodeURIComponent(JSON.stringify([baseline, current]))})`);
  }
  if (b?.kind === 'execution') out.push(link('Open the baseline trace', OPEN, baseline));
  else if (b?.kind === 'traceFile') out.push(link('Open the baseline trace file', 'vscode.open', vscode.Uri.file(b.path)));
  return out.join(' · ');
}

const markdown = (text: string): vscode.MarkdownString => {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = { enabledCommands: [OPEN, COMPARE, 'vscode.open'] };
  return md;
};
// Untrusted text (answers, server messages) shown as written, never as Markdown.
const escapeMd = (s: string): string => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');

export function resultMessages(r: TestResult, uri: vscode.Uri, connection: string | undefined, canCompare = false): vscode.TestMessage[] {
  const links = traceLinks(r, connection, canCompare);
  const at = (line: number | undefined, column = 1): vscode.Location | undefined =>
    line !== undefined ? new vscode.Location(uri, new vscode.Position(line - 1, Math.max(0, column - 1))) : undefined;
  const messages: vscode.TestMessage[] = [];
  if (r.outcome === 'failed') {
    for (const v of r.verdicts.filter((x) => !x.pass)) {
      const text = markdown(`${escapeMd(v.message)}${messages.length === 0 && links ? `\n\n${links}` : ''}`);
      const m = v.expected !== undefined && v.actual !== undefined ? vscode.TestMessage.diff(text, v.expected, v.actual) : new vscode.TestMessage(text);
      m.location = at(v.line, v.column);
      messages.push(m);
    }
  } else if (r.outcome === 'errored' || r.outcome === 'cancelled') {
    const m = new vscode.TestMessage(markdown(`${escapeMd(r.error?.message ?? 'The test could not run.')}${links ? `\n\n${links}` : ''}`));
    m.location = at(r.error?.line ?? r.expectLine, r.error?.column);
    messages.push(m);
  }
  return messages;
}

/** The run's output for one test (the Test Results terminal wants CRLF). */
export function resultOutput(r: TestResult): string {
  const e = r.execution;
  const head = `${r.outcome.toUpperCase()} ${r.name}${e ? ` — ${e.agentId}${e.status ? ` ${e.status}` : ''} · ${resultDescription(r)}` : ''}`;
  const lines = [head];
  if (e?.executionRecordId) lines.push(`  execution ${e.executionRecordId}`);
  for (const v of r.verdicts) lines.push(`  ${v.pass ? '✓' : '✗'} ${v.path} (line ${v.line}): ${v.message}`);
  if (r.error) lines.push(`  ${r.error.message}`);
  return `${lines.join('\r\n')}\r\n`;
}
