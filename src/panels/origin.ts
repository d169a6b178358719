// Where a trace panel's trace comes from, so it can be found again (reveal) and reloaded (serializer).

export type TraceOrigin =
  | { readonly kind: 'fruxon'; readonly connection: string; readonly agentId: string; readonly executionRecordId: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'zaia'; readonly connection: string; readonly executionId: string };

export function originKey(o: TraceOrigin): string {
  if (o.kind === 'zaia') return `zaia|${o.connection}|${o.executionId}`;
  return o.kind === 'fruxon' ? `fruxon|${o.connection}|${o.agentId}|${o.executionRecordId}` : `file|${o.path}`;
}

/** Reads an origin from persisted webview state written by any version; undefined when unusable. */
export function parseOrigin(v: unknown): TraceOrigin | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (o.kind === 'fruxon' && typeof o.connection === 'string' && typeof o.agentId === 'string' && typeof o.executionRecordId === 'string') {
    return { kind: 'fruxon', connection: o.connection, agentId: o.agentId, executionRecordId: o.executionRecordId };
  }
  if (o.kind === 'file' && typeof o.path === 'string') return { kind: 'file', path: o.path };
  if (o.kind === 'zaia' && typeof o.connection === 'string' && typeof o.executionId === 'string') return { kind: 'zaia', connection: o.connection, executionId: o.executionId };
  return undefined;
}
