import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes/base';
import { sim, simInfo, simRequests, type SimInfo, type SimRequest } from './simAdmin';
import { until } from '../../support/patience';

// The sidebar against the simulator over HTTP, through the real extension's tree provider. Nodes come from
// the extension's bundle, so they are inspected through their TreeItems (contextValue, label), not classes.

type AnyNode = TreeNode & Record<string, unknown>;

// Dataset ids are GUIDs in the API (seed 001).
const DATASETS = ['6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b', '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70'];

async function children(api: AgentLensApi, node?: TreeNode): Promise<AnyNode[]> {
  return (await api.agentsTree.getChildren(node)) as AnyNode[];
}

function ctx(node: TreeNode): string {
  return String(node.getTreeItem().contextValue ?? '');
}

function label(node: TreeNode): string {
  const l = node.getTreeItem().label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

describe('Agents view (sidebar)', () => {
  let api: AgentLensApi;
  let info: SimInfo;
  let envConnection: AnyNode;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', 50, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('agentlens.agents.focus');
  });

  beforeEach(async () => {
    await sim('DELETE', '/_sim/faults');
    await sim('DELETE', '/_sim/requests');
    await api.agentsTree.filters.clearAll();
    api.agentsTree.refresh();
    const roots = await children(api);
    // The harness sets both FRUXON_* and ZAIA_* (zaia.test.ts covers the Zaia root).
    envConnection = roots.find((r) => ctx(r).endsWith(':env') && (r.profile as { kind: string }).kind === 'fruxon')!;
    assert.ok(envConnection, `no connection from FRUXON_* variables among ${roots.map(label).join(', ')}`);
  });

  async function agentNode(agentId: string): Promise<AnyNode> {
    const agents = await children(api, envConnection);
    const node = agents.find((a) => (a.agent as { id: string } | undefined)?.id === agentId);
    assert.ok(node, `agent ${agentId} not in the tree`);
    return node;
  }

  it('shows the connection made from FRUXON_* variables and every agent of the tenant', async () => {
    const kids = await children(api, envConnection);
    // The tenant's Approvals node comes first (approvals.test.ts); every other child is an agent.
    assert.equal(ctx(kids[0]!), 'approvals:tenant');
    const agents = kids.slice(1);
    assert.deepEqual(agents.map((a) => (a.agent as { id: string }).id).sort(), info.agents.map((a) => a.id).sort());
    assert.ok(agents.every((a) => /^agent/.test(ctx(a))));
  });

  it('expanding a 10,000-record agent fetches exactly one page, newest first, plus its summaries', async () => {
    const node = await agentNode(info.bulkAgentId);
    await sim('DELETE', '/_sim/requests');
    const kids = await children(api, node);
    const records = kids.filter((k) => ctx(k).startsWith('record:'));
    assert.equal(records.length, 50);
    const starts = records.map((r) => (r.record as { startTime: number }).startTime);
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a));
    assert.ok(kids.some((k) => ctx(k) === 'environmentSummary'), 'no per-environment summary rows');
    const more = kids.find((k) => ctx(k) === 'loadMore');
    assert.ok(more && /Load more/.test(label(more)) && /of 10000/.test(label(more)), label(more ?? kids[0]!));
    // Asking again (VS Code re-renders) must not fetch again.
    await children(api, node);
    const lists = (await simRequests()).filter((r) => r.route === 'listExecutionRecords');
    assert.equal(lists.length, 1);
    assert.deepEqual(lists[0]!.query.pageSize, ['50']);
  });

  it('"Load more" fetches one page at a time until the end, even when clicked twice at once', async () => {
    const small = [...info.agents].filter((a) => a.recordCount > 0).sort((a, b) => a.recordCount - b.recordCount)[0]!;
    await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', 100, vscode.ConfigurationTarget.Global);
    try {
      const node = await agentNode(small.id);
      await sim('DELETE', '/_sim/requests');
      let kids = await children(api, node);
      let guard = 0;
      while (kids.some((k) => ctx(k) === 'loadMore') && guard++ < 100) {
        await Promise.all([vscode.commands.executeCommand('agentlens.loadMore', node), vscode.commands.executeCommand('agentlens.loadMore', node)]);
        kids = await children(api, node);
      }
      const ids = kids.filter((k) => ctx(k).startsWith('record:')).map((k) => (k.record as { id: string }).id);
      assert.equal(ids.length, small.recordCount);
      assert.equal(new Set(ids).size, ids.length, 'a record appeared twice');
      const lists = (await simRequests()).filter((r) => r.route === 'listExecutionRecords');
      assert.equal(lists.length, Math.ceil(small.recordCount / 100));
    } finally {
      await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', 50, vscode.ConfigurationTarget.Global);
    }
  });

  it('each filter changes what the simulator is asked for, and shows in the view', async () => {
    const agentId = info.bulkAgentId;
    const key = `${(envConnection.profile as { id: string }).id}|${agentId}`;
    const cases: Array<[Record<string, unknown>, (q: Record<string, string[]>) => void]> = [
      [{ statuses: ['FAILED', 'CANCELLED'] }, (q) => assert.deepEqual(q.status, ['FAILED', 'CANCELLED'])],
      [{ environment: 'production' }, (q) => assert.deepEqual(q.environment, ['production'])],
      [{ revisions: [1, 2] }, (q) => assert.deepEqual(q.agentRevision, ['1', '2'])],
      [{ range: { kind: 'lastWeek' } }, (q) => assert.ok(Math.abs(Number(q.startTime?.[0]) - (Date.now() - 7 * 86_400_000)) < 60_000)],
      [{ range: { kind: 'custom', start: 1_700_000_000_000, end: 1_800_000_000_000 } }, (q) => {
        assert.deepEqual(q.startTime, ['1700000000000']);
        assert.deepEqual(q.endTime, ['1800000000000']);
      }],
    ];
    for (const [filter, check] of cases) {
      await api.agentsTree.filters.set(key, filter as never);
      const node = await agentNode(agentId);
      assert.equal(ctx(node), 'agent:filtered');
      await sim('DELETE', '/_sim/requests');
      const kids = await children(api, node);
      const list = (await simRequests()).find((r) => r.route === 'listExecutionRecords');
      assert.ok(list, `no list request for ${JSON.stringify(filter)}`);
      check(list.query);
      if ('statuses' in filter) {
        for (const k of kids.filter((n) => ctx(n).startsWith('record:'))) assert.match(ctx(k), /:(failed|cancelled)$/);
      }
    }
    await vscode.commands.executeCommand('agentlens.clearAllFilters');
    assert.equal(ctx(await agentNode(agentId)), 'agent');
  });

  it('a page that arrives after the filter changed is dropped, not shown', async () => {
    const agentId = info.bulkAgentId;
    const key = `${(envConnection.profile as { id: string }).id}|${agentId}`;
    const node = await agentNode(agentId);
    // The unfiltered first page is slow; the filter changes while it is in flight.
    await sim('POST', '/_sim/faults', { faults: [{ route: 'listExecutionRecords', latencyMs: 800, times: 1 }] });
    const listed = async () => ((await simInfo()) as SimInfo & { counts: Record<string, number> }).counts.listExecutionRecords ?? 0;
    const before = await listed();
    const stale = children(api, node);
    // The filter changes once the unfiltered request is at the simulator (counted on arrival), i.e. in flight.
    await until('the unfiltered page request to reach the simulator', async () => (await listed()) > before || undefined);
    await api.agentsTree.filters.set(key, { statuses: ['FAILED'] });
    const fresh = await children(api, node);
    await stale;
    // Nothing to wait for here but time: the stale page must not show up later either. (A busy machine only
    // makes this check weaker, never wrong.)
    await new Promise((r) => setTimeout(r, 1000));
    const after = await children(api, node);
    for (const kids of [fresh, after]) {
      const records = kids.filter((k) => ctx(k).startsWith('record:'));
      assert.ok(records.length > 0);
      for (const k of records) assert.match(ctx(k), /:failed$/, 'an unfiltered record from the stale page is shown');
    }
  });

  it('signs in with a good key and refuses a bad one, saving nothing for it', async () => {
    const before = (await children(api)).length;
    const bad = await vscode.commands.executeCommand('agentlens.signIn', { baseUrl: info.baseUrl.replace('127.0.0.1', 'localhost'), tenant: info.tenant, credential: 'fx_live_not_the_key_000' });
    assert.equal(bad, undefined);
    assert.equal((await children(api)).length, before);
    const good = await vscode.commands.executeCommand<{ id: string }>('agentlens.signIn', { baseUrl: info.baseUrl.replace('127.0.0.1', 'localhost'), tenant: info.tenant, credential: info.token });
    assert.ok(good?.id);
    const roots = await children(api);
    assert.equal(roots.length, before + 1);
    const signedIn = roots.find((r) => (r.profile as { id: string }).id === good.id)!;
    assert.ok((await children(api, signedIn)).length >= info.agents.length);
    const bearer = (await simRequests()).filter((r) => r.auth === 'bearer');
    assert.ok(bearer.length > 0, 'the token was not sent as a Bearer token');
    await vscode.commands.executeCommand('agentlens.signOut', good.id);
    assert.equal((await children(api)).length, before);
  });

  it('adds a record to datasets once per dataset, and a second run adds none', async () => {
    const agentId = info.special.failed.agentId;
    const target = { connection: (envConnection.profile as { id: string }).id, agentId, executionRecordId: info.special.failed.recordId };
    const first = await vscode.commands.executeCommand<{ created: unknown[]; skipped: string[] }>('agentlens.addToDatasets', target, { datasetIds: DATASETS, quality: 'GOOD', tags: ['it'] });
    assert.equal(first?.created.length, 2);
    const second = await vscode.commands.executeCommand<{ created: unknown[]; skipped: string[] }>('agentlens.addToDatasets', target, { datasetIds: DATASETS });
    assert.equal(second?.created.length, 0);
    assert.deepEqual(second?.skipped, DATASETS);
    const posts = (await simRequests()).filter((r) => r.route === 'addToDatasets');
    assert.equal(posts.length, 1);
  });

  it('a 401 in the middle of a session turns the connection into a sign-in prompt', async () => {
    await sim('POST', '/_sim/faults', { faults: [{ route: 'listAgents', status: 401, times: 1 }] });
    api.agentsTree.reload(envConnection);
    const kids = await children(api, envConnection);
    assert.equal(ctx(kids[0]!), 'error:auth');
    assert.equal(ctx(envConnection), 'connection:unauthorized:env');
    const actions = await children(api, kids[0]!);
    assert.equal(actions[0]!.getTreeItem().command?.command, 'agentlens.signIn');
  });

  it('opens a record as read-only JSON, and copies its ID and a deep link', async () => {
    const target = { connection: (envConnection.profile as { id: string }).id, agentId: info.special.hitl.agentId, executionRecordId: info.special.hitl.recordId };
    await vscode.commands.executeCommand('agentlens.openRawJson', target);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'agentlens');
    assert.equal(editor.document.languageId, 'json');
    assert.equal(JSON.parse(editor.document.getText()).id, target.executionRecordId);
    await vscode.commands.executeCommand('agentlens.copyExecutionId', target);
    assert.equal(await vscode.env.clipboard.readText(), target.executionRecordId);
    await vscode.commands.executeCommand('agentlens.copyLink', target);
    const link = await vscode.env.clipboard.readText();
    assert.match(link, /^[a-z-]+:\/\/agentlens-dev\.agentlens\/open\?/);
    assert.equal(new URL(link).searchParams.get('record'), target.executionRecordId);
  });

  it('re-runs a record with its parameters once, and never retries an :execute that failed', async () => {
    const target = { connection: (envConnection.profile as { id: string }).id, agentId: info.special.hitl.agentId, executionRecordId: info.special.hitl.recordId };
    // The simulator logs a request when it has answered, with the time it arrived: a run an earlier suite started
    // (and stopped waiting for) can be logged now. Only requests that arrived during this test count.
    const since = (from: number) => (r: SimRequest): boolean => r.time >= from;
    const start = Date.now();
    const ok = await vscode.commands.executeCommand<{ executionRecordId?: string }>('agentlens.rerun', target, { confirm: false });
    assert.ok(ok?.executionRecordId, 'no execution record id in the response');
    let log = (await simRequests()).filter(since(start));
    assert.equal(log.filter((r) => r.route === 'result').length, 1);
    assert.equal(log.filter((r) => r.route === 'execute').length, 1);
    // The new execution is listed first for its agent.
    const node = await agentNode(target.agentId);
    const first = (await children(api, node)).find((k) => ctx(k).startsWith('record:'));
    assert.equal((first?.record as { id: string } | undefined)?.id, ok.executionRecordId);

    await sim('POST', '/_sim/faults', { faults: [{ route: 'execute', status: 503, retryAfter: '0' }] });
    await sim('DELETE', '/_sim/requests');
    const second = Date.now();
    const failed = await vscode.commands.executeCommand('agentlens.rerun', target, { confirm: false });
    assert.equal(failed, undefined);
    log = (await simRequests()).filter(since(second));
    assert.equal(log.filter((r) => r.route === 'execute').length, 1, 'a failed :execute was sent more than once');
  });

  it('refreshes running records by itself while the view is visible', async () => {
    const { agentId, recordId } = info.special.running;
    const key = `${(envConnection.profile as { id: string }).id}|${agentId}`;
    await vscode.workspace.getConfiguration('agentlens').update('records.refreshInterval', 2, vscode.ConfigurationTarget.Global);
    try {
      await api.agentsTree.filters.set(key, { statuses: ['IN_PROGRESS'] });
      const node = await agentNode(agentId);
      const kids = await children(api, node);
      assert.ok(kids.some((k) => (k.record as { id: string } | undefined)?.id === recordId), 'the running record is not on the first page');
      await sim('DELETE', '/_sim/requests');
      // Refreshed every 2 s: wait for the first refresh, however long a busy machine takes to get there.
      await until('the running record to be refreshed', async () =>
        (await simRequests()).some((r) => r.route === 'getExecutionRecord' && r.path.endsWith(recordId)) || undefined);
    } finally {
      await vscode.workspace.getConfiguration('agentlens').update('records.refreshInterval', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
