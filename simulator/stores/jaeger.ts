// Jaeger's query HTTP API (the one the Jaeger UI uses, served by jaeger-query v1 and Jaeger v2 alike) over the
// store catalog: GET /api/services, /api/services/{service}/operations, /api/operations?service=&spanKind=,
// /api/traces?service=&operation=&tags=&start=&end=&minDuration=&maxDuration=&limit=, /api/traces/{id}, and
// v2's OTLP-shaped /api/v3/services, /api/v3/traces/{id}. Shapes from jaeger's own code and fixtures
// (cmd/query/app/http_handler.go structuredResponse; model/json): `{data, total, limit, offset, errors}`,
// times in microseconds, tags `{key, type, value}`, one process per service. A search answers full traces,
// as the real API does (the UI lists them from the spans).
import type { Query } from '../records';
import { attrMap, rawSpans, resourceOf } from './catalog';
import type { FlatSpan, StoreCatalog, StoreTrace } from './catalog';

type Obj = Record<string, unknown>;
export interface StoreReply { status: number; body?: unknown; chunks?: Buffer[]; text?: string }

const KINDS = ['', 'internal', 'server', 'client', 'producer', 'consumer'];

function tag(key: string, value: unknown): Obj {
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { key, type: 'int64', value } : { key, type: 'float64', value };
  return { key, type: 'string', value: typeof value === 'string' ? value : JSON.stringify(value) };
}

const micros = (nanos: unknown): number => Math.round(Number(nanos) / 1000);

/** An OTLP export as a Jaeger trace, the way Jaeger's OTLP receiver stores it (otel.* tags, span.kind, error). */
export function jaegerTrace(traceId: string, otlp: Obj): Obj {
  const resource = resourceOf(otlp);
  const { 'service.name': serviceName, ...processTags } = resource;
  const spans = rawSpans(otlp).map((s) => {
    const attrs = attrMap(s.attributes);
    const tags = Object.entries(attrs).map(([k, v]) => tag(k, v));
    const kind = KINDS[Number(s.kind ?? 0)];
    if (kind) tags.push(tag('span.kind', kind));
    const status = (s.status ?? {}) as Obj;
    if (Number(status.code) === 2) {
      tags.push(tag('otel.status_code', 'ERROR'), tag('error', true));
      if (status.message) tags.push(tag('otel.status_description', status.message));
    } else if (Number(status.code) === 1) tags.push(tag('otel.status_code', 'OK'));
    tags.push(tag('otel.scope.name', 'fruxon.projection'));
    const parent = typeof s.parentSpanId === 'string' ? s.parentSpanId : '';
    const start = micros(s.startTimeUnixNano);
    return {
      traceID: traceId, spanID: s.spanId, operationName: s.name, flags: 1,
      references: parent ? [{ refType: 'CHILD_OF', traceID: traceId, spanID: parent }] : [],
      startTime: start, duration: Math.max(0, micros(s.endTimeUnixNano) - start), tags, logs: [], processID: 'p1', warnings: null,
    };
  });
  return { traceID: traceId, spans, processes: { p1: { serviceName, tags: Object.entries(processTags).map(([k, v]) => tag(k, v)) } }, warnings: null };
}

/** Go's time.ParseDuration for the units Jaeger's UI sends ("1.5s", "250ms", "300us"); undefined when unreadable. */
export function goDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms'];
  return Number(m[1]) * unit;
}

const structured = (data: unknown, total = 0, errors: unknown = null): Obj => ({ data, total, limit: 0, offset: 0, errors });
const badRequest = (msg: string): StoreReply => ({ status: 400, body: structured(null, 0, [{ code: 400, msg }]) });

export class JaegerApi {
  private readonly serialized = new Map<string, Promise<Buffer>>();

  constructor(private readonly catalog: StoreCatalog) {}

  services(): StoreReply {
    const names = [...new Set(this.catalog.traces.map((t) => t.service))].sort();
    return { status: 200, body: structured(names, names.length) };
  }

  async operations(service: string | undefined, spanKind: string | undefined, legacy: boolean): Promise<StoreReply> {
    if (!service) return badRequest('parameter \'service\' is required');
    const ops = new Map<string, string>();
    for (const t of this.catalog.traces.filter((x) => x.service === service && !x.huge).slice(0, 20)) {
      for (const s of await this.catalog.flat(t)) ops.set(s.name, KINDS[s.kind] || 'internal');
    }
    const list = [...ops].filter(([, k]) => !spanKind || k === spanKind).sort(([a], [b]) => a.localeCompare(b));
    if (legacy) return { status: 200, body: structured(list.map(([n]) => n), list.length) };
    return { status: 200, body: structured(list.map(([name, kind]) => ({ name, spanKind: kind })), list.length) };
  }

  async search(q: Query): Promise<StoreReply> {
    const one = (k: string): string | undefined => q.get(k)?.[0];
    const service = one('service');
    if (!service) return badRequest('parameter \'service\' is required');
    const num = (k: string): number | undefined => (one(k) && /^\d+$/.test(one(k)!) ? Number(one(k)) : undefined);
    const start = num('start');
    const end = num('end');
    const limit = num('limit') ?? 20;
    const minMs = goDuration(one('minDuration'));
    const maxMs = goDuration(one('maxDuration'));
    if (one('minDuration') && minMs === undefined) return badRequest(`cannot parse minDuration: time: invalid duration "${one('minDuration')}"`);
    let tags: Record<string, string> = {};
    for (const raw of q.get('tags') ?? []) {
      try {
        tags = { ...tags, ...(JSON.parse(raw) as Record<string, string>) };
      } catch {
        return badRequest(`malformed 'tags' parameter: ${raw}`);
      }
    }
    // key:value pairs of the old `tag` parameter, also still accepted by Jaeger.
    for (const raw of q.get('tag') ?? []) {
      const i = raw.indexOf(':');
      if (i > 0) tags[raw.slice(0, i)] = raw.slice(i + 1);
    }
    const operation = one('operation');
    const hits: StoreTrace[] = [];
    for (const t of this.catalog.traces) {
      if (hits.length >= limit) break;
      if (t.service !== service) continue;
      if (start !== undefined && t.start * 1000 < start) continue;
      if (end !== undefined && t.start * 1000 > end) continue;
      const dur = t.end - t.start;
      if (minMs !== undefined && dur < minMs) continue;
      if (maxMs !== undefined && dur > maxMs) continue;
      if (operation || Object.keys(tags).length) {
        const spans = await this.catalog.flat(t);
        if (!spans.some((s) => (!operation || s.name === operation) && matchesTags(s, tags))) continue;
      }
      hits.push(t);
    }
    const parts = await Promise.all(hits.map((t) => this.json(t)));
    const joined: Buffer[] = [Buffer.from('{"data":[')];
    parts.forEach((p, i) => joined.push(...(i ? [Buffer.from(','), p] : [p])));
    joined.push(Buffer.from(`],"total":${hits.length},"limit":0,"offset":0,"errors":null}`));
    return { status: 200, chunks: joined };
  }

  async trace(id: string): Promise<StoreReply> {
    const t = this.catalog.find(id);
    if (!t) return { status: 404, body: structured(null, 0, [{ code: 404, msg: 'trace not found' }]) };
    return { status: 200, chunks: [Buffer.from('{"data":['), await this.json(t), Buffer.from('],"total":0,"limit":0,"offset":0,"errors":null}')] };
  }

  /** Jaeger v2's api/v3: OTLP JSON in `{result: …}`, hex ids. */
  async traceV3(id: string): Promise<StoreReply> {
    const t = this.catalog.find(id);
    if (!t) return { status: 404, body: { error: { code: 5, message: 'trace not found' } } };
    return { status: 200, body: { result: await this.catalog.otlp(t) } };
  }

  servicesV3(): StoreReply {
    return { status: 200, body: { services: [...new Set(this.catalog.traces.map((t) => t.service))].sort() } };
  }

  private json(t: StoreTrace): Promise<Buffer> {
    let p = this.serialized.get(t.traceId);
    if (!p) {
      p = this.catalog.otlp(t).then((o) => Buffer.from(JSON.stringify(jaegerTrace(t.traceId, o))));
      if (t.huge) this.serialized.set(t.traceId, p);
    }
    return p;
  }
}

function matchesTags(s: FlatSpan, tags: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(tags)) {
    if (k === 'error') {
      if ((s.statusCode === 2) !== (v === 'true')) return false;
      continue;
    }
    if (String(s.attrs[k]) !== v) return false;
  }
  return true;
}
