// Where a trace panel's trace comes from, so it can be found again (reveal) and reloaded (serializer).

export type TraceOrigin =
  | { readonly kind: 'fruxon'; readonly connection: string; readonly agentId: string; readonly executionRecordId: string }
  /** `traceId`: one trace of an OTLP file with several (all of them when unset). */
  | { readonly kind: 'file'; readonly path: string; readonly traceId?: string }
  | { readonly kind: 'zaia'; readonly connection: string; readonly executionId: string }
  /** A trace the local OTLP receiver holds (gone after a reload: the receiver keeps traces in memory). */
  | { readonly kind: 'local'; readonly traceId: string }
  /** A Fruxon execution's raw OTel spans (`:otlpTrace`), compared with the server's projection. */
  | { readonly kind: 'fruxonOtlp'; readonly connection: string; readonly agentId: string; readonly executionRecordId: string }
  /** A trace in a team's trace store (a Jaeger or Grafana Tempo connection), by its hex trace id. */
  | { readonly kind: 'store'; readonly connection: string; readonly traceId: string };

export function originKey(o: TraceOrigin): string {
  if (o.kind === 'zaia') return `zaia|${o.connection}|${o.executionId}`;
  if (o.kind === 'local') return `local|${o.traceId}`;
  if (o.kind === 'store') return `store|${o.connection}|${o.traceId}`;
  if (o.kind === 'fruxonOtlp') return `fruxonOtlp|${o.connection}|${o.agentId}|${o.executionRecordId}`;
  if (o.kind === 'file' && o.traceId !== undefined) return `file|${o.path}|${o.traceId}`;
  return o.kind === 'fruxon' ? `fruxon|${o.connection}|${o.agentId}|${o.executionRecordId}` : `file|${o.path}`;
}

/** The panel's title before the trace has loaded. */
export function originTitle(o: TraceOrigin): string {
  if (o.kind === 'zaia') return `Trace ${o.executionId.slice(0, 8)}`;
  if (o.kind === 'local' || o.kind === 'store') return `Trace ${o.traceId.slice(0, 8)}`;
  if (o.kind === 'fruxonOtlp') return `OTel spans ${o.executionRecordId.slice(0, 8)}`;
  return o.kind === 'fruxon' ? `Trace ${o.executionRecordId.slice(0, 8)}` : `Trace ${o.path.split(/[\\/]/).pop()}`;
}

/** Reads an origin from persisted webview state written by any version; undefined when unusable. */
export function parseOrigin(v: unknown): TraceOrigin | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (o.kind === 'fruxon' && typeof o.connection === 'string' && typeof o.agentId === 'string' && typeof o.executionRecordId === 'string') {
    return { kind: 'fruxon', connection: o.connection, agentId: o.agentId, executionRecordId: o.executionRecordId };
  }
  if (o.kind === 'file' && typeof o.path === 'string' && typeof o.traceId === 'string') return { kind: 'file', path: o.path, traceId: o.traceId };
  if (o.kind === 'file' && typeof o.path === 'string') return { kind: 'file', path: o.path };
  if (o.kind === 'zaia' && typeof o.connection === 'string' && typeof o.executionId === 'string') return { kind: 'zaia', connection: o.connection, executionId: o.executionId };
  if (o.kind === 'local' && typeof o.traceId === 'string') return { kind: 'local', traceId: o.traceId };
  if (o.kind === 'store' && typeof o.connection === 'string' && typeof o.traceId === 'string') return { kind: 'store', connection: o.connection, traceId: o.traceId };
  if (o.kind === 'fruxonOtlp' && typeof o.connection === 'string' && typeof o.agentId === 'string' && typeof o.executionRecordId === 'string') {
    return { kind: 'fruxonOtlp', connection: o.connection, agentId: o.agentId, executionRecordId: o.executionRecordId };
  }
  return undefined;
}
