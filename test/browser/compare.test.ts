// The compare view in Chromium under the panel's CSP, fed by the same pure host pieces the panel uses
// (diffTraces, toCompareOutline, fieldPairs): untrusted names and fields stay text, it opens at the first
// divergence, F7 walks the changes, "changes only" filters, and "Open diff" asks the host for the diff editor.
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { injectionTrace, PAYLOADS } from '../../bench/injectionTrace';
import { toStepPayload } from '../../src/model/outline';
import { diffTraces, type TraceDiff } from '../../src/model/traceDiff/diff';
import { fieldPairs, toCompareOutline } from '../../src/model/traceDiff/outline';
import { CompareSearch } from '../../src/model/traceDiff/search';
import type { Step, Trace } from '../../src/model/types';
import type { CompareOutline, CompareSide, CompareToHost } from '../../src/shared/compareProtocol';

const DANGEROUS = '#root img, #root script, #root iframe, #root svg, #root style, #root a, #root [onerror], #root [onload], #root [href]';

function tools(t: Trace): Step[] {
  const out: Step[] = [];
  const stack = [...t.roots];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.kind === 'tool') out.push(s);
    stack.push(...s.children);
  }
  return out;
}

const side = (t: Trace, label: string): CompareSide => ({ label, id: t.id, source: t.source, title: t.title, status: t.status, start: t.start, running: false });

describe('compare webview (panel CSP)', function () {
  this.timeout(60_000);
  let h: Harness;
  let diff: TraceDiff;
  const posted: CompareToHost[] = [];
  let outline: CompareOutline;

  before(async () => {
    const a = injectionTrace();
    const b = injectionTrace();
    // B's tool was called with other arguments (still a payload), so the tool is the first divergence.
    const tool = tools(b)[0]!;
    if (tool.detail.kind === 'tool') tool.detail.parameters = { changed: PAYLOADS[1] };
    diff = diffTraces(a, b);
    outline = toCompareOutline(diff, side(a, PAYLOADS[0]!), side(b, 'B run'));
    h = await Harness.start({ view: 'compare' });
    const searcher = new CompareSearch(diff.rows);
    h.handler = (raw) => {
      const m = raw as CompareToHost;
      posted.push(m);
      if (m.type === 'search') return searcher.search(m.query).then((r) => [{ type: 'searchResult', id: m.id, query: m.query, ...r }]);
      if (m.type === 'ready') return [{ type: 'compare', outline }];
      if (m.type === 'getPair') {
        const row = diff.rows[m.index]!;
        return [{ type: 'pair', id: m.id, index: m.index, fields: fieldPairs(row.a, row.b), ...(row.a ? { a: toStepPayload(row.a) } : {}), ...(row.b ? { b: toStepPayload(row.b) } : {}) }];
      }
      return [];
    };
    await h.openPage();
    await h.page.waitForSelector('.cmp-row.first-divergence.selected');
  });
  after(async () => h?.close());

  it('opens at the first divergence, and shows every untrusted string as text', async () => {
    assert.ok(diff.firstDivergence >= 0);
    assert.equal(await h.page.locator('.cmp-row.selected').getAttribute('data-index'), String(diff.firstDivergence));
    await h.page.waitForSelector('.compare-detail .cmp-field.differs[data-field=parameters]');
    const text = await h.page.locator('#root').innerText();
    for (const p of PAYLOADS) assert.ok(text.includes(p), `missing ${p}`);
    assert.equal(await h.page.locator(DANGEROUS).count(), 0, 'an element from untrusted text');
    assert.equal(await h.page.evaluate('window.__pwned'), undefined);
    assert.equal(await h.page.evaluate('window.__violations.length'), 0);
  });

  it('asks the host to open the diff editor on the changed field', async () => {
    await h.page.locator('.compare-detail .cmp-field.differs[data-field=parameters] .open-diff').click();
    const wanted = () => posted.find((m) => m.type === 'openDiff');
    for (let k = 0; k < 100 && !wanted(); k++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(wanted(), { type: 'openDiff', index: diff.firstDivergence, field: 'parameters' });
  });

  it('walks the changes with F7 / Shift+F7 and filters to changes only', async () => {
    const n = diff.changes.length;
    await h.page.locator('.compare-tree').focus();
    const count = h.page.locator('.change-count');
    const ordinal = diff.changes.indexOf(diff.firstDivergence);
    assert.equal(await count.innerText(), `${ordinal + 1} of ${n} ${n === 1 ? 'change' : 'changes'}`);
    await h.page.keyboard.press('F7');
    const next = diff.changes[(ordinal + 1) % n]!;
    await h.page.waitForSelector(`.cmp-row.selected[data-index="${next}"]`);
    await h.page.keyboard.press('Shift+F7');
    await h.page.waitForSelector(`.cmp-row.selected[data-index="${diff.firstDivergence}"]`);
    await h.page.locator('.changes-only input').check();
    const states = await h.page.locator('.cmp-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    const quietShown = await h.page.locator('.cmp-row[data-state=unchanged]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
    assert.ok(states.length > 0);
    for (const r of quietShown) assert.ok(diff.rows[r]!.changedBelow, `row ${r} is unchanged with nothing changed below, yet shown`);
  });

  it('keeps the selection when a running side sends the comparison again', async () => {
    await h.page.locator('.changes-only input').uncheck();
    const last = diff.rows.length - 1;
    await h.page.locator('.compare-tree').focus();
    await h.page.keyboard.press('End');
    for (let k = 0; k < diff.rows.length && (await h.page.locator(`.cmp-row.selected[data-index="${last}"]`).count()) === 0; k++) await h.page.keyboard.press('ArrowDown');
    await h.page.waitForSelector(`.cmp-row.selected[data-index="${last}"]`);
    // A fresh copy, as a refresh would send: the view sees a new outline.
    await h.post({ type: 'compare', outline: { ...outline } } as never);
    await h.page.evaluate('window.__bench.afterPaint().then(() => window.__bench.afterPaint())');
    assert.equal(await h.page.locator(`.cmp-row.selected[data-index="${last}"]`).count(), 1, 'the selection moved');
    assert.equal(await h.page.locator('.cmp-row.selected').count(), 1);
  });

  it('searches both runs\' texts in the host and shows each matching row once, with its ancestors', async () => {
    // Both sides' tool steps carry this name: one merged row.
    await h.page.locator('.search-input').fill('name-tool');
    await h.page.waitForSelector('.search-count[data-results-for="name-tool"]');
    assert.equal(await h.page.locator('.search-count').innerText(), '1 match');
    const shown = await h.page.locator('.cmp-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
    const expected: number[] = [];
    for (let r = diff.firstDivergence; r >= 0; r = diff.rows[r]!.parent) expected.unshift(r);
    assert.deepEqual(shown.sort((x, y) => x - y), expected, 'not exactly the match and its ancestors');
    await h.page.locator('.search-input').fill('');
  });
});
