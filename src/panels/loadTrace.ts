import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import { isRunning, type ResultResponse } from '../api/fruxon/schemas';
import { fromTraceWithFallback } from '../model/fruxonTrace';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './origin';
import { loadZaiaTrace } from './loadZaiaTrace';
import { loadStoreTrace } from './loadStoreTrace';
import { parseTraceText, traceFromFile } from '../model/traceFile';
import { groupSpans, traceFromGroups } from '../model/otlp';
import { readOtlp } from '../model/otlpRead';
import { compareTraces } from '../model/compare';
import { localTraceStore } from './traceSources';
import type { TraceJob } from '../traceWorker/protocol';

/**
 * What one panel keeps between its loads: a Fruxon record's `:result` (its parameters, which a projection lacks) is
 * fetched once per panel, not on every live refresh; `null` once it could not be read.
 */
export interface TraceLoadCache {
  fruxonResult?: ResultResponse | null;
  /** Told why an optional request failed (the trace opened without what it would have added). */
  onOptionalError?: (what: string, e: unknown) => void;
}

/** Optional requests give up sooner than the trace itself. */
const OPTIONAL_TIMEOUT_MS = 10_000;

/**
 * The job a trace worker can do for this origin instead of the host (src/traceWorker/), if there is one: files.
 */
export function workerJob(origin: TraceOrigin): TraceJob | undefined {
  if (origin.kind !== 'file') return undefined;
  return { kind: 'file', path: origin.path, ...(origin.traceId !== undefined ? { traceId: origin.traceId } : {}) };
}

/** Fetches (or reads) and maps a trace; throws an Error whose message is fit for the panel. */
export async function loadTrace(origin: TraceOrigin, connections: ConnectionManager, signal?: AbortSignal, cache: TraceLoadCache = {}): Promise<{ trace: Trace; running: boolean }> {
  if (origin.kind === 'file') {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(origin.path));
    const json = parseTraceText(new TextDecoder().decode(bytes), origin.path.split(/[\\/]/).pop() ?? origin.path);
    const trace = traceFromFile(json, origin.traceId !== undefined ? { traceId: origin.traceId } : {});
    return { trace, running: trace.end === undefined };
  }
  if (origin.kind === 'zaia') return loadZaiaTrace(origin, connections, signal);
  if (origin.kind === 'store') return loadStoreTrace(origin, connections, signal);
  if (origin.kind === 'local') {
    const store = localTraceStore();
    const trace = store?.get(origin.traceId);
    if (!trace) {
      throw new Error(`The local trace ${origin.traceId} is no longer held by the receiver (it keeps traces in memory only, `
        + 'up to agentlens.receiver.maxTraces; Clear and reloads drop them). Send it again to see it.');
    }
    // Local traces refresh when spans arrive (the receiver says so), not by polling.
    return { trace, running: false };
  }
  if (origin.kind === 'fruxonOtlp') return loadRawSpans(origin, connections, signal);
  const client = await connections.client(origin.connection);
  if (!client) throw new Error('Not signed in to this connection. Sign in and reopen the trace.');
  const opts = signal ? { signal } : {};
  try {
    const [record, trace, agent, result] = await Promise.all([
      client.getExecutionRecord(origin.agentId, origin.executionRecordId, opts),
      client.getTraceWithFallback(origin.agentId, origin.executionRecordId, opts),
      // Only for the title: a trace still opens when the agent cannot be read.
      client.getAgent(origin.agentId, opts).catch(() => undefined),
      // Only for the header's parameters and result, which projected traces lack: likewise optional, and once.
      cache.fruxonResult !== undefined
        ? cache.fruxonResult
        : client.getResult(origin.agentId, origin.executionRecordId, { ...opts, timeoutMs: OPTIONAL_TIMEOUT_MS }).catch((e: unknown) => {
          if (!signal?.aborted) cache.onOptionalError?.(':result', e);
          return null;
        }),
    ]);
    if (!signal?.aborted) cache.fruxonResult = result;
    connections.reportSuccess(origin.connection);
    const agentName = agent?.displayName || undefined;
    const mapOptions = { ...(agentName ? { agentName } : {}), ...(result ? { result } : {}) };
    return { trace: fromTraceWithFallback(trace, record, mapOptions), running: isRunning(record) };
  } catch (e) {
    connections.reportError(origin.connection, e);
    throw e;
  }
}

/** A Fruxon execution's raw OTel spans mapped here, with the server's own mapping alongside for comparison. */
async function loadRawSpans(origin: Extract<TraceOrigin, { kind: 'fruxonOtlp' }>, connections: ConnectionManager, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean }> {
  const client = await connections.client(origin.connection);
  if (!client) throw new Error('Not signed in to this connection. Sign in and reopen the trace.');
  const opts = signal ? { signal } : {};
  try {
    const [record, otlp, server, agent] = await Promise.all([
      client.getExecutionRecord(origin.agentId, origin.executionRecordId, opts),
      client.getOtlpTrace(origin.agentId, origin.executionRecordId, opts),
      // Only for the comparison: the raw spans still open when the projection cannot be read.
      client.getTraceWithFallback(origin.agentId, origin.executionRecordId, opts).catch(() => undefined),
      client.getAgent(origin.agentId, opts).catch(() => undefined),
    ]);
    connections.reportSuccess(origin.connection);
    if (otlp.resourceSpans.length === 0) {
      throw new Error('This execution has no raw OTel spans (it did not go through OTel ingest, e.g. a native agent). Open its trace instead.');
    }
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
    return { trace, running: isRunning(record) };
  } catch (e) {
    connections.reportError(origin.connection, e);
    throw e;
  }
}
