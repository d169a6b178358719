import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import { FruxonClient } from '../../../src/api/fruxon/client';

const EXTENSION_ID = 'agentlens-dev.agentlens';

describe('AgentLens in a real VS Code extension host', () => {
  let api: AgentLensApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<AgentLensExports>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this window`);
    api = await (await ext.activate()).ready();
  });

  it('activates and reports its version', () => {
    const ext = vscode.extensions.getExtension<AgentLensExports>(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    assert.equal(ext.exports.version, ext.packageJSON.version);
    assert.equal(api.version, ext.packageJSON.version);
  });

  it('registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length >= 3);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) assert.ok(registered.has(id), `command ${id} is contributed but not registered`);
    // The shell registers what package.json contributes and forwards to the core: each needs a handler there,
    // and a handler for anything else would be unreachable.
    assert.deepEqual([...api.commandIds].sort(), [...contributed].sort());
  });

  it('contributes a walkthrough whose steps complete on context keys the extension sets, with working links', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as Array<{ steps: Array<{ id: string; description: string; completionEvents: string[] }> }>;
    const registered = new Set(await vscode.commands.getCommands(true));
    const steps = walkthrough!.steps.map((s) => s.id);
    assert.deepEqual(steps, ['signIn', 'browse', 'openTrace', 'runAgent', 'regressionTest', 'localTraces']);
    for (const step of walkthrough!.steps) {
      assert.deepEqual(step.completionEvents, [`onContext:agentlens.walkthrough.${step.id}`]);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(registered.has(command!), `step ${step.id} links to ${command}, which is not a command`);
      }
    }
    // The harness gives the extension a Fruxon connection through the environment: "Connect" is done.
    assert.equal(api.walkthrough.has('signIn'), true);
  });

  it('contributes the AgentLens container with Agents and Local Traces views that can be focused', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const views = ext.packageJSON.contributes.views.agentlens as Array<{ id: string; name: string }>;
    assert.deepEqual(views.map((v) => v.id), ['agentlens.agents', 'agentlens.localTraces']);
    // VS Code creates `<viewId>.focus` for each registered view; it fails for a view that does not exist.
    await vscode.commands.executeCommand('workbench.view.extension.agentlens');
    await vscode.commands.executeCommand('agentlens.agents.focus');
    await vscode.commands.executeCommand('agentlens.localTraces.focus');
  });

  it('has a log channel named AgentLens', async () => {
    assert.equal(api.logChannelName, 'AgentLens');
    await vscode.commands.executeCommand('agentlens.showLog');
  });

  it('receives the environment the harness set, and reaches the simulator from the extension host', async () => {
    const baseUrl = process.env.FRUXON_BASE_URL;
    const tenant = process.env.FRUXON_TENANT;
    const credential = process.env.FRUXON_API_KEY;
    assert.ok(baseUrl && tenant && credential, 'FRUXON_* variables did not reach the extension host');
    const client = new FruxonClient({ baseUrl, tenant, credential });
    try {
      const agents = await client.listAgents();
      assert.ok(agents.length > 0);
      const page = await client.listExecutionRecords(agents[0]!.id, { pageSize: 5 });
      assert.equal(page.items.length, 5);
    } finally {
      await client.close();
    }
  });
});
