// Traces from a team's trace store (Jaeger, Grafana Tempo) in the model: a whole trace through the same span
// mapping as OTLP files and the local receiver (Jaeger JSON read by jaegerZipkin.ts, Tempo's OTLP JSON by
// otlpRead.ts), and a search hit as the row a list shows. Pure: no vscode, no HTTP.
import { jaegerSpans } from './jaegerZipkin';
import { errorCount, groupSpans, traceFromGroup, traceFromOtlp } from './otlp';
import type { Trace } from './types';

/** A row of a store's trace list: what the search result says, nothing fetched on top. */
export interface StoreTraceSummary {
  /** 32 (or 16) lower-case hex digits. */
  traceId: string;
  /** The root span's name (or the agent's, when the trace names one). */
  name: string;
  service?: string;
  /** Unix ms. */
  start: number;
  durationMs?: number;
  spans?: number;
  errors?: number;
  /** Input + output tokens: of the whole trace (Jaeger answers whole traces), or of the matched spans (Tempo). */
  tokens?: number;
  /** Tempo: how many spans the query matched; `tokens` then counts only the returned ones of those. */
  matched?: number;
}

/** One Jaeger trace (`{traceID, spans, processes}`) as a Trace. */
export function traceFromJaeger(trace: unknown, traceId?: string): Trace {
  const groups = groupSpans(jaegerSpans(trace));
  const g = traceId ? groups.find((x) => x.traceId === traceId) ?? groups[0] : groups[0];
  if (!g) throw new Error('This Jaeger trace has no readable spans.');
  return traceFromGroup(g);
}

/** Tempo's or Jaeger v2's OTLP JSON for one trace as a Trace. */
export function traceFromStoreOtlp(body: { resourceSpans: unknown[] }): Trace {
  return traceFromOtlp(body);
}

const tokensOf = (t: Trace): number => t.tokens.input + t.tokens.output;

/** A Jaeger search hit (a whole trace) as a row: mapped, so tokens are counted once, as the viewer counts them. */
export function summarizeJaeger(trace: unknown): StoreTraceSummary | undefined {
  let t: Trace;
  try {
    t = traceFromJaeger(trace);
  } catch {
    return undefined;
  }
  const spans = Array.isArray((trace as { spans?: unknown[] }).spans) ? (trace as { spans: unknown[] }).spans.length : t.stepCount;
  const root = t.roots[0];
  const out: StoreTraceSummary = { traceId: t.id, name: root?.name ?? t.title, start: t.start, spans, errors: errorCount(t) };
  const service = serviceOf(trace);
  if (service) out.service = service;
  if (t.end !== undefined) out.durationMs = Math.max(0, t.end - t.start);
  const tokens = tokensOf(t);
  if (tokens > 0) out.tokens = tokens;
  return out;
}

function serviceOf(trace: unknown): string | undefined {
  const processes = (trace as { processes?: Record<string, { serviceName?: unknown }> }).processes;
  const first = processes ? Object.values(processes)[0] : undefined;
  return typeof first?.serviceName === 'string' ? first.serviceName : undefined;
}

interface TempoHit {
  traceID: string;
  rootServiceName?: string | undefined;
  rootTraceName?: string | undefined;
  startTimeUnixNano?: number | undefined;
  durationMs?: number | undefined;
  spanSet?: { spans?: { attributes?: { key: string; value: unknown }[] | undefined }[] | null | undefined; matched?: number | undefined } | null | undefined;
  spanSets?: readonly { spans?: { attributes?: { key: string; value: unknown }[] | undefined }[] | null | undefined; matched?: number | undefined }[] | null | undefined;
  serviceStats?: Record<string, { spanCount?: number | undefined; errorCount?: number | undefined }> | null | undefined;
}

const num = (v: unknown): number => {
  const o = v as { intValue?: unknown; doubleValue?: unknown } | undefined;
  const n = Number(o?.intValue ?? o?.doubleValue ?? NaN);
  return Number.isFinite(n) ? n : 0;
};

/** A Tempo search hit as a row. Tempo leaves leading zeros off trace ids; the row has them back. */
export function summarizeTempo(hit: TempoHit): StoreTraceSummary {
  const id = hit.traceID.trim().toLowerCase();
  // A 16-digit id is a 64-bit one (old Jaeger clients); anything else is padded back to 128 bits.
  const traceId = id.length === 16 ? id : id.padStart(32, '0');
  // Tempo names a trace whose root span has not arrived (yet) `<root span not yet received>`: kept as it says.
  const out: StoreTraceSummary = { traceId, name: hit.rootTraceName ?? '(no root span)', start: (hit.startTimeUnixNano ?? 0) / 1e6 };
  if (hit.rootServiceName) out.service = hit.rootServiceName;
  out.durationMs = hit.durationMs ?? 0;
  const stats = Object.values(hit.serviceStats ?? {});
  if (stats.length) {
    out.spans = stats.reduce((n, s) => n + (s.spanCount ?? 0), 0);
    out.errors = stats.reduce((n, s) => n + (s.errorCount ?? 0), 0);
  }
  const sets = hit.spanSets?.length ? hit.spanSets : hit.spanSet ? [hit.spanSet] : [];
  let tokens = 0;
  let matched = 0;
  for (const set of sets) {
    matched += set.matched ?? 0;
    for (const s of set.spans ?? []) {
      for (const a of s.attributes ?? []) if (a.key === 'gen_ai.usage.input_tokens' || a.key === 'gen_ai.usage.output_tokens') tokens += num(a.value);
    }
  }
  if (sets.length) out.matched = matched;
  if (tokens > 0) out.tokens = tokens;
  return out;
}
