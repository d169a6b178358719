// The five tools against the simulator over HTTP, with connections from environment variables (the MCP
// server's backend): plain deterministic text, within budget, no credential, clear errors for bad input, and
// a run sent exactly once.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { EnvToolBackend } from '../../../src/agentTools/envBackend';
import { AgentTools } from '../../../src/agentTools/tools';
import { estimateTokens } from '../../../src/model/agentText/text';
import { traceToOtlp } from '../../../src/model/agentText/otlpExport';
import { generateTrace } from '../../../bench/generateTrace';

describe('agentTools: the language-model tools on the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let backend: EnvToolBackend;
  let tools: AgentTools;
  const now = () => Date.parse('2026-12-04T12:00:00Z');

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 20_000, quiet: true });
    backend = new EnvToolBackend({ FRUXON_API_KEY: sim.apiKey, FRUXON_TENANT: sim.tenant, FRUXON_BASE_URL: sim.baseUrl, ZAIA_API_KEY: sim.zaiaApiKey, ZAIA_BASE_URL: sim.baseUrl }, tmpdir(), now);
    tools = new AgentTools(backend);
  });
  after(async () => {
    await backend.close();
    await sim.close();
  });

  const noSecret = (text: string) => {
    assert.ok(!text.includes(sim.apiKey), 'no Fruxon key');
    assert.ok(!text.includes(sim.zaiaApiKey), 'no Zaia key');
  };
  const fruxon = () => backend.connections().find((c) => c.kind === 'fruxon')!.id;

  it('lists agents, then an agent\'s failed executions, the same way twice', async () => {
    const agents = await tools.invoke('agentlens_listExecutions', {});
    assert.match(agents, /agent support-triage/);
    assert.match(agents, /responder /);
    const input = { agent: 'invoice-extractor', connection: fruxon(), status: ['failed'], limit: 5 };
    const text = await tools.invoke('agentlens_listExecutions', input);
    assert.match(text, /^Executions of agent invoice-extractor .*status failed/);
    const rows = text.split('\n').slice(2);
    assert.ok(rows.length > 0 && rows.every((r) => r.includes(' · FAILED · ')), text);
    assert.equal(await tools.invoke('agentlens_listExecutions', input), text);
    // Without a connection, the one that has the agent (Fruxon here, with Zaia signed in too).
    assert.equal(await tools.invoke('agentlens_listExecutions', { ...input, connection: undefined }), text);
    assert.match(await tools.invoke('agentlens_listExecutions', { agent: 'no-such-agent' }), /No signed-in connection has an agent "no-such-agent"/);
    noSecret(text);
  });

  it('reads a trace by id, by link and with focus; the failure is in the outline', async () => {
    const { agentId, recordId } = sim.data.special.failed;
    const text = await tools.invoke('agentlens_getTrace', { execution: recordId, agent: agentId, connection: fruxon() });
    assert.match(text, /^Trace /);
    assert.match(text, /Failed steps \(\d+\):/);
    const link = `vscode://agentlens-dev.agentlens/open?connection=${encodeURIComponent(fruxon())}&agent=${agentId}&record=${recordId}`;
    assert.equal(await tools.invoke('agentlens_getTrace', { execution: link }), text);
    const focused = await tools.invoke('agentlens_getTrace', { execution: link, focus: '#1', maxTokens: 1000 });
    assert.match(focused, /^Focus #1 /m);
    assert.ok(estimateTokens(focused) <= 1000);
    noSecret(text + focused);
  });

  it('keeps the 20,000-step trace within budget and pages it with the cursor', async () => {
    const { agentId, recordId } = sim.data.special.huge;
    const first = await tools.invoke('agentlens_getTrace', { execution: recordId, agent: agentId, connection: fruxon(), maxTokens: 3000 });
    assert.ok(estimateTokens(first) <= 3000);
    const cursor = /cursor "(\d+)"/.exec(first)?.[1];
    assert.ok(cursor, first.slice(-300));
    const next = await tools.invoke('agentlens_getTrace', { execution: recordId, agent: agentId, connection: fruxon(), maxTokens: 3000, cursor });
    assert.match(next, new RegExp(`^Steps from #${cursor}:`, 'm'));
  });

  it('reads Zaia executions and trace files', async () => {
    const zaia = await tools.invoke('agentlens_getTrace', { execution: `zaia:${sim.zaia.special.failed}` });
    assert.match(zaia, /^Trace .*\(source zaia\)/);
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-tools-'));
    writeFileSync(join(dir, 'big.json'), JSON.stringify(traceToOtlp(generateTrace(2000, 4))));
    const file = await tools.invoke('agentlens_getTrace', { execution: join(dir, 'big.json'), maxTokens: 2000 });
    assert.match(file, /^Trace .*\(source otlp\)/);
    assert.match(file, /2000 steps/);
  });

  it('finds failed executions with their failing steps and inputs', async () => {
    const text = await tools.invoke('agentlens_findFailures', { agent: 'invoice-extractor', connection: fruxon(), limit: 2 });
    assert.match(text, /^Failed executions of agent invoice-extractor/);
    assert.match(text, /^ {2}#\d+ tool ".*": /m);
    assert.match(text, /^ {4}input: /m);
  });

  it('compares two executions: same one has no divergence, a failed one against its baseline diverges at the failed step', async () => {
    const failed = sim.data.special.failed;
    const same = await tools.invoke('agentlens_compareExecutions', { a: failed.recordId, b: failed.recordId, agent: failed.agentId, connection: fruxon() });
    assert.match(same, /No divergence/);
    // The simulator's compare set: the baseline and the run whose tool step failed, same parameters.
    const base = sim.data.special.compareBase;
    const broken = sim.data.special.compareFailed;
    const diff = await tools.invoke('agentlens_compareExecutions', { a: base.recordId, b: broken.recordId, agent: base.agentId, connection: fruxon() });
    assert.match(diff, /^First divergence: A#\d+ \/ B#\d+ tool ".*": .*status ok → error; error none → "HTTP 502/m);
    assert.match(diff, /1 changed, 0 only in A, 0 only in B/);
    assert.doesNotMatch(diff, /^Parameter /m);
  });

  it('runs an agent once from a run file and answers with the execution', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-run-'));
    writeFileSync(join(dir, 'x.agentrun.json'), JSON.stringify({ agent: 'invoice-extractor', parameters: { fileId: 'file_1' } }));
    const before = sim.count('execute', 'POST');
    const text = await tools.invoke('agentlens_runAgent', { runFile: join(dir, 'x.agentrun.json'), connection: fruxon() });
    assert.equal(sim.count('execute', 'POST'), before + 1);
    assert.match(text, /^Ran agent invoice-extractor once: execution \S+ · status COMPLETED/);
    assert.ok(estimateTokens(text) <= 2000);
  });

  it('answers bad input with what to pass instead', async () => {
    assert.match(await tools.invoke('agentlens_getTrace', {}), /^Error: Invalid input: execution/);
    assert.match(await tools.invoke('agentlens_getTrace', { execution: 'abc' }), /needs its agent/);
    assert.match(await tools.invoke('agentlens_listExecutions', { agent: 'x', since: 'yesterday-ish', connection: fruxon() }), /ISO 8601/);
  });
});
