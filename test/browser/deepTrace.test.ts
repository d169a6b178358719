// Deep recursion (agents calling agents, retries inside loops) must stay readable: at any depth the selected
// row's name is visible inside the name column, every other cell sits under its header, and the detail pane
// shows where the step is (a breadcrumb of its ancestors, each one a button that selects it).
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { deepTrace } from './fixture';
import { selectStep, waitFor } from './pageHelpers';
import { TEST_TIMEOUT_MS } from '../support/patience';

interface Box { left: number; right: number; top: number; bottom: number }

/** The header cells and the cells of one row, as page boxes (getBoundingClientRect through CDP). */
async function boxes(h: Harness, index: number): Promise<{ heads: Box[]; cells: Box[]; name: Box; column: Box; scroller: Box }> {
  return h.page.evaluate(`(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
    const row = document.getElementById('step-row-${index}');
    const heads = [...document.querySelectorAll('.tree-columns > span')].map(box);
    const cells = [...row.children].map(box);
    return { heads, cells, name: box(row.querySelector('.name')), column: heads[0], scroller: box(document.querySelector('.tree-scroll')) };
  })()`) as Promise<{ heads: Box[]; cells: Box[]; name: Box; column: Box; scroller: Box }>;
}

describe('trace webview with deep traces', function () {
  this.timeout(TEST_TIMEOUT_MS);
  let h: Harness;
  before(async () => {
    h = await Harness.start();
  });
  after(async () => h?.close());

  for (const depth of [50, 500, 2000]) {
    it(`keeps the deepest row readable and under its headers at depth ${depth}`, async () => {
      await h.open(deepTrace(depth));
      await h.page.waitForSelector('.tree-scroll .row');
      await selectStep(h.page, depth, `step-${depth}`);
      const b = await boxes(h, depth);
      // The row is in the viewport of the tree.
      assert.ok(b.cells[0]!.top >= b.scroller.top && b.cells[0]!.bottom <= b.scroller.bottom, 'the selected row is scrolled out of view');
      // The name starts inside the name column, with room to be read (at least 60 px of it shown).
      const shown = Math.min(b.name.right, b.column.right) - Math.max(b.name.left, b.column.left);
      assert.ok(b.name.left >= b.column.left && b.name.left < b.column.right, `the name starts at ${b.name.left}, outside its column ${b.column.left}–${b.column.right}`);
      assert.ok(shown >= 60, `only ${shown.toFixed(0)} px of the name are inside its column`);
      // Every other cell sits under its header (within a couple of pixels).
      assert.equal(b.cells.length, b.heads.length);
      for (let c = 1; c < b.cells.length; c++) {
        assert.ok(Math.abs(b.cells[c]!.left - b.heads[c]!.left) <= 2 && Math.abs(b.cells[c]!.right - b.heads[c]!.right) <= 2,
          `cell ${c} spans ${b.cells[c]!.left.toFixed(0)}–${b.cells[c]!.right.toFixed(0)}, its header ${b.heads[c]!.left.toFixed(0)}–${b.heads[c]!.right.toFixed(0)}`);
      }
      // The full name is the row's text; the depth is said (aria-level) and shown.
      const row = h.page.locator(`#step-row-${depth}`);
      assert.equal(await row.getAttribute('aria-level'), String(depth + 1));
      assert.ok((await row.innerText()).includes(`step-${depth}`));
      assert.ok((await row.locator('.depth').innerText()).includes(String(depth)), 'a deep row does not show its depth');
    });

    it(`shows the path of the selected step at depth ${depth}, each crumb selectable`, async () => {
      const crumbs = h.page.locator('#detail-pane .breadcrumb');
      assert.ok((await crumbs.innerText()).includes(`agent-loop-${depth - 1}`), 'the parent is not in the breadcrumb');
      // The elided middle opens on request; then every ancestor is a crumb.
      const more = crumbs.locator('.crumb-more');
      if ((await more.count()) > 0) await more.click();
      assert.equal(await crumbs.locator('button.crumb').count(), depth);
      // Keyboard: focus the root's crumb and press Enter: the root is selected.
      await crumbs.locator('button.crumb').first().focus();
      await h.page.keyboard.press('Enter');
      await waitFor(h.page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === 'step-0'`);
    });
  }
});
