// What the harness hands the UI suite: a running code-server, a browser, the simulator, the workbench options.
import type { Browser } from 'playwright-core';
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
