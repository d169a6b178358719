import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes/base';
import { sim, simInfo, simRequests, type SimInfo } from './simAdmin';

// Zaia Endless in the real extension host: the connection made from ZAIA_* variables, responders →
// executions (paged) in the Agents tree, a click on an execution opening its nestings in the trace panel,
// and sign-in with a key typed in (checked before it is saved).

type AnyNode = TreeNode & Record<string, unknown>;

const children = async (api: AgentLensApi, node?: TreeNode): Promise<AnyNode[]> => (await api.agentsTree.getChildren(node)) as AnyNode[];
const ctx = (n: TreeNode): string => String(n.getTreeItem().contextValue ?? '');
const label = (n: TreeNode): string => {
  const l = n.getTreeItem().label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};
const profileOf = (n: AnyNode) => n.profile as { id: string; kind: string; fromEnvironment?: boolean } | undefined;

describe('Zaia Endless (sidebar and trace panel)', () => {
  let api: AgentLensApi;
  let info: SimInfo;
  let root: AnyNode;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    await vscode.commands.executeCommand('agentlens.agents.focus');
  });

  beforeEach(async () => {
    await sim('DELETE', '/_sim/faults');
    await sim('DELETE', '/_sim/requests');
    await sim('POST', '/_sim/variants', {});
    await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', 10, vscode.ConfigurationTarget.Global);
    api.agentsTree.refresh();
    const roots = await children(api);
    root = roots.find((r) => profileOf(r)?.kind === 'zaia' && profileOf(r)?.fromEnvironment)!;
    assert.ok(root, `no Zaia connection from ZAIA_* variables among ${roots.map(label).join(', ')}`);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function responder(name: string): Promise<AnyNode> {
    const node = (await children(api, root)).find((n) => label(n) === name);
    assert.ok(node, `responder ${name} not in the tree`);
    return node;
  }

  it('shows the ZAIA_* connection next to the Fruxon one, with every responder typed and iconed', async () => {
    const roots = await children(api);
    assert.ok(roots.some((r) => profileOf(r)?.kind === 'fruxon'), 'the Fruxon connection is gone');
    const item = root.getTreeItem();
    assert.match(label(root), /^Zaia Endless @ 127\.0\.0\.1:\d+ \(environment\)$/);
    assert.match(String(item.tooltip), /From ZAIA_\* environment variables/);
    assert.equal(ctx(root), 'connection:ready:env');
    const responders = await children(api, root);
    assert.deepEqual(responders.map(label).sort(), info.zaia.responders.map((r) => r.name).sort());
    // Agents, then squads, then workflows.
    assert.deepEqual(responders.map((r) => ctx(r).split(':')[1]), [...info.zaia.responders].map((r) => r.entity).sort((a, b) =>
      ['agent', 'squad', 'workflow'].indexOf(a) - ['agent', 'squad', 'workflow'].indexOf(b)));
    const icons = new Map(responders.map((r) => [ctx(r), (r.getTreeItem().iconPath as vscode.ThemeIcon).id]));
    assert.deepEqual(Object.fromEntries(icons), { 'zaiaResponder:agent': 'hubot', 'zaiaResponder:squad': 'organization', 'zaiaResponder:workflow': 'type-hierarchy' });
    const requests = await simRequests();
    assert.ok(requests.some((r) => r.route === 'zaiaResponders' && r.auth === 'apiKey'), 'responders were not read with the raw key');
  });

  it('pages a responder\'s executions newest first, with status, time and credits, and loads more', async () => {
    const support = await responder('Support Agent');
    const expected = info.zaia.responders.find((r) => r.name === 'Support Agent')!.executionCount;
    let kids = await children(api, support);
    let executions = kids.filter((k) => ctx(k).startsWith('zaiaExecution:'));
    assert.equal(executions.length, 10);
    const more = kids.at(-1)!;
    assert.equal(ctx(more), 'loadMore');
    assert.equal(label(more), `Load more… (10 of ${expected})`);
    assert.match(String(support.getTreeItem().description), new RegExp(`Agent · ${expected} executions`));
    const starts = executions.map((e) => (e.execution as { startedAt: number }).startedAt);
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a), 'not newest first');
    // The newest is the running one.
    assert.equal((executions[0]!.execution as { id: string }).id, info.zaia.special.running);
    assert.match(ctx(executions[0]!), /^zaiaExecution:running:/);
    const done = executions.find((e) => ctx(e).startsWith('zaiaExecution:done:'))!;
    assert.match(String(done.getTreeItem().description), /^(Completed|Failed) · .+ · [\d.]+ credits?/);
    assert.match((done.getTreeItem().tooltip as vscode.MarkdownString).value, /Credits used/);
    await vscode.commands.executeCommand('agentlens.loadMore', support);
    kids = await children(api, support);
    executions = kids.filter((k) => ctx(k).startsWith('zaiaExecution:'));
    assert.equal(executions.length, 20);
    const pages = (await simRequests()).filter((r) => r.route === 'zaiaExecutions');
    assert.deepEqual(pages.map((r) => r.query.pageNumber?.[0]), ['1', '2']);
    assert.ok(pages.every((r) => r.query.responderIds?.[0] === info.zaia.responders.find((x) => x.name === 'Support Agent')!.id));
  });

  it('shows unknown statuses and detail fields as sent', async () => {
    await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', 100, vscode.ConfigurationTarget.Global);
    const research = await responder('Research Agent');
    const executions = (await children(api, research)).filter((k) => ctx(k).startsWith('zaiaExecution:'));
    const unknownStatus = executions.find((e) => (e.execution as { id: string }).id === info.zaia.special.unknownStatus);
    assert.ok(unknownStatus, 'the unknown-status execution is not listed');
    assert.match(String(unknownStatus.getTreeItem().description), /^awaiting_human_review · /);
    const unknownDetail = executions.find((e) => (e.execution as { id: string }).id === info.zaia.special.unknownDetail)!;
    const tooltip = (unknownDetail.getTreeItem().tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /detail\\\.kind \| voice\\-call/);
    assert.match(tooltip, /detail\\\.transcript/);
  });

  it('opens a deep execution from its tree row in the trace panel, with credits and every nested step', async () => {
    const nightly = await responder('Nightly Report');
    const row = (await children(api, nightly)).find((e) => (e.execution as { id: string } | undefined)?.id === info.zaia.special.deep);
    assert.ok(row, 'the deep execution is not listed');
    const command = row.getTreeItem().command!;
    assert.equal(command.command, 'agentlens.openZaiaExecution');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const origin = { kind: 'zaia' as const, connection: profileOf(root)!.id, executionId: info.zaia.special.deep };
    const panel = api.tracePanels.get(origin);
    assert.ok(panel, 'no panel for the execution');
    assert.match(panel.panel.title, new RegExp(info.zaia.special.deep.slice(0, 8)));
    const o = panel.traceSession?.outline;
    assert.ok(o, 'the trace did not load');
    assert.equal(o.header.source, 'zaia');
    assert.equal(o.header.currency, 'credits');
    assert.equal(o.header.agentName, 'Nightly Report');
    assert.equal(o.header.stepCount, info.zaia.deepDepth);
    assert.equal(Math.max(...o.depth), info.zaia.deepDepth - 1);
    assert.equal(o.names[0], 'Nightly Report');
    assert.ok(o.names.slice(1).every((n) => n === 'Support Agent' || n === 'Research Agent'), o.names.join(', '));
    assert.ok(o.header.cost.total > 0);
    assert.ok(Math.abs(o.costRolled[0]! - o.header.cost.total) < 1e-9);
    const nestings = (await simRequests()).filter((r) => r.route === 'zaiaNestings');
    assert.deepEqual(nestings.map((r) => r.query.executionId?.[0]), [info.zaia.special.deep]);
    // Opening it again reveals the same panel.
    await vscode.commands.executeCommand('agentlens.openZaiaExecution', { executionId: info.zaia.special.deep, connection: origin.connection });
    assert.equal(api.tracePanels.get(origin), panel);
  });

  it('marks a purged execution and its purged child in the trace', async () => {
    await sim('POST', '/_sim/variants', { zaiaNestingShape: 'flat', zaiaStatusCase: 'upper' });
    const connection = profileOf(root)!.id;
    await vscode.commands.executeCommand('agentlens.openZaiaExecution', { connection, executionId: info.zaia.special.purged });
    const o = api.tracePanels.get({ kind: 'zaia', connection, executionId: info.zaia.special.purged })?.traceSession?.outline;
    assert.ok(o, 'the purged execution did not open');
    assert.equal(o.header.rawStatus, 'COMPLETED');
    assert.equal(o.header.stepCount, 3);
    assert.equal(o.names.filter((n) => n.endsWith('(purged)')).length, 2);
  });

  it('turns a rejected key into a sign-in prompt, and recovers on refresh', async () => {
    await sim('POST', '/_sim/faults', { faults: [{ route: 'zaiaResponders', status: 401, times: 1 }] });
    api.agentsTree.refresh();
    const zaiaRoot = (await children(api)).find((r) => profileOf(r)?.kind === 'zaia')!;
    const kids = await children(api, zaiaRoot);
    assert.equal(ctx(kids[0]!), 'error:auth');
    assert.match(label(kids[0]!), /API key was rejected/);
    const signIn = (await children(api, kids[0]!))[0]!.getTreeItem().command!;
    assert.deepEqual(signIn.arguments, [{ kind: 'zaia', baseUrl: info.zaia.baseUrl }]);
    api.agentsTree.refresh();
    const again = (await children(api)).find((r) => profileOf(r)?.kind === 'zaia')!;
    assert.equal((await children(api, again)).length, info.zaia.responders.length);
  });

  it('signs in to Zaia with a key after checking it, refuses a bad key, and signs out', async () => {
    const baseUrl = info.zaia.baseUrl.replace('127.0.0.1', 'localhost');
    const before = (await children(api)).length;
    await sim('DELETE', '/_sim/requests');
    const bad = await vscode.commands.executeCommand('agentlens.signIn', { kind: 'zaia', baseUrl, credential: 'zaia_not_the_key_000' });
    assert.equal(bad, undefined);
    assert.equal((await children(api)).length, before);
    // The harness's canary key: the secret-leak UI test later proves it reached no file and no screen.
    const credential = info.zaia.extraKeys[0] ?? info.zaia.apiKey;
    const good = await vscode.commands.executeCommand<{ id: string; kind: string }>('agentlens.signIn', { kind: 'zaia', baseUrl, credential });
    assert.equal(good?.kind, 'zaia');
    const roots = await children(api);
    assert.equal(roots.length, before + 1);
    const signedIn = roots.find((r) => profileOf(r)?.id === good.id)!;
    assert.match(label(signedIn), /^Zaia Endless @ localhost:\d+$/);
    assert.equal((await children(api, signedIn)).length, info.zaia.responders.length);
    // The bad key was checked once and refused, then the good one accepted. (The view's own connection may list
    // responders in between — on a busy machine a refresh from the previous test can still be landing — so
    // the good key's check is looked for after the bad one's, not at a fixed place.)
    const checks = (await simRequests()).filter((r) => r.route === 'zaiaResponders').map((r) => [r.auth, r.status]);
    const refused = checks.findIndex(([auth, status]) => auth === 'invalid' && status === 401);
    assert.ok(refused >= 0, `the bad key was not checked: ${JSON.stringify(checks)}`);
    assert.equal(checks.filter(([auth]) => auth === 'invalid').length, 1, 'the bad key was checked more than once');
    assert.ok(checks.slice(refused + 1).some(([auth, status]) => auth === 'apiKey' && status === 200), `the good key was not checked: ${JSON.stringify(checks)}`);
    await vscode.commands.executeCommand('agentlens.signOut', good.id);
    assert.equal((await children(api)).length, before);
  });
});
