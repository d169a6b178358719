import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AnswerResult } from '../../../src/commands/approvalActions';
import type { RunCommandResult } from '../../../src/commands/run';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes/base';
import { sim, simInfo, simRequests, type SimInfo } from './simAdmin';
import { until } from '../../support/patience';

// Human approvals in the real extension host against the simulator over HTTP: a run that pauses announces
// itself, answers go out once, and the tree, the badge, the trace panel and the run status follow.
type AnyNode = TreeNode & Record<string, unknown>;
const ctx = (n: TreeNode): string => String(n.getTreeItem().contextValue ?? '');

describe('Human approvals', () => {
  let api: AgentLensApi;
  let info: SimInfo;
  let connection: string;
  let dir: string;

  const fx = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${info.baseUrl}/v1/tenants/${info.tenant}${path}`, { ...init, headers: { 'X-API-KEY': info.apiKey, 'content-type': 'application/json' } });
  const record = async (id: string): Promise<any> => (await fx(`/agents/support-triage/executionRecords/${id}`)).json();
  /** A run paused at a gate that AgentLens did not start. */
  const pauseElsewhere = async (script: Record<string, unknown> = {}): Promise<{ approvalId: string; recordId: string }> => {
    const res = await fx('/agents/support-triage:execute', { method: 'POST', body: JSON.stringify({ parameters: { n: Math.random(), _sim: { approval: true, ...script } } }) });
    const b = (await res.json()) as { humanApprovalRequestId: string; executionRecordId: string };
    return { approvalId: b.humanApprovalRequestId, recordId: b.executionRecordId };
  };
  const responds = async (): Promise<number> => (await simRequests()).filter((r) => r.route === 'respondApproval').length;
  const badge = (): number => api.approvals.monitor.badge?.value ?? 0;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    await vscode.commands.executeCommand('agentlens.agents.focus');
    const roots = (await api.agentsTree.getChildren()) as AnyNode[];
    connection = (roots.find((r) => (r.profile as { fromEnvironment?: boolean; kind: string } | undefined)?.fromEnvironment && (r.profile as { kind: string }).kind === 'fruxon')!.profile as { id: string }).id;
    dir = mkdtempSync(join(tmpdir(), 'agentlens-approvals-'));
  });

  beforeEach(async () => {
    await sim('DELETE', '/_sim/faults');
    await sim('DELETE', '/_sim/script');
    await sim('DELETE', '/_sim/requests');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a run that pauses says what it waits for; approving it sends once, the trace shows the decision and the run completes', async () => {
    const path = join(dir, 'refund.agentrun.json');
    writeFileSync(path, JSON.stringify({ agent: 'support-triage', connection, parameters: { message: 'refund $120', _sim: { approval: true, resumeMs: 1500 } } }));
    const uri = vscode.Uri.file(path);
    const r = (await vscode.commands.executeCommand('agentlens.runAgent', uri)) as RunCommandResult;
    assert.equal(r.outcome, 'waiting', r.message);
    const notice = api.approvals.commands.notices.at(-1)!;
    assert.equal(notice.own, true);
    assert.equal(notice.target.approvalId, r.humanApprovalRequestId);
    assert.match(notice.text, /^Support Triage waits for approval: \S/);
    await api.approvals.monitor.refresh();
    assert.equal(api.approvals.commands.notices.filter((n) => n.target.approvalId === r.humanApprovalRequestId).length, 1, 'announced twice');
    assert.equal(api.runs.lastRun(uri.toString())?.status, 'WAITING_FOR_ASYNC');
    const origin = { kind: 'fruxon' as const, connection, agentId: 'support-triage', executionRecordId: r.executionRecordId! };
    const panel = api.tracePanels.get(origin)!;
    assert.equal(panel.traceSession?.outline.header.status, 'running');

    // What the notification's Approve does, past the confirmation.
    const answer = (await vscode.commands.executeCommand('agentlens.approveApproval', { ...notice.target, confirmed: true })) as AnswerResult;
    assert.equal(answer.outcome, 'answered', answer.message);
    assert.equal(await responds(), 1);
    // The status bar follows the resumed run; then the trace and the CodeLens show it completed.
    await until('the run to be followed again', () => api.runs.isRunning(uri.toString()) || undefined);
    await until('the run to complete', () => api.runs.lastRun(uri.toString())?.status === 'COMPLETED' || undefined);
    assert.equal((await record(r.executionRecordId!)).status, 'COMPLETED');
    const outline = await until('the trace to show the run completed', () => {
      const o = panel.traceSession?.outline;
      return o && o.header.status === 'ok' ? o : undefined;
    });
    const gate = outline.kind.indexOf(4);
    assert.ok(gate >= 0, 'no gate in the trace');
    assert.equal(outline.kind[gate + 1], 3, 'the guarded tool did not run after the gate');
    const detail = await panel.traceSession!.handle({ type: 'getStep', id: 1, index: gate });
    const step = (detail[0] as { step: { detail: { decision?: string; requestId?: string } } }).step;
    assert.equal(step.detail.decision, 'APPROVE');
    assert.equal(step.detail.requestId, r.humanApprovalRequestId);
  });

  it('another run\'s request shows in the tree and the badge; Reject from the tree sends once and ends the run REJECTED', async () => {
    await api.approvals.monitor.refresh();
    const before = badge();
    const { approvalId, recordId } = await pauseElsewhere();
    await api.approvals.monitor.refresh();
    assert.equal(badge(), before + 1);
    const notice = api.approvals.commands.notices.at(-1)!;
    assert.deepEqual([notice.own, notice.target.approvalId], [false, approvalId], 'no notification for the new request');
    const roots = (await api.agentsTree.getChildren()) as AnyNode[];
    const conn = roots.find((n) => (n.profile as { id?: string } | undefined)?.id === connection)!;
    const approvalsNode = ((await api.agentsTree.getChildren(conn)) as AnyNode[])[0]!;
    assert.equal(ctx(approvalsNode), 'approvals:tenant');
    const item = await until('the request in the Approvals node', async () =>
      ((await api.agentsTree.getChildren(approvalsNode)) as AnyNode[]).find((n) => (n.approval as { id?: string } | undefined)?.id === approvalId));
    assert.equal(ctx(item), 'approval:pending:traced');
    assert.match(String(item.getTreeItem().description), /waited .* · expires in/);
    // The agent shows its own Approvals node while it has pending requests.
    const agent = ((await api.agentsTree.getChildren(conn)) as AnyNode[]).find((n) => (n.agent as { id?: string } | undefined)?.id === 'support-triage')!;
    const agentApprovals = await until('the agent\'s Approvals node', async () => ((await api.agentsTree.getChildren(agent)) as AnyNode[]).find((n) => ctx(n) === 'approvals:agent'));
    const mine = (await api.agentsTree.getChildren(agentApprovals)) as AnyNode[];
    assert.ok(mine.some((n) => (n.approval as { id?: string } | undefined)?.id === approvalId));
    assert.ok(mine.every((n) => !n.approval || (n.approval as { agentId?: string }).agentId === 'support-triage'));
    const answer = (await vscode.commands.executeCommand('agentlens.rejectApproval', item, { message: 'Not within policy' })) as AnswerResult;
    assert.equal(answer.outcome, 'answered', answer.message);
    assert.equal(await responds(), 1);
    assert.equal((await record(recordId)).status, 'REJECTED');
    await until('the badge to count one less', () => badge() === before || undefined);
    const after = await until('the list to drop it', async () => {
      const kids = (await api.agentsTree.getChildren(approvalsNode)) as AnyNode[];
      return kids.some((n) => (n.approval as { id?: string } | undefined)?.id === approvalId) ? undefined : kids;
    });
    assert.ok(after);
  });

  it('a double click sends one request', async () => {
    const { approvalId } = await pauseElsewhere();
    const t = { connection, agentId: 'support-triage', approvalId, confirmed: true };
    const [a, b] = (await Promise.all([
      vscode.commands.executeCommand('agentlens.approveApproval', t), vscode.commands.executeCommand('agentlens.approveApproval', t),
    ])) as AnswerResult[];
    assert.deepEqual([a!.outcome, b!.outcome].sort(), ['answered', 'busy']);
    assert.equal(await responds(), 1);
  });

  it('an expired request is said to be expired, sent once, and the list refreshes', async () => {
    const { approvalId, recordId } = await pauseElsewhere({ approvalTtlMs: 1 });
    await until('the request to expire', async () => (await record(recordId)).status === 'CANCELLED' || undefined);
    const answer = (await vscode.commands.executeCommand('agentlens.approveApproval', { connection, agentId: 'support-triage', approvalId, confirmed: true })) as AnswerResult;
    assert.equal(answer.outcome, 'closed');
    assert.equal(answer.reason, 'expired');
    assert.match(answer.message ?? '', /expired before it was answered/);
    assert.equal(await responds(), 1);
    await until('the monitor to reload', async () => (await simRequests()).some((r) => r.route === 'listApprovals') || undefined);
  });
});
