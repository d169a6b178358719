import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../../src/model/expect/evaluate';
import { EXPECT_KEYS, locateExpect, OUTPUT_KEYS, parseExpectations, TOOLS_KEYS } from '../../../src/model/expect/parse';
import type { ExecutionFacts, Verdict } from '../../../src/model/expect/types';
import { RunFileError } from '../../../src/model/runFile';
import { JsonSyntaxError } from '../../../src/util/json';
import { regressionTestText } from '../../../src/model/expect/fromExecution';
import { mkTrace } from './traces';

const file = (expect: unknown): string => JSON.stringify({ agent: 'support-triage', parameters: { m: 1 }, expect }, null, 2);

function run(expect: unknown, facts: Partial<ExecutionFacts>): Verdict[] {
  const ex = parseExpectations(file(expect), 't.agentrun.json');
  assert.ok(ex);
  return evaluate(ex.checks, { errors: [], ...facts });
}
const passes = (expect: unknown, facts: Partial<ExecutionFacts>): void => {
  const vs = run(expect, facts);
  assert.ok(vs.length > 0);
  for (const v of vs) assert.equal(v.pass, true, `${v.path}: ${v.message}`);
};
const fails = (expect: unknown, facts: Partial<ExecutionFacts>, message: RegExp): Verdict => {
  const vs = run(expect, facts);
  const bad = vs.find((v) => !v.pass);
  assert.ok(bad, 'expected a failing verdict');
  assert.match(bad.message, message);
  return bad;
};
function parseError(text: string): RunFileError {
  try {
    parseExpectations(text, 't.agentrun.json');
  } catch (e) {
    assert.ok(e instanceof RunFileError, String(e));
    return e;
  }
  return assert.fail('expected a RunFileError');
}

const trace = mkTrace(['llm', 'Get customer', 'llm', 'Search KB', 'llm'], { tokens: 1000, cost: 0.02, durationMs: 3000 });

describe('expectations', () => {
  it('status: passes on the same status in any case, fails on another with expected and actual', () => {
    passes({ status: 'completed' }, { status: 'COMPLETED' });
    passes({ status: ['COMPLETED', 'WAITING_FOR_ASYNC'] }, { status: 'WAITING_FOR_ASYNC' });
    const v = fails({ status: 'COMPLETED' }, { status: 'FAILED' }, /Expected status COMPLETED, got FAILED/);
    assert.equal(v.expected, 'COMPLETED');
    assert.equal(v.actual, 'FAILED');
    assert.equal(v.path, 'expect.status');
    assert.equal(v.line, 7);
  });

  it('noErrors: fails on an error step, a run error or a failed status', () => {
    passes({ noErrors: true }, { status: 'COMPLETED', trace });
    fails({ noErrors: true }, { status: 'COMPLETED', trace: mkTrace(['llm'], { error: 'timeout' }) }, /found 1: Broken tool: timeout/);
    fails({ noErrors: true }, { status: 'COMPLETED', errors: ['stream error'], trace }, /stream error/);
    fails({ noErrors: true }, { status: 'FAILED', trace }, /status FAILED/);
    fails({ noErrors: true }, { status: 'COMPLETED', traceProblem: 'HTTP 500' }, /Cannot check expect.noErrors: HTTP 500/);
  });

  it('output equals: text exactly, JSON by value', () => {
    passes({ output: { equals: 'Hello.' } }, { output: 'Hello.' });
    const v = fails({ output: { equals: 'Hello.' } }, { output: 'hello.' }, /differs/);
    assert.equal(v.expected, 'Hello.');
    assert.equal(v.actual, 'hello.');
    passes({ output: { equals: { b: [1, 2], a: 'x' } } }, { output: '{"a":"x","b":[1,2]}' });
    fails({ output: { equals: { a: 1 } } }, { output: '{"a":2}' }, /JSON answer differs/);
    fails({ output: { equals: { a: 1 } } }, { output: 'not json' }, /not JSON/);
  });

  it('output contains (one or several, optionally ignoring case) and matches', () => {
    passes({ output: { contains: 'refund' } }, { output: 'issued a refund of $49' });
    passes({ output: { contains: ['REFUND', 'issued'], ignoreCase: true } }, { output: 'issued a refund' });
    fails({ output: { contains: ['refund', 'apology'] } }, { output: 'issued a refund' }, /does not contain "apology"/);
    passes({ output: { matches: '\\$\\d+\\.\\d{2}' } }, { output: 'a refund of $49.00' });
    fails({ output: { matches: '^Dear' } }, { output: 'Hi' }, /does not match \/\^Dear\//);
  });

  it('output jsonSchema: the supported subset passes and fails with the failing path', () => {
    const schema = { type: 'object', required: ['total', 'lines'], properties: { total: { type: 'number', minimum: 0 }, lines: { type: 'array', minItems: 1, items: { type: 'object', required: ['sku'] } } } };
    passes({ output: { jsonSchema: schema } }, { output: '{"total":3.5,"lines":[{"sku":"A"}]}' });
    fails({ output: { jsonSchema: schema } }, { output: '{"total":-1,"lines":[{}]}' }, /\$\.total: must be ≥ 0 \(and 1 more\)/);
    fails({ output: { jsonSchema: { type: 'string', enum: ['a'] } } }, { output: '"b"' }, /must be one of/);
    fails({ output: { jsonSchema: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } }, { output: '1.5' }, /anyOf/);
  });

  it('output jsonPath: values at paths, a missing path fails', () => {
    const out = '{"currency":"EUR","lines":[{"sku":"SRV-01","qty":1}],"a b":true}';
    passes({ output: { jsonPath: { '$.currency': 'EUR', '$.lines[0].sku': 'SRV-01', '$.lines[-1]': { sku: 'SRV-01', qty: 1 }, "$['a b']": true } } }, { output: out });
    const v = fails({ output: { jsonPath: { '$.currency': 'USD' } } }, { output: out }, /\$\.currency differs/);
    assert.equal(v.actual, 'EUR');
    assert.equal(v.path, 'expect.output.jsonPath.$.currency');
    fails({ output: { jsonPath: { '$.lines[3].sku': 'x' } } }, { output: out }, /nothing at/);
  });

  it('budgets: cost, tokens, duration, LLM calls', () => {
    passes({ maxCostUsd: 0.02, maxTokens: 1000, maxDurationMs: 3000, maxLlmCalls: 3 }, { cost: 0.02, tokens: 1000, durationMs: 3000, trace });
    fails({ maxCostUsd: 0.01 }, { cost: 0.02, currency: 'USD' }, /Over budget: cost \$0\.0200 > \$0\.0100/);
    fails({ maxTokens: 999 }, { tokens: 1000 }, /tokens 1000 > 999/);
    fails({ maxDurationMs: 2000 }, { durationMs: 3000 }, /duration 3\.00 s > 2\.00 s/);
    fails({ maxLlmCalls: 2 }, { trace }, /LLM calls 3 > 2/);
    fails({ maxTokens: 10 }, {}, /did not report it/);
  });

  it('tools: called (by name or key, optionally in order), not called', () => {
    passes({ tools: { called: ['Get customer', 'search_kb'], inOrder: true, notCalled: ['post_to_erp'] } }, { trace });
    fails({ tools: { called: ['search_kb', 'get_customer'], inOrder: true } }, { trace }, /not called in the expected order/);
    passes({ tools: { called: ['search_kb', 'get_customer'] } }, { trace });
    const v = fails({ tools: { called: ['post_to_erp'] } }, { trace }, /Expected "post_to_erp" to be called/);
    assert.equal(v.actual, 'get_customer\nsearch_kb');
    fails({ tools: { notCalled: ['get_customer'] } }, { trace }, /should not have been called/);
    fails({ tools: { called: ['x'] } }, { traceProblem: 'HTTP 404' }, /Cannot check expect.tools.called: HTTP 404/);
  });

  it('baseline: same tools within tolerance passes; a divergence or growth past tolerancePct fails', () => {
    const ex = parseExpectations(file({ baseline: { agentId: 'a', executionRecordId: 'r1' } }), 't.agentrun.json');
    assert.ok(ex);
    const check = ex.checks[0];
    assert.equal(check?.kind === 'baseline' && check.tolerancePct, 25);
    const within = mkTrace(['llm', 'Get customer', 'llm', 'Search KB', 'llm'], { tokens: 1240, cost: 0.0249, durationMs: 3700 });
    assert.equal(evaluate(ex.checks, { errors: [], trace: within }, { trace })[0]?.pass, true);
    const grown = mkTrace(['llm', 'Get customer', 'llm', 'Search KB', 'llm'], { tokens: 1300 });
    assert.match(evaluate(ex.checks, { errors: [], trace: grown }, { trace })[0]?.message ?? '', /tokens grew 30% \(1000 → 1300; tolerance 25%\)/);
    // The compare engine aligns the step trees: a tool missing, an extra tool, or another tool in its place.
    const message = (t: ReturnType<typeof mkTrace>): string => evaluate(ex.checks, { errors: [], trace: t }, { trace })[0]?.message ?? '';
    assert.match(message(mkTrace(['llm', 'Search KB', 'llm'])), /tool choice diverges at call 1: the baseline called get_customer, which this run did not/);
    assert.match(message(mkTrace(['llm', 'Get customer', 'llm', 'Search KB', 'Post to ERP', 'llm'])), /diverges at call 3: this run called post_to_erp, which the baseline did not/);
    assert.match(message(mkTrace(['llm', 'Search KB', 'llm', 'Get customer', 'llm'])), /tool choice diverges at call \d/);
    // What the LLM wrote differs, the tools are the same: not a divergence in tool choice.
    const reworded = mkTrace(['llm', 'Get customer', 'llm', 'Search KB', 'llm']);
    const llm = reworded.roots[0]!.children[0]!;
    if (llm.detail.kind === 'llm') llm.detail.result = { text: 'a different answer' };
    assert.equal(evaluate(ex.checks, { errors: [], trace: reworded }, { trace })[0]?.pass, true);
    assert.match(evaluate(ex.checks, { errors: [], trace }, { problem: 'HTTP 404' })[0]?.message ?? '', /Cannot compare with the baseline: HTTP 404/);
    const loose = parseExpectations(file({ baseline: { traceFile: 'b.json', tolerancePct: 50 } }), 't.agentrun.json');
    assert.equal(loose && evaluate(loose.checks, { errors: [], trace: grown }, { trace })[0]?.pass, true);
  });
});

describe('malformed expect', () => {
  it('names the line and column of the problem', () => {
    const text = '{\n  "agent": "a",\n  "expect": {\n    "status": "COMPLETED",\n    "maxCost": 1\n  }\n}';
    const e = parseError(text);
    assert.equal(e.line, 5);
    assert.equal(e.column, 5);
    assert.match(e.message, /line 5, column 5.*unknown field "maxCost" — did you mean "maxCostUsd"\?/);
  });

  it('refuses wrong types, empty blocks, bad regexes, bad paths and schema keywords outside the subset', () => {
    assert.match(parseError(file('COMPLETED')).message, /expect: must be an object/);
    assert.match(parseError(file({})).message, /is empty/);
    assert.match(parseError(file({ maxTokens: -1 })).message, /expect.maxTokens: must be a whole number/);
    assert.match(parseError(file({ output: { matches: '(' } })).message, /not a valid regular expression/);
    assert.match(parseError(file({ output: { jsonPath: { 'total': 1 } } })).message, /start it with \$/);
    assert.match(parseError(file({ output: { jsonSchema: { properties: { a: { $ref: '#/x' } } } } })).message, /expect.output.jsonSchema.properties.a.\$ref: "\$ref" is not in the JSON Schema subset/);
    assert.match(parseError(file({ tools: { inOrder: true } })).message, /needs "called"/);
    assert.match(parseError(file({ baseline: { agentId: 'a' } })).message, /needs an "executionRecordId"/);
    assert.match(parseError(file({ status: 7 })).message, /expect.status: must be a status/);
  });

  it('malformed JSON is a JsonSyntaxError with line and column; a file without expect has none', () => {
    assert.throws(() => parseExpectations('{\n "expect": {,}\n}', 'x'), (e: unknown) => e instanceof JsonSyntaxError && e.line === 2);
    assert.equal(parseExpectations('{"agent":"a"}', 'x'), undefined);
    assert.deepEqual(locateExpect('{\n  "agent": "a",\n  "expect": {}\n}'), { line: 3, column: 3 });
    assert.equal(locateExpect('{"agent":"a"}'), undefined);
    assert.equal(locateExpect('{"parameters":{"expect":1}}'), undefined);
  });
});

describe('the run-file JSON schema', () => {
  it('completes and validates exactly the expect fields the parser reads', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'media', 'schemas', 'agentrun.schema.json'), 'utf8'));
    const ex = schema.properties.expect;
    assert.deepEqual(Object.keys(ex.properties).sort(), [...EXPECT_KEYS].sort());
    assert.deepEqual(Object.keys(ex.properties.output.properties).sort(), [...OUTPUT_KEYS].sort());
    assert.deepEqual(Object.keys(ex.properties.tools.properties).sort(), [...TOOLS_KEYS].sort());
    for (const k of EXPECT_KEYS) assert.ok(ex.properties[k].description?.length > 20, `${k} has no description`);
  });
});

describe('Save as Regression Test (the expect drawn from an execution)', () => {
  it('expects the status, the tools in order, budgets at 1.5× and the execution as baseline, and passes against itself', () => {
    const t = mkTrace(['llm', 'Get customer', 'llm', 'Search KB', 'Get customer'], { tokens: 1001, cost: 0.0123, durationMs: 2001 });
    const text = regressionTestText({ agent: 'support-triage', executionRecordId: 'rec-1', parameters: { m: 1 }, status: 'COMPLETED', trace: t, revision: 3 });
    const file = JSON.parse(text);
    assert.deepEqual(file.expect, {
      status: 'COMPLETED', tools: { called: ['get_customer', 'search_kb', 'get_customer'], inOrder: true },
      maxCostUsd: 0.0185, maxTokens: 1502, maxDurationMs: 3002, baseline: { agentId: 'support-triage', executionRecordId: 'rec-1' },
    });
    assert.equal(file.revision, 3);
    const ex = parseExpectations(text, 'r.agentrun.json');
    assert.ok(ex);
    const verdicts = evaluate(ex.checks, { errors: [], status: 'COMPLETED', trace: t, tokens: 1001, cost: 0.0123, durationMs: 2001 }, { trace: t });
    for (const v of verdicts) assert.equal(v.pass, true, `${v.path}: ${v.message}`);
  });
});
