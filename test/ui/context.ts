// What the harness hands the UI suite: a running code-server, a browser, the simulator, the workbench options.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Simulator } from '../../simulator/index';
import type { CodeServer } from '../harness/codeServer';
import type { WorkbenchOptions } from '../harness/workbench';

export interface UiContext {
  browser: Browser;
  cs: CodeServer;
  sim: Simulator;
  options: WorkbenchOptions;
  screenshotsDir: string;
}

let current: UiContext | undefined;

export function setUiContext(ctx: UiContext): void {
  current = ctx;
}

export function uiContext(): UiContext {
  if (!current) throw new Error('The UI suite runs from the integration harness (npm run test:integration).');
  return current;
}

/** The extension environment without the FRUXON_* and ZAIA_* connections, for a window that starts signed out. */
export function withoutFruxonEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('FRUXON_') && !k.startsWith('ZAIA_')));
}

/** Registers an afterEach that saves a screenshot of the page when a test fails. */
export function screenshotOnFailure(page: () => Page | undefined): void {
  afterEach(async function () {
    const p = page();
    if (this.currentTest?.state !== 'failed' || !p) return;
    const name = (this.currentTest.fullTitle() || 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    await p.screenshot({ path: join(uiContext().screenshotsDir, `FAILED-${name}.png`) }).catch(() => undefined);
  });
}

/**
 * Picks an item of the open context menu. The menu ignores a click that lands while it is still animating
 * in, so wait a moment, click, and fall back to Enter on the (then focused) item.
 */
export async function clickMenuItem(page: Page, label: string): Promise<void> {
  const item = page.locator('.context-view .action-label', { hasText: label }).first();
  await item.waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await item.click();
  await page.waitForTimeout(200);
  if (await item.isVisible()) {
    await item.hover();
    await page.keyboard.press('Enter');
  }
}

/**
 * An execution-record row of the Agents view ("<when> <duration> · <tokens> · <cost> · … · rev N"), matched
 * without its time: times are formatted against the real clock, so a pattern on "ago" holds only for recent data.
 */
export const RECORD_ROW = /tok · .* · rev \d/;
