// The traces a team's trace store (Jaeger, Grafana Tempo) holds, for the simulator's store routes: the OTel
// spans of the Fruxon records (the same OTLP the `:otlpTrace` route serves, GenAI attributes and all), as if
// the agents had exported them through a collector. Finished records only (a running root span has not been
// exported yet), the newest ones of each agent, the 10,000-record agent's first few hundred (for paging), and
// the huge record (20,000 spans by default). Spans are built on first use and cached.
import type { TraceService } from '../traceService';
import { traceIdOf } from '../otlp';
import type { ExecutionRecord, SimData } from '../types';

export interface StoreTrace {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  readonly rec: ExecutionRecord;
  /** The resource's service.name (the agent id, as the OTLP export says). */
  readonly service: string;
  readonly rootName: string;
  /** Unix ms. */
  readonly start: number;
  readonly end: number;
  readonly spanCount: number;
  readonly huge: boolean;
}

/** A span as the store routes filter and summarize it (from the OTLP export). */
export interface FlatSpan {
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  /** Unix ms. */
  start: number;
  end: number;
  statusCode: number;
  attrs: Record<string, unknown>;
  raw: Record<string, unknown>;
}

const PER_AGENT = 40;
const BULK = 240;
const DONE = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** OTLP AnyValue → plain value (ints as numbers). */
export function plain(v: unknown): unknown {
  if (!isObj(v)) return v;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('boolValue' in v) return v.boolValue;
  if ('arrayValue' in v) return ((v.arrayValue as Obj)?.values as unknown[] ?? []).map(plain);
  return undefined;
}

export function attrMap(list: unknown): Obj {
  const out: Obj = {};
  for (const kv of Array.isArray(list) ? list : []) if (isObj(kv) && typeof kv.key === 'string') out[kv.key] = plain(kv.value);
  return out;
}

export class StoreCatalog {
  /** Newest first. */
  readonly traces: StoreTrace[] = [];
  private readonly byId = new Map<string, StoreTrace>();
  private readonly otlpCache = new Map<string, Promise<Obj>>();
  private readonly flatCache = new Map<string, Promise<FlatSpan[]>>();

  constructor(private readonly data: SimData, private readonly service: TraceService) {
    const huge = data.special.huge.recordId;
    for (const agent of data.agents) {
      if (agent.id === data.nativeAgentId) continue;
      const records = data.recordsByAgent.get(agent.id) ?? [];
      const limit = agent.id === data.bulkAgentId ? BULK : PER_AGENT;
      let taken = 0;
      for (const rec of records) {
        if (!DONE.has(rec.status) || !rec.endTime) continue;
        if (taken >= limit && rec.id !== huge) continue;
        taken++;
        this.add(rec, agent.displayName);
      }
    }
    this.traces.sort((a, b) => b.start - a.start || a.traceId.localeCompare(b.traceId));
  }

  private add(rec: ExecutionRecord, displayName: string): void {
    const meta = this.data.meta.get(rec.id);
    if (!meta || meta.native) return;
    const t: StoreTrace = {
      traceId: traceIdOf(rec.id), rec, service: rec.agentId, rootName: `invoke_agent ${displayName}`,
      start: rec.startTime, end: rec.endTime ?? rec.startTime, spanCount: meta.steps, huge: this.service.isHuge(rec),
    };
    this.traces.push(t);
    this.byId.set(t.traceId, t);
  }

  /** By id in any case, with or without the leading zeros Tempo drops. */
  find(id: string): StoreTrace | undefined {
    const hex = id.trim().toLowerCase();
    if (!/^[0-9a-f]{1,32}$/.test(hex)) return undefined;
    return this.byId.get(hex.padStart(32, '0'));
  }

  /** The trace as an OTLP/JSON TracesData object (hex ids), as the `:otlpTrace` route serves it. */
  otlp(t: StoreTrace): Promise<Obj> {
    let p = this.otlpCache.get(t.traceId);
    if (!p) {
      p = t.huge
        ? this.service.hugeBody('otlpTrace', t.rec).then((chunks) => JSON.parse(Buffer.concat(chunks).toString('utf8')) as Obj)
        : Promise.resolve(this.service.body('otlpTrace', t.rec) as Obj);
      // Only the huge trace stays: the others rebuild in well under a millisecond.
      if (t.huge) this.otlpCache.set(t.traceId, p);
    }
    return p;
  }

  /** The trace's spans, flattened, for TraceQL and Jaeger filters and summaries. */
  flat(t: StoreTrace): Promise<FlatSpan[]> {
    let p = this.flatCache.get(t.traceId);
    if (!p) {
      p = this.otlp(t).then(flatten);
      this.flatCache.set(t.traceId, p);
    }
    return p;
  }
}

export function resourceOf(otlp: Obj): Obj {
  const rs = Array.isArray(otlp.resourceSpans) ? otlp.resourceSpans[0] : undefined;
  return isObj(rs) && isObj(rs.resource) ? attrMap(rs.resource.attributes) : {};
}

export function rawSpans(otlp: Obj): Obj[] {
  const out: Obj[] = [];
  for (const rs of Array.isArray(otlp.resourceSpans) ? otlp.resourceSpans : []) {
    for (const ss of isObj(rs) && Array.isArray(rs.scopeSpans) ? rs.scopeSpans : []) {
      for (const s of isObj(ss) && Array.isArray(ss.spans) ? ss.spans : []) if (isObj(s)) out.push(s);
    }
  }
  return out;
}

function flatten(otlp: Obj): FlatSpan[] {
  return rawSpans(otlp).map((s) => ({
    spanId: String(s.spanId), parentSpanId: String(s.parentSpanId ?? ''), name: String(s.name ?? ''), kind: Number(s.kind ?? 0),
    start: Number(s.startTimeUnixNano) / 1e6, end: Number(s.endTimeUnixNano) / 1e6,
    statusCode: isObj(s.status) ? Number(s.status.code ?? 0) : 0, attrs: attrMap(s.attributes), raw: s,
  }));
}
