// Loading a Fruxon execution's trace with a client: the requests a trace panel makes and the mapping. Pure (api +
// model, no `vscode`): a trace worker (src/traceWorker/) runs it, for a panel, Compare, exports and the tools.
import type { FruxonClient } from '../api/fruxon/client';
import { isRunning, type ResultResponse } from '../api/fruxon/schemas';
import { fromTraceWithFallback } from '../model/fruxonTrace';
import { groupSpans, traceFromGroups } from '../model/otlp';
import { readOtlp } from '../model/otlpRead';
import { compareTraces } from '../model/compare';
import type { Trace } from '../model/types';

/**
 * What one panel keeps between its loads: a Fruxon record's `:result` (its parameters, which a projection lacks) is
 * fetched once per panel, not on every live refresh; `null` once it could not be read.
 */
export interface TraceLoadCache {
  fruxonResult?: ResultResponse | null;
  /** Told why an optional request failed (the trace opened without what it would have added). */
  onOptionalError?: (what: string, e: unknown) => void;
}

export interface FruxonTraceTarget {
  agentId: string;
  executionRecordId: string;
}

/** Optional requests give up sooner than the trace itself. */
const OPTIONAL_TIMEOUT_MS = 10_000;

/** The record, its trace (projected, or stored as a fallback), the agent's name and the `:result`, mapped (and how long the mapping took). */
export async function loadFruxonTrace(client: FruxonClient, target: FruxonTraceTarget, signal?: AbortSignal, cache: TraceLoadCache = {}): Promise<{ trace: Trace; running: boolean; mapMs: number }> {
  const opts = signal ? { signal } : {};
  const [record, trace, agent, result] = await Promise.all([
    client.getExecutionRecord(target.agentId, target.executionRecordId, opts),
    client.getTraceWithFallback(target.agentId, target.executionRecordId, opts),
    // Only for the title: a trace still opens when the agent cannot be read.
    client.getAgent(target.agentId, opts).catch(() => undefined),
    // Only for the header's parameters and result, which projected traces lack: likewise optional, and once.
    cache.fruxonResult !== undefined
      ? cache.fruxonResult
      : client.getResult(target.agentId, target.executionRecordId, { ...opts, timeoutMs: OPTIONAL_TIMEOUT_MS }).catch((e: unknown) => {
        if (!signal?.aborted) cache.onOptionalError?.(':result', e);
        return null;
      }),
  ]);
  if (!signal?.aborted) cache.fruxonResult = result;
  const agentName = agent?.displayName || undefined;
  const mapOptions = { ...(agentName ? { agentName } : {}), ...(result ? { result } : {}) };
  const t = performance.now();
  const mapped = fromTraceWithFallback(trace, record, mapOptions);
  return { trace: mapped, running: isRunning(record), mapMs: performance.now() - t };
}

/**
 * A Fruxon execution's raw OTel spans (`:otlpTrace`) mapped as any OTLP trace is, with the server's own mapping
 * alongside for comparison (the "raw spans vs projection" view).
 */
export async function loadRawSpans(client: FruxonClient, target: FruxonTraceTarget, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean; mapMs: number }> {
  const opts = signal ? { signal } : {};
  const [record, otlp, server, agent] = await Promise.all([
    client.getExecutionRecord(target.agentId, target.executionRecordId, opts),
    client.getOtlpTrace(target.agentId, target.executionRecordId, opts),
    // Only for the comparison: the raw spans still open when the projection cannot be read.
    client.getTraceWithFallback(target.agentId, target.executionRecordId, opts).catch(() => undefined),
    client.getAgent(target.agentId, opts).catch(() => undefined),
  ]);
  if (otlp.resourceSpans.length === 0) {
    throw new Error('This execution has no raw OTel spans (it did not go through OTel ingest, e.g. a native agent). Open its trace instead.');
  }
  const t = performance.now();
  const groups = groupSpans(readOtlp(otlp).spans);
  if (groups.length === 0) throw new Error('The raw OTel spans of this execution hold no readable span.');
  const trace = traceFromGroups(groups);
  // Spans under several trace ids are still this one execution's.
  if (groups.length > 1) trace.id = `otlp:${record.id}`;
  const agentName = agent?.displayName || undefined;
  if (agentName) {
    trace.agentName = agentName;
    trace.title = agentName;
  }
  trace.agentId = record.agentId;
  trace.revision = record.agentRevision;
  if (record.environmentSlug) trace.environment = record.environmentSlug;
  if (server) {
    const mapped = fromTraceWithFallback(server, record, agentName ? { agentName } : {});
    trace.comparison = compareTraces(trace, mapped, server.source === 'projected' ? "the server's projection" : 'the stored trace');
  }
  return { trace, running: isRunning(record), mapMs: performance.now() - t };
}
