import * as assert from 'node:assert/strict';
import { JsonSyntaxError, parseJson } from '../../../src/util/json';

describe('parseJson', () => {
  it('parses valid JSON', () => {
    assert.deepEqual(parseJson('{"a": [1, 2]}', 'x.json'), { a: [1, 2] });
  });

  it('names the line and column of a syntax error', () => {
    const text = '{\n  "a": 1,\n  "b": tru\n}';
    assert.throws(
      () => parseJson(text, 'params.json'),
      (e: unknown) => e instanceof JsonSyntaxError && e.line === 3 && e.column === 8 && /params\.json is not valid JSON \(line 3, column 8\)/.test(e.message),
    );
  });

  it('points at the end of a truncated file', () => {
    const text = '{\n  "a": [1, 2';
    assert.throws(() => parseJson(text, 't.json'), (e: unknown) => e instanceof JsonSyntaxError && e.line === 2 && e.column >= 12);
  });

  it('reports an empty file', () => {
    assert.throws(() => parseJson('', 'empty.json'), (e: unknown) => e instanceof JsonSyntaxError && e.line === 1 && e.column === 1);
  });
});
