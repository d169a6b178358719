import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { RecordTarget } from '../views/nodes/recordNode';
import { describeError } from '../views/errors';

export const SCHEME = 'agentlens';
export type DocumentKind = 'record' | 'trace';

/** `agentlens:/trace/<short id>.json?connection=…&agent=…&record=…` — the name reads well in a tab. */
export function documentUri(kind: DocumentKind, t: RecordTarget): vscode.Uri {
  const query = new URLSearchParams({ connection: t.connection, agent: t.agentId, record: t.executionRecordId }).toString();
  return vscode.Uri.from({ scheme: SCHEME, path: `/${kind}/${t.executionRecordId.slice(0, 8)}.json`, query });
}

/** Read-only JSON documents of API responses, fetched when opened. */
export class ApiDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly connections: ConnectionManager) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const kind = uri.path.split('/')[1] as DocumentKind;
    const connection = q.get('connection') ?? '';
    const agent = q.get('agent') ?? '';
    const record = q.get('record') ?? '';
    const client = await this.connections.client(connection);
    if (!client) return `// Not signed in to ${connection}. Run "AgentLens: Sign in to Fruxon…" and reopen.\n`;
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const opts = { signal: abort.signal };
      const body =
        kind === 'trace' ? await client.getTraceWithFallback(agent, record, opts) : await client.getExecutionRecord(agent, record, opts);
      return `${JSON.stringify(body, null, 2)}\n`;
    } catch (e) {
      this.connections.reportError(connection, e);
      // JSONC comment: the document still opens, and says what went wrong.
      return `// ${describeError(e).message.replace(/\n/g, ' ')}\n`;
    } finally {
      sub.dispose();
    }
  }
}

export async function openJsonDocument(kind: DocumentKind, target: RecordTarget): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(documentUri(kind, target));
  // An error document starts with a comment; JSON-with-comments shows it without a squiggle.
  await vscode.languages.setTextDocumentLanguage(doc, doc.getText().startsWith('//') ? 'jsonc' : 'json');
  await vscode.window.showTextDocument(doc, { preview: true });
}
