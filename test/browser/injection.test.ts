// Every string of this trace is a script-injection payload. The panel must show them as text and run none,
// both under the panel's CSP and — so the CSP is a second line, not the only one — without it.
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { injectionTrace, PAYLOADS } from '../../bench/injectionTrace';
import { preorder } from '../../src/model/outline';
import { detailText, expandDetail, selectStep } from './pageHelpers';

const DANGEROUS = '#root img, #root script, #root iframe, #root svg, #root style, #root a, #root [onerror], #root [onload], #root [href]';

for (const csp of [true, false]) {
  describe(`trace webview with untrusted content (${csp ? 'panel CSP' : 'no CSP'})`, function () {
    this.timeout(60_000);
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
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(h.page.url(), before);
      assert.ok(h.effects.some((m) => m.type === 'openLink' && m.url === 'javascript:window.__pwned=1'));
      assert.ok(h.effects.some((m) => m.type === 'copy'));
    });

    it('ran nothing and created no markup from the trace', async () => {
      assert.equal(await h.page.evaluate('window.__pwned'), undefined);
      assert.equal(await h.page.evaluate(`document.querySelectorAll(${JSON.stringify(DANGEROUS)}).length`), 0);
      if (csp) assert.deepEqual(await h.page.evaluate('window.__violations'), []);
    });
  });
}
