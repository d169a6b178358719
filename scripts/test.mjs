// `npm test`: type-check both tsconfigs, build, run the unit tier, the browser tier (the webview in Chromium)
// the integration tier (a real VS Code) and the demo tier (`npm run demo` started, used and stopped),
// then print one closing line for all of them: "tests: N passed, N failed, N skipped".
// Every step runs even when an earlier one failed, so one run reports everything; the exit code is non-zero
// when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'out', 'test-results');
const started = Date.now();
const failedSteps = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (!ok) failedSteps.push(name);
  return ok;
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
rmSync(results, { recursive: true, force: true });

step('typecheck (extension, simulator, tests)', process.execPath, [tsc, '-p', 'tsconfig.json']);
step('typecheck (webview)', process.execPath, [tsc, '-p', 'tsconfig.webview.json']);
const built = step('build', process.execPath, ['esbuild.mjs']);
if (built) {
  step('unit tier', process.execPath, [mocha, '--config', 'test/unit/.mocharc.json'], { AGENTLENS_TEST_STATS: join(results, 'unit.json') });
  // The webview bundle in Debian's Chromium under the panel's CSP (injection corpus, renderers, keyboard).
  step('browser tier', process.execPath, [mocha, 'out/test/browser/*.test.js', '--timeout', '60000', '--exit', '--reporter', './test/support/statsReporter.cjs'], {
    AGENTLENS_TEST_STATS: join(results, 'browser.json'),
  });
  step('integration tier', process.execPath, ['out/test/harness/runIntegration.js'], { AGENTLENS_IT_ONLY: '', AGENTLENS_IT_FILES: '' });
  // `npm run demo` itself, after the integration tier has provisioned code-server: starts, works, stops clean.
  step('demo tier', process.execPath, [mocha, 'out/test/demo/*.test.js', '--exit', '--reporter', './test/support/statsReporter.cjs'], {
    AGENTLENS_TEST_STATS: join(results, 'demo.json'),
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const tier of ['unit', 'browser', 'integration-host', 'integration-ui', 'integration-vsix', 'demo']) {
  const file = join(results, `${tier}.json`);
  if (!existsSync(file)) {
    if (built) failedSteps.push(`${tier} (no results)`);
    continue;
  }
  const s = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`${tier}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  for (const k of Object.keys(totals)) totals[k] += s[k];
}
// A step that failed without a failing test (type errors, a harness crash) still counts as a failure.
if (failedSteps.length && totals.failed === 0) totals.failed = failedSteps.length;
console.log(`\nwall time ${((Date.now() - started) / 1000).toFixed(1)} s${failedSteps.length ? `; failed: ${failedSteps.join(', ')}` : ''}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
