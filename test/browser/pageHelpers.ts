// Helpers the browser tests share: open a trace in the bench page, pick a step, open every fold of the detail.
import type { Page } from 'playwright-core';
import { PATIENCE_MS } from '../support/patience';

/** Clicks a step's row (by pre-order index; scrolls it into view first) and waits for its detail. */
export async function selectStep(page: Page, index: number, stepId: string): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector('.tree-scroll');
    el.scrollTop = ${index} * 22 - 100;
  })()`);
  await page.locator(`#step-row-${index} .name`).click();
  await waitFor(page, `document.querySelector('#detail-pane .step-detail')?.dataset.stepId === ${JSON.stringify(stepId)}`);
}

/** Opens every collapsed JSON node and section and every "show more" in the detail pane, until none is left. */
export async function expandDetail(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    for (let k = 0; k < 20; k++) {
      const closed = [...document.querySelectorAll('#detail-pane .json-toggle[aria-expanded="false"], #detail-pane details:not([open]) > summary, #detail-pane .show-more')];
      if (closed.length === 0) return;
      for (const el of closed) el.click();
      await new Promise((r) => setTimeout(r, 0));
    }
  })()`);
}

export const detailText = (page: Page): Promise<string> => page.locator('#detail-pane').innerText();

/**
 * Polls an expression until it is truthy. (Not page.waitForFunction: its in-page polling evaluates strings,
 * which the panel's CSP rightly refuses without 'unsafe-eval'; page.evaluate goes through CDP.)
 */
export async function waitFor(page: Page, expression: string, timeoutMs = PATIENCE_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
