// Loads a trace FILE for the bench the way the extension does. After the model branch is merged,
// src/model/traceFile.ts (`traceFromFile(json)`: Fruxon projected/stored/execute responses …) is used;
// until then a file must hold a model `Trace` as JSON.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Trace } from '../src/model/types';

type TraceFromFile = (json: unknown) => Trace;
type ParseTraceText = (text: string, name: string) => unknown;

/** The extension's own reader (JSON, or OTLP JSON Lines), when built; plain JSON.parse otherwise. */
function textParser(): ParseTraceText {
  const path = join(__dirname, '..', 'src', 'model', 'traceFile.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = existsSync(path) ? (require(path) as { parseTraceText?: ParseTraceText }) : {};
  return typeof mod.parseTraceText === 'function' ? mod.parseTraceText : (text) => JSON.parse(text) as unknown;
}

function extensionLoader(): TraceFromFile | undefined {
  // out/bench/loadTrace.js → out/src/model/traceFile.js (a computed path: the module may not exist yet).
  const path = join(__dirname, '..', 'src', 'model', 'traceFile.js');
  if (!existsSync(path)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path) as { traceFromFile?: TraceFromFile };
  return typeof mod.traceFromFile === 'function' ? mod.traceFromFile : undefined;
}

export function isModelTrace(json: unknown): json is Trace {
  const t = json as Partial<Trace> | null;
  return typeof t === 'object' && t !== null && Array.isArray(t.roots) && typeof t.id === 'string' && typeof t.start === 'number';
}

export function loadTraceFile(file: string): Trace {
  const json: unknown = textParser()(readFileSync(file, 'utf8'), file);
  if (isModelTrace(json)) return json;
  const fromFile = extensionLoader();
  if (fromFile) return fromFile(json);
  throw new Error(`${file} is not a model Trace (and src/model/traceFile.ts is not built in this tree).`);
}
