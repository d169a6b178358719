import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { endSentence, hasHidden, joinSentences, plural, showHidden, splitHidden } from '../../../src/shared/text';
import { parseRunFile } from '../../../src/model/runFile';
import { describeError } from '../../../src/views/errors';

describe('hidden characters in untrusted text', () => {
  it('shows bidi controls as placeholders: U+202E cannot make "fdp.exe" read "exe.pdf"', () => {
    assert.equal(showHidden('invoice\u202Efdp.exe'), 'invoice⟨U+202E⟩fdp.exe');
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      const ch = String.fromCodePoint(cp);
      assert.equal(showHidden(`a${ch}b`), `a⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩b`);
    }
  });

  it('shows zero-width, invisible, control and tag characters', () => {
    assert.equal(showHidden('ad\u200Bmin\u200Cx\uFEFF'), 'ad⟨U+200B⟩min⟨U+200C⟩x⟨U+FEFF⟩');
    assert.equal(showHidden('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009B'), 'a⟨U+0000⟩b⟨U+0007⟩c⟨U+001B⟩d⟨U+007F⟩e⟨U+0085⟩f⟨U+009B⟩');
    assert.equal(showHidden('x\u{E0041}\u{E007F}'), 'x⟨U+E0041⟩⟨U+E007F⟩');
    assert.equal(showHidden('soft\u00ADhyphen\u2060joined\u3164'), 'soft⟨U+00AD⟩hyphen⟨U+2060⟩joined⟨U+3164⟩');
  });

  it('keeps tab, and line breaks where text is multi-line; shows line breaks in one-line places', () => {
    assert.equal(showHidden('a\tb'), 'a\tb');
    assert.equal(showHidden('line 1\nline 2\r\n', true), 'line 1\nline 2\r\n');
    assert.equal(showHidden('name\nsecond line'), 'name⟨U+000A⟩second line');
    assert.equal(showHidden('a\u2028b', true), 'a⟨U+2028⟩b');
  });

  it('leaves plain text, other scripts and emoji (a ZWJ family) alone, returning the same string', () => {
    for (const s of ['weather-agent', 'שלום עולם', 'مرحبا', '日本語', 'café', '👨‍👩‍👧 family', '👍🏽', '']) {
      assert.equal(hasHidden(s), false, s);
      assert.equal(showHidden(s), s);
    }
    assert.equal(showHidden('a\u200Db'), 'a⟨U+200D⟩b', 'a joiner between letters is shown');
  });

  it('splits text into runs and code points, in order', () => {
    assert.deepEqual(splitHidden('a\u202Eb\u200Bc'), ['a', 0x202e, 'b', 0x200b, 'c']);
    assert.deepEqual(splitHidden('\u202E'), [0x202e]);
    assert.deepEqual(splitHidden('plain'), ['plain']);
  });

  it('makes error messages shown by VS Code safe too', () => {
    assert.equal(describeError(new Error('bad \u202Etxt.exe')).message, 'bad ⟨U+202E⟩txt.exe');
    const api = new ApiError({ kind: 'http', service: 'Fruxon', method: 'POST', path: '/x', status: 400, detail: 'field \u202Eeman is wrong', mayHaveReachedServer: true });
    assert.match(describeError(api).message, /field ⟨U\+202E⟩eman is wrong/);
  });
});

describe('messages made of messages', () => {
  it('ends the parser\'s sentence before appending: "…was expected. Nothing was sent."', () => {
    let message = '';
    try {
      parseRunFile('{\n  "agent": "a",\n  "parameters": { "m": "hi" ,, }\n}\n', 'broken.agentrun.json', true);
    } catch (e) {
      message = (e as Error).message;
    }
    assert.ok(message !== '' && !/[.!?]$/.test(message), `the parser's message is a bare clause: ${message}`);
    const joined = joinSentences(message, 'Nothing was sent.');
    assert.equal(joined, `${message}. Nothing was sent.`);
    assert.doesNotMatch(joined, /[a-z] Nothing/);
  });

  it('adds no second stop, and leaves out empty parts', () => {
    assert.equal(joinSentences('Done.', 'Next.'), 'Done. Next.');
    assert.equal(joinSentences('Really?', 'Yes'), 'Really? Yes');
    assert.equal(joinSentences('He said "stop."', 'Then'), 'He said "stop." Then');
    assert.equal(joinSentences('Only', undefined, ''), 'Only');
    assert.equal(joinSentences('  spaced  ', 'Next.'), 'spaced. Next.');
    assert.equal(endSentence('wait…'), 'wait…');
  });
});

describe('counts agree with their number', () => {
  it('1 run, 2 runs, 0 runs; irregular plurals; a formatter for the number', () => {
    assert.equal(plural(1, 'run'), '1 run');
    assert.equal(plural(2, 'run'), '2 runs');
    assert.equal(plural(0, 'run'), '0 runs');
    assert.equal(plural(1, 'match', 'matches'), '1 match');
    assert.equal(plural(3, 'match', 'matches'), '3 matches');
    assert.equal(plural(12345, 'step', undefined, (n) => n.toLocaleString('en-US')), '12,345 steps');
    assert.equal(plural(1, 'failed span'), '1 failed span');
  });
});
