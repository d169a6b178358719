// Switchable faults. Every active fault that matches a request applies, in order: latencies add up,
// the first reset / status / truncate decides the outcome, drift kinds are merged. `times` counts
// down on every matching request, whether or not that fault ended up deciding the outcome.
import type { DriftKind, Fault, RouteName } from './types';

const ROUTES = new Set<string>(['listAgents', 'getAgent', 'listExecutionRecords', 'getExecutionRecord', 'summaries', 'trace',
  'projectedTrace', 'otlpTrace', 'result', 'execute', 'executeRevision', 'stream', 'addToDatasets', 'listSamples',
  'listApprovals', 'listAgentApprovals', 'respondApproval', 'cancelApproval', 'zaiaResponders', 'zaiaExecutions', 'zaiaExecution', 'zaiaNestings', '*']);
const DRIFTS = new Set<string>(['unknownEnums', 'pascalCase', 'extraFields', 'missingOptional']);
const KEYS = new Set(['route', 'method', 'latencyMs', 'status', 'retryAfter', 'reset', 'truncate', 'drift', 'times', 'afterHandling']);

export interface FaultPlan {
  latencyMs: number;
  outcome: { kind: 'reset' } | { kind: 'status'; status: number; retryAfter?: string; afterHandling?: boolean } | { kind: 'truncate' } | null;
  drift: DriftKind[];
}

/** Checks a fault from JSON (admin route, CLI); throws a message naming the bad field. */
export function validateFault(f: unknown): Fault {
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw new Error('a fault must be an object');
  const o = f as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new Error(`unknown fault field '${k}'`);
  if (o.route !== undefined && !ROUTES.has(String(o.route))) throw new Error(`unknown route '${String(o.route)}'`);
  if (o.method !== undefined && typeof o.method !== 'string') throw new Error('method must be a string');
  for (const k of ['latencyMs', 'status', 'times'] as const) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) throw new Error(`${k} must be a non-negative integer`);
  }
  if (o.status !== undefined && ((o.status as number) < 100 || (o.status as number) > 599)) throw new Error('status must be 100..599');
  if (o.retryAfter !== undefined && typeof o.retryAfter !== 'string') throw new Error('retryAfter must be a string');
  for (const k of ['reset', 'truncate', 'afterHandling'] as const) if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new Error(`${k} must be a boolean`);
  if (o.drift !== undefined && (!Array.isArray(o.drift) || o.drift.some((d) => !DRIFTS.has(String(d))))) {
    throw new Error(`drift must be a list of ${[...DRIFTS].join(', ')}`);
  }
  return { ...o } as Fault;
}

export class FaultSet {
  private faults: { fault: Fault; left: number }[] = [];

  constructor(initial: readonly Fault[] = []) {
    this.set(initial);
  }

  set(faults: readonly Fault[]): void {
    this.faults = faults.map((f) => ({ fault: { ...f }, left: f.times ?? Infinity }));
  }

  add(fault: Fault): void {
    this.faults.push({ fault: { ...fault }, left: fault.times ?? Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.filter((f) => f.left > 0).map((f) => (f.left === Infinity ? { ...f.fault } : { ...f.fault, times: f.left }));
  }

  /** Consumes one use of every matching fault and says what to do with this request. */
  take(route: RouteName | 'unknown', method: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, outcome: null, drift: [] };
    for (const entry of this.faults) {
      const f = entry.fault;
      if (entry.left <= 0) continue;
      if (f.route && f.route !== '*' && f.route !== route) continue;
      if (f.method && f.method.toUpperCase() !== method) continue;
      entry.left--;
      plan.latencyMs += f.latencyMs ?? 0;
      if (!plan.outcome) {
        if (f.reset) plan.outcome = { kind: 'reset' };
        else if (f.status !== undefined) {
          plan.outcome = f.retryAfter !== undefined ? { kind: 'status', status: f.status, retryAfter: f.retryAfter } : { kind: 'status', status: f.status };
          if (f.afterHandling) plan.outcome.afterHandling = true;
        }
        else if (f.truncate) plan.outcome = { kind: 'truncate' };
      }
      for (const d of f.drift ?? []) if (!plan.drift.includes(d)) plan.drift.push(d);
    }
    this.faults = this.faults.filter((f) => f.left > 0);
    return plan;
  }
}
