// Fruxon records and Zaia executions → InsightRecord. Statuses are open enums: each is kept in canonical
// spelling; what it means (running, failed…) comes from the backend's own helpers.
import { enumEquals, normalizeEnum } from '../../api/fruxon/enums';
import { isRunning, type ExecutionRecord } from '../../api/fruxon/schemas';
import { executionStart, type ZaiaExecution } from '../../api/zaia/schemas';
import { isZaiaRunning, zaiaStatusClass } from '../../api/zaia/status';
import type { InsightRecord, Outcome } from './types';

export function fromFruxon(r: ExecutionRecord): InsightRecord {
  const status = normalizeEnum(r.status) || 'UNKNOWN';
  const outcome: Outcome = isRunning(r) ? 'running' : enumEquals(r.status, 'FAILED') ? 'failed' : enumEquals(r.status, 'COMPLETED') ? 'ok' : 'other';
  return {
    id: r.id, start: r.startTime, end: r.endTime > 0 ? r.endTime : undefined, status, outcome,
    tokens: r.inputTokens + r.outputTokens, cost: r.totalCost,
    revision: Number.isFinite(r.agentRevision) ? r.agentRevision : undefined,
    environment: r.environmentSlug || undefined,
  };
}

const ZAIA_OUTCOME = { completed: 'ok', failed: 'failed', cancelled: 'other', unknown: 'other', running: 'running' } as const;

/** Zaia executions have no tokens, revisions or environments in the public API: credits only. */
export function fromZaia(e: ZaiaExecution): InsightRecord {
  const outcome: Outcome = isZaiaRunning(e) ? 'running' : ZAIA_OUTCOME[zaiaStatusClass(e.status)];
  return {
    id: e.id, start: executionStart(e), end: e.endedAt && e.endedAt > 0 ? e.endedAt : undefined,
    status: normalizeEnum(e.status) || 'UNKNOWN', outcome, tokens: 0, cost: e.creditsUsed, revision: undefined, environment: undefined,
  };
}
