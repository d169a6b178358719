import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { AgentTests } from '../../../src/testing/agentTests';
import type { TestResult } from '../../../src/testRunner/types';
import type { AgentLensExports } from '../../../src/extension';
import { sim, simInfo, simRequests, type SimInfo } from './simAdmin';

// The Test Explorer in a real extension host against the simulator: discovery of the demo's example tests and
// of new files, passing / failing (with a diff at the failing line) / erroring (401) results, cancel, and
// Save as Regression Test writing a file that then passes.
describe('Agent tests (Test Explorer)', function () {
  this.timeout(120_000);
  let tests: AgentTests;
  let info: SimInfo;
  let dir: string;
  const ws = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const uriOf = (name: string): vscode.Uri => vscode.Uri.file(join(dir, name));
  const write = (name: string, content: unknown): vscode.Uri => {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return uriOf(name);
  };
  /** Waits until discovery shows (or no longer shows) a file: the watcher reports on its own time. */
  const until = async (what: string, ok: () => boolean): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const item = (uri: vscode.Uri): vscode.TestItem | undefined => tests.discovery.files.get(uri.toString());
  const run = async (uris: vscode.Uri[], token = new vscode.CancellationTokenSource().token): Promise<TestResult[]> => {
    const items = uris.map((u) => item(u)!);
    const done = new Promise<readonly TestResult[]>((r) => { const d = tests.onDidFinishRun((x) => { d.dispose(); r(x); }); });
    await tests.run(new vscode.TestRunRequest(items), token);
    return [...(await done)];
  };

  before(async () => {
    const api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    tests = api.tests;
    info = await simInfo();
    dir = join(ws(), 'agent-tests');
    mkdirSync(join(dir, 'examples'), { recursive: true });
    // The demo workspace's example tests, as a user would have them.
    const demo = resolve(__dirname, '..', '..', '..', '..', 'demo', 'workspace', 'tests');
    for (const f of ['refund-reply.agentrun.json', 'invoice-currency.agentrun.json']) copyFileSync(join(demo, f), join(dir, 'examples', f));
    await vscode.workspace.getConfiguration('agentlens.tests').update('confirmAbove', 100, vscode.ConfigurationTarget.Global);
    await tests.resolve(undefined);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('agentlens.tests').update('confirmAbove', undefined, vscode.ConfigurationTarget.Global);
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await sim('DELETE', '/_sim/faults');
    await sim('DELETE', '/_sim/script');
    await sim('DELETE', '/_sim/requests');
  });
  afterEach(async () => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('lists the example run files in a suite per folder, each at its expect line', async () => {
    const pass = uriOf('examples/refund-reply.agentrun.json');
    await until('the examples', () => !!item(pass) && !!item(uriOf('examples/invoice-currency.agentrun.json')));
    const t = item(pass)!;
    assert.equal(t.label, 'refund-reply.agentrun.json');
    assert.equal(t.parent?.label, 'examples');
    assert.equal(t.parent?.parent?.label, 'agent-tests');
    const line = readFileSync(pass.fsPath, 'utf8').split('\n').findIndex((l) => l.includes('"expect"'));
    assert.equal(t.range?.start.line, line);
  });

  it('follows creations, edits in an open editor and deletions', async () => {
    const uri = write('new.agentrun.json', { agent: 'support-triage', parameters: {} });
    // Written after it: once the watcher has reported this one, it has seen the file without expect too.
    const marker = write('marker.agentrun.json', { agent: 'support-triage', expect: { status: 'COMPLETED' } });
    await until('the marker test', () => !!item(marker));
    assert.equal(item(uri), undefined, 'a run file without expect is not a test');
    rmSync(marker.fsPath);
    const doc = await vscode.window.showTextDocument(uri);
    await doc.edit((e) => e.insert(new vscode.Position(3, 0), ',\n  "expect": { "status": "COMPLETED" }\n'));
    await until('the edited file to become a test', () => !!item(uri));
    assert.equal(item(uri)!.range?.start.line, 4);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    write('new.agentrun.json', { agent: 'support-triage', expect: { status: 'COMPLETED' } });
    await until('the saved file', () => !!item(uri));
    rmSync(uri.fsPath);
    await until('the deleted file to go', () => !item(uri));
  });

  it('reports a passing, a failing (with a diff at the failing line) and an erroring (401) test', async () => {
    const pass = uriOf('examples/refund-reply.agentrun.json');
    const fail = uriOf('examples/invoice-currency.agentrun.json');
    const denied = write('denied.agentrun.json', { agent: 'support-triage', revision: 1, parameters: { message: 'x' }, expect: { status: 'COMPLETED' } });
    await until('the 401 test', () => !!item(denied));
    await sim('POST', '/_sim/faults', { faults: [{ route: 'executeRevision', status: 401 }] });
    const results = await run([pass, fail, denied]);
    const byName = new Map(results.map((r) => [r.id, r]));
    assert.equal(byName.get(pass.toString())?.outcome, 'passed', JSON.stringify(byName.get(pass.toString())));
    assert.equal(byName.get(fail.toString())?.outcome, 'failed');
    assert.equal(byName.get(denied.toString())?.outcome, 'errored');

    const passed = tests.last.get(pass.toString())!;
    assert.match(item(pass)!.description ?? '', /\$0\.\d+ · [\d.]+k tok/);
    assert.ok(passed.result.execution?.executionRecordId);

    const failed = tests.last.get(fail.toString())!;
    const [m] = failed.messages;
    assert.equal(m?.expectedOutput, 'USD');
    assert.equal(m?.actualOutput, 'EUR');
    const line = readFileSync(fail.fsPath, 'utf8').split('\n').findIndex((l) => l.includes('"$.currency"'));
    assert.equal(m?.location?.range.start.line, line);
    assert.match((m?.message as vscode.MarkdownString).value, /command:agentlens\.openExecution\?/);

    const err = tests.last.get(denied.toString())!;
    assert.match(String((err.messages[0]?.message as vscode.MarkdownString).value), /401/);
    const reqs = await simRequests();
    assert.equal(reqs.filter((r) => r.route === 'executeRevision').length, 1, 'a refused POST is not re-sent');
    // Its trace opens from the test's menu.
    await vscode.commands.executeCommand('agentlens.openTestTrace', item(pass));
  });

  it('cancel stops waiting for a running execution', async () => {
    const slow = write('slow.agentrun.json', { agent: 'support-triage', parameters: { message: 'slow', _sim: { durationMs: 60_000 } }, expect: { status: 'COMPLETED' } });
    await until('the slow test', () => !!item(slow));
    const cts = new vscode.CancellationTokenSource();
    const started = Date.now();
    const pending = run([slow], cts.token);
    let sent = false;
    while (!sent) {
      if (Date.now() - started > 30_000) throw new Error('the execution was never sent');
      // Counted when a request arrives (the request log has it only once answered).
      sent = (((await simInfo()) as SimInfo & { counts: Record<string, number> }).counts.execute ?? 0) > 0;
      if (!sent) await new Promise((r) => setTimeout(r, 50));
    }
    cts.cancel();
    const [r] = await pending;
    assert.ok(Date.now() - started < 30_000, 'the run did not stop waiting');
    assert.equal(r?.outcome, 'cancelled');
    assert.match(r?.error?.message ?? '', /may still run on the server/);
  });

  it('Save as Regression Test writes a run file that then passes', async () => {
    const res = await fetch(`${info.baseUrl}/v1/tenants/${info.tenant}/agents/invoice-extractor:execute`, {
      method: 'POST', headers: { 'X-API-KEY': info.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ parameters: { documentUrl: 'https://x/inv.pdf' } }),
    });
    const exec = (await res.json()) as { executionRecordId: string };
    const api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; kind: string; fromEnvironment?: boolean } }>;
    const conn = roots.find((r) => r.profile?.fromEnvironment && r.profile.kind === 'fruxon')!.profile!.id;
    const saveTo = uriOf('saved.agentrun.json');
    const uri = (await vscode.commands.executeCommand('agentlens.saveRegressionTest',
      { connection: conn, agentId: 'invoice-extractor', executionRecordId: exec.executionRecordId }, { saveTo })) as vscode.Uri;
    assert.equal(uri.toString(), saveTo.toString());
    const file = JSON.parse(readFileSync(saveTo.fsPath, 'utf8'));
    assert.equal(file.expect.status, 'COMPLETED');
    assert.deepEqual(file.expect.baseline, { agentId: 'invoice-extractor', executionRecordId: exec.executionRecordId });
    assert.ok(file.expect.tools.called.length > 0 && file.expect.maxTokens > 0);
    assert.ok(item(saveTo), 'the saved test is listed at once');
    assert.equal(api.walkthrough.has('regressionTest'), true);
    const [r] = await run([saveTo]);
    assert.equal(r?.outcome, 'passed', JSON.stringify(r?.verdicts.filter((v) => !v.pass)));
  });
});
