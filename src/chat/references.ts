// Which executions a chat request is about: links and ids pasted in the prompt, files attached as references,
// the trace panel in front, or the record selected in the Agents view, in that order.
import * as vscode from 'vscode';
import { parseOrigin, type TraceOrigin } from '../panels/origin';
import type { ConnectionManager } from '../connections/connectionManager';
import type { AgentHost } from '../lmTools/host';

const LINK = /[a-z][a-z0-9+.-]*:\/\/agentlens-dev\.agentlens\/open\?[^\s)>\]"'`]+/gi;

export type ReferenceSources = Pick<AgentHost, 'panels' | 'connections' | 'selection' | 'originOfNode' | 'agentOfNode' | 'loadTrace'>;

function fromLink(link: string, connections: ConnectionManager): TraceOrigin | undefined {
  const q = new URLSearchParams(link.slice(link.indexOf('?') + 1));
  const connection = q.get('connection') ?? connections.list()[0]?.id;
  if (!connection) return undefined;
  const zaia = q.get('zaia');
  if (zaia) return { kind: 'zaia', connection, executionId: zaia };
  const agentId = q.get('agent');
  const record = q.get('record');
  return agentId && record ? { kind: 'fruxon', connection, agentId, executionRecordId: record } : undefined;
}

/** Every execution the request names (links in the prompt, attached files), de-duplicated, in order. */
export function namedExecutions(request: Pick<vscode.ChatRequest, 'prompt' | 'references'>, s: ReferenceSources): TraceOrigin[] {
  const out: TraceOrigin[] = [];
  for (const m of request.prompt.matchAll(LINK)) {
    const o = fromLink(m[0], s.connections);
    if (o) out.push(o);
  }
  for (const r of request.references) {
    const v = r.value;
    const parsed = parseOrigin(v);
    if (parsed) out.push(parsed);
    else if (v instanceof vscode.Uri && /\.(json|jsonl|ndjson)$/i.test(v.path)) out.push({ kind: 'file', path: v.fsPath });
    else if (v instanceof vscode.Location && /\.(json|jsonl|ndjson)$/i.test(v.uri.path)) out.push({ kind: 'file', path: v.uri.fsPath });
  }
  const seen = new Set<string>();
  return out.filter((o) => {
    const k = JSON.stringify(o);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What the user is looking at when the prompt names nothing: the trace panel in front, else the selected record. */
export function contextExecution(s: ReferenceSources): TraceOrigin | undefined {
  const panel = s.panels.active() ?? s.panels.all().at(-1);
  if (panel) return panel.origin;
  return s.originOfNode(s.selection()[0]);
}
