// Reads a run file's `expect` block into checks, each with the JSON path, line and column it was written at.
// A malformed block is a RunFileError naming its line and column, so nothing is sent for it. Pure: no `vscode`.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { parseJson } from '../../util/json';
import { distance, positionOf, RunFileError } from '../runFile';
import { checkSchemaSupported } from './jsonSchema';
import { parseJsonPath } from './jsonPath';
import { DEFAULT_TOLERANCE_PCT, type BaselineRef, type Check, type Expectations, type Located } from './types';

type Seg = string | number;
export const EXPECT_KEYS = ['status', 'noErrors', 'output', 'maxCostUsd', 'maxTokens', 'maxDurationMs', 'maxLlmCalls', 'tools', 'baseline'];
export const OUTPUT_KEYS = ['equals', 'contains', 'matches', 'ignoreCase', 'jsonSchema', 'jsonPath'];
export const TOOLS_KEYS = ['called', 'inOrder', 'notCalled'];
const BASELINE_KEYS = ['connection', 'agentId', 'executionRecordId', 'traceFile', 'tolerancePct'];

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Where the `expect` key is (1-based), or undefined when the file has none: cheap enough for discovery. */
export function locateExpect(text: string): { line: number; column: number } | undefined {
  const tree = parseTree(text);
  if (tree?.type !== 'object') return undefined;
  const prop = tree.children?.find((c) => c.children?.[0]?.value === 'expect');
  return prop ? positionOf(text, prop.offset) : undefined;
}

/**
 * The file's expectations, or undefined when it has no `expect`. Throws JsonSyntaxError (malformed JSON) or
 * RunFileError (an `expect` that cannot be checked), both with line and column.
 */
export function parseExpectations(text: string, name: string): Expectations | undefined {
  const root = parseJson(text, name);
  if (!isObject(root) || root.expect === undefined) return undefined;
  const tree = parseTree(text) as Node;
  const at = (path: Seg[]): Located => {
    const node = findNodeAtLocation(tree, path);
    const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    const pos = positionOf(text, (key ?? node)?.offset ?? 0);
    return { path: path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join(''), ...pos };
  };
  const fail = (path: Seg[], problem: string): never => {
    const l = at(path);
    throw new RunFileError(name, `${l.path}: ${problem}`, l.line, l.column);
  };
  const known = (o: Record<string, unknown>, path: Seg[], keys: string[]): void => {
    for (const k of Object.keys(o)) {
      if (keys.includes(k)) continue;
      const near = keys.find((f) => distance(k, f) <= 2 || (k.length >= 4 && f.toLowerCase().startsWith(k.toLowerCase())));
      fail([...path, k], `unknown field "${k}"${near ? ` — did you mean "${near}"?` : ''}. Known here: ${keys.join(', ')}.`);
    }
  };
  const strings = (v: unknown, path: Seg[], what: string): string[] => {
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.trim())) {
      return fail(path, `must be ${what}: a non-empty string or a list of them, not ${kindOf(v)}.`);
    }
    return list as string[];
  };
  const limit = (v: unknown, path: Seg[], integer: boolean): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
      return fail(path, `must be a ${integer ? 'whole ' : ''}number ≥ 0, not ${JSON.stringify(v)}.`);
    }
    return v;
  };

  const e = root.expect;
  if (!isObject(e)) fail(['expect'], `must be an object of expectations, e.g. { "status": "COMPLETED" }, not ${kindOf(e)}.`);
  const ex = e as Record<string, unknown>;
  known(ex, ['expect'], EXPECT_KEYS);
  if (Object.keys(ex).length === 0) fail(['expect'], 'is empty: add at least one expectation, e.g. "status": "COMPLETED".');
  const checks: Check[] = [];
  for (const key of Object.keys(ex)) {
    const v = ex[key];
    const path: Seg[] = ['expect', key];
    switch (key) {
      case 'status': checks.push({ kind: 'status', ...at(path), expected: strings(v, path, 'a status such as "COMPLETED"') }); break;
      case 'noErrors':
        if (typeof v !== 'boolean') fail(path, `must be true or false, not ${kindOf(v)}.`);
        if (v) checks.push({ kind: 'noErrors', ...at(path) });
        break;
      case 'maxCostUsd': case 'maxDurationMs': case 'maxTokens': case 'maxLlmCalls':
        checks.push({ kind: key, ...at(path), limit: limit(v, path, key !== 'maxCostUsd') });
        break;
      case 'output': checks.push(...outputChecks(v, path)); break;
      case 'tools': checks.push(...toolChecks(v, path)); break;
      case 'baseline': checks.push(baselineCheck(v, path)); break;
    }
  }
  return { at: at(['expect']), checks };

  function outputChecks(v: unknown, path: Seg[]): Check[] {
    if (!isObject(v)) return fail(path, `must be an object such as { "contains": "refund" }, not ${kindOf(v)}.`);
    known(v, path, OUTPUT_KEYS);
    if (v.ignoreCase !== undefined && typeof v.ignoreCase !== 'boolean') fail([...path, 'ignoreCase'], 'must be true or false.');
    const ignoreCase = v.ignoreCase === true;
    const out: Check[] = [];
    for (const k of Object.keys(v)) {
      const p = [...path, k];
      const x = v[k];
      if (k === 'equals') out.push({ kind: 'outputEquals', ...at(p), expected: x });
      else if (k === 'contains') out.push({ kind: 'outputContains', ...at(p), expected: strings(x, p, 'the text the answer contains'), ignoreCase });
      else if (k === 'matches') {
        if (typeof x !== 'string' || !x) fail(p, 'must be a regular expression (JavaScript syntax) as a string.');
        try {
          new RegExp(x as string, ignoreCase ? 'iu' : 'u');
        } catch (err) {
          fail(p, `is not a valid regular expression: ${(err as Error).message}.`);
        }
        out.push({ kind: 'outputMatches', ...at(p), pattern: x as string, ignoreCase });
      } else if (k === 'jsonSchema') {
        const problem = checkSchemaSupported(x);
        if (problem) fail([...p, ...problem.path], problem.message);
        out.push({ kind: 'outputJsonSchema', ...at(p), schema: x });
      } else if (k === 'jsonPath') {
        if (!isObject(x) || Object.keys(x).length === 0) fail(p, 'must be an object of JSON paths and the values expected there, e.g. { "$.currency": "EUR" }.');
        for (const [jp, want] of Object.entries(x as Record<string, unknown>)) {
          try {
            parseJsonPath(jp);
          } catch (err) {
            fail([...p, jp], (err as Error).message);
          }
          out.push({ kind: 'outputJsonPath', ...at([...p, jp]), jsonPath: jp, expected: want });
        }
      }
    }
    if (out.length === 0) fail(path, 'has no expectation: use equals, contains, matches, jsonSchema or jsonPath.');
    return out;
  }

  function toolChecks(v: unknown, path: Seg[]): Check[] {
    if (!isObject(v)) return fail(path, `must be an object such as { "called": ["search_kb"] }, not ${kindOf(v)}.`);
    known(v, path, TOOLS_KEYS);
    if (v.inOrder !== undefined && typeof v.inOrder !== 'boolean') fail([...path, 'inOrder'], 'must be true or false.');
    if (v.inOrder !== undefined && v.called === undefined) fail([...path, 'inOrder'], 'needs "called": the tools whose order is checked.');
    const out: Check[] = [];
    if (v.called !== undefined) out.push({ kind: 'toolsCalled', ...at([...path, 'called']), tools: strings(v.called, [...path, 'called'], 'tool names or keys'), inOrder: v.inOrder === true });
    if (v.notCalled !== undefined) out.push({ kind: 'toolsNotCalled', ...at([...path, 'notCalled']), tools: strings(v.notCalled, [...path, 'notCalled'], 'tool names or keys') });
    if (out.length === 0) fail(path, 'has no expectation: use called (with inOrder) or notCalled.');
    return out;
  }

  function baselineCheck(v: unknown, path: Seg[]): Check {
    const o = typeof v === 'string' ? { traceFile: v } : v;
    if (!isObject(o)) return fail(path, `must be { "agentId", "executionRecordId" } or { "traceFile" }, not ${kindOf(v)}.`);
    if (typeof v !== 'string') known(o, path, BASELINE_KEYS);
    for (const k of ['connection', 'agentId', 'executionRecordId', 'traceFile']) {
      if (o[k] !== undefined && (typeof o[k] !== 'string' || !(o[k] as string).trim())) fail([...path, k], 'must be a non-empty string.');
    }
    let tolerancePct = DEFAULT_TOLERANCE_PCT;
    if (o.tolerancePct !== undefined) tolerancePct = limit(o.tolerancePct, [...path, 'tolerancePct'], false);
    let ref: BaselineRef;
    if (o.traceFile !== undefined) {
      if (o.executionRecordId !== undefined) fail(path, 'names both a traceFile and an executionRecordId: keep one.');
      ref = { kind: 'traceFile', traceFile: o.traceFile as string };
    } else if (o.executionRecordId !== undefined) {
      ref = { kind: 'execution', executionRecordId: o.executionRecordId as string,
        ...(o.agentId ? { agentId: o.agentId as string } : {}), ...(o.connection ? { connection: o.connection as string } : {}) };
    } else {
      return fail(path, 'needs an "executionRecordId" (with "agentId" unless it is the file\'s agent) or a "traceFile".');
    }
    return { kind: 'baseline', ...at(path), ref, tolerancePct };
  }
}
