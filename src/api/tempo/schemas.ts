// Grafana Tempo query API responses (docs: api_docs; tempopb JSON). Open on purpose: extra fields pass,
// 64-bit numbers come as strings or numbers, zero fields may be missing, and trace bodies (OTLP JSON) are read
// by the tolerant OTLP mapper rather than validated span by span.
import { z } from 'zod';

const int64 = z.union([z.string(), z.number()]).transform((v) => Number(v)).pipe(z.number());

const SearchSpan = z.looseObject({
  spanID: z.string().optional(),
  name: z.string().optional(),
  startTimeUnixNano: int64.optional(),
  durationNanos: int64.optional(),
  attributes: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).optional(),
});
const SpanSet = z.looseObject({ spans: z.array(SearchSpan).nullish(), matched: z.number().optional() });

export const TempoSearchTraceSchema = z.looseObject({
  traceID: z.string(),
  rootServiceName: z.string().optional(),
  rootTraceName: z.string().optional(),
  startTimeUnixNano: int64.optional(),
  durationMs: z.number().optional(),
  /** Tempo 2.0–2.1: one spanset; later: `spanSets` too. */
  spanSet: SpanSet.nullish(),
  spanSets: z.array(SpanSet).nullish(),
  serviceStats: z.record(z.string(), z.looseObject({ spanCount: z.number().optional(), errorCount: z.number().optional() })).nullish(),
});
export type TempoSearchTrace = z.infer<typeof TempoSearchTraceSchema>;

export const SearchSchema = z.looseObject({
  traces: z.array(TempoSearchTraceSchema).nullish(),
  metrics: z.looseObject({}).nullish(),
});

/** v1: `{tagValues: ["a"]}`; v2: `{tagValues: [{type, value}]}`. */
export const TagValuesSchema = z.looseObject({
  tagValues: z.array(z.union([z.string(), z.looseObject({ value: z.unknown() }).transform((o) => String(o.value ?? ''))])).nullish(),
}).transform((r): string[] => (r.tagValues ?? []) as string[]);

/** Trace by id: v2 `{trace: {resourceSpans}}`; v1 `{batches}` (older Tempo) or `{resourceSpans}`. */
export const TraceBodySchema = z.union([
  z.looseObject({ trace: z.looseObject({ resourceSpans: z.array(z.unknown()).nullish(), batches: z.array(z.unknown()).nullish() }) }),
  z.looseObject({ batches: z.array(z.unknown()) }),
  z.looseObject({ resourceSpans: z.array(z.unknown()) }),
]).transform((r): { resourceSpans: unknown[] } => {
  const o = ('trace' in r ? r.trace : r) as { resourceSpans?: unknown[] | null; batches?: unknown[] | null };
  return { resourceSpans: o.resourceSpans ?? o.batches ?? [] };
});
