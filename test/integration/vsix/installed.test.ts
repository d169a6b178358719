import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AgentLensExports } from '../../../src/extension';
import { simInfo } from '../suite/simAdmin';
import { until } from '../../support/patience';

const EXTENSION_ID = 'agentlens-dev.agentlens';

// AgentLens as a user installs it: from the .vsix `npm run package` makes, loaded lazily, opening a trace.
describe('AgentLens installed from its VSIX', () => {
  it('is the installed copy with the production bundle, icon and manifest files, and not yet active', () => {
    const ext = vscode.extensions.getExtension<AgentLensExports>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    assert.match(ext.extensionPath, /[\\/]ext[\\/]agentlens-dev\.agentlens-\d+\.\d+\.\d+[^\\/]*$/, ext.extensionPath);
    for (const f of ['extension.js', 'core.js', 'tests.js', 'agent.js', 'cli.js', 'traceWorker.js', 'receiverWorker.js']) {
      const bundle = readFileSync(join(ext.extensionPath, 'dist', f), 'utf8');
      assert.ok(!bundle.includes('sourceMappingURL'), `the VSIX has the development build of dist/${f}`);
    }
    for (const f of [ext.packageJSON.icon as string, 'dist/webview.js', 'dist/insights.js', 'dist/insights.css', 'dist/codicons/codicon.ttf']) {
      assert.ok(existsSync(join(ext.extensionPath, f)), `${f} is missing from the VSIX`);
    }
    // vsce stores these under its own spelling (LICENSE.txt, changelog.md).
    const top = readdirSync(ext.extensionPath).map((n) => n.toLowerCase());
    for (const f of ['license.txt', 'changelog.md', 'readme.md']) assert.ok(top.includes(f), `${f} is missing from the VSIX (${top.join(', ')})`);
    assert.ok(!existsSync(join(ext.extensionPath, 'src')) && !existsSync(join(ext.extensionPath, 'node_modules')), 'sources or node_modules were packaged');
    // Lazy activation: nothing in this window asked for AgentLens yet.
    assert.equal(ext.isActive, false, 'AgentLens activated before anything needed it');
  });

  it('activates without loading its core, which its first command loads; then opens a trace from the simulator', async () => {
    const ext = vscode.extensions.getExtension<AgentLensExports>(EXTENSION_ID)!;
    const exports = await ext.activate();
    assert.equal(exports.coreLoaded, false, 'activation loaded the core before anything used it');
    // A run file's lenses come from the shell until something runs: showing them does not load the core.
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-vsix-'));
    const file = vscode.Uri.file(join(dir, 'refund.agentrun.json'));
    writeFileSync(file.fsPath, '{ "agentId": "a", "parameters": {} }\n');
    const doc = await vscode.workspace.openTextDocument(file);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [['$(play) Run agent', 'agentlens.runAgent'], ['Run in sandbox', 'agentlens.runAgent']]);
    assert.equal(exports.coreLoaded, false, 'showing run-file lenses loaded the core');
    await vscode.commands.executeCommand('agentlens.showLog');
    assert.equal(exports.coreLoaded, true, 'running a contributed command did not load the core');
    const api = await exports.ready();
    assert.ok(api.coreLoadMs > 0);
    const info = await simInfo();
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; fromEnvironment?: boolean } }>;
    const connection = roots.find((r) => r.profile?.fromEnvironment)?.profile?.id;
    assert.ok(connection, 'no connection from the FRUXON_* environment');
    const { agentId, recordId } = info.special.hitl;
    const target = { connection, agentId, executionRecordId: recordId };
    await vscode.commands.executeCommand('agentlens.openExecution', target);
    const outline = api.tracePanels.get({ kind: 'fruxon', ...target })?.traceSession?.outline;
    assert.equal(outline?.header.id, recordId, 'the trace did not load');
    assert.ok((outline?.header.stepCount ?? 0) > 3);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('receives a span in its receiver worker, lists it, and opens its trace', async () => {
    const api = await vscode.extensions.getExtension<AgentLensExports>(EXTENSION_ID)!.exports.ready();
    const config = vscode.workspace.getConfiguration('agentlens.receiver');
    await config.update('port', 0, vscode.ConfigurationTarget.Global);
    const traceId = '7a11ed0000000000000000000000beef';
    try {
      const url = await vscode.commands.executeCommand<string | undefined>('agentlens.startReceiver');
      assert.ok(url, 'the receiver did not start');
      const body = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [
        { traceId, spanId: '1000000000000001', name: 'invoke_agent Installed', startTimeUnixNano: '1000000', endTimeUnixNano: '9000000',
          attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'invoke_agent' } }, { key: 'gen_ai.agent.name', value: { stringValue: 'Installed' } }] },
      ] }] }] };
      const res = await fetch(`${url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 200);
      const summary = await until('the trace in Local Traces', () => api.localTraces.summary(traceId));
      assert.equal(summary.name, 'Installed');
      await vscode.commands.executeCommand('agentlens.openLocalTrace', traceId);
      const panel = api.tracePanels.get({ kind: 'local', traceId });
      await panel?.whenLoaded();
      assert.equal(panel?.traceSession?.outline.header.stepCount, 1, `the local trace did not open: ${String(panel?.loadError)}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('agentlens.stopReceiver');
      await vscode.commands.executeCommand('agentlens.clearLocalTraces');
      await config.update('port', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
