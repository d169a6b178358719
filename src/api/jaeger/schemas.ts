// Jaeger query API responses (cmd/query/app/http_handler.go `structuredResponse`; model/json). Open on
// purpose: extra fields pass, `data` may be null, and the spans themselves are read by the tolerant mapper
// (src/model), not validated here — a 20,000-span trace must not cost 20,000 schema checks.
import { z } from 'zod';

const Errors = z.array(z.looseObject({ code: z.number().optional(), msg: z.string().optional(), traceID: z.string().optional() })).nullish();

/** `{data, total, limit, offset, errors}`; Jaeger v2's api/v3 answers `{services: [...]}` instead. */
export const ServicesSchema = z.union([
  z.looseObject({ data: z.array(z.string()).nullable(), errors: Errors }),
  z.looseObject({ services: z.array(z.string()).nullable() }),
]).transform((r): string[] => (('services' in r ? r.services : r.data) as string[] | null) ?? []);

const Operation = z.union([z.string().transform((name) => ({ name, spanKind: undefined as string | undefined })),
  z.looseObject({ name: z.string(), spanKind: z.string().optional() }).transform((o) => ({ name: o.name, spanKind: o.spanKind || undefined }))]);

/** `/api/operations` answers `{name, spanKind}` objects; the older `/api/services/{s}/operations` plain names. */
export const OperationsSchema = z.union([
  z.looseObject({ data: z.array(Operation).nullable() }),
  z.looseObject({ operations: z.array(Operation).nullable() }),
]).transform((r): JaegerOperation[] => (('operations' in r ? r.operations : r.data) as JaegerOperation[] | null) ?? []);
export interface JaegerOperation { name: string; spanKind?: string | undefined }

/** A Jaeger trace: its spans and processes, read by the mapper. */
export const JaegerTraceSchema = z.looseObject({
  traceID: z.string(),
  spans: z.array(z.unknown()),
  processes: z.record(z.string(), z.unknown()).nullish(),
  warnings: z.array(z.string()).nullish(),
});
export type JaegerTrace = z.infer<typeof JaegerTraceSchema>;

export const TracesSchema = z.looseObject({ data: z.array(JaegerTraceSchema).nullable(), errors: Errors });

/** api/v3 (Jaeger v2): OTLP JSON in `{result: …}`; a stream of such objects is merged by the client. */
export const OtlpResultSchema = z.looseObject({ result: z.looseObject({ resourceSpans: z.array(z.unknown()).nullish() }) });
