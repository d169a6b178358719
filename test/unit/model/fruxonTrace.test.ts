// Fruxon trace → model: step kinds and details, statuses, the trace header, from seed-shaped fixtures.
import assert from 'node:assert/strict';
import { fromExecuteResponse, fromProjectedTrace, fromStoredTrace, fromTraceWithFallback } from '../../../src/model/fruxonTrace';
import { ResultResponseSchema } from '../../../src/api/fruxon/schemas';
import { errorSteps } from '../../../src/model/rollup';
import type { Step, StepDetail } from '../../../src/model/types';
import { SEED_EXECUTE, T0, execute, gate, llm, projected, record, step, stored, supportTree, tool } from './fixtures';

function detail<K extends StepDetail['kind']>(s: Step | undefined, kind: K): Extract<StepDetail, { kind: K }> {
  assert.ok(s, 'step exists');
  assert.equal(s.detail.kind, kind);
  return s.detail as Extract<StepDetail, { kind: K }>;
}

describe('model: Fruxon trace mapping', () => {
  it('maps a nested flow → llm → tool tree with kinds, names, order and source ids', () => {
    const t = fromProjectedTrace(projected(supportTree()));
    assert.equal(t.source, 'projected');
    assert.equal(t.stepCount, 7);
    const root = t.roots[0];
    assert.equal(root?.kind, 'flow');
    assert.equal(root?.name, 'Support Triage');
    assert.deepEqual(root?.children.map((c) => [c.id, c.kind]), [['llm-1', 'llm'], ['tool-1', 'tool'], ['gate-1', 'hitl'], ['tool-2', 'tool'], ['flow-2', 'flow']]);
    assert.deepEqual(root?.children[4]?.children.map((c) => c.id), ['llm-2']);
    for (const s of [root, ...(root?.children ?? [])]) {
      assert.equal(s?.status, 'ok');
      assert.equal(s?.rawType, undefined, 'canonical types are not repeated as rawType');
      assert.equal(s?.rawStatus, undefined);
    }
    assert.deepEqual(detail(root, 'generic').result, { text: 'Refund issued; reply drafted.' });
  });

  it('reads an LLM step: provider, model, messages with tool calls, tools, tokens, costs and answer', () => {
    const s = fromProjectedTrace(projected([llm('l', {}, { thinkingTokens: 50, thinkingCost: 0.0007, serverToolInvocations: [{ name: 'web_search' }] })])).roots[0];
    const d = detail(s, 'llm');
    assert.equal(d.provider, 'openai');
    assert.equal(d.model, 'gpt-4o');
    assert.deepEqual(d.messages.map((m) => m.role), ['system', 'user', 'assistant']);
    assert.deepEqual(d.messages[2]?.toolCalls, [{ id: 'call_1', name: 'lookup_order', arguments: { orderId: '1042' } }]);
    assert.equal(d.tools[0]?.name, 'lookup_order');
    assert.equal(d.tools[0]?.description, 'Find an order by id');
    assert.deepEqual(d.serverToolInvocations, [{ name: 'web_search' }]);
    assert.deepEqual(d.result, { text: 'Calling lookup_order.' });
    assert.deepEqual(s?.tokens, { input: 1200, output: 150, cached: 400, thinking: 50 });
    assert.deepEqual(s?.cost, { input: 0.002, output: 0.0015, cached: 0.0005, thinking: 0.0007, other: 0, total: 0.002 + 0.0015 + 0.0005 + 0.0007 });
  });

  it('reads OpenAI-style messages too: snake_case, function wrappers, JSON-string arguments, content parts', () => {
    const s = fromProjectedTrace(projected([llm('l', {}, {
      llmMessages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: 'x' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
        { role: 'tool', content: { ok: true }, tool_call_id: 'c' },
        'stray text',
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }, 'g'],
    })])).roots[0];
    const d = detail(s, 'llm');
    assert.equal(d.messages[0]?.content, 'hi\n{"type":"image_url","image_url":{"url":"x"}}');
    assert.deepEqual(d.messages[1], { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'f', arguments: { a: 1 } }] });
    assert.deepEqual(d.messages[2], { role: 'tool', content: '{"ok":true}', toolCallId: 'c' });
    assert.deepEqual(d.messages[3], { role: 'unknown', content: 'stray text' });
    assert.deepEqual(d.tools, [{ name: 'f', parameters: { type: 'object' } }, { name: 'g' }]);
  });

  it('reads a tool step: name, key, type, parameters, cost as other, result', () => {
    const s = fromProjectedTrace(projected([tool('t')])).roots[0];
    const d = detail(s, 'tool');
    assert.deepEqual(d, { kind: 'tool', tool: 'Lookup order', toolKey: 'lookup_order', toolType: 'AGENT_TOOL', parameters: { orderId: '1042' },
      result: { json: { status: 'shipped', carrier: 'DHL' } } });
    assert.deepEqual(s?.cost, { input: 0, output: 0, cached: 0, thinking: 0, other: 0.0001, total: 0.0001 });
    const byKey = fromProjectedTrace(projected([tool('t', { displayName: '' }, { tool: { key: 'only_key' }, displayName: null })])).roots[0];
    assert.equal(detail(byKey, 'tool').tool, 'only_key');
    assert.equal(byKey?.name, 'only_key', 'an unnamed step is named after its tool');
    const byName = fromProjectedTrace(projected([tool('t', {}, { tool: null, displayName: 'Shown name' })])).roots[0];
    assert.equal(detail(byName, 'tool').tool, 'Shown name');
  });

  it('reads an answered gate, with the wait from durationMs or from the two times', () => {
    const s = fromProjectedTrace(projected([gate('g', true)])).roots[0];
    assert.equal(s?.status, 'ok');
    assert.deepEqual(detail(s, 'hitl'), {
      kind: 'hitl', requestId: '7d0c1f0e-2b9b-4c1e-9d55-1c2f3a4b5c6d', gateType: 'TOOL_FLOW_STEP', toolKey: 'issue_refund',
      proposedParameters: { orderId: '1042', amount: 25 }, outboundMessage: 'Issue refund wants to run with {"orderId":"1042","amount":25}. Approve?',
      requestedAt: T0 + 3000, respondedAt: T0 + 63_000, respondedBy: 'ops@acme.example', decision: 'APPROVE', responseText: 'Approved, go ahead.',
      waitMs: 60_000,
    });
    assert.equal(s?.attributes?.correlationToken, 'a1b2c3d4e5f6');
    const g = gate('g', true);
    g.hitlTrace.durationMs = null;
    g.hitlTrace.respondedAt = T0 + 3000 + 4500;
    assert.equal(detail(fromProjectedTrace(projected([g])).roots[0], 'hitl').waitMs, 4500);
  });

  it('maps a pending gate as running, with no response and no wait', () => {
    const s = fromProjectedTrace(projected([gate('g', false)])).roots[0];
    assert.equal(s?.status, 'running');
    assert.equal(s?.end, undefined);
    assert.equal(s?.rawStatus, undefined, 'UNSPECIFIED is what an open step says');
    const d = detail(s, 'hitl');
    assert.equal(d.respondedAt, undefined);
    assert.equal(d.decision, undefined);
    assert.equal(d.waitMs, undefined);
    assert.equal(d.requestedAt, T0 + 3000);
  });

  it('treats gate-like types and any step with a hitlTrace as a gate', () => {
    const [a, b, c] = fromProjectedTrace(projected([
      gate('a', true, { type: 'HumanApproval' }), gate('b', true, { type: 'QUANTUM_STEP' }), step({ id: 'c', type: 'HITL_STEP' }),
    ])).roots;
    assert.deepEqual([a?.kind, b?.kind, c?.kind], ['hitl', 'hitl', 'hitl']);
    assert.deepEqual([a?.rawType, b?.rawType, c?.rawType], ['HumanApproval', 'QUANTUM_STEP', 'HITL_STEP']);
    assert.equal(c?.name, 'Approval');
  });

  it('marks errors from the status or from a non-empty error, and lists them in order', () => {
    const t = fromProjectedTrace(projected([step({
      id: 'root', status: 'ERROR', steps: [
        llm('l'), tool('bad', { status: 'ERROR', error: 'Order service returned 503', result: null }),
        tool('odd', { status: 'SUCCESS', error: 'partial failure' }), tool('fine', { error: '   ' }),
      ],
    })]));
    assert.deepEqual(errorSteps(t.roots).map((s) => s.id), ['root', 'bad', 'odd']);
    const [, bad, odd, fine] = t.roots[0]?.children ?? [];
    assert.equal(bad?.error, 'Order service returned 503');
    assert.equal(odd?.rawStatus, 'SUCCESS', 'the contradiction stays visible');
    assert.equal(fine?.status, 'ok');
    assert.equal(t.status, 'error', 'derived from the roots without a record');
  });

  it('maps open steps as running and the trace too', () => {
    const t = fromProjectedTrace(projected([step({ id: 'root', status: 'UNSPECIFIED', endTime: 0, duration: 0,
      steps: [llm('l'), llm('open', { status: 'UNSPECIFIED', endTime: 0, duration: 0, result: null })] })]));
    const [root] = t.roots;
    assert.equal(root?.status, 'running');
    assert.equal(root?.end, undefined);
    assert.equal(root?.children[1]?.status, 'running');
    assert.equal(t.status, 'running');
    assert.equal(t.end, undefined);
    assert.equal(t.start, T0);
  });

  it('keeps a finished step that lost its end time finished, via its duration', () => {
    const s = fromProjectedTrace(projected([tool('t', { endTime: 0, duration: 250 })])).roots[0];
    assert.equal(s?.status, 'ok');
    assert.equal(s?.end, T0 + 250);
    const u = fromProjectedTrace(projected([tool('t', { status: 'UNSPECIFIED' })])).roots[0];
    assert.equal(u?.status, 'unknown', 'finished but unspecified');
    assert.equal(u?.rawStatus, 'UNSPECIFIED');
  });

  it('builds the header from the record: id, title, agent, revision, environment, status, times, totals', () => {
    const rec = record({ status: 'FAILED', endTime: T0 + 95_000 });
    const t = fromProjectedTrace(projected(supportTree()), rec, { agentName: 'Support Triage' });
    assert.equal(t.id, 'rec-1');
    assert.equal(t.title, 'Support Triage');
    assert.equal(t.agentName, 'Support Triage');
    assert.equal(t.agentId, 'support-triage');
    assert.equal(t.revision, 6);
    assert.equal(t.environment, 'production');
    assert.equal(t.status, 'error', 'the record wins over the steps');
    assert.equal(t.rawStatus, 'FAILED');
    assert.deepEqual([t.start, t.end], [T0, T0 + 95_000]);
    assert.equal(t.currency, 'USD');
    assert.deepEqual(t.tokens, { input: 2000, output: 450, cached: 400, thinking: 120 });
    const near = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} ≠ ${b}`);
    near(t.cost.input, 0.003, 'input');
    near(t.cost.output, 0.0045, 'output');
    near(t.cost.cached, 0.0005, 'cached');
    near(t.cost.other, 0.0001, 'tool cost');
    assert.equal(t.cost.thinking, 0.0018, 'the record supplies the thinking cost the steps do not carry');
    near(t.cost.total, 0.0099, 'total');
    assert.deepEqual(t.result, { text: 'Refund issued; reply drafted.' }, 'the root flow result');
  });

  it('derives the header without a record', () => {
    const t = fromProjectedTrace(projected([tool('a', { startTime: T0 + 10, endTime: T0 + 20 }), tool('b', { startTime: T0 + 5, endTime: T0 + 50 })]));
    assert.deepEqual([t.id, t.status, t.rawStatus, t.start, t.end], ['rec-1', 'ok', undefined, T0 + 5, T0 + 50]);
    assert.equal(t.title, 'Execution rec-1');
    assert.equal(fromProjectedTrace(projected(supportTree())).title, 'Support Triage', 'a single root names the trace');
    assert.equal(fromProjectedTrace(projected([])).status, 'unknown');
  });

  it('maps each execution status, and keeps unknown ones', () => {
    const status = (s: string | number) => fromProjectedTrace(projected(supportTree()), record({ status: s }));
    for (const [s, want] of [['COMPLETED', 'ok'], ['Completed', 'ok'], ['CANCELLED', 'error'], ['REJECTED', 'error'], ['IN_PROGRESS', 'running'],
      ['WaitingForAsync', 'running'], ['QUANTUM_PENDING', 'unknown'], [7, 'unknown'], ['UNSPECIFIED', 'ok']] as const) {
      const t = status(s);
      assert.equal(t.status, want, String(s));
      assert.equal(t.rawStatus, String(s));
    }
    assert.equal(status('IN_PROGRESS').end, undefined);
  });

  it('maps a stored trace with parameters, result, revision and the response status', () => {
    const t = fromStoredTrace(stored(supportTree(), 'WAITING_FOR_ASYNC'));
    assert.equal(t.source, 'stored');
    assert.deepEqual([t.id, t.agentId, t.revision, t.status, t.rawStatus], ['rec-1', 'support-triage', 6, 'running', 'WAITING_FOR_ASYNC']);
    assert.deepEqual(t.parameters, { ticket: 'Where is order 1042?' });
    assert.deepEqual(t.result, { text: 'Refund issued; reply drafted.' });
    assert.equal(t.stepCount, 7);
    const empty = fromStoredTrace({ status: 'IN_PROGRESS', trace: null }, record({ status: 'IN_PROGRESS', endTime: 0 }));
    assert.deepEqual([empty.id, empty.status, empty.stepCount, empty.roots.length], ['rec-1', 'running', 0, 0]);
  });

  it('takes a projected trace\'s parameters and result from the record\'s :result; a trace\'s own come first', () => {
    const fromResult = ResultResponseSchema.parse({
      agentExecutionRecordId: 'rec-1', parameters: { ticket: 'From :result' }, result: { strValue: 'Answer from :result', jsonValue: null, fileLink: null },
    });
    const p = fromProjectedTrace(projected(supportTree()), record(), { result: fromResult });
    assert.deepEqual(p.parameters, { ticket: 'From :result' });
    assert.deepEqual(p.result, { text: 'Answer from :result' });
    const bare = fromProjectedTrace(projected(supportTree()), record());
    assert.equal(bare.parameters, undefined);
    // Without :result, the root flow's result stands in for the run's answer.
    assert.deepEqual(bare.result, { text: 'Refund issued; reply drafted.' });
    const s = fromStoredTrace(stored(supportTree()), record(), { result: fromResult });
    assert.deepEqual([s.parameters, s.result], [{ ticket: 'Where is order 1042?' }, { text: 'Refund issued; reply drafted.' }]);
    const noParams = ResultResponseSchema.parse({ agentExecutionRecordId: 'rec-1', parameters: null, result: null });
    assert.equal(fromProjectedTrace(projected(supportTree()), record(), { result: noParams }).parameters, undefined);
  });

  it('maps seed 004 verbatim, and an execute paused at a gate', () => {
    const t = fromExecuteResponse(execute(SEED_EXECUTE));
    assert.equal(t.source, 'execute');
    assert.equal(t.id, '00000000-0000-0000-0000-000000000000');
    assert.equal(t.status, 'ok');
    assert.deepEqual(t.result, { text: 'string', fileLink: 'string' });
    const s = t.roots[0];
    assert.deepEqual([s?.kind, s?.rawType, s?.status, s?.error], ['other', 'UNSPECIFIED', 'error', 'string']);
    const paused = fromExecuteResponse(execute({ ...SEED_EXECUTE, status: 'WAITING_FOR_ASYNC', trace: { ...SEED_EXECUTE.trace, result: null, traces: [gate('g', false)] } }));
    assert.equal(paused.status, 'running');
    assert.deepEqual(paused.result, { text: 'string' }, 'the response text when the trace has no result');
  });

  it('dispatches a fallback result to the right mapper', () => {
    assert.equal(fromTraceWithFallback({ source: 'projected', trace: projected(supportTree()) }).source, 'projected');
    const t = fromTraceWithFallback({ source: 'stored', trace: stored(supportTree()) }, record(), { agentName: 'X' });
    assert.deepEqual([t.source, t.title, t.status], ['stored', 'X', 'ok']);
  });
});
