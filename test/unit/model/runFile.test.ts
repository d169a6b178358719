import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRunFileName, parseRunFile, RunFileError, runFileText, toExecuteRequest } from '../../../src/model/runFile';
import { JsonSyntaxError } from '../../../src/util/json';

const throwsWith = (fn: () => unknown, cls: Function, check: (e: any) => void): void => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    check(e);
    return;
  }
  assert.fail('expected a throw');
};

describe('run files', () => {
  it('recognises run files by name', () => {
    assert.equal(isRunFileName('/w/refund.agentrun.json'), true);
    assert.equal(isRunFileName('/w/Refund.AgentRun.JSON'), true);
    assert.equal(isRunFileName('/w/params.json'), false);
  });

  it('reads every field of a run file and builds the execute body', () => {
    const spec = parseRunFile(JSON.stringify({
      $schema: 'x', agent: 'support-triage', connection: 'acme', environmentSlug: 'staging', mode: 'sandbox', sessionId: 's1', revision: 2,
      attachments: [{ fileId: 'f' }], parameters: { message: 'hi' },
    }), 'a.agentrun.json');
    assert.deepEqual(spec, { isRunFile: true, agent: 'support-triage', connection: 'acme', environmentSlug: 'staging', mode: 'SANDBOX', sessionId: 's1', revision: 2, attachments: [{ fileId: 'f' }], parameters: { message: 'hi' } });
    assert.deepEqual(toExecuteRequest(spec), { parameters: { message: 'hi' }, environmentSlug: 'staging', mode: 'SANDBOX', sessionId: 's1', attachments: [{ fileId: 'f' }] });
    assert.equal(toExecuteRequest(spec, { mode: 'PRODUCTION' }).mode, 'PRODUCTION');
    assert.deepEqual(parseRunFile('{"agent":"a"}', 'b.agentrun.json').parameters, {});
  });

  it('treats any other JSON object file as the parameters themselves', () => {
    assert.deepEqual(parseRunFile('{"agent": 1, "x": [1]}', 'params.json'), { isRunFile: false, parameters: { agent: 1, x: [1] } });
  });

  it('names line and column of malformed JSON', () => {
    throwsWith(() => parseRunFile('{\n  "agent": "a",\n  "parameters": { "x": 1,, }\n}', 'bad.agentrun.json'), JsonSyntaxError, (e: JsonSyntaxError) => {
      assert.equal(e.line, 3);
      assert.equal(e.column, 26, "the second comma");
      assert.match(e.message, /bad\.agentrun\.json.*line 3, column 26/);
    });
  });

  it('rejects a non-object clearly, for both kinds', () => {
    throwsWith(() => parseRunFile('[1, 2]', 'p.json'), RunFileError, (e) => assert.match(e.message, /must be a JSON object.*holds an array/));
    throwsWith(() => parseRunFile('"text"', 'r.agentrun.json'), RunFileError, (e) => assert.match(e.message, /run file must hold a JSON object.*a string/));
    throwsWith(() => parseRunFile('null', 'p.json'), RunFileError, (e) => assert.match(e.message, /holds null/));
  });

  it('points at a bad field, and suggests the field meant', () => {
    const text = '{\n  "agent": "a",\n  "paramters": {}\n}';
    throwsWith(() => parseRunFile(text, 'r.agentrun.json'), RunFileError, (e: RunFileError) => {
      assert.match(e.problem, /Unknown field "paramters" — did you mean "parameters"\?/);
      assert.deepEqual([e.line, e.column], [3, 3]);
    });
    const cases: Array<[unknown, RegExp]> = [
      [{ agent: 5 }, /"agent" must be a string, not a number/],
      [{ agent: ' ' }, /"agent" is empty/],
      [{ mode: 'TURBO' }, /"mode" must be PRODUCTION or SANDBOX/],
      [{ revision: 1.5 }, /"revision" must be a whole number/],
      [{ revision: 0 }, /"revision" must be a whole number/],
      [{ attachments: {} }, /"attachments" must be a list, not an object/],
      [{ parameters: [1] }, /"parameters" must be a JSON object.*not an array/],
    ];
    for (const [value, re] of cases) {
      throwsWith(() => parseRunFile(JSON.stringify(value, null, 2), 'r.agentrun.json'), RunFileError, (e: RunFileError) => {
        assert.match(e.problem, re);
        assert.equal(e.line, 2, JSON.stringify(value));
      });
    }
  });

  it('writes a run file that reads back to the same request', () => {
    const text = runFileText({ agent: 'a', environmentSlug: 'prod', revision: 3, parameters: { q: 'x' } });
    const spec = parseRunFile(text, 'a.agentrun.json');
    assert.deepEqual([spec.agent, spec.environmentSlug, spec.revision, spec.parameters], ['a', 'prod', 3, { q: 'x' }]);
    assert.deepEqual(parseRunFile(runFileText({ agent: 'a', parameters: 'not an object' }), 'a.agentrun.json').parameters, {});
  });

  it('ships a JSON schema that describes every field parseRunFile accepts', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'media', 'schemas', 'agentrun.schema.json'), 'utf8'));
    const fields = ['$schema', 'agent', 'connection', 'environmentSlug', 'mode', 'sessionId', 'revision', 'attachments', 'parameters', 'expect'];
    assert.deepEqual(Object.keys(schema.properties).sort(), [...fields].sort());
    for (const f of fields) assert.ok(schema.properties[f].description?.length > 20, `${f} has no description`);
    assert.equal(schema.additionalProperties, false);
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '*.agentrun.json', url: './media/schemas/agentrun.schema.json' }]);
  });
});
