import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes/base';
import { simInfo, type SimInfo } from './simAdmin';

// Comparing two executions in the real extension host against the simulator's compare set: the command with
// two targets, the Agents view's multi-selection, self-comparison, a side that fails to load, and VS Code's
// diff editor on a changed field. What the panel draws is checked by the UI suite.
describe('Compare executions', () => {
  let api: AgentLensApi;
  let info: SimInfo;
  let connection: string;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; kind: string; fromEnvironment?: boolean } }>;
    connection = roots.find((r) => r.profile?.fromEnvironment && r.profile.kind === 'fruxon')!.profile!.id;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const target = (ref: { agentId: string; recordId: string }) => ({ connection, agentId: ref.agentId, executionRecordId: ref.recordId });

  it('compares two records given as targets, finds the changed prompt first, and opens the native diff on it', async () => {
    const panel = (await vscode.commands.executeCommand('agentlens.compareExecutions', target(info.special.compareBase), target(info.special.comparePrompt))) as {
      result?: { firstDivergence: number; rows: Array<{ changes: string[]; a?: { kind: string } }> };
      openDiff(index: number, field: string): Promise<void>;
    } | undefined;
    const diff = panel?.result;
    assert.ok(diff, 'no comparison');
    const first = diff.rows[diff.firstDivergence]!;
    assert.equal(first.a?.kind, 'llm');
    assert.deepEqual(first.changes, ['messages']);
    await panel.openDiff(diff.firstDivergence, 'messages');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is not a diff editor: ${tab?.label}`);
    const { original, modified } = tab.input;
    assert.equal(original.scheme, 'agentlens-compare');
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(original), vscode.workspace.openTextDocument(modified)]);
    assert.equal(left.languageId, 'json');
    assert.notEqual(left.getText(), right.getText());
    assert.match(right.getText(), /Answer in one short sentence\./);
    assert.doesNotMatch(left.getText(), /Answer in one short sentence\./);
  });

  it('compares the two records selected in the Agents view, older as A, as the context menu passes them', async () => {
    const conn = ((await api.agentsTree.getChildren()) as TreeNode[]).find((n) => (n as unknown as { profile?: { id: string } }).profile?.id === connection)!;
    const agents = (await api.agentsTree.getChildren(conn)) as Array<TreeNode & { agent?: { id: string } }>;
    const agent = agents.find((a) => a.agent?.id === info.special.compareBase.agentId)!;
    const records = (await api.agentsTree.getChildren(agent)) as Array<TreeNode & { record?: { id: string } }>;
    const pick = (id: string) => records.find((r) => r.record?.id === id)!;
    const base = pick(info.special.compareBase.recordId);
    const extra = pick(info.special.compareExtraTool.recordId);
    assert.ok(base && extra, 'the compare set is not on the first page of records');
    const panel = (await vscode.commands.executeCommand('agentlens.compareExecutions', extra, [extra, base])) as {
      result?: { firstDivergence: number; rows: Array<{ state: string; b?: { kind: string } }>; a: { id: string }; b: { id: string } };
    } | undefined;
    const diff = panel?.result;
    assert.ok(diff);
    assert.deepEqual([diff.a.id, diff.b.id], [info.special.compareBase.recordId, info.special.compareExtraTool.recordId]);
    const first = diff.rows[diff.firstDivergence]!;
    assert.deepEqual([first.state, first.b?.kind], ['onlyB', 'tool']);
  });

  it('compares a record with the agent\'s run before it (the run-file lens\'s command): the extra tool call', async () => {
    const panel = (await vscode.commands.executeCommand('agentlens.compareWithPrevious', target(info.special.compareExtraTool))) as {
      result?: { a: { id: string }; b: { id: string }; firstDivergence: number; rows: Array<{ state: string }> };
    } | undefined;
    assert.deepEqual([panel?.result?.a.id, panel?.result?.b.id], [info.special.compareBase.recordId, info.special.compareExtraTool.recordId]);
    assert.equal(panel?.result?.rows[panel.result.firstDivergence]?.state, 'onlyB');
  });

  it('compares a running execution as it is now, and compares again while it runs', async () => {
    await vscode.workspace.getConfiguration('agentlens').update('records.refreshInterval', 2, vscode.ConfigurationTarget.Global);
    try {
      const panel = (await vscode.commands.executeCommand('agentlens.compareExecutions', target(info.special.compareBase), target(info.special.running))) as {
        running: boolean; result?: { b: { id: string; end?: number } }; onDidUpdate: vscode.Event<unknown>;
      } | undefined;
      assert.ok(panel?.result, 'no comparison');
      assert.equal(panel.running, true);
      assert.equal(panel.result.b.end, undefined, 'the running side has an end');
      // The next comparison comes from the panel's own refresh (no fixed wait: the event says when).
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the running comparison was not refreshed')), 60_000);
        const sub = panel.onDidUpdate(() => {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        });
      });
      assert.equal(panel.result.b.id, info.special.running.recordId);
    } finally {
      await vscode.workspace.getConfiguration('agentlens').update('records.refreshInterval', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('says a trace compared with itself is identical', async () => {
    const t = target(info.special.compareFailed);
    const panel = (await vscode.commands.executeCommand('agentlens.compareExecutions', t, t)) as { result?: { identical: boolean; firstDivergence: number } } | undefined;
    assert.equal(panel?.result?.identical, true);
    assert.equal(panel?.result?.firstDivergence, -1);
  });

  it('compares across sources: a record with its own saved trace file pairs every step', async () => {
    const { agentId, recordId } = info.special.compareExtraTool;
    const res = await fetch(`${info.baseUrl}/v1/tenants/${info.tenant}/agents/${agentId}/executionRecords/${recordId}:projectedTrace`, { headers: { 'X-API-KEY': info.apiKey } });
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-compare-'));
    const saved = join(dir, 'saved.json');
    writeFileSync(saved, await res.text());
    const panel = (await vscode.commands.executeCommand('agentlens.compareExecutions', target(info.special.compareExtraTool), vscode.Uri.file(saved))) as {
      result?: { changes: number[]; firstDivergence: number; rows: unknown[] };
    } | undefined;
    const diff = panel?.result;
    assert.ok(diff, 'no comparison');
    assert.ok(diff.rows.length > 3);
    assert.deepEqual(diff.changes, [], 'steps differ between a record and its own saved trace');
    assert.equal(diff.firstDivergence, -1);
  });

  it('names the side that failed to load, and shows nothing half-compared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-compare-'));
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{ "traces": [ }');
    const panel = (await vscode.commands.executeCommand('agentlens.compareExecutions', target(info.special.compareBase), vscode.Uri.file(bad))) as { result?: unknown; loadError?: unknown } | undefined;
    assert.equal(panel?.result, undefined);
    assert.match(String((panel?.loadError as Error | undefined)?.message), /^B \(broken\.json\) could not be loaded: /);
  });
});
