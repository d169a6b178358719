import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import { isRunning } from '../api/fruxon/schemas';
import { fromTraceWithFallback } from '../model/fruxonTrace';
import { traceFromFile } from '../model/traceFile';
import type { Trace } from '../model/types';
import { parseJson } from '../util/json';
import type { TraceOrigin } from './origin';
import { loadZaiaTrace } from './loadZaiaTrace';

/** Fetches (or reads) and maps a trace; throws an Error whose message is fit for the panel. */
export async function loadTrace(origin: TraceOrigin, connections: ConnectionManager, signal?: AbortSignal): Promise<{ trace: Trace; running: boolean }> {
  if (origin.kind === 'file') {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(origin.path));
    const json = parseJson(new TextDecoder().decode(bytes), origin.path.split(/[\\/]/).pop() ?? origin.path);
    const trace = traceFromFile(json);
    return { trace, running: trace.end === undefined };
  }
  if (origin.kind === 'zaia') return loadZaiaTrace(origin, connections, signal);
  const client = await connections.client(origin.connection);
  if (!client) throw new Error('Not signed in to this connection. Sign in and reopen the trace.');
  const opts = signal ? { signal } : {};
  try {
    const [record, trace, agent] = await Promise.all([
      client.getExecutionRecord(origin.agentId, origin.executionRecordId, opts),
      client.getTraceWithFallback(origin.agentId, origin.executionRecordId, opts),
      // Only for the title: a trace still opens when the agent cannot be read.
      client.getAgent(origin.agentId, opts).catch(() => undefined),
    ]);
    connections.reportSuccess(origin.connection);
    const agentName = agent?.displayName || undefined;
    return { trace: fromTraceWithFallback(trace, record, agentName ? { agentName } : {}), running: isRunning(record) };
  } catch (e) {
    connections.reportError(origin.connection, e);
    throw e;
  }
}
