// After an approval is answered, a run started from AgentLens goes on (or ends) on the server. Its status
// bar item and its run file's CodeLens follow it again until it ends, as they did before it paused.
import { isRunning } from '../api/fruxon/schemas';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Logger } from '../util/logger';
import type { RunTracker } from '../views/runStatus';

/** A resumed run is polled this often, then less often, for at most this long. */
const FIRST_MS = 1000;
const MAX_GAP_MS = 5000;
const GIVE_UP_MS = 15 * 60_000;
const STILL_WAITING_MS = 30_000;

const following = new Set<string>();

export async function followRun(connections: ConnectionManager, tracker: RunTracker,
  origin: { connection: string; agentId: string; executionRecordId: string }, log: Logger): Promise<void> {
  const found = tracker.findByExecution(origin.executionRecordId);
  if (!found || following.has(origin.executionRecordId)) return;
  const client = await connections.client(origin.connection);
  if (!client) return;
  following.add(origin.executionRecordId);
  let stopped = false;
  const active = tracker.start(`${found.run.agentId} (after approval)`, () => { stopped = true; }, found.fileKey);
  let last = found.run;
  let resumed = false;
  try {
    const started = Date.now();
    for (let gap = FIRST_MS; !stopped && Date.now() - started < GIVE_UP_MS; gap = Math.min(MAX_GAP_MS, gap * 1.5)) {
      await new Promise((r) => setTimeout(r, gap));
      try {
        const rec = await client.getExecutionRecord(origin.agentId, origin.executionRecordId);
        last = {
          ...last, status: rec.status, at: Date.now(),
          durationMs: rec.endTime > 0 ? rec.endTime - rec.startTime : Date.now() - rec.startTime,
          tokens: rec.inputTokens + rec.outputTokens, cost: rec.totalCost,
        };
        const waiting = /WAITING/i.test(rec.status);
        if (!waiting && !isRunning(rec)) break;
        if (!waiting) resumed = true;
        // Paused at another gate (or the service never moved it on): waiting again, not running.
        else if (resumed || Date.now() - started > STILL_WAITING_MS) break;
      } catch (e) {
        log.debug(`following ${origin.executionRecordId} failed once: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } finally {
    following.delete(origin.executionRecordId);
    tracker.finish(active, last);
  }
}
