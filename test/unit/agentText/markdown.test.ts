// Copy as Markdown: the fixture trace and a subtree against golden files, and the properties a golden file
// cannot show on its own: fences no content can close, cut values say how much was cut.
import assert from 'node:assert/strict';
import { code, fence, traceMarkdown } from '../../../src/model/agentText/markdown';
import { fixtureTrace } from './fixture';
import { assertGolden } from './golden';

/** The fenced blocks of a Markdown text as CommonMark reads them: a fence closes only with a run at least as long. */
function blocks(md: string): string[] {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})/.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\`{${open[1]!.length},}\\s*$`).test(lines[j]!)) body.push(lines[j++]!);
    out.push(body.join('\n'));
    i = j;
  }
  return out;
}

describe('agentText: Copy as Markdown', () => {
  it('writes the whole trace as in the golden file', () => {
    assertGolden('trace.md', traceMarkdown(fixtureTrace(), { maxValueChars: 200 }));
  });

  it('writes a subtree with its own totals as in the golden file', () => {
    assertGolden('subtree.md', traceMarkdown(fixtureTrace(), { stepId: 'tool-2' }));
  });

  it('fences content whole, however many backticks it holds', () => {
    for (const text of ['plain', '```', 'a\n```\nb', '`````x', '````\n```\n``````']) {
      const f = fence(text);
      assert.deepEqual(blocks(f), [text], JSON.stringify(text));
    }
    const md = traceMarkdown(fixtureTrace());
    assert.ok(blocks(md).some((b) => b.includes('PaymentGatewayError: card ````expired````')));
    assert.ok(blocks(md).some((b) => b.includes('```\nnot code\n```')));
  });

  it('keeps untrusted names in code spans and cuts long values with a note', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x`'), '`` `x` ``');
    const md = traceMarkdown(fixtureTrace(), { maxValueChars: 100 });
    assert.match(md, /… \[\d+ more chars cut\]/);
    assert.ok(md.includes('`Billing | Agent`'));
    assert.throws(() => traceMarkdown(fixtureTrace(), { stepId: 'nope' }), /no step nope/);
  });

  it('names how many steps it left out of a long trace', () => {
    assert.match(traceMarkdown(fixtureTrace(), { maxSteps: 3 }), /\*4 more steps not included \(the first 3 are\)\.\*/);
  });
});
