// /_sim/* control routes for tests in other processes. No auth: the server only binds loopback.
import { validateFault } from './faults';
import type { Reply } from './handlers';
import { parseJsonBody } from './http';
import { ProblemError } from './problems';
import { validateScript } from './scripted';
import type { RunScript } from './scripted';
import type { Fault, RequestLogEntry, RouteName, SimData, Variants } from './types';
import type { ZaiaData } from './zaia/data';

export interface AdminTarget {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly token: string;
  readonly data: SimData;
  readonly zaiaApiKey: string;
  readonly zaiaKeys: readonly string[];
  readonly zaia: ZaiaData;
  readonly requests: readonly RequestLogEntry[];
  counts(): Partial<Record<RouteName | 'unknown', number>>;
  faultList(): Fault[];
  variants(): Variants;
  resetLog(): void;
  setFaults(faults: Fault[]): void;
  clearFaults(): void;
  setVariants(v: Variants): void;
  script(): RunScript;
  setScript(s: RunScript): void;
}

const VARIANT_VALUES: Record<keyof Variants, readonly string[]> = {
  agentsShape: ['array', 'items'],
  summariesShape: ['array', 'items'],
  zaiaListShape: ['items', 'data', 'array'],
  zaiaNestingShape: ['tree', 'flat', 'wrapped'],
  zaiaStatusCase: ['lower', 'upper', 'pascal'],
  zaiaEntitySpelling: ['singular', 'plural'],
  approvalFields: ['canonical', 'alt'],
  approvalsListShape: ['items', 'named', 'array'],
  approvalAnswerShape: ['approval', 'empty', 'wrapped'],
  approvalClosedAs: ['conflict', 'gone', 'notFound', 'ok'],
};

export function validateVariants(v: unknown): Variants {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('variants must be an object');
  const o = v as Record<string, unknown>;
  for (const [k, x] of Object.entries(o)) {
    const allowed = Object.hasOwn(VARIANT_VALUES, k) ? VARIANT_VALUES[k as keyof Variants] : undefined;
    if (!allowed) throw new Error(`unknown variant '${k}'`);
    if (x !== undefined && !allowed.includes(String(x))) throw new Error(`${k} must be ${allowed.map((a) => `'${a}'`).join(' or ')}`);
  }
  return { ...o } as Variants;
}

export function info(t: AdminTarget): unknown {
  const d = t.data;
  return {
    baseUrl: t.baseUrl, tenant: d.tenant, tenantId: d.tenantId, apiKey: t.apiKey, token: t.token, seed: d.seed, now: d.now,
    bigTraceSteps: d.bigTraceSteps, bulkAgentId: d.bulkAgentId, nativeAgentId: d.nativeAgentId,
    agents: d.agents.map((a) => ({ id: a.id, displayName: a.displayName, recordCount: d.recordsByAgent.get(a.id)?.length ?? 0 })),
    special: d.special, counts: t.counts(), faults: t.faultList(), variants: t.variants(), script: t.script(),
    zaia: {
      baseUrl: t.baseUrl, apiKey: t.zaiaApiKey, extraKeys: t.zaiaKeys.slice(1), workspaceId: t.zaia.workspaceId, special: t.zaia.special, deepDepth: t.zaia.deepDepth,
      responders: t.zaia.responders.map((r) => ({ id: r.id, entity: r.entity, name: r.name, executionCount: t.zaia.executions.filter((e) => e.responderId === r.id).length })),
    },
  };
}

function body(raw: Buffer, contentType: string | undefined): unknown {
  return parseJsonBody(raw, contentType);
}

export function handleAdmin(t: AdminTarget, method: string, path: string, raw: Buffer, contentType: string | undefined): Reply {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const bad = (e: unknown): ProblemError => new ProblemError(400, (e as Error).message);
  switch (route) {
    case 'GET /_sim/info': return { status: 200, body: info(t) };
    case 'GET /_sim/requests': return { status: 200, body: { requests: t.requests } };
    case 'DELETE /_sim/requests': t.resetLog(); return { status: 204 };
    case 'GET /_sim/faults': return { status: 200, body: { faults: t.faultList() } };
    case 'POST /_sim/faults': {
      const b = body(raw, contentType) as { faults?: unknown } | null;
      if (!b || !Array.isArray(b.faults)) throw new ProblemError(400, 'expected { "faults": Fault[] }');
      let faults: Fault[];
      try { faults = b.faults.map(validateFault); } catch (e) { throw bad(e); }
      t.setFaults(faults);
      return { status: 200, body: { faults: t.faultList() } };
    }
    case 'DELETE /_sim/faults': t.clearFaults(); return { status: 204 };
    case 'GET /_sim/variants': return { status: 200, body: t.variants() };
    case 'POST /_sim/variants': {
      let v: Variants;
      try { v = validateVariants(body(raw, contentType)); } catch (e) { throw e instanceof ProblemError ? e : bad(e); }
      t.setVariants(v);
      return { status: 200, body: t.variants() };
    }
    case 'GET /_sim/script': return { status: 200, body: t.script() };
    case 'POST /_sim/script': {
      let s: RunScript;
      try { s = validateScript(body(raw, contentType)); } catch (e) { throw e instanceof ProblemError ? e : bad(e); }
      t.setScript(s);
      return { status: 200, body: t.script() };
    }
    case 'DELETE /_sim/script': t.setScript({}); return { status: 204 };
    default: {
      const known = ['/_sim/info', '/_sim/requests', '/_sim/faults', '/_sim/variants', '/_sim/script'];
      if (known.includes(path.replace(/\/+$/, ''))) throw new ProblemError(405, `${method} is not allowed on ${path}.`);
      throw ProblemError.notFound(`No admin route ${path}.`);
    }
  }
}
