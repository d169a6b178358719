import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import { simInfo, simRequests, sim, type SimInfo } from './simAdmin';

// Show Insights in the real extension host against the simulator: a Fruxon agent's records paged at the
// largest page size with the time filter, drawn by the webview; a Zaia responder's executions in credits.
describe('Insights panel (extension host)', () => {
  let api: AgentLensApi;
  let info: SimInfo;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const connectionOf = async (kind: 'fruxon' | 'zaia'): Promise<string> => {
    const roots = (await api.agentsTree.getChildren()) as unknown as Array<{ profile?: { id: string; kind: string } }>;
    return roots.map((r) => r.profile).find((p) => p?.kind === kind)!.id;
  };

  async function painted(match: (label: string) => boolean) {
    for (let i = 0; i < 600; i++) {
      const p = api.insights.list().find((x) => match(x.target.label));
      if (p?.data) {
        await p.whenPainted();
        return p;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no insights panel with data');
  }

  it('opens for a Fruxon agent: pages of 500 with the time filter, charts painted, counts that add up', async () => {
    await sim('DELETE', '/_sim/requests');
    const connection = await connectionOf('fruxon');
    const agent = info.agents.find((a) => a.id === 'support-triage')!;
    await vscode.commands.executeCommand('agentlens.showInsights', { connection, agentId: agent.id, label: agent.displayName });
    const p = await painted((l) => l === agent.displayName);
    const d = p.data!;
    assert.equal(d.costUnit, 'usd');
    assert.equal(d.unit, 'day');
    assert.equal(d.counts.flat().reduce((a, b) => a + b, 0), d.totals.runs);
    assert.ok(d.totals.runs > 0 && d.revisions.length > 0 && d.environments.length > 0);
    const lists = (await simRequests()).filter((r) => r.route === 'listExecutionRecords');
    assert.ok(lists.length >= 1);
    assert.deepEqual(lists[0]!.query.pageSize, ['500']);
    assert.ok(Number(lists[0]!.query.startTime?.[0]) <= d.from - 7 * 86_400_000 + 60_000, 'the range covers the window before');
    // Showing it again reveals the same panel.
    await vscode.commands.executeCommand('agentlens.showInsights', { connection, agentId: agent.id, label: agent.displayName });
    assert.equal(api.insights.list().filter((x) => x.target.label === agent.displayName).length, 1);
  });

  it('opens for a Zaia responder with credits instead of cost', async () => {
    const connection = await connectionOf('zaia');
    const responder = [...info.zaia.responders].filter((r) => r.entity === 'agent').sort((a, b) => b.executionCount - a.executionCount)[0]!;
    await vscode.commands.executeCommand('agentlens.showInsights', { connection, responderId: responder.id, label: `Zaia ${responder.name}` });
    const p = await painted((l) => l === `Zaia ${responder.name}`);
    assert.equal(p.data!.costUnit, 'credits');
    assert.ok(p.data!.totals.runs > 0);
    assert.ok(p.data!.totals.totalCost > 0);
  });
});
