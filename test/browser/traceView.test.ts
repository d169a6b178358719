// The trace panel in Chromium: detail renderers per kind, search, keyboard, error navigation, and state
// restored after a reload. Uses the bench page (real bundle, panel CSP, host in Node).
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { preorder } from '../../src/model/outline';
import { fixtureTrace } from './fixture';
import { detailText, expandDetail, selectStep, waitFor } from './pageHelpers';
import { PATIENCE_MS, until as waitUntil, TEST_TIMEOUT_MS } from '../support/patience';

const until = (check: () => boolean): Promise<unknown> => waitUntil('the host to receive the message', () => check() || undefined, PATIENCE_MS, 20);

// Twice: the outline as arrays, and packed as a trace worker's session posts it (the page reads its typed columns).
for (const packed of [false, true]) describe(`trace webview${packed ? ', outline packed' : ''}`, function () {
  this.timeout(TEST_TIMEOUT_MS);
  const trace = fixtureTrace();
  const steps = preorder(trace);
  const at = (id: string) => steps.findIndex((s) => s.id === id);
  let h: Harness;

  before(async () => {
    h = await Harness.start();
    await h.open(trace, { packed });
    await h.page.waitForSelector('.tree-scroll .row');
  });
  after(async () => h?.close());

  it('shows the header: agent, revision, environment, status, source, totals', async () => {
    const text = await h.page.locator('.trace-header').innerText();
    for (const s of ['Weather agent', 'rev 3', 'staging', 'running', 'stored trace', '7 steps', 'in 1,200', 'cached 200', '$0.00725']) {
      assert.ok(text.includes(s), `header lacks ${s}: ${text}`);
    }
  });

  it('renders the tree with ARIA tree roles', async () => {
    const row = h.page.locator(`#step-row-${at('flow-1')}`);
    assert.equal(await row.getAttribute('role'), 'treeitem');
    assert.equal(await row.getAttribute('aria-level'), '2');
    assert.equal(await row.getAttribute('aria-expanded'), 'true');
    assert.equal(await row.getAttribute('aria-setsize'), '2');
    assert.equal(await row.getAttribute('aria-posinset'), '1');
    assert.equal(await h.page.locator('.tree-scroll').getAttribute('role'), 'tree');
  });

  it('renders an LLM call: provider, model, conversation by role, tool calls, tools offered, server tools', async () => {
    await selectStep(h.page, at('llm-1'), 'llm-1');
    await expandDetail(h.page);
    const text = await detailText(h.page);
    for (const s of ['openai', 'gpt-4o-2024-08-06', 'system', 'You are a weather bot.', 'user', 'Weather in Paris?', 'assistant', 'getWeather', 'call_1', 'city', '"Paris"', 'tool', '{"temp": 21}', 'Tools offered (1)', 'Current weather for a city', 'Server tool invocations (1)', 'web_search', '1,200', '$0.00625']) {
      assert.ok(text.includes(s), `LLM detail lacks ${s}`);
    }
    // Roles exactly as sent: no case change.
    assert.deepEqual(await h.page.locator('#detail-pane .message-role').allInnerTexts(), ['system', 'user', 'assistant', 'tool']);
  });

  it('copies each token and cost cell as its exact number, reachable by keyboard', async () => {
    await selectStep(h.page, at('llm-1'), 'llm-1');
    const button = h.page.locator('.step-detail .tokens-cost button[aria-label="Copy cached cost"]');
    await button.focus();
    assert.equal(await button.evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(b).opacity), '1', 'a focused copy button is visible');
    const before = h.effects.length;
    await h.page.keyboard.press('Enter');
    await until(() => h.effects.length > before);
    assert.deepEqual(h.effects.at(-1), { type: 'copy', text: '0.00025' });
    await h.page.locator('.step-detail .tokens-cost button[aria-label="Copy total tokens"]').click();
    await until(() => h.effects.length > before + 1);
    assert.deepEqual(h.effects.at(-1), { type: 'copy', text: '1500' });
  });

  it('renders a tool call: tool, type, parameters and result as JSON, cost', async () => {
    await selectStep(h.page, at('tool-1'), 'tool-1');
    const text = await detailText(h.page);
    for (const s of ['getWeather', 'http', 'units', '"metric"', 'temp', '21', 'sky', '"clear"', '$0.00100']) assert.ok(text.includes(s), `tool detail lacks ${s}`);
  });

  it('renders a failed tool call with its error', async () => {
    await selectStep(h.page, at('tool-2'), 'tool-2');
    assert.ok((await detailText(h.page)).includes('SMTP 550: mailbox unavailable'));
    assert.match((await h.page.locator(`#step-row-${at('tool-2')}`).getAttribute('class')) ?? '', /failed/);
  });

  it('renders an approval gate: gate type, tool key, proposal, message, responder, decision, wait', async () => {
    await selectStep(h.page, at('gate-1'), 'gate-1');
    const text = await detailText(h.page);
    for (const s of ['tool-approval', 'sendEmail', 'b@example.com', 'May I send the forecast', 'alice@example.com', 'approved', 'Go ahead', '1m 00s']) {
      assert.ok(text.includes(s), `gate detail lacks ${s}`);
    }
  });

  it('shows the execution result as a file link the host opens', async () => {
    await h.page.locator('.title-button').click();
    await h.page.locator('#detail-pane .file-link .link-button').click();
    await waitFor(h.page, 'true');
    assert.ok(h.effects.some((m) => m.type === 'openLink' && m.url === 'https://files.example.com/report.pdf'));
  });

  it('searches host-side, filters to matches and ancestors, and walks matches with Enter', async () => {
    await h.page.keyboard.press('Escape');
    await h.page.locator('.tree-scroll').focus();
    await h.page.keyboard.press('/');
    await h.page.keyboard.type('paris');
    await waitFor(h.page, `document.querySelector('.search-count').dataset.resultsFor === 'paris'`);
    const names = await h.page.locator('.tree-scroll .row .name').allInnerTexts();
    assert.deepEqual(names, ['weather-agent', 'forecast flow', 'chat gpt-4o', 'getWeather']);
    assert.match(await h.page.locator('.search-count').innerText(), /3 matches/);
    await h.page.keyboard.press('Enter');
    await h.page.keyboard.press('Enter');
    await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'llm-1'`);
    await h.page.keyboard.press('Shift+Enter');
    await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'agent-1'`);
    await h.page.keyboard.press('Escape');
    await waitFor(h.page, `document.querySelectorAll('.tree-scroll .row').length === 7`);
  });

  it('moves, collapses and expands with the arrow keys and jumps to errors with F8', async () => {
    await selectStep(h.page, at('flow-1'), 'flow-1');
    await h.page.locator('.tree-scroll').focus();
    await h.page.keyboard.press('ArrowLeft');
    await waitFor(h.page, `document.querySelectorAll('.tree-scroll .row').length === 3`);
    await h.page.keyboard.press('ArrowRight');
    await waitFor(h.page, `document.querySelectorAll('.tree-scroll .row').length === 7`);
    await h.page.keyboard.press('ArrowDown');
    await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'llm-1'`);
    await h.page.keyboard.press('F8');
    await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'tool-2'`);
    assert.equal(await h.page.locator('.tree-scroll').getAttribute('aria-activedescendant'), `step-row-${at('tool-2')}`);
  });

  it('shows rolled-up totals on a collapsed parent', async () => {
    await selectStep(h.page, at('flow-1'), 'flow-1');
    await h.page.locator(`#step-row-${at('flow-1')} .twisty`).click();
    const row = await h.page.locator(`#step-row-${at('flow-1')}`).innerText();
    assert.ok(row.includes('1.5k') && row.includes('$0.00725'), row);
  });

  it('restores selection, collapsed steps and search after a reload', async () => {
    await h.page.locator('.search-input').fill('weather');
    await waitFor(h.page, `document.querySelector('.search-count').dataset.resultsFor === 'weather'`);
    await h.page.reload();
    await waitFor(h.page, `document.querySelector('.search-count')?.dataset.resultsFor === 'weather'`);
    await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'flow-1'`);
    assert.equal(await h.page.locator('.search-input').inputValue(), 'weather');
    assert.equal(await h.page.locator(`#step-row-${at('flow-1')}`).getAttribute('aria-expanded'), 'false');
  });

  it('takes a live refresh of a running trace and keeps the selection by step id', async () => {
    await h.page.locator('.search-input').fill('');
    await waitFor(h.page, `document.querySelectorAll('.tree-scroll .row').length >= 3`);
    const next = fixtureTrace();
    const flow = next.roots[0]!.children[0]!;
    flow.children.unshift({ ...flow.children[0]!, id: 'llm-0', name: 'chat first', children: [] });
    next.stepCount = 8;
    await h.post(h.session!.replace(next));
    await waitFor(h.page, `document.querySelector('.trace-header').innerText.includes('8 steps')`);
    // flow-1 was selected and collapsed before the reload; both follow it by id.
    assert.equal(await h.page.locator('.tree-scroll').getAttribute('aria-activedescendant'), 'step-row-1');
    await h.page.locator('.tree-scroll [data-toggle="1"]').click();
    await waitFor(h.page, `document.querySelectorAll('.tree-scroll .row').length === 8`);
    await selectStep(h.page, 3, 'llm-1');
  });

  it('selects and shows the step the host asks to reveal (a chat answer\'s button)', async () => {
    await h.post({ type: 'reveal', stepId: 'flow-1' });
    await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'flow-1'`);
    await h.post({ type: 'reveal', stepId: 'no-such-step' });
    await h.post({ type: 'reveal', stepId: 'llm-1' });
    await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'llm-1'`);
  });
});
