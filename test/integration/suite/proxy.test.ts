import * as assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes/base';

// VS Code's http.proxy reaches AgentLens's clients, including when it changes while the window is open.
// The API host is `sim.test`, which does not resolve: only this proxy knows it is the simulator.
describe('Proxy settings', () => {
  let api: AgentLensApi;
  let proxy: Server;
  let proxyUrl: string;
  const sockets = new Set<Socket>();
  const seen: string[] = [];
  const simPort = Number(new URL(process.env.FRUXON_BASE_URL ?? 'http://x:1').port);
  const baseUrl = `http://sim.test:${simPort}`;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      const headers = { ...req.headers };
      delete headers['proxy-connection'];
      const up = httpRequest({ host: '127.0.0.1', port: simPort, method: req.method, path: target.pathname + target.search, headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    });
    proxy.on('connection', (s: Socket) => sockets.add(s));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });

  it('signs in and lists agents through http.proxy, and goes direct again when it is cleared', async () => {
    const credential = process.env.FRUXON_API_KEY!;
    const tenant = process.env.FRUXON_TENANT!;
    // The tree has already made clients (without a proxy): the setting must replace them.
    await vscode.workspace.getConfiguration('http').update('proxy', proxyUrl, vscode.ConfigurationTarget.Global);
    const profile = await vscode.commands.executeCommand<{ id: string } | undefined>('agentlens.signIn', { baseUrl, tenant, credential });
    try {
      assert.ok(profile, 'sign-in through the proxy failed');
      assert.ok(seen.some((s) => s.startsWith(`GET ${baseUrl}/v1/tenants/${tenant}/agents`)), `the proxy saw: ${seen.join(', ')}`);
      const roots = await api.agentsTree.getChildren();
      const root = roots.find((r) => (r as { profile?: { id: string } }).profile?.id === profile.id) as TreeNode | undefined;
      assert.ok(root, 'the new connection is not in the tree');
      seen.length = 0;
      const agents = await api.agentsTree.getChildren(root);
      assert.ok(agents.length > 1, 'no agents through the proxy');
      // The approvals monitor polls on its own schedule; what is counted here is the listing of agents.
      const listings = (): string[] => seen.filter((s) => s.includes(`/v1/tenants/${tenant}/agents`));
      assert.equal(listings().length, 1, `the proxy saw: ${seen.join(', ')}`);

      // Cleared: requests go direct, and sim.test does not resolve, so the connection now reports an error.
      await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
      seen.length = 0;
      const direct = await api.agentsTree.getChildren((await api.agentsTree.getChildren()).find((r) => (r as { profile?: { id: string } }).profile?.id === profile.id));
      assert.deepEqual(listings(), [], `the proxy saw: ${seen.join(', ')}`);
      const text = JSON.stringify(direct.map((n) => n.getTreeItem()));
      assert.match(text, /sim\.test/, `expected an error naming sim.test, got ${text}`);
    } finally {
      if (profile) await vscode.commands.executeCommand('agentlens.signOut', profile.id);
    }
  });
});
