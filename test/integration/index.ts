// Entry point the workbench calls inside the real extension host (`extensionTestsPath`): runs the suite
// with mocha and rejects when a test fails, which makes the workbench exit non-zero.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_TIMEOUT_MS } from '../support/patience';

export function run(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: TEST_TIMEOUT_MS,
    reporter: join(root, 'test', 'support', 'statsReporter.cjs'),
  });
  const dir = join(__dirname, 'suite');
  // AGENTLENS_IT_FILES (a regular expression on file names) narrows the suite for quick iteration.
  const only = process.env.AGENTLENS_IT_FILES ? new RegExp(process.env.AGENTLENS_IT_FILES) : undefined;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.js') && (!only || only.test(n))).sort()) mocha.addFile(join(dir, f));
  return new Promise((resolvePromise, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolvePromise()));
  });
}
