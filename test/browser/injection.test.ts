// Every string of this trace is a script-injection payload. The panel must show them as text and run none,
// both under the panel's CSP and — so the CSP is a second line, not the only one — without it.
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { disguised, DISGUISES, disguiseTrace, injectionTrace, PAYLOADS } from '../../bench/injectionTrace';
import { preorder } from '../../src/model/outline';
import { detailText, expandDetail, selectStep } from './pageHelpers';
import { until, TEST_TIMEOUT_MS } from '../support/patience';

const DANGEROUS = '#root img, #root script, #root iframe, #root svg, #root style, #root a, #root [onerror], #root [onload], #root [href]';

for (const csp of [true, false]) {
  describe(`trace webview with untrusted content (${csp ? 'panel CSP' : 'no CSP'})`, function () {
    this.timeout(TEST_TIMEOUT_MS);
    const trace = injectionTrace();
    const steps = preorder(trace);
    let h: Harness;

    before(async () => {
      h = await Harness.start({ csp });
      await h.open(trace);
      await h.page.waitForSelector('.tree-scroll .row');
    });
    after(async () => h?.close());

    it('shows the header and every step name literally', async () => {
      const header = await h.page.locator('.trace-header').innerText();
      assert.ok(header.includes(PAYLOADS[0]!), header.slice(0, 200));
      const tree = await h.page.locator('.tree-scroll').innerText();
      for (const p of PAYLOADS) assert.ok(tree.includes(p), `tree is missing ${p}`);
    });

    for (const kind of ['agent', 'llm', 'tool', 'hitl', 'retrieval'] as const) {
      it(`renders a ${kind} step's detail as text`, async () => {
        const index = steps.findIndex((s) => s.kind === kind);
        await selectStep(h.page, index, steps[index]!.id);
        await expandDetail(h.page);
        // Messages that look like Markdown start rendered; the literal check is on the raw text.
        const rendered = h.page.locator('#detail-pane button[aria-pressed="true"]');
        while ((await rendered.count()) > 0) await rendered.first().click();
        const text = await detailText(h.page);
        for (const p of PAYLOADS) assert.ok(text.includes(p), `${kind} detail is missing ${p}`);
        assert.ok(text.includes(`name-${kind === 'agent' ? 'root' : kind === 'retrieval' ? 'generic' : kind}`));
      });
    }

    it('renders Markdown in messages from tokens, never from HTML: tags stay text, javascript: is no link', async () => {
      const index = steps.findIndex((s) => s.kind === 'llm');
      await selectStep(h.page, index, steps[index]!.id);
      await expandDetail(h.page);
      const raw = h.page.locator('#detail-pane button[aria-pressed="false"][aria-label*="as Markdown"]');
      while ((await raw.count()) > 0) await raw.first().click();
      const md = h.page.locator('#detail-pane .markdown');
      assert.ok((await md.count()) >= 4, 'messages are not rendered as Markdown');
      const text = await md.first().innerText();
      for (const p of PAYLOADS.slice(0, 2)) assert.ok(text.includes(p), `raw HTML is not shown as text: ${p}`);
      assert.ok((await md.first().locator('strong').count()) > 0, '**bold** is not rendered');
      assert.ok((await md.first().locator('.md-unsafe-link').count()) > 0, 'the javascript: link is not neutralized');
      assert.equal(await h.page.evaluate(`document.querySelectorAll(${JSON.stringify(DANGEROUS)}).length`), 0);
    });

    it('renders the execution overview (result, parameters) as text', async () => {
      await h.page.locator('.title-button').click();
      await h.page.waitForSelector('#detail-pane .execution');
      await expandDetail(h.page);
      const text = await detailText(h.page);
      assert.ok(text.includes('traceResult'));
      for (const p of PAYLOADS) assert.ok(text.includes(p), `overview is missing ${p}`);
    });

    it('hands links and copies to the host instead of following them', async () => {
      const before = h.page.url();
      await h.page.locator('#detail-pane .file-link .link-button').first().click();
      await h.page.locator('#detail-pane .icon-button.codicon-copy').first().click();
      // Both messages reach the host (one round trip each, however slow the machine).
      await until('the link and the copy at the host', () =>
        (h.effects.some((m) => m.type === 'openLink' && m.url === 'javascript:window.__pwned=1') && h.effects.some((m) => m.type === 'copy')) || undefined);
      assert.equal(h.page.url(), before);
    });

    it('ran nothing and created no markup from the trace', async () => {
      assert.equal(await h.page.evaluate('window.__pwned'), undefined);
      assert.equal(await h.page.evaluate(`document.querySelectorAll(${JSON.stringify(DANGEROUS)}).length`), 0);
      if (csp) assert.deepEqual(await h.page.evaluate('window.__violations'), []);
    });
  });
}

describe('trace webview with text that disguises itself (bidi controls, invisible and control characters)', function () {
  this.timeout(TEST_TIMEOUT_MS);
  const trace = disguiseTrace();
  const planted = new Set(DISGUISES.flatMap((d) => d.codes));
  /** What the page must show for a planted string: each planted character as ⟨U+XXXX⟩, the rest as is. */
  const shown = (s: string): string =>
    [...s].map((ch) => (planted.has(ch.codePointAt(0)!) ? `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩` : ch)).join('');
  const plantedPattern = `[${[...planted].map((c) => `\\u{${c.toString(16)}}`).join('')}]`;
  let h: Harness;

  before(async () => {
    h = await Harness.start();
    await h.open(trace);
    await h.page.waitForSelector('.tree-scroll .row');
  });
  after(async () => h?.close());

  /** Text nodes and attribute values in the page that still hold a planted character (must be none). */
  const leftovers = (): Promise<string[]> => h.page.evaluate(`(() => {
    const re = new RegExp(${JSON.stringify(plantedPattern)}, 'u');
    const out = [];
    const walker = document.createTreeWalker(document.getElementById('root'), NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === 3 && re.test(n.data)) out.push(n.data);
      if (n.nodeType === 1) for (const a of n.attributes) if (re.test(a.value)) out.push(a.name + '=' + a.value);
    }
    return out;
  })()`) as Promise<string[]>;

  it('shows hidden characters in the header and the tree as placeholders, in isolated text', async () => {
    assert.ok((await h.page.locator('.trace-header').innerText()).includes(shown(trace.agentName!)));
    const tree = await h.page.locator('.tree-scroll').innerText();
    for (const s of preorder(trace)) assert.ok(tree.includes(shown(s.name)), `tree is missing ${shown(s.name)}`);
    const rlo = h.page.locator('.tree-scroll .row .name .hidden-char', { hasText: 'U+202E' }).first();
    assert.match((await rlo.getAttribute('title')) ?? '', /RIGHT-TO-LEFT OVERRIDE/);
    for (const sel of ['.tree-scroll .row .name', '.trace-header .title-button .untrusted']) {
      assert.equal(await h.page.locator(sel).first().evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { unicodeBidi: string } }).getComputedStyle(e).unicodeBidi), 'isolate', sel);
    }
    assert.deepEqual(await leftovers(), []);
  });

  for (const kind of ['llm', 'tool'] as const) {
    it(`shows a ${kind} step's name, values and messages with placeholders, and copies the raw value`, async () => {
      const steps = preorder(trace);
      const index = steps.findIndex((s) => s.kind === kind);
      await selectStep(h.page, index, steps[index]!.id);
      await expandDetail(h.page);
      const text = await detailText(h.page);
      for (const s of [steps[index]!.name, steps[index]!.error!]) assert.ok(text.includes(shown(s)), `detail is missing ${shown(s)}`);
      assert.deepEqual(await leftovers(), []);
      const field = kind === 'llm' ? 'Provider' : 'Tool';
      await h.page.locator(`#detail-pane button[aria-label="Copy ${field}"]`).click();
      const raw = kind === 'llm' ? (steps[index]!.detail as { provider: string }).provider : (steps[index]!.detail as { tool: string }).tool;
      await until('the raw value to be copied', () => h.effects.some((m) => m.type === 'copy' && m.text === raw) || undefined);
    });
  }

  it('shows message roles exactly as sent, and Markdown with placeholders', async () => {
    const steps = preorder(trace);
    const index = steps.findIndex((s) => s.kind === 'llm');
    await selectStep(h.page, index, steps[index]!.id);
    const roles = await h.page.locator('#detail-pane .message-role').allInnerTexts();
    assert.deepEqual(roles, ['uSeR', shown(`assistant${DISGUISES[0]!.text}`), 'system']);
    const md = h.page.locator('#detail-pane .markdown');
    assert.equal(await md.count(), 1, 'the **bold** message is not rendered as Markdown');
    // CommonMark itself replaces U+0000 with U+FFFD (visible); every other hidden character is a placeholder.
    const mdText = await md.innerText();
    assert.ok(mdText.includes(shown(disguised('markdown').replace('\u0000', '\uFFFD'))), mdText);
    assert.deepEqual(await leftovers(), []);
  });
});
