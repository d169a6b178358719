// OTLP spans → the model's Trace: spans grouped by trace id, the tree rebuilt from parentSpanId (a span
// whose parent is missing is a root; so is a span caught in a parent cycle), each span mapped by
// otlpSteps.ts. Pure and iterative: files and the local receiver can hold many traces of many spans.
import { str } from './llmContent';
import { attachLogEvents, readOtlpLogs } from './otlpLogs';
import { readOtlp } from './otlpRead';
import type { OtlpSpan } from './otlpRead';
import { agentNameOf, spanToStep } from './otlpSteps';
import { rootSpan, traceTotals, walk } from './rollup';
import type { Step, StepStatus, Trace } from './types';
import { plural } from '../shared/text';

export interface OtlpGroup {
  traceId: string;
  spans: readonly OtlpSpan[];
}

/** What a picker or a list shows of a trace before (or without) mapping it. */
export interface OtlpGroupSummary {
  traceId: string;
  /** The earliest root span's name. */
  name: string;
  spanCount: number;
  start: number;
}

/** Spans grouped by trace id, in order of first appearance; a span sent twice counts once (the last copy). */
export function groupSpans(spans: readonly OtlpSpan[]): OtlpGroup[] {
  const groups = new Map<string, Map<string, OtlpSpan>>();
  // Spans of one trace usually come together: the previous span's group saves a lookup per span.
  let lastId: string | undefined;
  let last: Map<string, OtlpSpan> | undefined;
  for (const s of spans) {
    let g = s.traceId === lastId ? last : groups.get(s.traceId);
    if (!g) groups.set(s.traceId, (g = new Map()));
    g.set(s.spanId, s);
    lastId = s.traceId;
    last = g;
  }
  const out: OtlpGroup[] = [];
  for (const [traceId, g] of groups) out.push({ traceId, spans: [...g.values()] });
  return out;
}

/**
 * Spans by trace for mapping. One trace (the usual file) is one group as it is: buildForest drops duplicate span
 * ids the way groupSpans does, so grouping (a Map entry and a copy per span) is skipped — its spans may then
 * repeat an id, so summarize only groupSpans' groups.
 */
export function traceGroups(spans: readonly OtlpSpan[]): OtlpGroup[] {
  const only = spans[0]?.traceId;
  if (only !== undefined && spans.every((s) => s.traceId === only)) return [{ traceId: only, spans }];
  return groupSpans(spans);
}

export function summarizeGroup(g: OtlpGroup): OtlpGroupSummary {
  const ids = new Set(g.spans.map((s) => s.spanId));
  let root: OtlpSpan | undefined;
  let start = Infinity;
  for (const s of g.spans) {
    if (s.start < start) start = s.start;
    const isRoot = !s.parentSpanId || !ids.has(s.parentSpanId);
    if (isRoot && (!root || s.start < root.start)) root = s;
  }
  return { traceId: g.traceId, name: root?.name || '(unnamed span)', spanCount: g.spans.length, start: Number.isFinite(start) ? start : 0 };
}

/** The unique id a step gets: its span id, or with the trace id in front when `used` (other traces) has it. */
function uniqueId(g: OtlpGroup, spanId: string, used: Set<string>): string {
  let id = spanId;
  if (used.has(id)) id = `${g.traceId}/${spanId}`;
  for (let n = 2; used.has(id); n++) id = `${g.traceId}/${spanId}~${n}`;
  used.add(id);
  return id;
}

/**
 * The step forest of one trace. `used` makes ids unique across several traces shown together: a span id
 * already taken gets the trace id in front. Without it (one trace) the span ids are the ids: they are unique
 * once duplicates are dropped. Spans are addressed by index (typed arrays, one id map), not by id in Sets and
 * Maps: at 100,000 spans the string-keyed bookkeeping and its garbage were most of the cost.
 */
function buildForest(g: OtlpGroup, used?: Set<string>): { roots: Step[]; rootSpans: OtlpSpan[]; count: number } {
  // A span id given twice keeps its first place and its last copy (Map.set semantics, as groupSpans).
  const byId = new Map<string, number>();
  const spans: OtlpSpan[] = [];
  for (const s of g.spans) {
    const at = byId.get(s.spanId);
    if (at === undefined) {
      byId.set(s.spanId, spans.length);
      spans.push(s);
    } else spans[at] = s;
  }
  const n = spans.length;
  const byStart = (a: number, b: number): number => spans[a]!.start - spans[b]!.start;
  const children: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const rootIdx: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    const p = s.parentSpanId && s.parentSpanId !== s.spanId ? byId.get(s.parentSpanId) : undefined;
    if (p === undefined) rootIdx.push(i);
    else (children[p] ??= []).push(i);
  }
  rootIdx.sort(byStart);
  for (const list of children) if (list && list.length > 1) list.sort(byStart);
  const visited = new Uint8Array(n);
  let visitedCount = 0;
  const roots: Step[] = [];
  const rootSpans: OtlpSpan[] = [];
  const stack: number[] = [];
  const into: Step[][] = [];
  const attach = (top: number): void => {
    stack.push(top);
    into.push(roots);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const siblings = into.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      visitedCount++;
      const s = spans[i]!;
      const step = spanToStep(s, used ? uniqueId(g, s.spanId, used) : s.spanId);
      siblings.push(step);
      const kids = children[i];
      if (!kids) continue;
      for (let k = kids.length - 1; k >= 0; k--) {
        stack.push(kids[k]!);
        into.push(step.children);
      }
    }
  };
  for (const r of rootIdx) {
    rootSpans.push(spans[r]!);
    attach(r);
  }
  // Spans in a parent cycle were reached from no root: each becomes a root rather than being lost.
  if (visitedCount < n) {
    const order = Array.from({ length: n }, (_, i) => i).sort(byStart);
    for (const i of order) {
      if (!visited[i]) {
        rootSpans.push(spans[i]!);
        attach(i);
      }
    }
  }
  return { roots, rootSpans, count: visitedCount };
}

function derivedStatus(roots: readonly Step[]): StepStatus {
  if (roots.length === 0) return 'unknown';
  if (roots.some((r) => r.status === 'error')) return 'error';
  if (roots.some((r) => r.status === 'running')) return 'running';
  return 'ok';
}


function finish(trace: Trace): Trace {
  const { tokens, cost } = traceTotals(trace.roots);
  trace.tokens = tokens;
  trace.cost = cost;
  const last = trace.roots.at(-1)?.detail;
  const result = last && (last.kind === 'generic' || last.kind === 'llm' || last.kind === 'tool') ? last.result : undefined;
  if (result) trace.result = result;
  return trace;
}

/** One trace's spans as a Trace (source 'otlp'). */
export function traceFromGroup(g: OtlpGroup): Trace {
  const { roots, rootSpans, count } = buildForest(g);
  const first = rootSpans[0];
  const resource = first?.resource ?? g.spans[0]?.resource ?? {};
  const agentName = first ? agentNameOf(first.attrs) : undefined;
  const { start, end } = rootSpan(roots);
  const trace: Trace = {
    id: g.traceId, source: 'otlp',
    title: agentName || first?.name || str(resource['service.name']) || `Trace ${g.traceId.slice(0, 8)}`,
    status: derivedStatus(roots), start, end, currency: 'USD', tokens: traceTotals([]).tokens, cost: traceTotals([]).cost,
    roots, stepCount: count,
  };
  if (agentName) trace.agentName = agentName;
  const env = str(resource['deployment.environment.name']) ?? str(resource['deployment.environment']);
  if (env) trace.environment = env;
  const version = str(resource['service.version']);
  if (version) trace.revision = version;
  return finish(trace);
}

/** Several traces in one: each trace is a root (a trace with several root spans gets a step around them). */
export function traceFromGroups(groups: readonly OtlpGroup[], id = 'otlp'): Trace {
  if (groups.length === 1) return traceFromGroup(groups[0]!);
  const used = new Set<string>();
  const roots: Step[] = [];
  let count = 0;
  for (const g of groups) {
    const f = buildForest(g, used);
    count += f.count;
    if (f.roots.length === 1) {
      roots.push(f.roots[0]!);
      continue;
    }
    const s = rootSpan(f.roots);
    let wrapperId = `trace:${g.traceId}`;
    for (let n = 2; used.has(wrapperId); n++) wrapperId = `trace:${g.traceId}~${n}`;
    used.add(wrapperId);
    roots.push({
      id: wrapperId, kind: 'flow', name: `Trace ${g.traceId.slice(0, 8)} (${f.roots.length} root spans)`, status: derivedStatus(f.roots),
      start: s.start, end: s.end, tokens: traceTotals([]).tokens, cost: traceTotals([]).cost, detail: { kind: 'generic' },
      attributes: { 'otel.trace_id': g.traceId }, children: f.roots,
    });
    count++;
  }
  roots.sort((a, b) => a.start - b.start);
  const { start, end } = rootSpan(roots);
  return finish({
    id, source: 'otlp', title: plural(groups.length, 'trace'), status: derivedStatus(roots), start, end, currency: 'USD',
    tokens: traceTotals([]).tokens, cost: traceTotals([]).cost, roots, stepCount: count,
  });
}

/**
 * An OTLP/JSON body (ExportTraceServiceRequest / TracesData, with any `resourceLogs` beside) as one Trace: the trace `traceId` when given
 * (an Error when the body has no such trace), the only trace, or all of them each as a root.
 */
export function traceFromOtlp(body: unknown, traceId?: string): Trace {
  return traceFromSpans(otlpSpans(body), traceId, 'OTLP export');
}

/** The spans of an OTLP/JSON body, with the GenAI events sent as log records (`resourceLogs`) joined to them. */
export function otlpSpans(body: unknown): OtlpSpan[] {
  return attachLogEvents(readOtlp(body).spans, readOtlpLogs(body).events);
}

/** Spans of any source as one Trace: the trace `traceId` when given, the only trace, or all of them each as a root. */
export function traceFromSpans(spans: readonly OtlpSpan[], traceId?: string, what = 'file'): Trace {
  const groups = traceGroups(spans);
  if (traceId !== undefined) {
    const g = groups.find((x) => x.traceId === traceId);
    if (!g) throw new Error(`This ${what} has no trace ${traceId}.`);
    return traceFromGroup(g);
  }
  if (groups.length === 0) throw new Error(`This ${what} has no spans.`);
  return traceFromGroups(groups);
}

/** Steps with status error anywhere in the trace (the list shows a failed child, not just a failed root). */
export function errorCount(trace: Trace): number {
  let n = 0;
  walk(trace.roots, (s) => {
    if (s.status === 'error') n++;
  });
  return n;
}
