// Drives the code-server workbench in Debian's Chromium through playwright-core (never a downloaded browser).
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './provision';
import type { CodeServer } from './codeServer';
import { PATIENCE_MS } from '../support/patience';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // Playwright gives every launch a fresh, empty profile of its own.
  });
}

export interface WorkbenchOptions {
  extensionPath: string;
  workspace: string;
  env: Record<string, string>;
  testsPath?: string;
}

/** The workbench URL; with `enable-smoke-test-driver` the server honours the payload's dev-path options. */
export function workbenchUrl(cs: CodeServer, o: WorkbenchOptions): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', remote(o.extensionPath)],
    ['extensionEnvironment', JSON.stringify(o.env)],
  ];
  if (o.testsPath) payload.push(['extensionTestsPath', remote(o.testsPath)]);
  return `${cs.url}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Runs the extension-host test suite and resolves with the exit code the workbench reports. */
export async function runExtensionHostTests(browser: Browser, cs: CodeServer, o: WorkbenchOptions, timeoutMs: number, forwardLogs = true): Promise<number> {
  const page = await browser.newPage();
  try {
    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      if (!forwardLogs) return;
      // The workbench forwards console calls unformatted: apply mocha's %s/%d placeholders here.
      const line = format(...(Array.isArray(args) ? args : [args]));
      (type === 'error' ? console.error : console.log)(line);
    });
    await page.goto(workbenchUrl(cs, o));
    let handle: NodeJS.Timeout | undefined;
    const timer = new Promise<number>((resolve) => {
      handle = setTimeout(() => {
        console.error(`[harness] extension-host tests did not finish within ${timeoutMs / 1000} s`);
        resolve(124);
      }, timeoutMs);
      handle.unref();
    });
    // Cleared once the run ends: a long-lived caller (the activation bench) would otherwise see a stale warning.
    return await Promise.race([exit, timer]).finally(() => clearTimeout(handle));
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Opens a workbench with the extension loaded (no tests) for UI checks; waits until the activity bar is up. */
export async function openWorkbench(browser: Browser, cs: CodeServer, o: WorkbenchOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Every Playwright wait of the UI tests (auto-waiting clicks, waitFor) gets the same generous deadline.
  page.setDefaultTimeout(PATIENCE_MS);
  await page.goto(workbenchUrl(cs, { ...o, testsPath: undefined }));
  await page.locator('.monaco-workbench .activitybar').waitFor();
  return page;
}
