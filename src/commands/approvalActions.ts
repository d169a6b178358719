import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { ApprovalClosedError } from '../api/fruxon/approvals';
import type { ApprovalAction } from '../api/fruxon/approvals';
import type { ConnectionManager } from '../connections/connectionManager';
import { proposalSummary } from '../model/approvals';
import type { TracePanels } from '../panels/tracePanels';
import type { Logger } from '../util/logger';
import type { ApprovalsMonitor } from '../views/approvalsMonitor';
import { describeError } from '../views/errors';
import { noLinks } from '../views/markdown';
import type { ApprovalTarget } from '../views/nodes/approvalsNode';
import type { RunTracker } from '../views/runStatus';
import { followRun } from './approvalFollow';
import { joinSentences } from '../shared/text';

export interface AnswerOptions {
  /** Skip the confirmation (the caller already asked: another extension, a test). */
  confirmed?: boolean;
  /** Reject: the message for the agent; skips asking for one. */
  message?: string;
}

/** What an answer came to (for other extensions and tests; the UI says the same in words). */
export interface AnswerResult {
  outcome: 'answered' | 'closed' | 'aborted' | 'busy' | 'error';
  /** For `closed`: answered, expired, cancelled or gone. */
  reason?: string;
  message?: string;
}

const VERB: Record<ApprovalAction, { doing: string; done: string }> = {
  APPROVE: { doing: 'Approving', done: 'Approved' },
  REJECT: { doing: 'Rejecting', done: 'Rejected' },
  CANCEL: { doing: 'Cancelling', done: 'Cancelled' },
};

/**
 * Approve, reject or cancel one request: ask, send once, say what happened, and bring everything that shows
 * the request or its run up to date (tree, badge, trace panel, run status). A second click while the first is
 * being asked or sent does nothing: one request per answer.
 */
export class ApprovalActions {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly monitor: ApprovalsMonitor,
    private readonly panels: TracePanels,
    private readonly tracker: RunTracker,
    private readonly log: Logger,
  ) {}

  async answer(target: ApprovalTarget, action: ApprovalAction, o: AnswerOptions = {}): Promise<AnswerResult> {
    const t = this.complete(target);
    const key = `${t.connection}|${t.approvalId}`;
    if (this.inFlight.has(key)) return { outcome: 'busy' };
    this.inFlight.add(key);
    try {
      const message = await this.confirm(t, action, o);
      if (message === undefined) return { outcome: 'aborted' };
      return await this.send(t, action, message);
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** A target from the trace panel carries only ids: what the monitor knows fills in the words. */
  private complete(t: ApprovalTarget): ApprovalTarget {
    if (t.proposal && t.executionRecordId) return t;
    const a = this.monitor.pending(t.connection)?.find((x) => x.id === t.approvalId);
    if (!a) return t;
    return { ...t, ...(t.proposal ? {} : { proposal: proposalSummary(a) }), ...(t.executionRecordId || !a.executionRecordId ? {} : { executionRecordId: a.executionRecordId }) };
  }

  /** Undefined: the person backed out. '' : go, with no message. */
  private async confirm(t: ApprovalTarget, action: ApprovalAction, o: AnswerOptions): Promise<string | undefined> {
    const what = t.proposal ? `"${t.proposal}"` : `request ${t.approvalId}`;
    const who = t.agentName ?? t.agentId;
    if (action === 'REJECT') {
      if (o.message !== undefined || o.confirmed) return o.message ?? '';
      return vscode.window.showInputBox({
        title: `Reject ${what} (${who})`,
        prompt: 'Optional message for the agent. Enter rejects; Escape keeps the request pending.',
        placeHolder: 'Why not? (optional)',
        ignoreFocusOut: true,
      });
    }
    if (o.confirmed) return '';
    const button = action === 'APPROVE' ? 'Approve' : 'Cancel Request';
    const detail = action === 'APPROVE'
      ? `${who} goes on and does what it proposed. The answer is sent once and cannot be taken back.`
      : `Nobody can answer it afterwards, and ${who}'s run does not go on.`;
    const question = action === 'APPROVE' ? `Approve ${what}?` : `Cancel the approval request ${what}?`;
    const choice = await vscode.window.showWarningMessage(noLinks(question), { modal: true, detail: noLinks(detail) }, button);
    return choice === button ? '' : undefined;
  }

  private async send(t: ApprovalTarget, action: ApprovalAction, message: string): Promise<AnswerResult> {
    const client = await this.connections.client(t.connection);
    if (!client) {
      const text = 'Sign in to this Fruxon connection first.';
      void vscode.window.showErrorMessage(text, 'Sign In').then((c) => c && vscode.commands.executeCommand('agentlens.signIn'));
      return { outcome: 'error', message: text };
    }
    const label = t.proposal ?? t.approvalId;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `${VERB[action].doing} ${label}` }, () =>
        action === 'CANCEL' ? client.cancelApproval(t.agentId, t.approvalId)
          : client.respondToApproval(t.agentId, t.approvalId, action, message || undefined));
    } catch (e) {
      return this.failed(t, e);
    }
    this.log.info(`${VERB[action].done.toLowerCase()} approval ${t.approvalId} of ${t.agentId}`);
    this.afterwards(t);
    const text = `${VERB[action].done}: ${label}.${action === 'APPROVE' ? ' The run goes on.' : ''}`;
    vscode.window.setStatusBarMessage(`$(check) ${text}`, 5000);
    return { outcome: 'answered', message: text };
  }

  private failed(t: ApprovalTarget, e: unknown): AnswerResult {
    if (e instanceof ApprovalClosedError) {
      const text = `${e.message}${t.proposal ? ` (${t.proposal})` : ''} The list has been refreshed.`;
      void vscode.window.showWarningMessage(noLinks(text));
      this.afterwards(t);
      return { outcome: 'closed', reason: e.reason, message: text };
    }
    this.log.error(`answering approval ${t.approvalId} failed`, e);
    const { message } = describeError(e);
    const reached = e instanceof ApiError && e.mayHaveReachedServer;
    const text = reached
      ? joinSentences(message, 'The answer may have been recorded; it was not sent again. Refresh to see where the request stands.')
      : joinSentences(message, 'Nothing was sent.');
    void vscode.window.showErrorMessage(noLinks(text), 'Refresh').then((c) => c && this.afterwards(t));
    return { outcome: 'error', message: text };
  }

  /** Everything that shows this request or its run catches up. */
  private afterwards(t: ApprovalTarget): void {
    this.monitor.forget(t.connection, t.approvalId);
    void this.monitor.refresh();
    if (!t.executionRecordId) return;
    const origin = { kind: 'fruxon' as const, connection: t.connection, agentId: t.agentId, executionRecordId: t.executionRecordId };
    void this.panels.get(origin)?.refresh();
    void followRun(this.connections, this.tracker, origin, this.log);
  }
}
