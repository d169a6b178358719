// The tools' host in VS Code: the signed-in connections (credentials stay in SecretStorage, inside the
// clients), traces loaded the way the trace panel loads them (and taken from an open panel when it shows the
// same one), local receiver traces, and files relative to the first workspace folder.
import * as vscode from 'vscode';
import type { FruxonClient } from '../api/fruxon/client';
import type { ZaiaClient } from '../api/zaia/client';
import type { ToolBackend, ToolConnection } from '../agentTools/backend';
import type { Trace } from '../model/types';
import type { TraceOrigin } from '../panels/origin';
import type { AgentHost } from './host';

export class VscodeToolBackend implements ToolBackend {
  /** The last trace file read, by path, size and modification time: a model reads one file page after page. */
  private lastFile: { key: string; trace: Trace } | undefined;

  constructor(private readonly host: AgentHost) {}

  connections(): readonly ToolConnection[] {
    const manager = this.host.connections;
    return manager.list()
      .filter((p) => manager.state(p.id).kind !== 'signedOut')
      // The tools list and run agents: trace stores (Jaeger, Tempo) have none.
      .flatMap((p) => (p.kind === 'fruxon' || p.kind === 'zaia' ? [{ id: p.id, kind: p.kind, label: p.label }] : []));
  }

  fruxon(id: string): Promise<FruxonClient | undefined> {
    return this.host.connections.client(id);
  }

  zaia(id: string): Promise<ZaiaClient | undefined> {
    return this.host.connections.zaiaClient(id);
  }

  now(): number {
    return Date.now();
  }

  private uri(path: string): vscode.Uri {
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return vscode.Uri.parse(path, true);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const absolute = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
    return absolute || !folder ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder, path);
  }

  async readText(path: string): Promise<{ text: string; path: string }> {
    const uri = this.uri(path);
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), path: uri.fsPath };
  }

  async loadTrace(origin: TraceOrigin, signal?: AbortSignal): Promise<Trace> {
    const o: TraceOrigin = origin.kind === 'file' ? { ...origin, path: this.uri(origin.path).fsPath } : origin;
    const shown = await this.host.panels.get(o)?.traceSession?.trace();
    if (shown) return shown;
    if (o.kind !== 'file') return this.host.loadTrace(o, signal);
    const stat = await vscode.workspace.fs.stat(vscode.Uri.file(o.path));
    const key = JSON.stringify([o.path, o.traceId, stat.size, stat.mtime]);
    if (this.lastFile?.key === key) return this.lastFile.trace;
    const trace = await this.host.loadTrace(o, signal);
    this.lastFile = { key, trace };
    return trace;
  }
}
