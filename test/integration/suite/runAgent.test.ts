import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunCommandResult } from '../../../src/commands/run';
import { openAt } from '../../../src/commands/runInputs';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import { sim, simInfo, simRequests, type SimInfo } from './simAdmin';
import { until } from '../../support/patience';

// Run Agent in the real extension host against the simulator over HTTP: the command, the CodeLens, what is
// sent (counted by the simulator), what comes back, and where it lands (the trace panel).
describe('Run Agent', () => {
  let api: AgentLensApi;
  let info: SimInfo;
  let connection: string;
  let dir: string;

  const counts = async (): Promise<{ stream: number; execute: number }> => {
    const reqs = await simRequests();
    return { stream: reqs.filter((r) => r.route === 'stream').length, execute: reqs.filter((r) => r.route === 'execute' || r.route === 'executeRevision').length };
  };
  const file = (name: string, content: unknown): vscode.Uri => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return vscode.Uri.file(path);
  };
  const run = async (arg: unknown): Promise<RunCommandResult> => (await vscode.commands.executeCommand('agentlens.runAgent', arg)) as RunCommandResult;
  const record = async (agentId: string, id: string, verb = ''): Promise<any> => {
    const res = await fetch(`${info.baseUrl}/v1/tenants/${info.tenant}/agents/${agentId}/executionRecords/${id}${verb}`, { headers: { 'X-API-KEY': info.apiKey } });
    assert.equal(res.status, 200);
    return res.json();
  };

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; kind: string; fromEnvironment?: boolean } }>;
    // The harness sets both FRUXON_* and ZAIA_*: agents run on the Fruxon one.
    connection = roots.find((r) => r.profile?.fromEnvironment && r.profile.kind === 'fruxon')!.profile!.id;
    dir = mkdtempSync(join(tmpdir(), 'agentlens-run-'));
  });

  beforeEach(async () => {
    await sim('DELETE', '/_sim/faults');
    await sim('DELETE', '/_sim/script');
    await sim('DELETE', '/_sim/requests');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs a run file from the command: streams once, opens the new record\'s trace', async () => {
    const uri = file('triage.agentrun.json', { agent: 'support-triage', connection, parameters: { message: 'Where is my order #1?' } });
    const r = await run(uri);
    assert.equal(r.outcome, 'completed', r.message);
    assert.equal(r.via, 'stream');
    assert.ok(r.executionRecordId);
    assert.equal(r.traceOpened, true);
    const panel = api.tracePanels.get({ kind: 'fruxon', connection, agentId: 'support-triage', executionRecordId: r.executionRecordId });
    assert.equal(panel?.traceSession?.outline.header.id, r.executionRecordId);
    assert.deepEqual(await counts(), { stream: 1, execute: 0 });
    const result = await record('support-triage', r.executionRecordId, ':result');
    assert.deepEqual(result.parameters, { message: 'Where is my order #1?' });
    assert.match(r.message ?? '', /finished: COMPLETED · .* · \$/);
    assert.equal(api.walkthrough.has('runAgent'), true, 'the walkthrough\'s "Run an agent" step is not done');
  });

  it('streams the events in order, unknown ones included', async () => {
    const r = await run(file('events.agentrun.json', { agent: 'invoice-extractor', connection, parameters: { fileId: 'file_42' } }));
    assert.equal(r.outcome, 'completed', r.message);
    const ev = r.events;
    assert.equal(ev[0], 'start');
    assert.equal(ev.at(-1), 'done');
    const firstCall = ev.indexOf('tool_call');
    assert.ok(firstCall > 0 && ev.indexOf('tool_result') > firstCall, ev.join(','));
    assert.ok(ev.lastIndexOf('text') > ev.lastIndexOf('tool_result'), 'the answer streams after the tools');
    assert.ok(ev.indexOf('usage') > ev.lastIndexOf('text'));
    assert.ok(ev.includes('unknown:heartbeat'));
  });

  it('runs from the CodeLens ("Run in sandbox"), then the lens offers the last trace and how it went', async () => {
    const uri = file('lens.agentrun.json', { agent: 'onboarding-concierge', connection, parameters: { name: 'Ada' } });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = api.runLenses.provideCodeLenses(doc);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['$(play) Run agent', 'Run in sandbox']);
    const sandbox = lenses[1]!.command!;
    const r = (await vscode.commands.executeCommand(sandbox.command, ...(sandbox.arguments ?? []))) as RunCommandResult;
    assert.equal(r.outcome, 'completed', r.message);
    assert.equal((await record('onboarding-concierge', r.executionRecordId!)).environmentSlug, 'sandbox');
    const after = api.runLenses.provideCodeLenses(doc).map((l) => l.command?.title ?? '');
    assert.equal(after[2], 'Open last trace');
    assert.match(after[3] ?? '', /^Last run: COMPLETED · /);
    const open = api.runLenses.provideCodeLenses(doc)[2]!.command!;
    await vscode.commands.executeCommand(open.command, ...(open.arguments ?? []));
    assert.ok(api.tracePanels.get({ kind: 'fruxon', connection, agentId: 'onboarding-concierge', executionRecordId: r.executionRecordId! }));
    // And compares the run with the agent's run before it (A), itself as B.
    const compare = api.runLenses.provideCodeLenses(doc)[4]!.command!;
    assert.equal(compare.title, 'Compare with previous run');
    const panel = (await vscode.commands.executeCommand(compare.command, ...(compare.arguments ?? []))) as { result?: { a: { id: string }; b: { id: string } } } | undefined;
    assert.equal(panel?.result?.b.id, r.executionRecordId);
    assert.notEqual(panel?.result?.a.id, r.executionRecordId);
  });

  it('sends nothing for malformed JSON and names line and column; Open File puts the cursor there', async () => {
    const uri = file('broken.agentrun.json', `{\n  "agent": "support-triage",\n  "parameters": { "message": "hi" ,, }\n}\n`);
    const r = await run(uri);
    assert.equal(r.outcome, 'invalid');
    assert.deepEqual([r.line, r.column], [3, 36]);
    // The parser's sentence ends before the next one starts: "…was expected. Nothing was sent."
    assert.match(r.message ?? '', /line 3, column 36\): [^.]+[a-z]\. Nothing was sent\.$/);
    assert.deepEqual(await counts(), { stream: 0, execute: 0 });
    const editor = await openAt(uri, r.line!, r.column!);
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [2, 35]);
    assert.equal(editor.document.getText(new vscode.Range(editor.selection.active, editor.selection.active.translate(0, 1))), ',');
  });

  it('refuses a parameter file that is not an object, and a run file with a bad field', async () => {
    const arr = await run(file('list.json', '[1, 2, 3]'));
    assert.equal(arr.outcome, 'invalid');
    assert.match(arr.message ?? '', /must be a JSON object.*holds an array/);
    const bad = await run(file('typo.agentrun.json', { agent: 'support-triage', paramters: {} }));
    assert.equal(bad.outcome, 'invalid');
    assert.match(bad.message ?? '', /did you mean "parameters"/);
    assert.deepEqual(await counts(), { stream: 0, execute: 0 });
  });

  it('runs what an unsaved editor shows, and says so', async () => {
    const uri = file('plain-params.json', { message: 'saved text' });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), JSON.stringify({ message: 'unsaved text' }));
    await vscode.workspace.applyEdit(edit);
    assert.equal(doc.isDirty, true);
    const r = await run({ uri, connection, agentId: 'support-triage' });
    assert.equal(r.outcome, 'completed', r.message);
    assert.equal(r.unsaved, true);
    assert.match(r.message ?? '', /Ran the unsaved contents of plain-params\.json/);
    assert.deepEqual((await record('support-triage', r.executionRecordId!, ':result')).parameters, { message: 'unsaved text' });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('cancel stops waiting at once, sends nothing more, and the run still lands on the server', async () => {
    // A run far longer than any wait below: a cancel that waited for it would be obvious, busy machine or not.
    const RUN_MS = 60_000;
    await sim('POST', '/_sim/script', { durationMs: RUN_MS });
    const uri = file('slow.agentrun.json', { agent: 'code-review-bot', connection, parameters: { pr: 7 } });
    const pending = run(uri);
    await until('the status bar to count the run', () => api.runs.running().length === 1 || undefined);
    // Cancel once the :stream request has reached the simulator (it counts requests as they arrive).
    await until('the :stream request to reach the simulator', async () => ((await simInfo()) as SimInfo & { counts: Record<string, number> }).counts.stream === 1 || undefined);
    const cancelled = Date.now();
    api.runs.cancelAll();
    const r = await pending;
    assert.equal(r.outcome, 'cancelled');
    assert.ok(Date.now() - cancelled < RUN_MS / 2, 'cancel waited for the run');
    assert.match(r.message ?? '', /may continue on the server/);
    assert.equal(api.runs.running().length, 0);
    assert.deepEqual(await counts(), { stream: 1, execute: 0 });
  });

  it('a 503 on :execute is one request, reported as a server failure and not retried', async () => {
    // :stream is missing on this "server", so the run falls back to :execute, which fails.
    await sim('POST', '/_sim/faults', { faults: [{ route: 'stream', status: 404 }, { route: 'execute', status: 503 }] });
    const r = await run(file('fail503.agentrun.json', { agent: 'support-triage', connection, parameters: { message: 'x' } }));
    assert.equal(r.outcome, 'error');
    assert.ok(r.events.includes('fallback'));
    assert.match(r.message ?? '', /503.*Nothing was retried/);
    assert.deepEqual(await counts(), { stream: 1, execute: 1 });
    await sim('POST', '/_sim/faults', { faults: [{ route: 'stream', status: 503 }] });
    await sim('DELETE', '/_sim/requests');
    const s = await run(file('fail503s.agentrun.json', { agent: 'support-triage', connection, parameters: { message: 'y' } }));
    assert.equal(s.outcome, 'error');
    assert.deepEqual(await counts(), { stream: 1, execute: 0 }, 'a 503 on :stream fell back to :execute');
  });

  it('reports a human-approval pause with its request id', async () => {
    const r = await run(file('approval.agentrun.json', { agent: 'support-triage', connection, parameters: { message: 'refund me', _sim: { approval: true } } }));
    assert.equal(r.outcome, 'waiting', r.message);
    assert.match(r.humanApprovalRequestId ?? '', /^[0-9a-f-]{36}$/);
    // "<agent> waits for approval: <proposal>" (approvals.test.ts answers it).
    assert.match(r.message ?? '', /^Support Triage waits for approval: \S/);
    assert.equal((await record('support-triage', r.executionRecordId!)).status, 'WAITING_FOR_ASYNC');
  });

  it('names an unknown agent (404) and sends it once per route', async () => {
    const r = await run(file('missing.agentrun.json', { agent: 'no-such-agent', connection, parameters: {} }));
    assert.equal(r.outcome, 'error');
    assert.match(r.message ?? '', /Agent "no-such-agent" was not found/);
    assert.deepEqual(await counts(), { stream: 1, execute: 1 });
  });

  it('saves a record\'s parameters as a run file that runs again', async () => {
    const { agentId, recordId } = info.special.failed;
    const saveTo = vscode.Uri.file(join(dir, 'saved.agentrun.json'));
    const out = await vscode.commands.executeCommand('agentlens.saveRunFile', { connection, agentId, executionRecordId: recordId }, { saveTo });
    assert.equal((out as vscode.Uri).fsPath, saveTo.fsPath);
    const saved = JSON.parse(readFileSync(saveTo.fsPath, 'utf8'));
    const result = await record(agentId, recordId, ':result');
    assert.equal(saved.agent, agentId);
    assert.deepEqual(saved.parameters, result.parameters);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, saveTo.fsPath);
  });

  it('measures command → trace panel loaded on the simulator (zero added latency)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await run(file(`bench${i}.agentrun.json`, { agent: 'support-triage', connection, parameters: { message: `bench ${i}` } }));
      assert.equal(r.traceOpened, true);
      times.push(r.timings.totalMs);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`[bench] run file → trace panel loaded: median ${sorted[2]} ms, min ${sorted[0]} ms, max ${sorted[4]} ms (n=5, ${times.join(', ')})`);
  });
});
