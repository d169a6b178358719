// Zaia execution statuses are not public [guess]: the values below are spellings seen in similar APIs,
// grouped by meaning. Anything else is kept as sent and shown as such; compare through these helpers.
import { normalizeEnum } from '../fruxon/enums';

export type ZaiaStatusClass = 'running' | 'completed' | 'failed' | 'cancelled' | 'unknown';

const CLASSES: Record<Exclude<ZaiaStatusClass, 'unknown'>, readonly string[]> = {
  running: ['RUNNING', 'IN_PROGRESS', 'PENDING', 'QUEUED', 'STARTED', 'PROCESSING', 'EXECUTING', 'WAITING', 'CREATED'],
  completed: ['COMPLETED', 'COMPLETE', 'SUCCESS', 'SUCCEEDED', 'SUCCESSFUL', 'DONE', 'FINISHED', 'OK'],
  failed: ['FAILED', 'FAILURE', 'ERROR', 'ERRORED', 'TIMED_OUT', 'TIMEOUT'],
  cancelled: ['CANCELLED', 'CANCELED', 'ABORTED', 'STOPPED', 'INTERRUPTED', 'REJECTED'],
};

// A response carries a handful of distinct statuses over thousands of executions: classify each once.
const cache = new Map<string, ZaiaStatusClass>();

/** What a status means, whatever its spelling (`succeeded`, `Succeeded`, `SUCCEEDED`). */
export function zaiaStatusClass(status: unknown): ZaiaStatusClass {
  if (typeof status !== 'string') return classify(status);
  let cls = cache.get(status);
  if (cls === undefined) {
    cls = classify(status);
    if (cache.size < 256) cache.set(status, cls);
  }
  return cls;
}

function classify(status: unknown): ZaiaStatusClass {
  const n = normalizeEnum(status);
  if (!n) return 'unknown';
  for (const [cls, names] of Object.entries(CLASSES)) if (names.includes(n)) return cls as ZaiaStatusClass;
  return 'unknown';
}

/**
 * Still running: a running status, or an unknown status on an execution that has not ended. A known final
 * status wins over a missing end time (a purged or failed execution may never have recorded one).
 */
export function isZaiaRunning(e: { status?: string | null; endedAt?: number | null }): boolean {
  const cls = zaiaStatusClass(e.status);
  if (cls === 'running') return true;
  if (cls !== 'unknown') return false;
  return e.endedAt == null || e.endedAt <= 0;
}
