import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes/base';
import { sim, simInfo, simRequests, type SimInfo } from './simAdmin';
import { until } from '../../support/patience';

// Team trace stores in the real extension host, against the simulator's Jaeger and Tempo: sign-in (checked
// before it is saved; Tempo refuses a wrong token), services / saved TraceQL queries → recent traces newest
// first and paged, a click opening the trace in the viewer, the 20,000-span trace, Open Trace by ID-style
// arguments and deep links, and stores answering 401, 429 and 5xx.

type AnyNode = TreeNode & Record<string, unknown>;
const children = async (api: AgentLensApi, node?: TreeNode): Promise<AnyNode[]> => (await api.agentsTree.getChildren(node)) as AnyNode[];
const ctx = (n: TreeNode): string => String(n.getTreeItem().contextValue ?? '');
const label = (n: TreeNode): string => {
  const l = n.getTreeItem().label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};
const profileOf = (n: AnyNode) => n.profile as { id: string; kind: string } | undefined;

describe('Trace stores: Jaeger and Grafana Tempo', function () {
  this.timeout(120_000);
  let api: AgentLensApi;
  let info: SimInfo;
  let jaegerId = '';
  let tempoId = '';

  const root = async (id: string): Promise<AnyNode> => {
    const r = (await children(api)).find((n) => profileOf(n)?.id === id);
    assert.ok(r, `no connection ${id}`);
    return r;
  };

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    await vscode.commands.executeCommand('agentlens.agents.focus');
    // Small pages, so the 24 hours of seeded traces need Load more.
    await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', 3, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await sim('DELETE', '/_sim/faults');
    await sim('DELETE', '/_sim/requests');
  });

  after(async () => {
    for (const id of [jaegerId, tempoId]) if (id) await vscode.commands.executeCommand('agentlens.signOut', id);
    await vscode.workspace.getConfiguration('agentlens').update('records.pageSize', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('connects to Jaeger (no auth) and to Tempo only with the right token', async () => {
    const jaeger = await vscode.commands.executeCommand<{ id: string; kind: string }>('agentlens.signIn', { kind: 'jaeger', baseUrl: info.stores.jaegerBaseUrl, auth: { kind: 'none' } });
    assert.equal(jaeger?.kind, 'jaeger');
    jaegerId = jaeger.id;
    const refused = await vscode.commands.executeCommand('agentlens.signIn', { kind: 'tempo', baseUrl: info.stores.tempoBaseUrl, auth: { kind: 'bearer', token: 'not-the-token-42' } });
    assert.equal(refused, undefined, 'a refused token was saved');
    const tempo = await vscode.commands.executeCommand<{ id: string; kind: string }>('agentlens.signIn', { kind: 'tempo', baseUrl: info.stores.tempoBaseUrl, auth: { kind: 'basic', username: '1234', password: info.stores.token } });
    assert.equal(tempo?.kind, 'tempo');
    tempoId = tempo.id;
    const checks = (await simRequests()).filter((r) => r.route === 'tempoTagValues');
    assert.deepEqual(checks.map((r) => r.status), [401, 200]);
    assert.match(label(await root(jaegerId)), /^Jaeger @ 127\.0\.0\.1:\d+\/jaeger$/);
  });

  it('browses Jaeger: services → recent traces newest first, with spans and tokens, paged; a click opens the trace', async () => {
    const services = await children(api, await root(jaegerId));
    const service = services.find((s) => label(s) === 'support-triage');
    assert.ok(service, `services: ${services.map(label).join(', ')}`);
    assert.equal(ctx(service), 'storeList:service');
    const rows = await children(api, service);
    const traces = rows.filter((r) => ctx(r).startsWith('storeTrace'));
    assert.ok(traces.length > 1, rows.map(label).join(', '));
    const starts = traces.map((t) => (t.summary as { start: number }).start);
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a), 'newest first');
    const desc = String(traces[0]!.getTreeItem().description);
    assert.match(desc, / spans?/);
    assert.match(label(traces[0]!), /^invoke_agent /);
    assert.equal(traces.length, 3);
    const more = rows.at(-1)!;
    assert.equal(ctx(more), 'loadMore');
    await vscode.commands.executeCommand('agentlens.loadMore', service);
    const again = (await children(api, service)).filter((r) => ctx(r).startsWith('storeTrace'));
    assert.ok(again.length > traces.length, 'Load more added nothing');
    const pageStarts = again.map((t) => (t.summary as { start: number }).start);
    assert.deepEqual(pageStarts, [...pageStarts].sort((a, b) => b - a), 'still newest first after Load more');
    const asked = (await simRequests()).filter((r) => r.route === 'jaegerTraces');
    assert.equal(Number(asked.at(-1)!.query.end![0]), Math.min(...starts) * 1000 - 1000, 'the next page is asked by time, before the oldest shown');
    const command = traces[0]!.getTreeItem().command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const target = command.arguments![0] as { connection: string; traceId: string };
    const panel = api.tracePanels.get({ kind: 'store', connection: target.connection, traceId: target.traceId });
    assert.ok(panel?.traceSession?.outline, 'the trace did not load');
    assert.equal(panel.traceSession.outline.header.id, target.traceId);
    assert.ok(panel.traceSession.outline.header.stepCount > 1);
  });

  it('browses Tempo: saved queries → the GenAI query\'s traces with spans and tokens; a click opens one', async () => {
    const lists = await children(api, await root(tempoId));
    assert.deepEqual(lists.map(label), ['GenAI spans', 'All traces', 'Add TraceQL query…']);
    const genai = lists[0]!;
    const traces = (await children(api, genai)).filter((r) => ctx(r).startsWith('storeTrace'));
    assert.ok(traces.length > 0);
    assert.match(String(traces[0]!.getTreeItem().description), / spans? · .*tok/);
    const search = (await simRequests()).find((r) => r.route === 'tempoSearch')!;
    assert.deepEqual(search.query.q, ['{ span.gen_ai.operation.name != nil }']);
    assert.equal(search.auth, 'bearer');
    const cmd = traces[0]!.getTreeItem().command!;
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const t = cmd.arguments![0] as { connection: string; traceId: string };
    assert.ok(api.tracePanels.get({ kind: 'store', ...t })?.traceSession?.outline, 'the Tempo trace did not load');
  });

  it('opens the 20,000-span trace from each store through openExecution-style arguments', async () => {
    const traceId = info.special.huge.recordId.replace(/-/g, '');
    await vscode.commands.executeCommand('agentlens.openExecution', { connection: jaegerId, traceId });
    const fromJaeger = api.tracePanels.get({ kind: 'store', connection: jaegerId, traceId });
    assert.equal(fromJaeger?.traceSession?.outline.header.stepCount, 20_000);
    await vscode.commands.executeCommand('agentlens.openStoreTrace', { connection: tempoId, traceId: traceId.toUpperCase() });
    const fromTempo = api.tracePanels.get({ kind: 'store', connection: tempoId, traceId });
    assert.equal(fromTempo?.traceSession?.outline.header.stepCount, 20_000);
  });

  it('retries a 429 (Retry-After) and shows 5xx as an error with Retry; a 401 turns the connection into a sign-in prompt', async () => {
    await sim('POST', '/_sim/faults', { faults: [{ route: 'tempoSearch', status: 429, retryAfter: '1', times: 1 }] });
    api.agentsTree.refresh();
    let lists = await children(api, await root(tempoId));
    const traces = (await children(api, lists[1]!)).filter((r) => ctx(r).startsWith('storeTrace'));
    assert.ok(traces.length > 0, 'a 429 was not retried');
    assert.deepEqual((await simRequests()).filter((r) => r.route === 'tempoSearch').map((r) => r.status), [429, 200]);

    await sim('POST', '/_sim/faults', { faults: [{ route: 'jaegerTraces', status: 503 }] });
    api.agentsTree.refresh();
    const service = (await children(api, await root(jaegerId))).find((s) => label(s) === 'support-triage')!;
    const rows = await children(api, service);
    assert.equal(ctx(rows[0]!), 'error');
    assert.match(label(rows[0]!), /503/);
    assert.equal(label((await children(api, rows[0]!))[0]!), 'Retry');

    await sim('POST', '/_sim/faults', { faults: [{ route: 'jaegerServices', status: 401, times: 1 }] });
    api.agentsTree.refresh();
    const kids = await children(api, await root(jaegerId));
    assert.equal(ctx(kids[0]!), 'error:auth');
    assert.deepEqual((await children(api, kids[0]!))[0]!.getTreeItem().command!.arguments, [{ kind: 'jaeger', baseUrl: info.stores.jaegerBaseUrl }]);
    await sim('DELETE', '/_sim/faults');
    api.agentsTree.refresh();
    lists = await children(api, await root(jaegerId));
    assert.ok(lists.some((s) => label(s) === 'support-triage'), 'the connection did not recover on refresh');
  });

  it('forwards what the receiver accepts to agentlens.receiver.forward.endpoint, unchanged', async () => {
    const seen: Array<{ path: string; body: string }> = [];
    const upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => { seen.push({ path: req.url ?? '', body }); res.writeHead(200); res.end('{}'); });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const config = vscode.workspace.getConfiguration('agentlens.receiver');
    try {
      await config.update('port', 0, vscode.ConfigurationTarget.Global);
      await config.update('forward.endpoint', `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, vscode.ConfigurationTarget.Global);
      while (!api.receiver.forwarding) await new Promise((r) => setTimeout(r, 20));
      const url = await api.receiver.start();
      assert.ok(url, 'the receiver did not start');
      const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: '1000000000000001', name: 'forwarded', startTimeUnixNano: '1000000', endTimeUnixNano: '2000000' }] }] }] });
      const res = await fetch(`${url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 200);
      // The receiver's worker hands the request to the forwarder once it has answered: wait for it to arrive upstream.
      await until('the request forwarded upstream', () => seen.length > 0);
      await api.receiver.forwarding!.drained();
      assert.deepEqual(seen, [{ path: '/v1/traces', body }]);
      await until('the trace in the local view', () => api.localTraces.has('5b8efff798038103d269b633813fc60c'));
    } finally {
      await api.receiver.stop();
      // Local traces are journaled in global storage, which the UI suite's window shares: leave none behind.
      await vscode.commands.executeCommand('agentlens.clearLocalTraces');
      await config.update('forward.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await config.update('port', undefined, vscode.ConfigurationTarget.Global);
      upstream.closeAllConnections();
      upstream.close();
    }
  });
});
