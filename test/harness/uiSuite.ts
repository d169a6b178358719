// Runs test/ui/*.test.js with mocha in this (Node) process: Playwright drives the workbench UI of a
// code-server that already runs, with the extension loaded from its development path.
import Mocha from 'mocha';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setUiContext, type UiContext } from '../ui/context';
import { TEST_TIMEOUT_MS } from '../support/patience';

const root = resolve(__dirname, '..', '..', '..');

export async function runUiSuite(ctx: Omit<UiContext, 'screenshotsDir'> & { statsFile: string }): Promise<number> {
  const screenshotsDir = join(root, 'out', 'test-results', 'screenshots');
  mkdirSync(screenshotsDir, { recursive: true });
  setUiContext({ ...ctx, screenshotsDir });
  const mocha = new Mocha({
    timeout: TEST_TIMEOUT_MS,
    reporter: join(root, 'test', 'support', 'statsReporter.cjs'),
    reporterOptions: { statsFile: ctx.statsFile },
  });
  const dir = join(root, 'out', 'test', 'ui');
  // The signed-out window first (later suites sign in); the leak check last, after everything wrote its files.
  const rank = (n: string) => (n === 'welcome.test.js' ? 0 : n === 'secretLeak.test.js' ? 2 : 1);
  const only = process.env.AGENTLENS_IT_FILES ? new RegExp(process.env.AGENTLENS_IT_FILES) : undefined;
  const files = readdirSync(dir).filter((n) => n.endsWith('.test.js') && (!only || only.test(n))).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const f of files) mocha.addFile(join(dir, f));
  return new Promise((resolvePromise) => mocha.run((failures) => resolvePromise(failures)));
}
