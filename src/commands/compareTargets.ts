import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { CompareTarget } from '../panels/comparePanel';
import { parseOrigin, type TraceOrigin } from '../panels/origin';
import { localTraces } from '../panels/traceSources';
import { RecordNode } from '../views/nodes/recordNode';
import { pickConnection } from './auth';

/**
 * What `agentlens.compareExecutions` accepts for each side: a record node, `{ connection?, agentId,
 * executionRecordId }`, a local trace id (string or `{ traceId }`), a file `Uri` (or a `file:` URI string or
 * an absolute path), or a trace origin object. Undefined when the argument is none of these; throws when it
 * names something that does not exist (no such connection, no such local trace).
 */
export async function resolveCompareTarget(arg: unknown, connections: ConnectionManager): Promise<CompareTarget | undefined> {
  if (arg instanceof RecordNode) return recordTarget(arg.target.connection, arg.target.agentId, arg.target.executionRecordId);
  // Only files: a title-bar command may be handed the webview's own resource, which is no trace.
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? fileTarget(arg) : undefined;
  if (typeof arg === 'string') {
    if (localTraces()?.has(arg)) return localTarget(arg);
    if (/^file:/i.test(arg)) return fileTarget(vscode.Uri.parse(arg, true));
    if (/^(\/|[a-z]:[\\/])/i.test(arg)) return fileTarget(vscode.Uri.file(arg));
    throw new Error(`"${arg}" is neither a local trace the receiver holds nor a trace file path.`);
  }
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as Record<string, unknown>;
  if (typeof o.agentId === 'string' && typeof o.executionRecordId === 'string') {
    const connection = typeof o.connection === 'string' ? o.connection : await pickConnection(connections, 'Which connection is this execution on?', 'fruxon');
    if (!connection) return undefined;
    if (!connections.find(connection)) throw new Error(`No AgentLens connection "${connection}". Sign in first.`);
    return recordTarget(connection, o.agentId, o.executionRecordId);
  }
  if (typeof o.traceId === 'string' && o.kind === undefined) {
    if (!localTraces()?.has(o.traceId)) throw new Error(`The local receiver holds no trace ${o.traceId}.`);
    return localTarget(o.traceId);
  }
  const origin = parseOrigin(arg);
  return origin ? { origin, label: labelOf(origin) } : undefined;
}

export function recordTarget(connection: string, agentId: string, executionRecordId: string): CompareTarget {
  return { origin: { kind: 'fruxon', connection, agentId, executionRecordId }, label: `execution ${executionRecordId.slice(0, 8)}` };
}

export function localTarget(traceId: string): CompareTarget {
  return { origin: { kind: 'local', traceId }, label: `local trace ${traceId.slice(0, 8)}` };
}

export function fileTarget(uri: vscode.Uri): CompareTarget {
  return { origin: { kind: 'file', path: uri.fsPath }, label: uri.path.split('/').pop() ?? uri.fsPath };
}

export function labelOf(o: TraceOrigin): string {
  switch (o.kind) {
    case 'fruxon':
    case 'fruxonOtlp':
      return `execution ${o.executionRecordId.slice(0, 8)}`;
    case 'zaia':
      return `Zaia execution ${o.executionId.slice(0, 8)}`;
    case 'local':
      return `local trace ${o.traceId.slice(0, 8)}`;
    case 'file':
      return o.path.split(/[\\/]/).pop() ?? o.path;
    case 'store':
      return `trace ${o.traceId.slice(0, 8)}`;
  }
}
