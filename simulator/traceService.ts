// Serves a record's trace in its three views (`:projectedTrace`, `:trace`, `:otlpTrace`) and `:result`.
// Ordinary traces are rebuilt per request (well under a millisecond). The huge trace is built and
// serialised once, batch by batch with event-loop yields in between, and its JSON chunks are cached.
import type { SimApproval } from './approvals';
import { CATALOG } from './catalog';
import { patchGate } from './gates';
import type { AgentProfile } from './catalog';
import { collectSpans, otlpEnvelope, traceIdOf } from './otlp';
import { hashString, mulberry32, pick, splitInt } from './prng';
import { applyVariant } from './compareSet';
import { finalResult } from './traceContent';
import { buildTree, countSteps } from './traceGen';
import type { BuildOpts, Totals } from './traceGen';
import type { ExecutionRecord, RecordMeta, SimData, Step } from './types';

export type TraceRoute = 'projectedTrace' | 'trace' | 'otlpTrace';

const BATCH = 400;
const SENTINEL = '@@sim-chunks@@';

/** Splits a wrapper's JSON around the sentinel so pre-serialised chunks can go in its place. */
function wrap(wrapper: unknown, inner: Buffer[]): Buffer[] {
  const [pre, post] = JSON.stringify(wrapper).split(`"${SENTINEL}"`);
  return [Buffer.from(pre ?? ''), ...inner, Buffer.from(post ?? '')];
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class TraceService {
  private hugeTraces: Promise<Buffer[]> | undefined;
  private hugeSpans: Promise<Buffer[]> | undefined;

  constructor(private readonly data: SimData) {}

  isHuge(rec: ExecutionRecord): boolean {
    return rec.id === this.data.special.huge.recordId;
  }

  private profile(meta: RecordMeta): AgentProfile {
    return CATALOG[meta.profile] as AgentProfile;
  }

  private meta(rec: ExecutionRecord): RecordMeta {
    const m = this.data.meta.get(rec.id);
    if (!m) throw new Error(`no meta for record ${rec.id}`);
    return m;
  }

  private totals(rec: ExecutionRecord, p: AgentProfile): Totals {
    const micro = (usdValue: number): number => Math.round(usdValue * 1e6);
    return {
      input: rec.inputTokens, output: rec.outputTokens, cached: rec.cachedTokens,
      thinking: Math.round(micro(rec.thinkingCost) / (p.models[0]?.outPerM ?? 1)),
      inMicro: micro(rec.inputCost), outMicro: micro(rec.outputCost), cachedMicro: micro(rec.cachedCost),
    };
  }

  private opts(rec: ExecutionRecord, meta: RecordMeta, seed: number, lean: boolean): BuildOpts {
    const p = this.profile(meta);
    return { p, rng: mulberry32(seed), lean, params: meta.parameters, final: rec.hasResult ? finalResult(p, meta.traceSeed) : null };
  }

  /** The huge trace: a root flow over equal batches, each built from its own seed, time slice and share. */
  private hugePlan(rec: ExecutionRecord): { root: Step; batches: number; batch: (i: number) => Step } {
    const meta = this.meta(rec);
    const p = this.profile(meta);
    const rest = Math.max(0, meta.steps - 1);
    const k = Math.max(1, Math.ceil(rest / BATCH));
    const sizes = splitInt(rest, Array.from({ length: k }, () => 1));
    const totals = this.totals(rec, p);
    const shares = Object.fromEntries(Object.entries(totals).map(([key, v]) => [key, splitInt(v, sizes)])) as Record<keyof Totals, number[]>;
    const start = rec.startTime;
    const end = meta.windowEnd;
    const root = buildTree(this.opts(rec, meta, meta.traceSeed, true), 1, 1, start, end, { input: 0, output: 0, cached: 0, thinking: 0, inMicro: 0, outMicro: 0, cachedMicro: 0 }, 'completed', p.displayName);
    const batch = (i: number): Step => {
      const o = this.opts(rec, meta, hashString(`batch${i}`, meta.traceSeed), true);
      const a = start + Math.floor(((end - start) * i) / k);
      const b = start + Math.floor(((end - start) * (i + 1)) / k);
      const share = Object.fromEntries(Object.entries(shares).map(([key, v]) => [key, v[i] ?? 0])) as unknown as Totals;
      const step = buildTree(o, sizes[i] ?? 1, 2, a, b, share, 'completed', `${pick(o.rng, p.flows)} #${i + 1}`);
      step.result = { strValue: `batch ${i + 1} of ${k} done`, jsonValue: null, fileLink: null };
      return step;
    };
    return { root, batches: sizes[0] === 0 ? 0 : k, batch };
  }

  /** The trace with any approval's state applied (approvals.ts sets this). */
  gates: { get(id: string): SimApproval | undefined } | undefined;

  steps(rec: ExecutionRecord): Step[] {
    const steps = this.rawSteps(rec);
    const meta = this.meta(rec);
    const a = meta.approvalId ? this.gates?.get(meta.approvalId) : undefined;
    if (a && !this.isHuge(rec)) patchGate(steps, a, rec, rec.endTime || meta.windowEnd);
    return steps;
  }

  /** The trace as generated from the record's seed and mode, before any approval was answered. */
  rawSteps(rec: ExecutionRecord): Step[] {
    const meta = this.meta(rec);
    if (this.isHuge(rec)) {
      const plan = this.hugePlan(rec);
      plan.root.steps = Array.from({ length: plan.batches }, (_, i) => plan.batch(i));
      return [plan.root];
    }
    const p = this.profile(meta);
    const o = this.opts(rec, meta, meta.traceSeed, false);
    const roots = [buildTree(o, meta.steps, 1, rec.startTime, meta.windowEnd, this.totals(rec, p), meta.mode, p.displayName)];
    if (meta.variant) applyVariant(roots, meta.variant, p);
    return roots;
  }

  view(route: TraceRoute, rec: ExecutionRecord, traces: unknown, spanCount: number): unknown {
    const meta = this.meta(rec);
    const p = this.profile(meta);
    if (route === 'projectedTrace') {
      return meta.native ? { executionRecordId: rec.id, rawSpanCount: 0, traces: [] }
        : { executionRecordId: rec.id, rawSpanCount: spanCount, traces };
    }
    if (route === 'otlpTrace') return meta.native ? { resourceSpans: [] } : otlpEnvelope(rec, p.displayName, traces);
    return {
      status: rec.status,
      trace: {
        agentExecutionRecordId: rec.id, agentId: rec.agentId, agentRevision: rec.agentRevision, createdAt: rec.createdAt,
        parameters: meta.parameters, startTime: rec.startTime, endTime: rec.endTime,
        duration: rec.endTime ? rec.endTime - rec.startTime : 0, traces,
        result: rec.hasResult ? finalResult(p, meta.traceSeed) : null,
        inputCost: rec.inputCost, outputCost: rec.outputCost, totalCost: rec.totalCost,
      },
    };
  }

  /** A trace view as a plain object (drift transforms work on this). */
  body(route: TraceRoute, rec: ExecutionRecord): unknown {
    const steps = this.steps(rec);
    if (route !== 'otlpTrace') return this.view(route, rec, steps, countSteps(steps));
    const spans: Record<string, unknown>[] = [];
    collectSpans(steps, traceIdOf(rec.id), '', this.profile(this.meta(rec)).displayName, spans);
    return this.view(route, rec, spans, spans.length);
  }

  /** The huge record's view as ready JSON chunks, built on first use (steps and spans separately). */
  async hugeBody(route: TraceRoute, rec: ExecutionRecord): Promise<Buffer[]> {
    const meta = this.meta(rec);
    if (meta.native) return [Buffer.from(JSON.stringify(this.view(route, rec, [], 0)))];
    const otlp = route === 'otlpTrace';
    const inner = otlp ? (this.hugeSpans ??= this.buildHuge(rec, true)) : (this.hugeTraces ??= this.buildHuge(rec, false));
    return wrap(this.view(route, rec, SENTINEL, meta.steps), await inner);
  }

  /** Serialises batch by batch, yielding to the event loop in between so other requests keep flowing. */
  private async buildHuge(rec: ExecutionRecord, spans: boolean): Promise<Buffer[]> {
    const plan = this.hugePlan(rec);
    const traceId = traceIdOf(rec.id);
    const name = this.profile(this.meta(rec)).displayName;
    const out: Buffer[] = [];
    if (spans) {
      const rootSpans: Record<string, unknown>[] = [];
      collectSpans([plan.root], traceId, '', name, rootSpans);
      out.push(Buffer.from(`[${JSON.stringify(rootSpans[0])}`));
    } else {
      const [pre] = JSON.stringify({ ...plan.root, steps: SENTINEL }).split(`"${SENTINEL}"`);
      out.push(Buffer.from(`[${pre ?? ''}[`));
    }
    for (let i = 0; i < plan.batches; i++) {
      await tick();
      const batch = plan.batch(i);
      if (spans) {
        const s: Record<string, unknown>[] = [];
        collectSpans([batch], traceId, plan.root.id, name, s);
        out.push(Buffer.from(`,${JSON.stringify(s).slice(1, -1)}`));
      } else {
        out.push(Buffer.from((i > 0 ? ',' : '') + JSON.stringify(batch)));
      }
    }
    const [, post] = JSON.stringify({ ...plan.root, steps: SENTINEL }).split(`"${SENTINEL}"`);
    out.push(Buffer.from(spans ? ']' : `]${post ?? ''}]`));
    return out;
  }

  result(rec: ExecutionRecord): unknown {
    const meta = this.meta(rec);
    return {
      agentExecutionRecordId: rec.id, parameters: meta.parameters,
      result: rec.hasResult ? finalResult(this.profile(meta), meta.traceSeed) : null,
    };
  }
}
