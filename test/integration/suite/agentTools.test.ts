import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { generateTrace } from '../../../bench/generateTrace';
import { TOOL_DEFINITIONS } from '../../../src/agentTools/definitions';
import type { AgentLensApi, AgentLensExports } from '../../../src/extension';
import { traceToOtlp } from '../../../src/model/agentText/otlpExport';
import { estimateTokens } from '../../../src/model/agentText/text';
import { traceFromFile } from '../../../src/model/traceFile';
import { simInfo, simRequests, sim, type SimInfo } from './simAdmin';

// The coding-agent surfaces in the real extension host against the simulator: each language-model tool through
// `vscode.lm.invokeTool` (no chat model needed), a 100,000-step trace within budget, run agent's confirmation,
// the trace exports, and the @agentlens participant's handler with a scripted model.
describe('Agent tools, chat participant and exports', () => {
  let api: AgentLensApi;
  let info: SimInfo;
  let connection: string;

  const invoke = async (name: string, input: object): Promise<string> => {
    const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
    return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
  };

  before(async () => {
    api = await (await vscode.extensions.getExtension<AgentLensExports>('agentlens-dev.agentlens')!.activate()).ready();
    info = await simInfo();
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; kind: string; fromEnvironment?: boolean } }>;
    connection = roots.find((r) => r.profile?.fromEnvironment && r.profile.kind === 'fruxon')!.profile!.id;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every contributed tool with VS Code', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    for (const d of TOOL_DEFINITIONS) assert.ok(names.includes(d.name), `${d.name} is not registered`);
    const trace = vscode.lm.tools.find((t) => t.name === 'agentlens_getTrace')!;
    assert.deepEqual(trace.inputSchema, TOOL_DEFINITIONS.find((d) => d.name === 'agentlens_getTrace')!.inputSchema);
  });

  it('lists executions, reads a failed trace, finds failures and compares, all through lm.invokeTool', async () => {
    const { agentId, recordId } = info.special.failed;
    const list = await invoke('agentlens_listExecutions', { agent: agentId, connection, status: ['FAILED'], limit: 3 });
    assert.match(list, new RegExp(`^Executions of agent ${agentId} `));
    assert.ok(list.includes(' · FAILED · '));
    const trace = await invoke('agentlens_getTrace', { execution: recordId, agent: agentId, connection, maxTokens: 1500 });
    assert.match(trace, /^Trace /);
    assert.match(trace, /Failed steps/);
    assert.ok(estimateTokens(trace) <= 1500);
    const failures = await invoke('agentlens_findFailures', { agent: agentId, connection, limit: 2 });
    assert.match(failures, /^Failed executions of agent /);
    const compare = await invoke('agentlens_compareExecutions', { a: recordId, b: recordId, agent: agentId, connection });
    assert.match(compare, /No divergence/);
    for (const text of [list, trace, failures, compare]) assert.ok(!text.includes(info.apiKey) && !text.includes(info.zaia.apiKey), 'a credential in a tool answer');
  });

  it('keeps the outline of a 100,000-step trace file and of the simulator\'s huge trace within budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-big-'));
    const file = join(dir, 'big.otlp.json');
    writeFileSync(file, JSON.stringify(traceToOtlp(generateTrace(100_000, 5))));
    const big = await invoke('agentlens_getTrace', { execution: file });
    assert.match(big, /100000 steps/);
    assert.ok(estimateTokens(big) <= 4000, `${estimateTokens(big)} tokens`);
    const focused = await invoke('agentlens_getTrace', { execution: file, focus: '#99999', cursor: '99990', maxTokens: 2000 });
    assert.match(focused, /^Focus #99999 /m);
    assert.ok(estimateTokens(focused) <= 2000);
    const { agentId, recordId } = info.special.huge;
    const huge = await invoke('agentlens_getTrace', { execution: recordId, agent: agentId, connection, maxTokens: 3000 });
    assert.ok(estimateTokens(huge) <= 3000);
    assert.match(huge, /cursor "\d+"/);
  });

  it('asks before running an agent, with what will run where', async () => {
    const run = api.tools.get('agentlens_runAgent')!;
    // Counted against what earlier suites executed, so the check holds in any order.
    const executes = async (): Promise<number> => (await simRequests()).filter((r) => r.route === 'execute').length;
    const before = await executes();
    const prepared = await run.prepareInvocation!({ input: { agent: 'support-triage', connection, parameters: { ticketId: 'ZD-9' } } }, new vscode.CancellationTokenSource().token);
    assert.equal(prepared?.confirmationMessages?.title, 'Run agent support-triage?');
    const message = prepared!.confirmationMessages!.message;
    assert.match(typeof message === 'string' ? message : message.value, /with parameters \{"ticketId":"ZD-9"\}.*sent once/s);
    assert.equal(await executes(), before, 'preparing ran the agent');
  });

  it('copies a trace as Markdown, exports it as OTLP/JSON that opens back the same, saves JSON and copies its link', async () => {
    const { agentId, recordId } = info.special.hitl;
    const origin = { kind: 'fruxon', connection, agentId, executionRecordId: recordId };
    await vscode.commands.executeCommand('agentlens.openExecution', { connection, agentId, executionRecordId: recordId });
    const shown = await api.tracePanels.get(origin as never)!.traceSession!.trace();
    await vscode.commands.executeCommand('agentlens.copyTraceMarkdown', origin);
    const md = await vscode.env.clipboard.readText();
    assert.match(md, /^# Trace `/);
    assert.ok(md.includes(`| Steps | ${shown.stepCount}`));
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-export-'));
    const otlp = vscode.Uri.file(join(dir, 't.otlp.json'));
    await vscode.commands.executeCommand('agentlens.exportTraceOtlp', origin, otlp);
    const back = traceFromFile(JSON.parse(readFileSync(otlp.fsPath, 'utf8')));
    assert.deepEqual([back.stepCount, back.tokens], [shown.stepCount, shown.tokens]);
    const json = vscode.Uri.file(join(dir, 't.trace.json'));
    await vscode.commands.executeCommand('agentlens.saveTraceJson', origin, json);
    assert.equal(JSON.parse(readFileSync(json.fsPath, 'utf8')).id, recordId);
    // The selected step's subtree: the step the panel shows (here revealed, as a chat button does).
    const step = shown.roots[0]!.children[0]!;
    await vscode.commands.executeCommand('agentlens.openTraceAtStep', origin, step.id);
    await vscode.commands.executeCommand('agentlens.copyStepMarkdown', origin);
    const sub = await vscode.env.clipboard.readText();
    assert.match(sub, /^# Steps of `/);
    assert.ok(sub.includes(`| Subtree of | \`${step.name}\``), sub.slice(0, 600));
    await vscode.commands.executeCommand('agentlens.copyTraceLink', origin);
    assert.equal(new URL(await vscode.env.clipboard.readText()).searchParams.get('record'), recordId);
  });

  it('copies a Zaia execution\'s link, which opens its trace', async () => {
    const roots = (await api.agentsTree.getChildren()) as Array<{ profile?: { id: string; kind: string } }>;
    const zaia = roots.find((r) => r.profile?.kind === 'zaia')!.profile!.id;
    const origin = { kind: 'zaia', connection: zaia, executionId: info.zaia.special.failed };
    await vscode.commands.executeCommand('agentlens.copyTraceLink', origin);
    const link = await vscode.env.clipboard.readText();
    assert.equal(new URL(link).searchParams.get('zaia'), info.zaia.special.failed);
    await api.handleUri(vscode.Uri.parse(link));
    assert.equal((await api.tracePanels.get(origin as never)?.traceSession?.trace())?.source, 'zaia');
  });

  it('answers /explain with the scripted model, citing steps as buttons that open the trace at them', async () => {
    await sim('DELETE', '/_sim/requests');
    const { agentId, recordId } = info.special.failed;
    const link = `${vscode.env.uriScheme}://agentlens-dev.agentlens/open?connection=${encodeURIComponent(connection)}&agent=${agentId}&record=${recordId}`;
    const sent: string[] = [];
    const model = {
      id: 'fake', name: 'Scripted', vendor: 'test', family: 'fake', version: '1', maxInputTokens: 6000,
      countTokens: async () => 0,
      sendRequest: async (messages: vscode.LanguageModelChatMessage[]) => {
        for (const m of messages) for (const p of m.content) if (p instanceof vscode.LanguageModelTextPart) sent.push(p.value);
        const fragments = ['The run failed at ', 'step #1 and then ', '#0 was marked failed.'];
        return { text: (async function* () { yield* fragments; })(), stream: (async function* () {})() };
      },
    } as unknown as vscode.LanguageModelChat;
    const markdown: string[] = [];
    const buttons: vscode.Command[] = [];
    const stream = {
      markdown: (v: string | vscode.MarkdownString) => void markdown.push(typeof v === 'string' ? v : v.value),
      button: (c: vscode.Command) => void buttons.push(c),
      progress: () => undefined, reference: () => undefined, anchor: () => undefined, filetree: () => undefined, push: () => undefined,
    } as unknown as vscode.ChatResponseStream;
    const request = { prompt: `why did ${link} fail?`, command: 'explain', references: [], toolReferences: [], model } as unknown as vscode.ChatRequest;
    const result = await api.chat.handler(request, { history: [] } as unknown as vscode.ChatContext, stream, new vscode.CancellationTokenSource().token);
    assert.equal(markdown.join(''), 'The run failed at step #1 and then #0 was marked failed.');
    assert.ok(sent.some((s) => s.includes(`Trace ${recordId}`)), 'the outline went to the model');
    assert.ok(sent.every((s) => estimateTokens(s) <= 6000 && !s.includes(info.apiKey)));
    assert.deepEqual(buttons.map((b) => b.title.split(' ')[1]), ['#1', '#0', 'the']);
    assert.equal((result as vscode.ChatResult).metadata?.command, 'explain');
    // A button opens the trace at its step.
    const [origin, stepId] = buttons[0]!.arguments as [object, string];
    await vscode.commands.executeCommand(buttons[0]!.command, ...buttons[0]!.arguments!);
    const panel = api.tracePanels.get(origin as never);
    assert.equal(panel?.selectedStepId, stepId);
  });

  it('answers /compare from two pasted links with the engine\'s comparison, and /recent without a model', async () => {
    const link = (r: { agentId: string; recordId: string }) =>
      `${vscode.env.uriScheme}://agentlens-dev.agentlens/open?connection=${encodeURIComponent(connection)}&agent=${r.agentId}&record=${r.recordId}`;
    const sent: string[] = [];
    const model = {
      id: 'fake', name: 'Scripted', vendor: 'test', family: 'fake', version: '1', maxInputTokens: 8000, countTokens: async () => 0,
      sendRequest: async (messages: vscode.LanguageModelChatMessage[]) => {
        for (const m of messages) for (const p of m.content) if (p instanceof vscode.LanguageModelTextPart) sent.push(p.value);
        // Scripted: cite the step the comparison names first, as a model would.
        const cited = /First divergence: A#\d+ \/ B#(\d+)/.exec(sent.join('\n'))?.[1] ?? '?';
        return { text: (async function* () { yield `B#${cited} failed: the knowledge base answered 502.`; })(), stream: (async function* () {})() };
      },
    } as unknown as vscode.LanguageModelChat;
    const markdown: string[] = [];
    const buttons: vscode.Command[] = [];
    const stream = {
      markdown: (v: string | vscode.MarkdownString) => void markdown.push(typeof v === 'string' ? v : v.value),
      button: (c: vscode.Command) => void buttons.push(c), progress: () => undefined,
    } as unknown as vscode.ChatResponseStream;
    const ask = (command: string, prompt: string) => api.chat.handler(
      { prompt, command, references: [], toolReferences: [], model } as unknown as vscode.ChatRequest,
      { history: [] } as unknown as vscode.ChatContext, stream, new vscode.CancellationTokenSource().token);
    await ask('compare', `${link(info.special.compareBase)} vs ${link(info.special.compareFailed)}`);
    assert.ok(sent.some((t) => /First divergence: A#\d+ \/ B#\d+ tool/.test(t)), 'the comparison went to the model');
    assert.match(markdown.join(''), /^B#\d+ failed: the knowledge base answered 502\.$/);
    assert.equal(buttons.length, 1);
    assert.match(buttons[0]!.title, /^Open B#\d+ /);
    markdown.length = 0;
    sent.length = 0;
    await ask('recent', info.special.failed.agentId);
    assert.equal(sent.length, 0, '/recent asked the model');
    assert.match(markdown.join(''), new RegExp(`^\`\`\`text\nExecutions of agent ${info.special.failed.agentId} `));
  });
});
