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
  spans: OtlpSpan[];
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
  for (const s of spans) {
    let g = groups.get(s.traceId);
    if (!g) groups.set(s.traceId, (g = new Map()));
    g.set(s.spanId, s);
  }
  return [...groups].map(([traceId, g]) => ({ traceId, spans: [...g.values()] }));
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

const byStart = (a: OtlpSpan, b: OtlpSpan): number => a.start - b.start;

/**
 * The step forest of one trace. `used` makes ids unique across several traces shown together: a span id
 * already taken gets the trace id in front.
 */
function buildForest(g: OtlpGroup, used: Set<string>): { roots: Step[]; rootSpans: OtlpSpan[]; count: number } {
  const byId = new Map<string, OtlpSpan>();
  for (const s of g.spans) byId.set(s.spanId, s);
  const children = new Map<string, OtlpSpan[]>();
  const rootSpans: OtlpSpan[] = [];
  for (const s of byId.values()) {
    if (s.parentSpanId && s.parentSpanId !== s.spanId && byId.has(s.parentSpanId)) {
      let list = children.get(s.parentSpanId);
      if (!list) children.set(s.parentSpanId, (list = []));
      list.push(s);
    } else rootSpans.push(s);
  }
  rootSpans.sort(byStart);
  for (const list of children.values()) list.sort(byStart);
  const visited = new Set<string>();
  const roots: Step[] = [];
  let count = 0;
  const attach = (top: OtlpSpan): void => {
    const spans: OtlpSpan[] = [top];
    const into: Step[][] = [roots];
    while (spans.length > 0) {
      const s = spans.pop()!;
      const siblings = into.pop()!;
      if (visited.has(s.spanId)) continue;
      visited.add(s.spanId);
      let id = s.spanId;
      if (used.has(id)) id = `${g.traceId}/${s.spanId}`;
      for (let n = 2; used.has(id); n++) id = `${g.traceId}/${s.spanId}~${n}`;
      used.add(id);
      const step = spanToStep(s, id);
      siblings.push(step);
      count++;
      const kids = children.get(s.spanId) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) {
        spans.push(kids[i]!);
        into.push(step.children);
      }
    }
  };
  for (const r of rootSpans) attach(r);
  // Spans in a parent cycle were reached from no root: each becomes a root rather than being lost.
  if (visited.size < byId.size) {
    for (const s of [...byId.values()].sort(byStart)) {
      if (!visited.has(s.spanId)) {
        rootSpans.push(s);
        attach(s);
      }
    }
  }
  return { roots, rootSpans, count };
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
  const { roots, rootSpans, count } = buildForest(g, new Set());
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
  const groups = groupSpans(spans);
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
