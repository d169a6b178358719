// Seeds agents and execution records. Records are small and made eagerly; traces are made lazily
// (traceService) from each record's trace seed. A handful of "special" records are forced into the
// states tests and demos need, at fixed positions so their ids are stable for a given seed.
import { CATALOG } from './catalog';
import type { AgentProfile } from './catalog';
import { hashString, hex, mulberry32, randInt, usd, uuid, weighted } from './prng';
import type { Rng } from './prng';
import { paramsFor, stepCountFor, traceSeedFor } from './traceContent';
import { COMPARE_POSITIONS, type CompareVariant } from './compareSet';
import type { Agent, ExecutionRecord, RecordMeta, Sample, SimData, SpecialRef, TraceMode } from './types';

const DAY = 86_400_000;
const SPAN = 180 * DAY;

export interface SeedOptions { seed: number; tenant: string; now: number; bigTraceSteps: number }

interface Forced { status: string; mode: TraceMode; start?: number; steps?: number; huge?: boolean; compare?: CompareVariant }

const MODE_OF: Record<string, TraceMode> = {
  COMPLETED: 'completed', FAILED: 'failed', CANCELLED: 'cancelled', REJECTED: 'rejected',
  WAITING_FOR_ASYNC: 'waiting', IN_PROGRESS: 'running',
};

function revisionSha(p: AgentProfile, rev: number): string {
  return hashString(`${p.id}@${rev}`).toString(16).padStart(8, '0').slice(0, 7);
}

export interface RecordInput {
  id: string; start: number; revision: number; environment: string; trigger: ExecutionRecord['trigger'];
  status: string; mode: TraceMode; steps: number; durationMs: number; traceSeed: number;
}

/** A record and its meta from decided facts; token and cost totals follow from the step count. */
export function makeRecord(data: Pick<SimData, 'now' | 'tenantId'>, profileIndex: number, rng: Rng, r: RecordInput,
  parameters: Record<string, unknown>): [ExecutionRecord, RecordMeta] {
  const p = CATALOG[profileIndex] as AgentProfile;
  const model = p.models[0];
  const open = r.mode === 'running' || r.mode === 'waiting';
  const llmCalls = Math.max(1, Math.round(r.steps * 0.45));
  const perCall = r.steps > 1000 ? randInt(rng, 80, 160) : Math.round(400 + 3600 * rng() * rng());
  const input = llmCalls * perCall;
  const output = Math.round(input * (0.05 + rng() * 0.3));
  const cached = rng() < 0.55 ? Math.floor(input * rng() * 0.6) : 0;
  const thinking = p.thinking ? Math.round(output * (0.3 + rng() * 1.2)) : 0;
  const inMicro = Math.round((input - cached) * (model?.inPerM ?? 1));
  const outMicro = Math.round(output * (model?.outPerM ?? 1));
  const cachedMicro = Math.round(cached * (model?.cachedPerM ?? 0));
  const thinkingMicro = Math.round(thinking * (model?.outPerM ?? 1));
  const end = r.start + r.durationMs;
  const pushed = r.trigger.type === 'CONNECTOR' || r.trigger.type === 'WEBHOOK';
  // [guess] deliveryStatus beyond NOT_APPLICABLE/DELIVERED: PENDING while open, FAILED when delivery broke.
  const deliveryStatus = !pushed ? 'NOT_APPLICABLE' : open ? 'PENDING' : r.status === 'COMPLETED' && rng() < 0.04 ? 'FAILED' : 'DELIVERED';
  const rec: ExecutionRecord = {
    id: r.id, agentId: p.id, agentRevision: r.revision,
    remoteAgentRevision: p.origin === 'EXTERNAL' ? revisionSha(p, r.revision) : null,
    startTime: r.start, endTime: open ? 0 : end, status: r.status, deliveryStatus,
    inputTokens: input, outputTokens: output, cachedTokens: cached,
    hasResult: r.status === 'COMPLETED', hasTrace: true, isSample: r.status === 'COMPLETED' && rng() < 0.02,
    trigger: { ...r.trigger }, destinations: [], environmentSlug: r.environment,
    createdAt: r.start - randInt(rng, 5, 400), tenantId: data.tenantId,
    inputCost: usd(inMicro), outputCost: usd(outMicro), cachedCost: usd(cachedMicro), thinkingCost: usd(thinkingMicro),
    totalCost: usd(inMicro + outMicro + cachedMicro + thinkingMicro),
  };
  const meta: RecordMeta = {
    profile: profileIndex, traceSeed: r.traceSeed, steps: r.steps, mode: r.mode,
    windowEnd: r.mode === 'running' ? Math.max(r.start, data.now - 1000) : Math.min(end, data.now - 1000),
    native: p.origin === 'NATIVE', parameters,
  };
  return [rec, meta];
}

function pickStatus(rng: Rng, p: AgentProfile, age: number): string {
  const gated = p.tools.some((t) => t.gated);
  const s = weighted(rng, [['COMPLETED', 86], ['FAILED', 7], ['CANCELLED', 2.5],
    ['REJECTED', gated ? 2.5 : 0], ['WAITING_FOR_ASYNC', gated ? 1 : 0]] as const);
  // Approvals expire after a week; an old waiting run would have been cancelled.
  return s === 'WAITING_FOR_ASYNC' && age > 7 * DAY ? 'CANCELLED' : s;
}

/** Which records are forced into special states, by agent and position in the newest-first list. */
function forcedFor(p: AgentProfile, ages: number[], now: number, bigTraceSteps: number): Map<number, Forced> {
  const m = new Map<number, Forced>();
  if (p.id === 'support-triage') {
    m.set(0, { status: 'IN_PROGRESS', mode: 'running', start: now - 42_000 });
    m.set(2, { status: 'WAITING_FOR_ASYNC', mode: 'waiting' });
    m.set(4, { status: 'COMPLETED', mode: 'approved' });
    for (const [at, compare] of COMPARE_POSITIONS) m.set(at, { status: 'COMPLETED', mode: 'completed', compare });
  } else if (p.id === 'bulk-ingest') {
    m.set(0, { status: 'IN_PROGRESS', mode: 'running', start: now - 9_000 });
  } else if (p.id === 'invoice-extractor') {
    m.set(1, { status: 'FAILED', mode: 'failed' });
  } else if (p.id === 'onboarding-concierge') {
    m.set(0, { status: 'COMPLETED', mode: 'completed' });
  } else if (p.id === 'sales-research') {
    // The huge run needs room for a multi-hour span before "now".
    const i = ages.findIndex((a, idx) => idx >= 3 && a > 6 * 3_600_000);
    m.set(i < 0 ? ages.length - 1 : i, { status: 'COMPLETED', mode: 'completed', steps: bigTraceSteps, huge: true });
  }
  return m;
}

export function seedData(o: SeedOptions): SimData {
  const tenantId = uuid(mulberry32(hashString('tenant', o.seed)));
  const base = { now: o.now, tenantId };
  const data: SimData = {
    seed: o.seed, tenant: o.tenant, tenantId, now: o.now, bigTraceSteps: o.bigTraceSteps, agents: [],
    recordsByAgent: new Map(), recordById: new Map(), meta: new Map(), samplesByRecord: new Map<string, Sample[]>(),
    special: {} as SimData['special'], bulkAgentId: 'bulk-ingest', nativeAgentId: 'onboarding-concierge', versions: new Map(),
  };
  const special: Partial<Record<keyof SimData['special'], SpecialRef>> = {};
  CATALOG.forEach((p, pi) => {
    const rng = mulberry32(hashString(p.id, o.seed));
    const created = o.now - SPAN - randInt(rng, 10, 200) * DAY;
    const agent: Agent = {
      id: p.id, displayName: p.displayName, description: p.description, tags: [...p.tags], type: p.type, enabled: true,
      currentRevision: p.revisions, createdAt: created, modifiedAt: o.now - randInt(rng, 1, 20) * DAY - randInt(rng, 0, DAY),
      tenantId, origin: p.origin,
    };
    data.agents.push(agent);
    const ages = Array.from({ length: p.records }, () => 60_000 + Math.floor(rng() * SPAN)).sort((a, b) => a - b);
    const forced = forcedFor(p, ages, o.now, o.bigTraceSteps);
    const list: ExecutionRecord[] = [];
    const compareSet: ExecutionRecord[] = [];
    ages.forEach((age, j) => {
      const id = uuid(rng);
      const f = forced.get(j);
      // The compare set shares one trace seed (so one step tree and one set of parameters).
      const shared = f?.compare ? traceSeedFor(o.seed, `compare:${p.id}`) : undefined;
      const start = f?.start ?? o.now - age;
      const status = f?.status ?? pickStatus(rng, p, age);
      const mode: TraceMode = f?.mode ?? (status === 'COMPLETED' && p.tools.some((t) => t.gated) && rng() < 0.12 ? 'approved' : MODE_OF[status] ?? 'completed');
      const traceSeed = shared ?? traceSeedFor(o.seed, id);
      const [lo, hi] = p.durationMs;
      const r = rng();
      // Finished runs must have ended before "now", so a run is never longer than its age allows.
      const durationMs = f?.huge ? Math.min(3 * 3_600_000, age - 120_000) : Math.max(500, Math.min(Math.round(lo + (hi - lo) * r * r), age - 5000));
      const revision = Math.min(p.revisions, Math.max(1, Math.round((1 - age / SPAN) * (p.revisions - 1) + 1 + (rng() - 0.5) * 1.5)));
      const [rec, meta] = makeRecord(base, pi, rng, {
        id, start, revision, environment: weighted(rng, p.envs), trigger: weighted(rng, p.triggers),
        status, mode, steps: f?.steps ?? stepCountFor(traceSeed), durationMs, traceSeed,
      }, paramsFor(p, traceSeed));
      if (rec.trigger.type === 'API') rec.trigger.id = `key_${hex(rng, 4)}`;
      if (f?.compare) {
        meta.variant = f.compare;
        compareSet.push(rec);
      }
      list.push(rec);
      data.recordById.set(id, rec);
      data.meta.set(id, meta);
      const ref = { agentId: p.id, recordId: id };
      if (f?.huge) special.huge = ref;
      else if (f?.compare) special[COMPARE_SPECIAL[f.compare]] = ref;
      else if (f && p.id === 'support-triage') special[f.mode === 'running' ? 'running' : f.mode === 'waiting' ? 'waiting' : 'hitl'] = ref;
      else if (f && p.id === 'invoice-extractor') special.failed = ref;
      else if (f && p.id === 'onboarding-concierge') special.native = ref;
    });
    // Same totals as the baseline: the trace distributes them over its LLM calls, so the runs differ only by their edit.
    const baseline = compareSet.at(-1);
    for (const r of compareSet) {
      if (!baseline || r === baseline) continue;
      for (const k of TOTAL_FIELDS) (r as unknown as Record<string, unknown>)[k] = baseline[k];
    }
    list.sort(newestFirst);
    data.recordsByAgent.set(p.id, list);
    data.versions.set(p.id, 0);
  });
  const { running, waiting, failed, native, huge, hitl, compareBase, compareExtraTool, comparePrompt, compareFailed } = special;
  if (!running || !waiting || !failed || !native || !huge || !hitl || !compareBase || !compareExtraTool || !comparePrompt || !compareFailed) throw new Error('special records missing');
  Object.assign(data.special, { running, waiting, failed, native, huge, hitl, compareBase, compareExtraTool, comparePrompt, compareFailed });
  return data;
}

const COMPARE_SPECIAL: Record<CompareVariant, keyof SimData['special']> = {
  base: 'compareBase', extraTool: 'compareExtraTool', prompt: 'comparePrompt', failedStep: 'compareFailed',
};
const TOTAL_FIELDS = ['inputTokens', 'outputTokens', 'cachedTokens', 'inputCost', 'outputCost', 'cachedCost', 'thinkingCost', 'totalCost'] as const;

export function newestFirst(a: ExecutionRecord, b: ExecutionRecord): number {
  return b.startTime - a.startTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
