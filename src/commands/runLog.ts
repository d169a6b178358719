import type * as vscode from 'vscode';
import type { RunOutcome } from '../api/fruxon/run';
import type { RunEvent } from '../api/fruxon/stream';
import { formatCost, formatDuration, formatTokens } from '../views/format';

const clip = (s: string, n = 200): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const brief = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  return clip(typeof v === 'string' ? v : JSON.stringify(v) ?? '');
};

/** The "AgentLens Runs" output: each run's events as they arrive, text deltas inline. Untrusted text only. */
export class RunLog {
  constructor(private readonly channel: vscode.OutputChannel) {}

  show(): void {
    this.channel.show(true);
  }

  begin(label: string, file: string, unsaved: boolean): RunLogger {
    const time = (): string => new Date().toISOString().slice(11, 19);
    let inText = false;
    const line = (s: string): void => {
      if (inText) this.channel.appendLine('');
      inText = false;
      this.channel.appendLine(`[${time()}] ${s}`);
    };
    line(`▶ ${label} with ${file}${unsaved ? ' (unsaved editor contents)' : ''}`);
    return {
      note: (s) => line(`  ${s}`),
      event: (e) => {
        switch (e.type) {
          case 'text':
            if (!inText) this.channel.append(`[${time()}]   ✎ `);
            inText = true;
            this.channel.append(e.delta.replace(/\r?\n/g, '\n      '));
            return;
          case 'start': return line('  started');
          case 'tool_call': return line(`  ⚙ ${e.name}(${brief(e.arguments)})`);
          case 'tool_result': return line(`  ↳ ${e.name ?? 'tool'} ${e.status === 'ERROR' ? `failed: ${e.error ?? ''}` : brief(e.result)}`);
          case 'status': return line(`  status ${e.status}${e.humanApprovalRequestId ? ` (approval request ${e.humanApprovalRequestId})` : ''}`);
          case 'usage': return line(`  usage ${[e.inputTokens !== undefined ? `${e.inputTokens} in` : '', e.outputTokens !== undefined ? `${e.outputTokens} out` : '', e.totalCost !== undefined ? formatCost(e.totalCost) : ''].filter(Boolean).join(', ')}`);
          case 'error': return line(`  ✖ ${e.message}`);
          case 'done': return line(`  done: ${e.status ?? ''}${e.executionRecordId ? ` · record ${e.executionRecordId}` : ''}`);
          case 'unknown': return line(`  (event "${e.event}" ignored)`);
        }
      },
      finish: (o, s) => {
        if (o.via === 'execute' && o.response) line(`  response: ${clip(o.response, 2000)}`);
        line(`■ ${o.status ?? 'done'} in ${formatDuration(s.durationMs)}${s.tokens !== undefined ? ` · ${formatTokens(s.tokens)}` : ''}${s.cost !== undefined ? ` · ${formatCost(s.cost)}` : ''}${o.executionRecordId ? ` · record ${o.executionRecordId}` : ''} (via :${o.via})`);
      },
    };
  }
}

export interface RunLogger {
  note(s: string): void;
  event(e: RunEvent): void;
  finish(o: RunOutcome, s: { durationMs: number; tokens?: number; cost?: number }): void;
}
