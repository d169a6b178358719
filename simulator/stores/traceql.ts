// A small TraceQL subset for the simulated Tempo: one or more spansets `{ cond && cond || cond }` joined by
// `&&` (every spanset must match some span of the trace), where a condition is `field op value`. Fields:
// `name`, `status`, `kind`, `duration`, intrinsic `rootServiceName`, `span.x`, `resource.x`, `.x`; operators
// = != > >= < <= =~ !~; values: "string", number, duration (1.5s, 200ms), true/false, nil, and the status /
// kind keywords (error, ok, unset, client, server, …). Anything else is a parse error, as Tempo answers one.
import type { FlatSpan } from './catalog';

type Value = string | number | boolean | null | { re: RegExp } | { kw: string };
interface Cond { field: string; op: string; value: Value }
type Expr = { and: Cond[] }[]; // or of ands
export type TraceQL = Expr[]; // spansets, all must match

const TOKEN = /\s*(\{|\}|&&|\|\||!=|=~|!~|>=|<=|=|>|<|"(?:[^"\\]|\\.)*"|[A-Za-z_.][\w.:-]*|-?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)?)/y;
const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES = ['unset', 'ok', 'error'];

export class TraceQLError extends Error {}

function tokens(q: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < q.length) {
    if (/^\s*$/.test(q.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(q);
    if (!m) throw new TraceQLError(`parse error at col ${i + 1}: syntax error: unexpected ${JSON.stringify(q.slice(i, i + 8))}`);
    out.push(m[1]!);
    i = TOKEN.lastIndex;
  }
  return out;
}

function value(tok: string | undefined): Value {
  if (tok === undefined) throw new TraceQLError('parse error: syntax error: unexpected end of query');
  if (tok.startsWith('"')) return JSON.parse(tok) as string;
  if (tok === 'nil') return null;
  if (tok === 'true' || tok === 'false') return tok === 'true';
  const d = /^(-?\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(tok);
  if (d) return Number(d[1]) * { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[d[2] as 'ms'];
  if (/^-?\d/.test(tok)) return Number(tok);
  if (STATUSES.includes(tok) || KINDS.includes(tok)) return { kw: tok };
  throw new TraceQLError(`parse error: syntax error: unexpected IDENTIFIER ${tok}`);
}

export function parseTraceQL(q: string): TraceQL {
  const t = tokens(q.trim() || '{}');
  let i = 0;
  const sets: TraceQL = [];
  for (;;) {
    if (t[i] !== '{') throw new TraceQLError(`parse error: syntax error: unexpected ${t[i] ?? 'end of query'}, expecting {`);
    i++;
    const expr: Expr = [{ and: [] }];
    while (t[i] !== '}') {
      const field = t[i++];
      const op = t[i++];
      if (!field || !op || !/^(=|!=|>|>=|<|<=|=~|!~)$/.test(op)) throw new TraceQLError(`parse error: syntax error: unexpected ${op ?? 'end of query'}`);
      let v = value(t[i++]);
      if (op === '=~' || op === '!~') v = { re: new RegExp(`^(?:${String(v)})$`) };
      expr.at(-1)!.and.push({ field, op, value: v });
      if (t[i] === '&&') i++;
      else if (t[i] === '||') { i++; expr.push({ and: [] }); }
      else if (t[i] !== '}') throw new TraceQLError(`parse error: syntax error: unexpected ${t[i] ?? 'end of query'}`);
    }
    i++;
    sets.push(expr);
    if (i >= t.length) return sets;
    if (t[i] !== '&&') throw new TraceQLError(`parse error: syntax error: unexpected ${t[i]}`);
    i++;
  }
}

function fieldOf(s: FlatSpan, field: string, resource: Record<string, unknown>): unknown {
  if (field === 'name') return s.name;
  if (field === 'status') return { kw: STATUSES[s.statusCode] ?? 'unset' };
  if (field === 'kind') return { kw: KINDS[s.kind] ?? 'unspecified' };
  if (field === 'duration') return s.end - s.start;
  if (field === 'rootServiceName' || field === 'resource.service.name') return resource['service.name'];
  if (field.startsWith('span.')) return s.attrs[field.slice(5)];
  if (field.startsWith('resource.')) return resource[field.slice(9)];
  if (field.startsWith('.')) return s.attrs[field.slice(1)] ?? resource[field.slice(1)];
  throw new TraceQLError(`parse error: unknown identifier ${field}`);
}

function test(c: Cond, s: FlatSpan, resource: Record<string, unknown>): boolean {
  const actual = fieldOf(s, c.field, resource);
  const v = c.value;
  if (v === null) return c.op === '!=' ? actual !== undefined && actual !== null : c.op === '=' ? actual === undefined || actual === null : false;
  if (actual === undefined || actual === null) return false;
  if (typeof v === 'object' && 're' in v) return v.re.test(String(actual)) === (c.op === '=~');
  const a = typeof actual === 'object' && 'kw' in (actual as object) ? (actual as { kw: string }).kw : actual;
  const b = typeof v === 'object' && 'kw' in v ? v.kw : v;
  switch (c.op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '>': return Number(a) > Number(b);
    case '>=': return Number(a) >= Number(b);
    case '<': return Number(a) < Number(b);
    case '<=': return Number(a) <= Number(b);
    default: return false;
  }
}

/** The spans matching each spanset; undefined when some spanset matches none (the trace is not a hit). */
export function matchTrace(q: TraceQL, spans: readonly FlatSpan[], resource: Record<string, unknown>): FlatSpan[] | undefined {
  const matched = new Set<FlatSpan>();
  for (const expr of q) {
    const hits = spans.filter((s) => expr.some((e) => e.and.every((c) => test(c, s, resource))));
    if (hits.length === 0) return undefined;
    for (const h of hits) matched.add(h);
  }
  return [...matched];
}
