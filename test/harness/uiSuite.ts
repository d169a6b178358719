// Runs test/ui/*.test.js with mocha in this (Node) process: Playwright drives the workbench UI of a
// code-server that already runs, with the extension loaded from its development path.
import Mocha from 'mocha';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setUiContext, type UiContext } from '../ui/context';

const root = resolve(__dirname, '..', '..', '..');

export async function runUiSuite(ctx: Omit<UiContext, 'screenshotsDir'> & { statsFile: string }): Promise<number> {
  const screenshotsDir = join(root, 'out', 'test-results', 'screenshots');
  mkdirSync(screenshotsDir, { recursive: true });
  setUiContext({ ...ctx, screenshotsDir });
  const mocha = new Mocha({
    timeout: 90_000,
    reporter: join(root, 'test', 'support', 'statsReporter.cjs'),
    reporterOptions: { statsFile: ctx.statsFile },
  });
  const dir = join(root, 'out', 'test', 'ui');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(dir, f));
  return new Promise((resolvePromise) => mocha.run((failures) => resolvePromise(failures)));
}
