// Entry point for the installed-VSIX suite (runIntegration.ts runs it in a workbench where AgentLens comes
// from its .vsix, not from the development folder).
import Mocha from 'mocha';
import { join, resolve } from 'node:path';
import { TEST_TIMEOUT_MS } from '../../support/patience';

export function run(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..', '..');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: TEST_TIMEOUT_MS, reporter: join(root, 'test', 'support', 'statsReporter.cjs') });
  mocha.addFile(join(__dirname, 'installed.test.js'));
  return new Promise((resolvePromise, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} VSIX test(s) failed`)) : resolvePromise()));
  });
}
