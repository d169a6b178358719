import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FruxonClient } from '../../../src/api/fruxon/client';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import { sim, simInfo, simRequests, type SimInfo } from './simAdmin';
import { until } from '../../support/patience';

// The trace panel in the real extension host: opened from a record, revealed instead of duplicated, and
// loaded from a saved file. What it draws is checked by the UI suite (the webview is in the page).
describe('Trace panel', () => {
  let api: AgentLensApi;
  let info: SimInfo;
  let connection: string;

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; kind: string; fromEnvironment?: boolean } }>;
    // The harness sets both FRUXON_* and ZAIA_*: this suite is about the Fruxon one.
    connection = roots.find((r) => r.profile?.fromEnvironment && r.profile.kind === 'fruxon')!.profile!.id;
  });

  beforeEach(async () => {
    await sim('DELETE', '/_sim/faults');
    await sim('DELETE', '/_sim/requests');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a record\'s projected trace in a panel, and reveals the same panel when opened again', async () => {
    const { agentId, recordId } = info.special.hitl;
    const target = { connection, agentId, executionRecordId: recordId };
    await vscode.commands.executeCommand('agentlens.openExecution', target);
    const panel = api.tracePanels.get({ kind: 'fruxon', ...target });
    assert.ok(panel, 'no panel for the record');
    const outline = panel.traceSession?.outline;
    assert.ok(outline, 'the trace did not load');
    assert.equal(outline.header.id, recordId);
    assert.equal(outline.header.source, 'projected');
    assert.ok(outline.header.stepCount > 3);
    // A projection has no parameters; the header has them from the record's :result.
    const client = new FruxonClient({ baseUrl: info.baseUrl, tenant: info.tenant, credential: info.apiKey });
    const result = await client.getResult(agentId, recordId).finally(() => client.close());
    assert.ok(result.parameters && Object.keys(result.parameters).length > 0, 'the simulator record has no parameters');
    assert.deepEqual(outline.header.parameters, result.parameters);
    assert.ok(outline.kind.some((k, i) => k === 4 && outline.names[i]), 'no human-approval step in the outline');
    assert.match(panel.panel.title, new RegExp(recordId.slice(0, 8)));
    await vscode.commands.executeCommand('agentlens.openExecution', target);
    assert.equal(api.tracePanels.get({ kind: 'fruxon', ...target }), panel);
    const loads = (await simRequests()).filter((r) => r.route === 'projectedTrace');
    assert.equal(loads.length, 1, 'opening the same trace again fetched it again');
    assert.equal(api.walkthrough.has('openTrace'), true, 'the walkthrough\'s "Open a trace" step is not done');
  });

  it('falls back to the stored :trace when the projection has no spans, and says so', async () => {
    const { agentId, recordId } = info.special.native;
    await vscode.commands.executeCommand('agentlens.openExecution', { connection, agentId, executionRecordId: recordId });
    const outline = api.tracePanels.get({ kind: 'fruxon', connection, agentId, executionRecordId: recordId })?.traceSession?.outline;
    assert.equal(outline?.header.source, 'stored');
    assert.ok((outline?.header.stepCount ?? 0) > 0);
    const routes = (await simRequests()).map((r) => r.route);
    assert.ok(routes.includes('projectedTrace') && routes.includes('trace'));
  });

  it('refreshes a running execution\'s trace until it ends', async () => {
    const { agentId, recordId } = info.special.running;
    await vscode.workspace.getConfiguration('agentlens').update('records.refreshInterval', 2, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('agentlens.openExecution', { connection, agentId, executionRecordId: recordId });
      const outline = api.tracePanels.get({ kind: 'fruxon', connection, agentId, executionRecordId: recordId })?.traceSession?.outline;
      assert.equal(outline?.header.end, -1, 'the running trace has an end');
      assert.equal((await simRequests()).filter((r) => r.route === 'result' && r.path.includes(recordId)).length, 1);
      await sim('DELETE', '/_sim/requests');
      // Only the panel fetches traces (the tree polls records), so this is the panel's own refresh; it comes
      // every 2 s, later on a busy machine.
      await until('the running trace to be fetched again', async () =>
        (await simRequests()).some((r) => r.route === 'projectedTrace' && r.path.includes(recordId)) || undefined);
      // Its :result (the parameters) was read once, on open, not on every refresh.
      assert.equal((await simRequests()).filter((r) => r.route === 'result').length, 0, ':result was fetched again on a refresh');
    } finally {
      await vscode.workspace.getConfiguration('agentlens').update('records.refreshInterval', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('opens a saved :projectedTrace file, and names line and column of a malformed one', async () => {
    const { agentId, recordId } = info.special.failed;
    const res = await fetch(`${info.baseUrl}/v1/tenants/${info.tenant}/agents/${agentId}/executionRecords/${recordId}:projectedTrace`, { headers: { 'X-API-KEY': info.apiKey } });
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-trace-'));
    const good = join(dir, 'failed.json');
    writeFileSync(good, await res.text());
    await vscode.commands.executeCommand('agentlens.openTraceFile', vscode.Uri.file(good));
    const outline = api.tracePanels.get({ kind: 'file', path: good })?.traceSession?.outline;
    assert.ok(outline, 'the file did not open');
    assert.ok(outline.errorIndices.length > 0, 'the failed trace shows no error step');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "rawSpanCount": 3,\n  "traces": [ }\n');
    const opened = await vscode.commands.executeCommand('agentlens.openTraceFile', vscode.Uri.file(bad));
    assert.equal(opened, undefined);
    assert.equal(api.tracePanels.get({ kind: 'file', path: bad }), undefined, 'a panel opened for a malformed file');
  });
});
