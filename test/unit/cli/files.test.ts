import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRunFiles, globToRegExp } from '../../../src/cli/files';
import { parseArgs } from '../../../src/cli/main';
import { xmlEscape } from '../../../src/testRunner/junit';

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
