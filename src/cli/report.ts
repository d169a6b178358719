// What `agentlens test` prints: a progress line while tests run (rewritten in place on a terminal, one line per
// finished test otherwise) and a readable summary. Pure: writes to the streams it is given.
import { failureDetail } from '../testRunner/junit';
import type { TestResult } from '../testRunner/types';

export interface Out { write(s: string): unknown; isTTY?: boolean }

const mark = { passed: '✓', failed: '✗', errored: '!', cancelled: '-' } as const;

export function describeFacts(r: TestResult): string {
  const e = r.execution;
  if (!e) return '';
  const parts = [e.status, e.durationMs !== undefined ? `${(e.durationMs / 1000).toFixed(1)} s` : undefined,
    e.tokens !== undefined ? `${e.tokens} tokens` : undefined, e.cost !== undefined ? (e.currency === 'USD' || !e.currency ? `$${e.cost.toFixed(4)}` : `${e.cost.toFixed(4)} ${e.currency}`) : undefined];
  return parts.filter(Boolean).join(' · ');
}

export class Progress {
  private done = 0;
  private running = 0;
  private failed = 0;
  private lineShown = false;

  constructor(private readonly out: Out, private readonly total: number) {}

  started(): void {
    this.running++;
    this.draw();
  }

  finished(r: TestResult): void {
    this.running = Math.max(0, this.running - 1);
    this.done++;
    if (r.outcome !== 'passed') this.failed++;
    this.clear();
    const facts = describeFacts(r);
    this.out.write(`${mark[r.outcome]} ${r.name}${facts ? `  (${facts})` : ''}${r.outcome === 'passed' ? '' : `  ${r.outcome.toUpperCase()}`}\n`);
    this.draw();
  }

  end(): void {
    this.clear();
  }

  private draw(): void {
    if (!this.out.isTTY) return;
    this.out.write(`\r\x1b[K[${this.done}/${this.total}] ${this.running} running${this.failed ? `, ${this.failed} not passed` : ''}…`);
    this.lineShown = true;
  }

  private clear(): void {
    if (this.lineShown) this.out.write('\r\x1b[K');
    this.lineShown = false;
  }
}

export function summary(results: readonly TestResult[], wallMs: number): string {
  const n = (o: TestResult['outcome']): number => results.filter((r) => r.outcome === o).length;
  const lines: string[] = [];
  for (const r of results) {
    if (r.outcome === 'failed') lines.push('', `FAILED ${r.name}`, failureDetail(r));
    else if (r.outcome === 'errored') lines.push('', `ERROR ${r.name}${r.error?.line !== undefined ? `:${r.error.line}:${r.error.column ?? 1}` : ''}`, `  ${r.error?.message ?? ''}`);
    if (r.execution?.executionRecordId && r.outcome !== 'passed') lines.push(`  execution: ${r.execution.agentId}/${r.execution.executionRecordId}`);
  }
  const cost = results.reduce((s, r) => s + (r.execution?.cost ?? 0), 0);
  const parts = [`${n('passed')} passed`, n('failed') ? `${n('failed')} failed` : '', n('errored') ? `${n('errored')} errored` : '', n('cancelled') ? `${n('cancelled')} cancelled` : ''];
  lines.push('', `${parts.filter(Boolean).join(', ')} of ${results.length} in ${(wallMs / 1000).toFixed(1)} s · total cost $${cost.toFixed(4)}`, '');
  return lines.join('\n');
}
