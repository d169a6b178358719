// Runs an agent once: over `:stream` when asked, falling back to `:execute` only when the stream was
// provably not accepted (route missing, method refused, never sent). After the request may have reached
// the server nothing is sent again, whatever happens. Pure: no `vscode`.
import type { FruxonClient } from './client';
import { isStreamUnavailable } from './client';
import type { ExecuteRequest, ExecuteResponse } from './schemas';
import type { RunEvent } from './stream';

export interface RunRequest {
  agentId: string;
  body: ExecuteRequest;
  /** A specific revision: `revisions/{n}:execute` (there is no known streaming route for revisions). */
  revision?: number;
  /** Try `:stream` first. */
  stream: boolean;
}

export interface RunOutcome {
  via: 'stream' | 'execute';
  executionRecordId?: string;
  status?: string;
  humanApprovalRequestId?: string;
  response?: string;
  usage?: { inputTokens?: number; outputTokens?: number; totalCost?: number };
  /** `error` events a stream carried. */
  errors: string[];
  /** Why streaming was skipped, when it was tried and refused. */
  fellBack?: string;
  /** The whole `:execute` response, when that was the route. */
  execute?: ExecuteResponse;
}

export interface RunHooks {
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Streaming was refused before the run was accepted; `:execute` is next. */
  onFallback?: (reason: string) => void;
}

export async function runAgentOnce(client: FruxonClient, req: RunRequest, hooks: RunHooks = {}): Promise<RunOutcome> {
  const opts = hooks.signal ? { signal: hooks.signal } : {};
  let fellBack: string | undefined;
  if (req.stream && req.revision === undefined) {
    try {
      const r = await client.stream(req.agentId, req.body, { ...opts, ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}) });
      return { via: 'stream', ...defined(r), errors: r.errors };
    } catch (e) {
      if (!isStreamUnavailable(e)) throw e;
      fellBack = (e as Error).message;
      hooks.onFallback?.(fellBack);
    }
  }
  const res = req.revision !== undefined
    ? await client.executeRevision(req.agentId, req.revision, req.body, opts)
    : await client.execute(req.agentId, req.body, opts);
  const out: RunOutcome = { via: 'execute', errors: [], execute: res };
  if (res.executionRecordId) out.executionRecordId = res.executionRecordId;
  if (res.status) out.status = res.status;
  if (res.humanApprovalRequestId) out.humanApprovalRequestId = res.humanApprovalRequestId;
  if (typeof res.response === 'string') out.response = res.response;
  if (typeof res.trace?.totalCost === 'number') out.usage = { totalCost: res.trace.totalCost };
  if (fellBack) out.fellBack = fellBack;
  return out;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && v !== null && k !== 'errors' && k !== 'eventCount')) as Partial<T>;
}

/** Waiting for a person: an approval request id, or a waiting status. */
export function isWaitingForApproval(o: Pick<RunOutcome, 'status' | 'humanApprovalRequestId'>): boolean {
  return !!o.humanApprovalRequestId || /WAITING/i.test(o.status ?? '');
}
