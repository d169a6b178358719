// Grafana Tempo's query API over the store catalog: GET /api/search (TraceQL `q`, start/end in Unix seconds,
// limit, spss, minDuration/maxDuration), /api/traces/{id} (v1: `{batches: [...]}`), /api/v2/traces/{id}
// (`{trace: {resourceSpans}, status}`), /api/search/tags, /api/v2/search/tags, /api/search/tag/{tag}/values
// (`{tagValues: [string]}`), /api/v2/search/tag/{scoped tag}/values (`{tagValues: [{type, value}]}`). Shapes from
// Tempo's docs (api_docs) and its tempopb JSON: ids in trace bodies are base64 (gogo jsonpb), search results
// carry hex trace ids without leading zeros, 64-bit numbers are strings, zero fields are left out.
import type { Query } from '../records';
import { resourceOf } from './catalog';
import type { FlatSpan, StoreCatalog, StoreTrace } from './catalog';
import { goDuration } from './jaeger';
import type { StoreReply } from './jaeger';
import { matchTrace, parseTraceQL, TraceQLError } from './traceql';

type Obj = Record<string, unknown>;

const b64 = (hex: unknown): unknown => (typeof hex === 'string' && /^[0-9a-f]+$/i.test(hex) && hex.length % 2 === 0 ? Buffer.from(hex, 'hex').toString('base64') : hex);
const text = (status: number, body: string): StoreReply => ({ status, text: body });

function spanOut(s: FlatSpan): Obj {
  const attributes = Array.isArray(s.raw.attributes)
    ? (s.raw.attributes as Obj[]).filter((a) => /^gen_ai\.(operation\.name|request\.model|usage\.(input|output)_tokens)$/.test(String(a.key))) : [];
  const out: Obj = { spanID: s.spanId, name: s.name, startTimeUnixNano: String(Math.round(s.start * 1e6)), durationNanos: String(Math.round((s.end - s.start) * 1e6)) };
  if (attributes.length) out.attributes = attributes;
  return out;
}

export class TempoApi {
  private readonly bodies = new Map<string, Promise<Obj>>();
  private readonly serialized = new Map<string, Buffer[]>();

  constructor(private readonly catalog: StoreCatalog) {}

  async search(q: Query): Promise<StoreReply> {
    const one = (k: string): string | undefined => q.get(k)?.[0];
    const int = (k: string): number | undefined => (one(k) && /^\d+$/.test(one(k)!) ? Number(one(k)) : undefined);
    let query;
    try {
      query = parseTraceQL(one('q') ?? '{}');
    } catch (e) {
      if (e instanceof TraceQLError) return text(400, `invalid TraceQL query: ${e.message}`);
      throw e;
    }
    const start = int('start');
    const end = int('end');
    if (start !== undefined && end !== undefined && end < start) return text(400, 'invalid start and end: end must be after start');
    const limit = int('limit') ?? 20;
    const spss = int('spss') ?? 3;
    const minMs = goDuration(one('minDuration'));
    const maxMs = goDuration(one('maxDuration'));
    const traces: Obj[] = [];
    let inspected = 0;
    for (const t of this.catalog.traces) {
      if (traces.length >= limit) break;
      if (start !== undefined && t.end < start * 1000) continue;
      if (end !== undefined && t.start > end * 1000) continue;
      const dur = t.end - t.start;
      if (minMs !== undefined && dur < minMs) continue;
      if (maxMs !== undefined && dur > maxMs) continue;
      inspected++;
      const spans = await this.catalog.flat(t);
      const matched = matchTrace(query, spans, { 'service.name': t.service });
      if (!matched) continue;
      traces.push(this.summary(t, spans, matched, spss));
    }
    return { status: 200, body: { traces, metrics: { inspectedTraces: inspected, inspectedBytes: String(inspected * 4096), completedJobs: 1, totalJobs: 1 } } };
  }

  private summary(t: StoreTrace, spans: FlatSpan[], matched: FlatSpan[], spss: number): Obj {
    const set = { spans: matched.slice(0, spss).map(spanOut), matched: matched.length };
    const errors = spans.filter((s) => s.statusCode === 2).length;
    const out: Obj = {
      traceID: t.traceId.replace(/^0+/, ''), rootServiceName: t.service, rootTraceName: t.rootName,
      startTimeUnixNano: String(t.start * 1e6), spanSet: set, spanSets: [set],
      serviceStats: { [t.service]: errors ? { spanCount: spans.length, errorCount: errors } : { spanCount: spans.length } },
    };
    const dur = t.end - t.start;
    if (dur > 0) out.durationMs = dur;
    return out;
  }

  async trace(id: string, v2: boolean): Promise<StoreReply> {
    const t = this.catalog.find(id);
    if (!t) return v2 ? { status: 404, body: { status: 'TRACE_NOT_FOUND' } } : text(404, 'trace not found');
    const body = await this.body(t);
    if (t.huge) {
      // Served from a ready buffer, as a store serves from disk (20,000 spans are not re-serialized per request).
      const key = `${t.traceId}|${v2}`;
      let chunks = this.serialized.get(key);
      if (!chunks) this.serialized.set(key, (chunks = [Buffer.from(JSON.stringify(v2 ? { trace: { resourceSpans: body.resourceSpans } } : { batches: body.resourceSpans }))]));
      return { status: 200, chunks };
    }
    return { status: 200, body: v2 ? { trace: { resourceSpans: body.resourceSpans } } : { batches: body.resourceSpans } };
  }

  tagNames(v2: boolean): StoreReply {
    const span = ['gen_ai.operation.name', 'gen_ai.request.model', 'gen_ai.agent.name', 'gen_ai.tool.name', 'error.type'];
    const resource = ['service.name', 'service.version', 'deployment.environment.name'];
    return v2
      ? { status: 200, body: { scopes: [{ name: 'span', tags: span }, { name: 'resource', tags: resource }, { name: 'intrinsic', tags: ['duration', 'kind', 'name', 'status'] }] } }
      : { status: 200, body: { tagNames: [...span, ...resource] } };
  }

  async tagValues(tag: string, v2: boolean): Promise<StoreReply> {
    const key = v2 ? tag.replace(/^(span|resource)\./, '').replace(/^\./, '') : tag;
    const values = new Set<string>();
    if (key === 'service.name') for (const t of this.catalog.traces) values.add(t.service);
    else {
      for (const t of this.catalog.traces.filter((x) => !x.huge).slice(0, 60)) {
        for (const s of await this.catalog.flat(t)) if (s.attrs[key] !== undefined) values.add(String(s.attrs[key]));
      }
    }
    const sorted = [...values].sort();
    return { status: 200, body: v2 ? { tagValues: sorted.map((value) => ({ type: 'string', value })), metrics: { inspectedBytes: '1024' } } : { tagValues: sorted } };
  }

  /** The OTLP export with base64 ids, as Tempo writes them. */
  private body(t: StoreTrace): Promise<Obj> {
    let p = this.bodies.get(t.traceId);
    if (!p) {
      p = this.catalog.otlp(t).then((o) => ({
        resourceSpans: (o.resourceSpans as Obj[]).map((rs) => ({
          ...rs,
          scopeSpans: (rs.scopeSpans as Obj[]).map((ss) => ({
            ...ss,
            spans: (ss.spans as Obj[]).map((s) => ({ ...s, traceId: b64(s.traceId), spanId: b64(s.spanId), ...(s.parentSpanId ? { parentSpanId: b64(s.parentSpanId) } : {}) })),
          })),
        })),
      }));
      if (t.huge) this.bodies.set(t.traceId, p);
    }
    return p;
  }
}

