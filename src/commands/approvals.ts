import * as vscode from 'vscode';
import type { ApprovalAction } from '../api/fruxon/approvals';
import type { ConnectionManager } from '../connections/connectionManager';
import { proposalSummary } from '../model/approvals';
import { registerCommand } from '../registry';
import type { Logger } from '../util/logger';
import type { AgentsTreeProvider } from '../views/agentsView';
import type { ApprovalsMonitor } from '../views/approvalsMonitor';
import { ApprovalNode, type ApprovalTarget } from '../views/nodes/approvalsNode';
import type { TreeNode } from '../views/nodes/base';
import { noLinks } from '../views/markdown';
import type { AnswerOptions, AnswerResult, ApprovalActions } from './approvalActions';
import { pickConnection } from './auth';

/** Notifications shown (newest last), for other extensions and tests: what a person was told. */
export interface ApprovalNotice { readonly text: string; readonly target: ApprovalTarget; readonly own: boolean }

/**
 * Approve / Reject / Cancel on a tree item (or the selection, or a `{connection?, agentId, approvalId}`
 * object), and the notifications: one when a run started from AgentLens pauses at a gate, and (setting
 * `agentlens.approvals.notifyOthers`) one for each other new request the monitor sees.
 */
export class ApprovalCommands implements vscode.Disposable {
  readonly notices: ApprovalNotice[] = [];
  private readonly noticed = new vscode.EventEmitter<ApprovalNotice>();
  readonly onDidNotify = this.noticed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Requests of runs AgentLens started (they get their own notification). */
  private readonly own = new Set<string>();

  constructor(
    private readonly actions: ApprovalActions,
    private readonly monitor: ApprovalsMonitor,
    private readonly connections: ConnectionManager,
    private readonly tree: AgentsTreeProvider,
    private readonly view: vscode.TreeView<TreeNode>,
    private readonly log: Logger,
  ) {
    const command = (action: ApprovalAction) => async (arg?: unknown, options?: AnswerOptions): Promise<AnswerResult> => {
      const t = await this.target(arg);
      if (!t) return { outcome: 'aborted' };
      const fromArg = arg && typeof arg === 'object' && !(arg instanceof ApprovalNode) ? (arg as AnswerOptions) : {};
      return this.actions.answer(t, action, { ...pick(fromArg), ...pick(options ?? {}) });
    };
    this.disposables.push(
      registerCommand('agentlens.approveApproval', command('APPROVE')),
      registerCommand('agentlens.rejectApproval', command('REJECT')),
      registerCommand('agentlens.cancelApproval', command('CANCEL')),
      monitor.onDidSeeNew(({ connection, approval }) => {
        if (!vscode.workspace.getConfiguration('agentlens').get<boolean>('approvals.notifyOthers', true) || !approval.agentId) return;
        if (this.own.has(approval.id)) return;
        const agentName = this.agentName(connection, approval.agentId);
        this.notify({
          connection, agentId: approval.agentId, approvalId: approval.id, proposal: proposalSummary(approval), agentName,
          ...(approval.executionRecordId ? { executionRecordId: approval.executionRecordId } : {}),
        }, false);
      }),
    );
  }

  /**
   * A run AgentLens started came back paused: its request is ours, not "new" to the monitor. Called as soon
   * as the run answers, before the trace opens, so a reload meanwhile does not announce it as someone else's.
   */
  expect(connection: string, approvalId: string): void {
    this.own.add(approvalId);
    this.monitor.announce(connection, approvalId);
  }

  /** A run AgentLens started paused at a gate: say what it asks, with Approve / Reject / Open. */
  async runPaused(connection: string, agentId: string, approvalId: string, executionRecordId: string | undefined): Promise<ApprovalNotice> {
    this.expect(connection, approvalId);
    let proposal: string | undefined;
    let agentName = this.agentName(connection, agentId);
    const client = await this.connections.client(connection);
    try {
      if (agentName === agentId && client) agentName = (await client.getAgent(agentId)).displayName || agentId;
    } catch {
      // The id names it well enough.
    }
    try {
      const page = await client?.listAgentApprovals(agentId, { pageSize: 100 });
      const a = page?.items.find((x) => x.id === approvalId);
      if (a) proposal = proposalSummary(a);
    } catch (e) {
      this.log.debug(`reading approval ${approvalId} failed; the notification goes without its proposal: ${e instanceof Error ? e.message : String(e)}`);
    }
    void this.monitor.refresh();
    return this.notify({
      connection, agentId, approvalId, agentName,
      ...(proposal ? { proposal } : {}), ...(executionRecordId ? { executionRecordId } : {}),
    }, true);
  }

  private notify(t: ApprovalTarget, own: boolean): ApprovalNotice {
    // API text: shown as it came, but never as a link (see noLinks).
    const text = noLinks(`${t.agentName ?? t.agentId} waits for approval: ${t.proposal ?? `request ${t.approvalId}`}`);
    const notice: ApprovalNotice = { text, target: t, own };
    this.notices.push(notice);
    if (this.notices.length > 50) this.notices.shift();
    this.noticed.fire(notice);
    const open = t.executionRecordId ? ['Open'] : [];
    void vscode.window.showInformationMessage(text, 'Approve', 'Reject', ...open).then((c) => {
      if (c === 'Approve') return this.actions.answer(t, 'APPROVE');
      if (c === 'Reject') return this.actions.answer(t, 'REJECT');
      if (c === 'Open') return vscode.commands.executeCommand('agentlens.openExecution', { connection: t.connection, agentId: t.agentId, executionRecordId: t.executionRecordId });
      return undefined;
    });
    return notice;
  }

  private agentName(connection: string, agentId: string): string {
    const a = this.tree.findAgent(connection, agentId)?.agent;
    return a?.displayName || agentId;
  }

  private async target(arg: unknown): Promise<ApprovalTarget | undefined> {
    if (arg instanceof ApprovalNode) return arg.target;
    if (arg && typeof arg === 'object') {
      const o = arg as Partial<ApprovalTarget>;
      if (typeof o.agentId === 'string' && typeof o.approvalId === 'string') {
        const connection = o.connection ?? (await pickConnection(this.connections, 'Which connection is this approval on?', 'fruxon'));
        if (!connection) return undefined;
        if (!this.connections.find(connection)) throw new Error(`No AgentLens connection "${connection}". Sign in first.`);
        return { ...o, connection, agentId: o.agentId, approvalId: o.approvalId };
      }
    }
    const selected = this.view.selection.find((n): n is ApprovalNode => n instanceof ApprovalNode);
    if (selected?.target) return selected.target;
    void vscode.window.showInformationMessage('Select a pending approval in the AgentLens view first (Agents → Approvals).');
    return undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.noticed.dispose();
  }
}

function pick(o: AnswerOptions): AnswerOptions {
  return { ...(o.confirmed !== undefined ? { confirmed: o.confirmed === true } : {}), ...(typeof o.message === 'string' ? { message: o.message } : {}) };
}
