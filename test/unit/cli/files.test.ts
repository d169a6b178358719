import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRunFiles, globToRegExp } from '../../../src/cli/files';
import { parseArgs } from '../../../src/cli/main';
import { toJUnit, xmlEscape } from '../../../src/testRunner/junit';
import { parseXml } from './xml';

describe('agentlens arguments, globs and XML text', () => {
  it('parses test options and refuses bad ones', () => {
    assert.deepEqual(parseArgs(['test', 'a', '--junit', 'j.xml', '--concurrency=4', 'b']), { patterns: ['a', 'b'], junit: 'j.xml', concurrency: 4 });
    assert.deepEqual(parseArgs(['test']), { patterns: [], concurrency: 2 });
    assert.ok('error' in parseArgs(['test', '--junit']));
    assert.ok('error' in parseArgs(['test', '--concurrency', 'x']));
    assert.ok('error' in parseArgs(['test', '--nope']));
    assert.ok('help' in parseArgs(['--help']));
  });

  it('matches globs like a shell with ** for any folders', () => {
    const re = globToRegExp('**/*.agentrun.json');
    assert.ok(re.test('a.agentrun.json') && re.test('x/y/a.agentrun.json'));
    assert.ok(!re.test('a.agentrun.jsonx'));
    assert.ok(globToRegExp('tests/*.json').test('tests/a.json') && !globToRegExp('tests/*.json').test('tests/x/a.json'));
    assert.ok(globToRegExp('t?.json').test('t1.json'));
  });

  it('finds files, folders and globs, skipping node_modules and dot-folders, and names patterns that matched nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentlens-files-'));
    try {
      for (const f of ['a.agentrun.json', 'sub/b.agentrun.json', 'node_modules/x/c.agentrun.json', '.git/d.agentrun.json', 'sub/other.json']) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), '{}');
      }
      const all = await findRunFiles([], dir);
      assert.deepEqual(all.files.map((f) => f.slice(dir.length + 1)), ['a.agentrun.json', 'sub/b.agentrun.json']);
      const some = await findRunFiles(['sub', 'sub/other.json', 'zzz/*.json'], dir);
      assert.deepEqual(some.files.map((f) => f.slice(dir.length + 1)), ['sub/b.agentrun.json', 'sub/other.json']);
      assert.deepEqual(some.missing, ['zzz/*.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('escapes XML text, and replaces characters XML cannot hold', () => {
    assert.equal(xmlEscape(`<a href="x">&'\u0001`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD');
  });
});

describe('JUnit XML', () => {
  it('has one testsuite per folder and failure / error / skipped elements with escaped text', () => {
    const verdict = { kind: 'outputContains' as const, path: 'expect.output.contains', line: 7, column: 5, pass: false, message: 'The answer does not contain "<refund>".', expected: '…<refund>…', actual: 'a & b' };
    const xml = toJUnit([
      { id: '1', name: 'a/x.agentrun.json', outcome: 'failed', durationMs: 1500, verdicts: [verdict], execution: { agentId: 'ag', executionRecordId: 'r1', cost: 0.1234567, currency: 'USD' }, expectLine: 6 },
      { id: '2', name: 'a/y.agentrun.json', outcome: 'cancelled', durationMs: 0, verdicts: [], error: { message: 'Cancelled before it started.', sent: false } },
      { id: '3', name: 'z.agentrun.json', outcome: 'errored', durationMs: 2, verdicts: [], error: { message: 'bad', line: 3, column: 9, sent: false } },
    ], { timestamp: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) });
    const root = parseXml(xml);
    assert.deepEqual(root.attrs, { name: 'agentlens', tests: '3', failures: '1', errors: '1', skipped: '1', time: '1.502' });
    const [a, top] = root.children;
    assert.deepEqual([a?.attrs.name, a?.attrs.tests, a?.attrs.timestamp, top?.attrs.name], ['a', '2', '2026-01-02T03:04:05', '.']);
    const failure = a?.children[0]?.children.find((c) => c.name === 'failure');
    assert.equal(failure?.attrs.message, 'The answer does not contain "<refund>".');
    assert.match(failure?.text ?? '', /a\/x\.agentrun\.json:7:5 expect\.output\.contains[\s\S]*actual: {3}a & b/);
    assert.equal(a?.children[0]?.attrs.line, '6');
    assert.match(a?.children[0]?.children.find((c) => c.name === 'system-out')?.text ?? '', /cost 0\.123457 USD/);
    assert.equal(a?.children[1]?.children[0]?.name, 'skipped');
    assert.equal(top?.children[0]?.children[0]?.text, 'z.agentrun.json:3:9 bad');
  });
});
