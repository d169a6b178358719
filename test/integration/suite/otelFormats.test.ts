import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import { JOURNAL_FILE, TraceJournal } from '../../../src/receiver/traceJournal';
import { LocalTraceStore } from '../../../src/receiver/traceStore';
import { jaegerTrace, zipkin } from '../../unit/model/jaegerZipkinFixtures';
import { until } from '../../support/patience';
import { request, span } from '../../unit/model/otlpFixtures';

// OpenTelemetry in the real extension host, beyond OTLP traces: Jaeger and Zipkin files and a real library's fixture
// through Open Trace File…, GenAI events posted to the receiver's /v1/logs by another process joining their span,
// and the local traces' journal (what a window reload restores) written and deleted by Clear Local Traces.

const TRACE = 'feedfacefeedfacefeedfacefeedface';
/** out/test/integration/suite → the repository. */
const ROOT = join(__dirname, '../../../..');

function postFromAnotherProcess(url: string, body: string): Promise<number> {
  const script = `fetch(process.argv[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: process.argv[2] })
    .then((r) => process.stdout.write(String(r.status))).catch((e) => { process.stderr.write(String(e)); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, url, body], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 20_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message} ${stderr}`)) : resolve(Number(stdout))));
  });
}

describe('OpenTelemetry: Jaeger and Zipkin files, GenAI log events, local traces kept', () => {
  let api: AgentLensApi;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  after(() => vscode.commands.executeCommand('agentlens.stopReceiver'));

  it('opens Jaeger JSON, Zipkin v2 JSON and a Vercel AI SDK trace in the trace viewer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-formats-'));
    for (const [name, json] of [['jaeger.json', { data: [jaegerTrace()] }], ['zipkin.json', zipkin()]] as const) {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(json));
      await vscode.commands.executeCommand('agentlens.openTraceFile', vscode.Uri.file(file));
      const outline = api.tracePanels.get({ kind: 'file', path: file })?.traceSession?.outline;
      assert.ok(outline, `no panel for ${name}`);
      assert.deepEqual([outline.header.source, outline.names.slice(1)], ['otlp', ['chat gpt-4o', 'execute_tool get_weather']], name);
      assert.deepEqual(outline.errorIndices, [2], name);
    }
    const vercel = join(ROOT, 'test/fixtures/otel/vercel-ai-v6/traces.json');
    assert.ok(existsSync(vercel), vercel);
    await vscode.commands.executeCommand('agentlens.openTraceFile', vscode.Uri.file(vercel), { all: true });
    const outline = api.tracePanels.get({ kind: 'file', path: vercel })?.traceSession?.outline;
    assert.ok(outline?.names.includes('ai.generateText.doGenerate'));
  });

  it('GenAI events posted to /v1/logs by another process show on their LLM step; the journal keeps both; Clear deletes it', async () => {
    const url = await vscode.commands.executeCommand<string>('agentlens.startReceiver');
    const chat = span({ trace: TRACE, id: '4400000000000001', name: 'chat gpt-4o', start: 0, end: 500, kind: 3,
      attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 9 } });
    const logs = {
      resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: 'test' }, logRecords: [
        { timeUnixNano: '1760000000000000000', eventName: 'gen_ai.user.message', traceId: TRACE, spanId: '4400000000000001',
          body: { kvlistValue: { values: [{ key: 'content', value: { stringValue: 'Where is my refund?' } }] } } },
        { timeUnixNano: '1760000000100000000', traceId: TRACE, spanId: '4400000000000001',
          attributes: [{ key: 'event.name', value: { stringValue: 'gen_ai.choice' } }],
          body: { kvlistValue: { values: [{ key: 'message', value: { kvlistValue: { values: [{ key: 'content', value: { stringValue: 'On its way.' } }] } } }] } } },
      ] }] }],
    };
    // Events first, then their span: they wait for it.
    assert.equal(await postFromAnotherProcess(`${url}/v1/logs`, JSON.stringify(logs)), 200);
    assert.equal(await postFromAnotherProcess(`${url}/v1/traces`, JSON.stringify(request([chat]))), 200);
    // Opened as a panel opens it: the spans from the receiver's worker, mapped in a trace worker.
    const messages = await until('the messages on the LLM step', async () => {
      if (!api.localTraces.has(TRACE)) return undefined;
      const d = (await api.tracePanels.loadTrace({ kind: 'local', traceId: TRACE })).roots[0]?.detail;
      return d?.kind === 'llm' && d.messages.length === 2 ? d.messages.map((m) => [m.role, m.content]) : undefined;
    });
    assert.deepEqual(messages, [['user', 'Where is my refund?'], ['assistant', 'On its way.']]);

    // What a reload would restore: a new store replaying the journal in the extension's global storage.
    const journal = api.localTracesJournal;
    await journal.flush();
    const file = join(journal.folder, JOURNAL_FILE);
    assert.ok(readFileSync(file, 'utf8').includes(TRACE));
    const reloaded = new LocalTraceStore(100);
    await new TraceJournal(journal.folder, reloaded).load();
    const d = reloaded.get(TRACE)?.roots[0]?.detail;
    assert.deepEqual(d?.kind === 'llm' && d.messages.map((m) => m.content), ['Where is my refund?', 'On its way.']);

    await vscode.commands.executeCommand('agentlens.clearLocalTraces');
    await until('the journal to be deleted', () => !existsSync(file));
  });
});
