// The compare engine on hand-built pairs: each test states the exact merged alignment (state, A name | B name,
// depth, changed fields) and the first divergence.
import assert from 'node:assert/strict';
import { diffTraces, type TraceDiff } from '../../../../src/model/traceDiff/diff';
import { agent, failed, flow, llm, tool, trace } from './build';

/** One line per merged row: "  state A|B [fields]" indented by depth; '-' for a missing side. */
function layout(d: TraceDiff): string[] {
  return d.rows.map((r) => {
    const fields = r.changes.length ? ` [${r.changes.join(',')}]` : '';
    return `${'  '.repeat(r.depth)}${r.state} ${r.a?.name ?? '-'}|${r.b?.name ?? '-'}${fields}`;
  });
}

const firstName = (d: TraceDiff) => (d.firstDivergence < 0 ? null : layout(d)[d.firstDivergence]!.trim());

/** The support run both sides start from: plan, look the order up, answer. */
function supportRun(opts: { system?: string } = {}) {
  return trace([
    agent('support-agent', [
      llm('Calling lookupOrder.', { system: opts.system, calls: [{ name: 'lookupOrder', arguments: { orderId: '1042' } }] }),
      tool('lookupOrder', { orderId: '1042' }, { status: 'shipped' }),
      llm('Order 1042 has shipped.'),
    ]),
  ], { question: 'Where is order 1042?', temperature: 0.2 });
}

describe('compare engine: diffTraces', () => {
  it('finds a trace identical to itself and to a second run with other ids and times', () => {
    const a = supportRun();
    for (const b of [a, supportRun()]) {
      const d = diffTraces(a, b);
      assert.deepEqual(layout(d), [
        'unchanged support-agent|support-agent',
        '  unchanged chat gpt-4o|chat gpt-4o',
        '  unchanged lookupOrder|lookupOrder',
        '  unchanged chat gpt-4o|chat gpt-4o',
      ]);
      assert.equal(d.identical, true);
      assert.equal(d.firstDivergence, -1);
      assert.deepEqual(d.changes, []);
      assert.deepEqual(d.parameters, []);
    }
  });

  it('one extra tool call: the divergence is the model answer that asked for it', () => {
    const a = supportRun();
    const b = trace([
      agent('support-agent', [
        llm('Calling lookupOrder and getShipping.', { calls: [{ name: 'lookupOrder', arguments: { orderId: '1042' } }, { name: 'getShipping', arguments: { orderId: '1042' } }] }),
        tool('lookupOrder', { orderId: '1042' }, { status: 'shipped' }),
        tool('getShipping', { orderId: '1042' }, { eta: 'tomorrow' }),
        llm('Order 1042 has shipped.'),
      ]),
    ], { question: 'Where is order 1042?', temperature: 0.2 });
    const d = diffTraces(a, b);
    assert.deepEqual(layout(d), [
      'unchanged support-agent|support-agent',
      '  changed chat gpt-4o|chat gpt-4o [messages,answer]',
      '  unchanged lookupOrder|lookupOrder',
      '  onlyB -|getShipping',
      '  unchanged chat gpt-4o|chat gpt-4o',
    ]);
    assert.equal(firstName(d), 'changed chat gpt-4o|chat gpt-4o [messages,answer]');
    assert.equal(d.rows[0]!.changedBelow, true);
    assert.deepEqual(d.changes, [1, 3]);
    assert.equal(d.identical, false);
  });

  it('a changed system prompt: the first LLM call diverges, and the parameters that differ are listed', () => {
    const a = supportRun();
    const b = supportRun({ system: 'You are a terse support agent.' });
    b.parameters = { question: 'Where is order 1042?', temperature: 0.7, locale: 'de' };
    const d = diffTraces(a, b);
    assert.deepEqual(layout(d), [
      'unchanged support-agent|support-agent',
      '  changed chat gpt-4o|chat gpt-4o [messages]',
      '  unchanged lookupOrder|lookupOrder',
      '  unchanged chat gpt-4o|chat gpt-4o',
    ]);
    assert.equal(d.firstDivergence, 1);
    assert.deepEqual(d.parameters, [{ path: 'locale', b: '"de"' }, { path: 'temperature', a: '0.2', b: '0.7' }]);
  });

  it('a failed step: the failure is the divergence, not its parent whose status followed', () => {
    const a = supportRun();
    const b = trace([
      failed(agent('support-agent', [
        llm('Calling lookupOrder.', { calls: [{ name: 'lookupOrder', arguments: { orderId: '1042' } }] }),
        failed(tool('lookupOrder', { orderId: '1042' }, { status: 'shipped' }), 'HTTP 502 from orders service'),
        llm('Sorry, I could not look the order up.'),
      ]), 'step lookupOrder failed'),
    ]);
    b.parameters = a.parameters;
    const d = diffTraces(a, b);
    assert.deepEqual(layout(d), [
      'changed support-agent|support-agent [status,error]',
      '  unchanged chat gpt-4o|chat gpt-4o',
      '  changed lookupOrder|lookupOrder [status,error]',
      '  changed chat gpt-4o|chat gpt-4o [messages,answer]',
    ]);
    assert.equal(d.firstDivergence, 2);
    assert.deepEqual(d.totals.errors, [0, 2]);
  });

  it('a loop of 3 against 5 iterations: the numbered turns pair up and the 4th turn is where B went on', () => {
    const turn = (k: number) => flow(`turn ${k}`, [
      llm(`Searching page ${k}.`, { calls: [{ name: 'search', arguments: { page: k } }] }),
      tool('search', { page: k }, { hits: k }),
    ]);
    const run = (turns: number) => trace([agent('researcher', [...Array.from({ length: turns }, (_, k) => turn(k + 1)), llm('Here is the summary.')])]);
    const d = diffTraces(run(3), run(5));
    assert.deepEqual(layout(d), [
      'unchanged researcher|researcher',
      '  unchanged turn 1|turn 1', '    unchanged chat gpt-4o|chat gpt-4o', '    unchanged search|search',
      '  unchanged turn 2|turn 2', '    unchanged chat gpt-4o|chat gpt-4o', '    unchanged search|search',
      '  unchanged turn 3|turn 3', '    unchanged chat gpt-4o|chat gpt-4o', '    unchanged search|search',
      '  onlyB -|turn 4', '    onlyB -|chat gpt-4o', '    onlyB -|search',
      '  onlyB -|turn 5', '    onlyB -|chat gpt-4o', '    onlyB -|search',
      '  unchanged chat gpt-4o|chat gpt-4o',
    ]);
    assert.equal(firstName(d), 'onlyB -|turn 4');
    assert.equal(d.rows[10]!.size, 3);
    // And the other way round: A's extra turns are only in A.
    const back = diffTraces(run(5), run(3));
    assert.equal(firstName(back), 'onlyA turn 4|-');
  });

  it('reordered siblings: the step that moved is paired with itself and is the divergence', () => {
    const plan = () => llm('Calling both.', { calls: [{ name: 'lookupOrder', arguments: { orderId: '7' } }, { name: 'getShipping', arguments: { orderId: '7' } }] });
    const a = trace([agent('support-agent', [plan(), tool('lookupOrder', { orderId: '7' }), tool('getShipping', { orderId: '7' }), llm('Done.')])]);
    const b = trace([agent('support-agent', [plan(), tool('getShipping', { orderId: '7' }), tool('lookupOrder', { orderId: '7' }), llm('Done.')])]);
    const d = diffTraces(a, b);
    assert.deepEqual(layout(d), [
      'unchanged support-agent|support-agent',
      '  unchanged chat gpt-4o|chat gpt-4o',
      '  changed lookupOrder|lookupOrder [order]',
      '  unchanged getShipping|getShipping',
      '  unchanged chat gpt-4o|chat gpt-4o',
    ]);
    assert.equal(d.rows[2]!.moved, true);
    assert.equal(d.firstDivergence, 2);
  });

  it('another tool in the same place is a changed step (same kind), not a removal and an insertion', () => {
    const a = trace([agent('support-agent', [tool('lookupOrder', { orderId: '7' })])]);
    const b = trace([agent('support-agent', [tool('findOrder', { orderId: '7' })])]);
    assert.deepEqual(layout(diffTraces(a, b)), ['unchanged support-agent|support-agent', '  changed lookupOrder|findOrder [name,tool]']);
  });

  it('a renamed wrapper pairs with its old name, and the divergence is the change inside it', async () => {
    const a = trace([agent('support-agent', [flow('plan', [tool('lookupOrder', { orderId: '7' })]), llm('Done.')])]);
    const b = trace([agent('support-agent', [flow('planning step', [tool('lookupOrder', { orderId: '8' })]), llm('Done.')])]);
    const d = diffTraces(a, b);
    assert.deepEqual(layout(d), [
      'unchanged support-agent|support-agent',
      '  changed plan|planning step [name]',
      '    changed lookupOrder|lookupOrder [parameters]',
      '  unchanged chat gpt-4o|chat gpt-4o',
    ]);
    assert.equal(d.firstDivergence, 2);
    // Renamed and nothing else: the rename is all there is to show.
    const c = trace([agent('support-agent', [flow('planning step', [tool('lookupOrder', { orderId: '7' })]), llm('Done.')])]);
    assert.equal(diffTraces(a, c).firstDivergence, 1);
  });

  it('totally different traces: nothing pairs across kinds, and the first divergence is the first row', () => {
    const a = trace([agent('support-agent', [llm('Hi.'), tool('lookupOrder', { orderId: '1' })])]);
    const b = trace([flow('nightly etl', [tool('fetch', { url: 'https://example.com' })])]);
    const d = diffTraces(a, b);
    assert.deepEqual(layout(d), [
      'onlyA support-agent|-', '  onlyA chat gpt-4o|-', '  onlyA lookupOrder|-',
      'onlyB -|nightly etl', '  onlyB -|fetch',
    ]);
    assert.equal(d.firstDivergence, 0);
    assert.deepEqual(d.totals.steps, [3, 2]);
    assert.deepEqual(d.rows.map((r) => r.size), [3, 1, 1, 2, 1]);
  });

  it('is deterministic: the same pair gives the same rows every time', () => {
    const a = supportRun();
    const b = supportRun({ system: 'Other.' });
    assert.deepEqual(layout(diffTraces(a, b)), layout(diffTraces(a, b)));
  });
});
