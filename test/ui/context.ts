// What the harness hands the UI suite: a running code-server, a browser, the simulator, the workbench options.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Simulator } from '../../simulator/index';
import type { CodeServer } from '../harness/codeServer';
import type { WorkbenchOptions } from '../harness/workbench';
import { PATIENCE_MS, settled, until } from '../support/patience';

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
 * in: click, and if the menu is still open once the click had its chance (the menu closes when an item runs),
 * press Enter on the item, until the menu has closed.
 */
export async function clickMenuItem(page: Page, label: string): Promise<void> {
  const item = page.locator('.context-view .action-label', { hasText: label }).first();
  await item.waitFor();
  const closed = (ms: number) => item.waitFor({ state: 'hidden', timeout: ms }).then(() => true, () => false);
  await item.click().catch(() => undefined);
  const end = Date.now() + PATIENCE_MS;
  while (!(await closed(5_000))) {
    if (Date.now() > end) throw new Error(`the context menu item ${label} did not take a click`);
    await item.hover().catch(() => undefined);
    if (await item.isVisible()) await page.keyboard.press('Enter');
  }
}

/**
 * An execution-record row of the Agents view ("<when> <duration> · <tokens> · <cost> · … · rev N"), matched
 * without its time: times are formatted against the real clock, so a pattern on "ago" holds only for recent data.
 */
export const RECORD_ROW = /tok · .* · rev \d/;

/**
 * Opens the command palette (F1) and resolves once its input is there. A key pressed while the workbench is
 * still busy starting can be dropped, so F1 is pressed again until the palette shows.
 */
export async function openPalette(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // Pressed once in any case: another quick input may be open, and F1 puts the palette in its place.
  await page.keyboard.press('F1');
  await until('the command palette', async () => {
    if (await input.isVisible()) return true;
    await page.keyboard.press('F1');
    return undefined;
  }, PATIENCE_MS, 500);
}

/** Driving VS Code's quick inputs as a person does: the command palette, input-box steps and quick picks. */
export function quickInputs(page: Page): {
  runCommand(title: string): Promise<void>;
  answer(titlePart: string, value: string): Promise<string>;
  pick(titlePart: string, labels: string[], multi: boolean): Promise<void>;
} {
  const quickInput = () => page.locator('.quick-input-widget');
  const input = () => page.locator('.quick-input-widget .quick-input-box input');
  return {
    async runCommand(title) {
      await openPalette(page);
      await input().waitFor();
      await input().fill(`>${title}`);
      await quickInput().locator('.monaco-list-row', { hasText: title }).first().waitFor();
      await input().press('Enter');
    },
    /** Fills the input-box step whose title has `titlePart` and accepts it; resolves to the value it showed first. */
    async answer(titlePart, value) {
      await quickInput().locator('.quick-input-title', { hasText: titlePart }).waitFor();
      // The box is reused between steps: let the step's own value settle before reading and replacing it.
      const shown = await settled('the input box value', () => input().inputValue());
      await until(`the input box to read ${value}`, async () => {
        if ((await input().inputValue()) === value) return true;
        await input().fill(value);
        return undefined;
      });
      // An input box with validateInput ignores Enter until the extension host has answered the validation, which a
      // busy machine can delay: press again until the step is gone (a later step has another title).
      const step = quickInput().locator('.quick-input-title', { hasText: titlePart });
      await until(`the ${titlePart} step to be accepted`, async () => {
        if (!(await step.isVisible())) return true;
        await input().press('Enter');
        return undefined;
      }, undefined, 500);
      return shown;
    },
    async pick(titlePart, labels, multi) {
      await quickInput().locator('.quick-input-title', { hasText: titlePart }).waitFor();
      for (const l of labels) {
        const item = quickInput().locator('.monaco-list-row', { hasText: l }).first();
        await item.waitFor();
        // In a multi-select pick a click on the row toggles its checkbox; in a single pick it accepts.
        await item.click();
      }
      if (multi || !labels.length) await input().press('Enter');
    },
  };
}
