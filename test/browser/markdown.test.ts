// LLM messages as Markdown in Chromium: headings, lists, code, tables and links become elements built from
// tokens; http links go to the host, everything else stays text; raw text is one click away.
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import type { Step, Trace } from '../../src/model/types';
import { selectStep } from './pageHelpers';
import { TEST_TIMEOUT_MS } from '../support/patience';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const ANSWER = [
  '## Refund decision',
  '',
  'The customer was charged **twice** for invoice `in_1Q2w3E`:',
  '',
  '1. Refund the duplicate charge',
  '2. Reply with the [refund policy](https://help.example.com/refunds)',
  '',
  '| invoice | amount |',
  '|---|---|',
  '| in_1Q2w3E | 49.00 |',
  '',
  '```json',
  '{"refund": 49}',
  '```',
  '',
  '> Do not refund more than once.',
  '',
  'See [the ledger](command:workbench.action.quit) and ![chart](https://img.example.com/c.png).',
].join('\n');

function trace(): Trace {
  const zero = { input: 0, output: 0, cached: 0, thinking: 0 };
  const noCost = { ...zero, other: 0, total: 0 };
  const llm: Step = {
    id: 'llm', kind: 'llm', name: 'chat', status: 'ok', start: T0, end: T0 + 500, tokens: zero, cost: noCost, children: [],
    detail: { kind: 'llm', model: 'gpt-4o', tools: [], serverToolInvocations: [], messages: [
      { role: 'user', content: 'Was I charged twice?' },
      { role: 'assistant', content: ANSWER },
      { role: 'tool', content: '# not a heading, tool output stays raw' },
    ] },
  };
  return { id: 'md', source: 'execute', title: 'Markdown', status: 'ok', start: T0, end: T0 + 500, currency: 'USD', tokens: zero, cost: noCost, roots: [llm], stepCount: 1 };
}

describe('trace webview: Markdown in messages', function () {
  this.timeout(TEST_TIMEOUT_MS);
  let h: Harness;

  before(async () => {
    h = await Harness.start();
    await h.open(trace());
    await h.page.waitForSelector('.tree-scroll .row');
    await selectStep(h.page, 0, 'llm');
  });
  after(async () => h?.close());

  it('renders an assistant answer as Markdown, and a plain question and tool output as text', async () => {
    const md = h.page.locator('#detail-pane .role-assistant .markdown');
    assert.equal(await md.count(), 1);
    assert.equal(await md.locator('.md-heading').innerText(), 'Refund decision');
    assert.equal(await md.locator('strong').innerText(), 'twice');
    assert.equal(await md.locator('ol > li').count(), 2);
    assert.equal(await md.locator('table td').first().innerText(), 'in_1Q2w3E');
    assert.equal(await md.locator('pre.md-code').getAttribute('data-lang'), 'json');
    assert.equal(await md.locator('blockquote').count(), 1);
    assert.equal(await h.page.locator('#detail-pane .role-user .markdown').count(), 0);
    assert.equal(await h.page.locator('#detail-pane .role-tool .markdown').count(), 0);
  });

  it('sends http links to the host; other schemes and images stay text', async () => {
    const md = h.page.locator('#detail-pane .role-assistant .markdown');
    assert.equal(await h.page.locator('#detail-pane a, #detail-pane img, #detail-pane [href], #detail-pane [src]').count(), 0);
    await md.locator('button.md-link', { hasText: 'refund policy' }).click();
    assert.deepEqual(h.effects.at(-1), { type: 'openLink', url: 'https://help.example.com/refunds' });
    assert.match(await md.locator('.md-unsafe-link').innerText(), /the ledger \(command:workbench\.action\.quit\)/);
    assert.match(await md.locator('.md-image').innerText(), /\[image: chart\] \(https:\/\/img\.example\.com\/c\.png\)/);
  });

  it('toggles to the raw text and back', async () => {
    const toggle = h.page.locator('#detail-pane .role-assistant button[aria-pressed]');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.ok((await h.page.locator('#detail-pane .role-assistant pre.text').innerText()).includes('## Refund decision'));
    await toggle.click();
    assert.equal(await h.page.locator('#detail-pane .role-assistant .markdown').count(), 1);
  });
});
