// `agentlens mcp` as a child process (dist/cli.js), driven over stdio by the MCP SDK's own client against the
// simulator: the tools it lists are the VS Code tools, answers are the same texts within the same budgets,
// stdout holds nothing but JSON-RPC, and no credential appears in anything it says.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { TOOL_DEFINITIONS } from '../../../src/agentTools/definitions';
import { estimateTokens } from '../../../src/model/agentText/text';

const CLI = resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

describe('agentlens mcp (command line)', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let client: Client;
  let env: Record<string, string>;
  let stderr = '';

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 30_000, quiet: true });
    env = { PATH: process.env.PATH ?? '', FRUXON_API_KEY: sim.apiKey, FRUXON_TENANT: sim.tenant, FRUXON_BASE_URL: sim.baseUrl };
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], env, stderr: 'pipe' });
    transport.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
    client = new Client({ name: 'agentlens-test', version: '0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    await sim.close();
  });

  it('lists the same tools as VS Code, with their schemas; run agent is marked as not read-only', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), TOOL_DEFINITIONS.map((t) => t.name));
    for (const t of tools) assert.deepEqual(t.inputSchema, TOOL_DEFINITIONS.find((d) => d.name === t.name)!.inputSchema);
    assert.equal(tools.find((t) => t.name === 'agentlens_runAgent')?.annotations?.readOnlyHint, false);
    assert.equal(client.getServerVersion()?.name, 'agentlens');
  });

  it('reads a 30,000-step trace within the budget asked for, and a failure in full', async () => {
    const { agentId, recordId } = sim.data.special.huge;
    const r = await client.callTool({ name: 'agentlens_getTrace', arguments: { execution: recordId, agent: agentId, maxTokens: 2500 } });
    const text = (r.content as { type: string; text: string }[])[0]!.text;
    assert.match(text, /^Trace .* \(source projected\)/);
    assert.ok(estimateTokens(text) <= 2500);
    assert.match(text, /cursor "\d+"/);
    const failed = sim.data.special.failed;
    const f = await client.callTool({ name: 'agentlens_findFailures', arguments: { agent: failed.agentId, limit: 1 } });
    assert.match((f.content as { text: string }[])[0]!.text, /VIES service unavailable|#\d+ tool/);
    assert.ok(!JSON.stringify([r, f]).includes(sim.apiKey));
  });

  it('answers a bad call as a tool error the model can read', async () => {
    const r = await client.callTool({ name: 'agentlens_getTrace', arguments: { execution: 'abc' } });
    assert.equal(r.isError, true);
    assert.match((r.content as { text: string }[])[0]!.text, /needs its agent/);
  });

  it('writes nothing but JSON-RPC on stdout', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'agentlens_listExecutions', arguments: { agent: 'support-triage', limit: 3 } } });
    // Wait for the answer to the call, then close stdin: the server exits.
    while (!out.includes('"id":2')) await new Promise((r) => child.stdout.once('data', r));
    child.stdin.end();
    assert.equal(await exited, 0);
    const lines = out.split('\n').filter((l) => l !== '');
    for (const l of lines) assert.equal((JSON.parse(l) as { jsonrpc: string }).jsonrpc, '2.0', l);
    assert.match(lines.at(-1)!, /Executions of agent support-triage/);
    assert.equal(stderr, '', 'the server the client started said nothing on stderr');
  });
});
