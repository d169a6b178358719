// Parameter files and run files (`*.agentrun.json`). Any JSON object file is an agent's input parameters;
// a run file also names the agent, connection, environment, mode, session, revision and attachments.
// Problems name the file and, where they can, the line and column. Pure: no `vscode`.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { ExecuteRequest } from '../api/fruxon/schemas';
import { parseJson } from '../util/json';

export const RUN_FILE_SUFFIX = '.agentrun.json';
export const RUN_MODES = ['PRODUCTION', 'SANDBOX'] as const;

export interface RunSpec {
  /** True for a `*.agentrun.json` file; false for a plain parameter file. */
  readonly isRunFile: boolean;
  readonly agent?: string;
  readonly connection?: string;
  readonly environmentSlug?: string;
  /** PRODUCTION, SANDBOX (upper case), or whatever else the file says (the service decides). */
  readonly mode?: string;
  readonly sessionId?: string;
  readonly revision?: number;
  readonly attachments?: unknown[];
  readonly parameters: Record<string, unknown>;
}

/** A well-formed JSON file that is not a usable run or parameter file. */
export class RunFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? ` (line ${line}, column ${column ?? 1})` : ''}: ${problem}`);
    this.name = 'RunFileError';
  }
}

export function isRunFileName(path: string): boolean {
  return path.toLowerCase().endsWith(RUN_FILE_SUFFIX);
}

// `expect` makes the file a test (src/model/expect/); running it as a plain run ignores it.
const FIELDS = ['$schema', 'agent', 'connection', 'environmentSlug', 'mode', 'sessionId', 'revision', 'attachments', 'parameters', 'expect'];

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Edit distance, to suggest `parameters` for `paramters`. */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j] as number;
      d[j] = Math.min(cur + 1, (d[j - 1] as number) + 1, prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length] as number;
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * Reads a run file (`isRunFile`) or a plain parameter file. Throws JsonSyntaxError (line, column) for
 * malformed JSON and RunFileError for JSON that cannot be run.
 */
export function parseRunFile(text: string, name: string, isRunFile = isRunFileName(name)): RunSpec {
  const value = parseJson(text, name);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = isRunFile ? 'A run file must hold a JSON object ({ "agent": …, "parameters": { … } })' : "An agent's parameters must be a JSON object ({ \"name\": value, … })";
    throw new RunFileError(name, `${what}; this file holds ${kindOf(value)}.`);
  }
  const o = value as Record<string, unknown>;
  if (!isRunFile) return { isRunFile: false, parameters: o };

  const tree = parseTree(text);
  const fail = (key: string, problem: string, at: 'key' | 'value' = 'value'): never => {
    const node = tree ? findNodeAtLocation(tree, [key]) : undefined;
    const offset = node ? (at === 'key' && node.parent?.children?.[0] ? node.parent.children[0].offset : node.offset) : undefined;
    const pos = offset !== undefined ? positionOf(text, offset) : undefined;
    throw new RunFileError(name, problem, pos?.line, pos?.column);
  };
  for (const key of Object.keys(o)) {
    if (FIELDS.includes(key)) continue;
    const near = FIELDS.filter((f) => f !== '$schema').find((f) => distance(key, f) <= 2);
    fail(key, `Unknown field "${key}"${near ? ` — did you mean "${near}"?` : ''}. A run file has ${FIELDS.slice(1).join(', ')}.`, 'key');
  }
  const str = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return fail(key, `"${key}" must be a string, not ${kindOf(v)}.`);
    if (!v.trim()) return fail(key, `"${key}" is empty.`);
    return v.trim();
  };
  const spec: { -readonly [K in keyof RunSpec]: RunSpec[K] } = { isRunFile: true, parameters: {} };
  for (const key of ['agent', 'connection', 'environmentSlug', 'sessionId'] as const) {
    const v = str(key);
    if (v !== undefined) spec[key] = v;
  }
  const mode = str('mode');
  if (mode !== undefined) {
    const upper = mode.toUpperCase();
    if (!(RUN_MODES as readonly string[]).includes(upper) && upper !== 'UNSPECIFIED') fail('mode', `"mode" must be PRODUCTION or SANDBOX, not "${mode}".`);
    spec.mode = upper;
  }
  if (o.revision !== undefined && o.revision !== null) {
    const r = o.revision;
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 1) fail('revision', `"revision" must be a whole number from 1 (the agent revision to run), not ${JSON.stringify(r)}.`);
    spec.revision = r as number;
  }
  if (o.attachments !== undefined && o.attachments !== null) {
    if (!Array.isArray(o.attachments)) fail('attachments', `"attachments" must be a list, not ${kindOf(o.attachments)}.`);
    spec.attachments = o.attachments as unknown[];
  }
  const p = o.parameters;
  if (p !== undefined && p !== null) {
    if (typeof p !== 'object' || Array.isArray(p)) fail('parameters', `"parameters" must be a JSON object of the agent's inputs, not ${kindOf(p)}.`);
    spec.parameters = p as Record<string, unknown>;
  }
  return spec;
}

/** The `:execute` / `:stream` body for a spec; `mode` overrides the file's (the CodeLens "Run in sandbox"). */
export function toExecuteRequest(spec: RunSpec, override: { mode?: string } = {}): ExecuteRequest {
  const body: ExecuteRequest = { parameters: spec.parameters };
  if (spec.environmentSlug) body.environmentSlug = spec.environmentSlug;
  const mode = override.mode ?? spec.mode;
  if (mode) body.mode = mode;
  if (spec.sessionId) body.sessionId = spec.sessionId;
  if (spec.attachments) body.attachments = spec.attachments;
  return body;
}

/** A run file's text reproducing an execution (Save Parameters as Run File…). */
export function runFileText(o: { agent: string; connection?: string; environmentSlug?: string; revision?: number; parameters: unknown }): string {
  const file: Record<string, unknown> = { agent: o.agent };
  if (o.connection) file.connection = o.connection;
  if (o.environmentSlug) file.environmentSlug = o.environmentSlug;
  if (o.revision !== undefined) file.revision = o.revision;
  file.parameters = o.parameters && typeof o.parameters === 'object' && !Array.isArray(o.parameters) ? o.parameters : {};
  return `${JSON.stringify(file, null, 2)}\n`;
}
