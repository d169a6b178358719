import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import { T1, T2, request, span } from '../../unit/model/otlpFixtures';
import { simInfo, type SimInfo } from './simAdmin';
import { PATIENCE_MS, until } from '../../support/patience';

// OpenTelemetry in the real extension host: the local receiver started by its command, fed by another
// process over HTTP, its traces in the Local Traces view and in the panel (refreshing as spans arrive);
// OTLP files; a Fruxon execution's raw spans next to its projection.

const TRACE = 'c0ffee00c0ffee00c0ffee00c0ffee00';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** POSTs from a separate Node process, as an instrumented program would. Resolves with status and body. */
function postFromAnotherProcess(url: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  const script = `fetch(process.argv[1], { method: 'POST', headers: { 'content-type': process.argv[3] }, body: process.argv[2] })
    .then(async (r) => { process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() })); })
    .catch((e) => { process.stderr.write(String(e)); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, `${url}/v1/traces`, body, contentType], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: PATIENCE_MS },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message} ${stderr}`)) : resolve(JSON.parse(stdout) as { status: number; body: string })));
  });
}

describe('OpenTelemetry: local receiver, OTLP files, raw spans', () => {
  let api: AgentLensApi;
  let info: SimInfo;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('agentlens.stopReceiver');
    await vscode.workspace.getConfiguration('agentlens.receiver').update('port', undefined, vscode.ConfigurationTarget.Global);
  });

  it('receives spans posted by another process, lists the trace live and opens it; the panel refreshes as spans arrive', async () => {
    const port = await freePort();
    await vscode.workspace.getConfiguration('agentlens.receiver').update('port', port, vscode.ConfigurationTarget.Global);
    const url = await vscode.commands.executeCommand<string | undefined>('agentlens.startReceiver');
    assert.equal(url, `http://127.0.0.1:${port}`);
    assert.deepEqual(await api.localTracesTree.getChildren(), []);

    const root = span({ trace: TRACE, id: '1100000000000001', name: 'invoke_agent Helper', start: 0, end: 2000,
      attrs: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Helper' } });
    const llm = span({ trace: TRACE, id: '1100000000000002', parent: '1100000000000001', name: 'chat gpt-4o', start: 10, end: 900, kind: 3,
      attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 40, 'gen_ai.usage.output_tokens': 8 } });
    const res = await postFromAnotherProcess(url!, JSON.stringify(request([root, llm])));
    assert.deepEqual([res.status, JSON.parse(res.body)], [200, {}]);

    const item = await until('the trace in Local Traces', async () => {
      const kids = await api.localTracesTree.getChildren();
      return kids.length === 1 ? api.localTracesTree.getTreeItem(kids[0]!) : undefined;
    });
    assert.equal(item.label, 'Helper');
    assert.match(String(item.description), /^2 spans · .* · 2\.00 s · 48 tok$/);
    assert.equal(api.walkthrough.has('localTraces'), true, 'the walkthrough\'s local-traces step is not done');
    assert.equal(item.command?.command, 'agentlens.openLocalTrace');

    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const panel = api.tracePanels.get({ kind: 'local', traceId: TRACE });
    assert.ok(panel, 'no panel for the local trace');
    const outline = panel.traceSession!.outline;
    assert.deepEqual([outline.header.source, outline.header.id, outline.header.stepCount], ['otlp', TRACE, 2]);
    assert.deepEqual(outline.names, ['invoke_agent Helper', 'chat gpt-4o']);
    assert.deepEqual(outline.kind, [0, 2], 'agent, llm');

    // A tool span arrives later in another request: the open panel gets it without being reopened.
    const tool = span({ trace: TRACE, id: '1100000000000003', parent: '1100000000000001', name: 'execute_tool search', start: 1000, end: 1500,
      status: { code: 2, message: 'search is down' }, attrs: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' } });
    assert.equal((await postFromAnotherProcess(url!, JSON.stringify(request([tool])))).status, 200);
    const refreshed = await until('the panel to show the new span', () => {
      const o = api.tracePanels.get({ kind: 'local', traceId: TRACE })?.traceSession?.outline;
      return o && o.header.stepCount === 3 ? o : undefined;
    });
    assert.deepEqual(refreshed.names, ['invoke_agent Helper', 'chat gpt-4o', 'execute_tool search']);
    assert.deepEqual(refreshed.errorIndices, [2]);
    const failed = await until('the tree to show the failed span', async () => {
      const kids = await api.localTracesTree.getChildren();
      const it = kids[0] && api.localTracesTree.getTreeItem(kids[0]);
      return it && /^3 spans/.test(String(it.description)) ? it : undefined;
    });
    assert.equal((failed.iconPath as vscode.ThemeIcon).id, 'error');
  });

  it('answers malformed bodies with 400 and other content types with 415, and keeps receiving', async () => {
    const url = await vscode.commands.executeCommand<string>('agentlens.startReceiver');
    const bad = await postFromAnotherProcess(url, '{"resourceSpans": [');
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).message, /not valid JSON \(line 1/);
    assert.equal((await postFromAnotherProcess(url, 'x', 'application/x-protobuf')).status, 400);
    assert.equal((await postFromAnotherProcess(url, 'x', 'text/plain')).status, 415);
    const ok = await postFromAnotherProcess(url, JSON.stringify(request([span({ trace: T2, id: '2200000000000001', name: 'after' })])));
    assert.equal(ok.status, 200);
    await until('the trace sent after the bad ones', () => api.localTraces.has(T2));
  });

  it('lists a trace whose name disguises itself (U+202E, a zero-width space) with those characters shown, not obeyed', async () => {
    const url = await vscode.commands.executeCommand<string>('agentlens.startReceiver');
    const trace = 'd15c0150d15c0150d15c0150d15c0150';
    const name = 'Invoice\u202Efdp.exe\u200B';
    const root = span({ trace, id: '3300000000000001', name: `invoke_agent ${name}`, start: 0, end: 1000,
      attrs: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': name } });
    assert.equal((await postFromAnotherProcess(url, JSON.stringify(request([root])))).status, 200);
    const item = await until('the disguised trace in Local Traces', async () => {
      for (const kid of await api.localTracesTree.getChildren()) {
        const it = api.localTracesTree.getTreeItem(kid);
        if (it.id === `local/${trace}`) return it;
      }
      return undefined;
    });
    assert.equal(item.label, 'Invoice⟨U+202E⟩fdp.exe⟨U+200B⟩');
    assert.match(item.accessibilityInformation?.label ?? '', /^Invoice⟨U\+202E⟩fdp\.exe⟨U\+200B⟩, /);
    assert.match(String(item.description), /^1 span · /, 'one span, in the singular');
  });

  it('clears the list, and stops listening on Stop', async () => {
    const url = await vscode.commands.executeCommand<string>('agentlens.startReceiver');
    await vscode.commands.executeCommand('agentlens.clearLocalTraces');
    await until('an empty list', async () => ((await api.localTracesTree.getChildren()).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('agentlens.stopReceiver');
    await assert.rejects(postFromAnotherProcess(url, '{}'));
  });

  it('opens an OTLP JSON Lines file: one trace by id, or all traces each as a root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-otlp-'));
    const file = join(dir, 'spans.jsonl');
    writeFileSync(file, [
      JSON.stringify(request([span({ trace: T1, id: '3300000000000001', name: 'first root', start: 0, end: 100 })])),
      JSON.stringify(request([span({ trace: T1, id: '3300000000000002', parent: '3300000000000001', name: 'first child', start: 10 })])),
      JSON.stringify(request([span({ trace: T2, id: '3300000000000003', name: 'second root', start: 500 })])),
    ].join('\n'));
    await vscode.commands.executeCommand('agentlens.openTraceFile', vscode.Uri.file(file), { traceId: T1 });
    const one = api.tracePanels.get({ kind: 'file', path: file, traceId: T1 })?.traceSession?.outline;
    assert.deepEqual(one?.names, ['first root', 'first child']);
    await vscode.commands.executeCommand('agentlens.openTraceFile', vscode.Uri.file(file), { all: true });
    const all = api.tracePanels.get({ kind: 'file', path: file })?.traceSession?.outline;
    assert.deepEqual([all?.header.title, all?.names], ['2 traces', ['first root', 'first child', 'second root']]);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(request([]))}\n{"resourceSpans": [}\n`);
    assert.equal(await vscode.commands.executeCommand('agentlens.openTraceFile', vscode.Uri.file(bad)), undefined);
    assert.equal(api.tracePanels.get({ kind: 'file', path: bad }), undefined);
  });

  it("opens a Fruxon execution's raw OTel spans with the projection's counts, and says when there are none", async () => {
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; fromEnvironment?: boolean } }>;
    const connection = roots.find((r) => r.profile?.fromEnvironment)!.profile!.id;
    const { agentId, recordId } = info.special.hitl;
    const target = { connection, agentId, executionRecordId: recordId };
    await vscode.commands.executeCommand('agentlens.openRawSpans', target);
    const panel = api.tracePanels.get({ kind: 'fruxonOtlp', ...target });
    const h = panel?.traceSession?.outline.header;
    assert.ok(h, 'the raw spans did not open');
    assert.equal(h.source, 'otlp');
    assert.equal(h.comparison?.against, "the server's projection");
    assert.equal(h.comparison?.steps[0], h.comparison?.steps[1]);
    assert.equal(h.comparison?.steps[0], h.stepCount);
    // The record's menu offers the command: its contextValue matches the menu's `when` regex.
    const menu = (vscode.extensions.getExtension('agentlens-dev.agentlens')!.packageJSON.contributes.menus['view/item/context'] as Array<{ command: string; when: string }>)
      .find((m) => m.command === 'agentlens.openRawSpans')!;
    const whenRe = new RegExp(/viewItem =~ \/(.+)\/$/.exec(menu.when)![1]!);
    type Node = { getTreeItem(): vscode.TreeItem; record?: { id: string }; profile?: { id: string } };
    const tree = api.agentsTree as unknown as { getChildren(n?: Node): Promise<Node[]> };
    const connNode = (await tree.getChildren()).find((n) => n.profile?.id === connection)!;
    const agentNode = (await tree.getChildren(connNode)).find((n) => n.getTreeItem().id === `${connection}/${agentId}`)!;
    const recordNodes = (await tree.getChildren(agentNode)).filter((n) => n.record);
    assert.ok(recordNodes.length > 0, 'no records under the agent');
    for (const n of recordNodes) assert.match(String(n.getTreeItem().contextValue), whenRe);
    const native = { connection, agentId: info.special.native.agentId, executionRecordId: info.special.native.recordId };
    assert.equal(await vscode.commands.executeCommand('agentlens.openRawSpans', native), undefined);
    assert.equal(api.tracePanels.get({ kind: 'fruxonOtlp', ...native }), undefined, 'a panel opened for an execution without spans');
  });
});
