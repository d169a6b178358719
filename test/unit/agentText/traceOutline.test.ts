// The budgeted outline: never over its budget (100,000 steps included), every step exactly once across the
// pages a cursor walks, the focus step in full, deterministic, and a golden file for the fixture trace.
import assert from 'node:assert/strict';
import { generateTrace } from '../../../bench/generateTrace';
import { estimateTokens } from '../../../src/model/agentText/text';
import { traceOutline } from '../../../src/model/agentText/traceOutline';
import { fixtureTrace } from './fixture';
import { assertGolden } from './golden';

describe('agentText: budgeted trace outline', function () {
  this.timeout(60_000);
  const big = generateTrace(100_000, 3);

  it('writes the fixture trace as in the golden file', () => {
    assertGolden('outline.txt', traceOutline(fixtureTrace()).text);
    assertGolden('outline-focus.txt', traceOutline(fixtureTrace(), { focus: '#6', maxTokens: 600 }).text);
  });

  it('stays within every budget on a 100,000-step trace, and says where to read on', () => {
    for (const maxTokens of [1, 400, 1000, 4000, 25_000]) {
      const r = traceOutline(big, { maxTokens, focus: '#5' });
      assert.ok(r.tokens <= r.budget, `${r.tokens} > ${r.budget}`);
      assert.equal(r.tokens, estimateTokens(r.text));
      assert.equal(r.totalSteps, 100_000);
      assert.ok(r.nextCursor !== undefined && r.text.includes(`cursor "${r.nextCursor}"`));
      if (maxTokens >= 1000) assert.ok(r.listed[1] > r.listed[0], 'lists some steps');
    }
    assert.equal(traceOutline(big).budget, 4000);
  });

  it('lists every step exactly once, in order, across the pages of the cursor', () => {
    const t = generateTrace(3000, 9);
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = traceOutline(t, { maxTokens: 2000, ...(cursor !== undefined ? { cursor } : {}) });
      assert.ok(r.tokens <= 2000);
      const list = r.text.slice(r.text.indexOf('\nSteps'));
      for (const m of list.matchAll(/^\s*(?:\[depth \d+\] )?#(\d+) (?:agent|flow|llm|tool|hitl|retrieval|other) /gm)) seen.push(Number(m[1]));
      cursor = r.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 500);
    assert.deepEqual(seen, Array.from({ length: 3000 }, (_, i) => i));
  });

  it('shows the focus step in full, by id or #index, and names a focus it cannot find', () => {
    const byId = traceOutline(fixtureTrace(), { focus: 'tool-1', maxTokens: 4000 });
    assert.equal(byId.focusIndex, 3);
    assert.ok(byId.text.includes('x'.repeat(300)), 'the long result is whole');
    assert.equal(traceOutline(fixtureTrace(), { focus: '#3' }).focusIndex, 3);
    const small = traceOutline(fixtureTrace(), { focus: 'tool-1', maxTokens: 400 });
    assert.ok(small.tokens <= 400 && small.text.includes('Focus #3') && small.text.includes('chars cut]'), small.text);
    assert.match(traceOutline(fixtureTrace(), { focus: 'nope' }).text, /no step "nope"/);
  });

  it('is deterministic and rejects a cursor that is not one', () => {
    assert.equal(traceOutline(big, { focus: '#77', cursor: '500' }).text, traceOutline(big, { focus: '#77', cursor: '500' }).text);
    assert.throws(() => traceOutline(fixtureTrace(), { cursor: 'abc' }), /not a position/);
    assert.throws(() => traceOutline(fixtureTrace(), { cursor: '99' }), /not a position/);
  });
});
