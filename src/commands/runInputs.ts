import * as vscode from 'vscode';
import type { FruxonClient } from '../api/fruxon/client';
import type { ConnectionManager } from '../connections/connectionManager';
import { isRunFileName, parseRunFile, RunFileError, type RunSpec } from '../model/runFile';
import { JsonSyntaxError } from '../util/json';
import { describeError } from '../views/errors';
import { AgentNode } from '../views/nodes/agentNode';
import { joinSentences } from '../shared/text';
import { plainPicks } from '../views/plainText';

const RECENT_FILES = 'agentlens.run.recentFiles';
const RECENT_AGENTS = 'agentlens.run.recentAgents';
const MAX_RECENT = 10;

/** What `agentlens.runAgent` takes from menus, the CodeLens, other extensions and tests. */
export interface RunArgs {
  uri?: vscode.Uri | string;
  connection?: string;
  agentId?: string;
  /** Overrides the file's mode (the CodeLens "Run in sandbox"). */
  mode?: string;
  /** Ask for the agent even when the file names one (after a 404). */
  pickAgent?: boolean;
}

export function normalizeArgs(arg: unknown): RunArgs {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (arg instanceof AgentNode) return { connection: arg.connectionId, agentId: arg.agent.id };
  if (arg && typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    const out: RunArgs = {};
    if (o.uri instanceof vscode.Uri || typeof o.uri === 'string') out.uri = o.uri;
    for (const k of ['connection', 'agentId', 'mode'] as const) if (typeof o[k] === 'string') out[k] = o[k];
    if (o.pickAgent === true) out.pickAgent = true;
    return out;
  }
  return {};
}

export class RunRecents {
  constructor(private readonly state: vscode.Memento) {}

  files(): vscode.Uri[] {
    return this.state.get<string[]>(RECENT_FILES, []).flatMap((s) => { try { return [vscode.Uri.parse(s, true)]; } catch { return []; } });
  }

  agents(connection: string): string[] {
    return this.state.get<Array<{ connection: string; agentId: string }>>(RECENT_AGENTS, []).filter((a) => a.connection === connection).map((a) => a.agentId);
  }

  async used(file: vscode.Uri | undefined, connection: string, agentId: string): Promise<void> {
    if (file) {
      const key = file.toString();
      await this.state.update(RECENT_FILES, [key, ...this.state.get<string[]>(RECENT_FILES, []).filter((f) => f !== key)].slice(0, MAX_RECENT));
    }
    const agents = this.state.get<Array<{ connection: string; agentId: string }>>(RECENT_AGENTS, []).filter((a) => !(a.connection === connection && a.agentId === agentId));
    await this.state.update(RECENT_AGENTS, [{ connection, agentId }, ...agents].slice(0, MAX_RECENT * 3));
  }
}

const isJsonDoc = (d: vscode.TextDocument | undefined): d is vscode.TextDocument =>
  !!d && (d.languageId === 'json' || d.languageId === 'jsonc' || d.uri.path.toLowerCase().endsWith('.json'));

/** The parameter file: the argument, else the active JSON editor, recent files, or a file dialog. */
export async function pickParameterFile(recents: RunRecents): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri; browse?: boolean };
  const items: Item[] = [];
  const seen = new Set<string>();
  const add = (uri: vscode.Uri, detail: string): void => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    items.push({ label: `$(${isRunFileName(uri.path) ? 'play-circle' : 'json'}) ${uri.path.split('/').pop()}`, description: vscode.workspace.asRelativePath(uri), detail, uri });
  };
  if (isJsonDoc(active)) add(active.uri, 'Active editor');
  for (const u of recents.files()) add(u, 'Recently run');
  items.push({ label: '$(folder-opened) Browse…', description: 'Choose a JSON file', browse: true });
  if (items.length === 1) return browse();
  const pick = await vscode.window.showQuickPick(items, { title: 'Run Agent: parameter file', placeHolder: 'A run file (*.agentrun.json) or any JSON object of parameters' });
  if (!pick) return undefined;
  return pick.browse ? browse() : pick.uri;
}

async function browse(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Run Agent: parameter file', canSelectMany: false, filters: { 'JSON': ['json'], 'All files': ['*'] } });
  return picked?.[0];
}

/** The file's text: what an open editor shows (saved or not), else what is on disk. */
export async function readParameterText(uri: vscode.Uri): Promise<{ text: string; unsaved: boolean }> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc) return { text: doc.getText(), unsaved: doc.isDirty || doc.isUntitled };
  return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), unsaved: false };
}

/** Puts the cursor at a 1-based line and column of a file. */
export async function openAt(uri: vscode.Uri, line: number, column: number): Promise<vscode.TextEditor> {
  const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
}

export type SpecResult = { ok: true; spec: RunSpec; unsaved: boolean } | { ok: false; line?: number; column?: number; message: string };

/** Reads and checks the file; a problem is shown with "Open File" (cursor at the spot) and nothing is sent. */
export async function loadSpec(uri: vscode.Uri): Promise<SpecResult> {
  const name = uri.path.split('/').pop() ?? uri.path;
  let text: string;
  let unsaved: boolean;
  try {
    ({ text, unsaved } = await readParameterText(uri));
  } catch (e) {
    const message = `Could not read ${name}: ${describeError(e).message}`;
    void vscode.window.showErrorMessage(message);
    return { ok: false, message };
  }
  try {
    return { ok: true, spec: parseRunFile(text, name, isRunFileName(uri.path)), unsaved };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError) && !(e instanceof RunFileError)) throw e;
    const where = e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : undefined;
    const message = joinSentences(e.message, 'Nothing was sent.');
    void vscode.window.showErrorMessage(message, 'Open File').then((c) => c && (where ? openAt(uri, where.line, where.column) : vscode.window.showTextDocument(uri)));
    return { ok: false, message, ...(where ?? {}) };
  }
}

/** The connection a run file names (id, label or tenant), or the one asked for. */
export function findConnection(connections: ConnectionManager, name: string): string | undefined {
  const all = connections.list();
  return (all.find((p) => p.id === name) ?? all.find((p) => p.label === name) ?? all.find((p) => p.tenant === name))?.id;
}

/** Agents of a connection, recently run first. */
export async function pickAgent(client: FruxonClient, recents: RunRecents, connection: string): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { id?: string };
  const items = (async (): Promise<Item[]> => {
    const agents = await client.listAgents();
    const recent = recents.agents(connection);
    const byId = new Map(agents.map((a) => [a.id, a]));
    const first = recent.filter((id) => byId.has(id));
    const rest = agents.filter((a) => !first.includes(a.id));
    const item = (id: string): Item => {
      const a = byId.get(id);
      return { label: `$(hubot) ${a?.displayName || id}`, description: `${id} · rev ${a?.currentRevision ?? '?'}`, detail: a?.description || undefined, id };
    };
    const out: Item[] = [];
    if (first.length) out.push({ label: 'recently run', kind: vscode.QuickPickItemKind.Separator }, ...first.map(item));
    if (rest.length) out.push({ label: 'agents', kind: vscode.QuickPickItemKind.Separator }, ...rest.map((a) => item(a.id)));
    return plainPicks(out);
  })();
  const pick = await vscode.window.showQuickPick(items, { title: 'Run Agent: which agent?', placeHolder: 'Agents on this connection (recently run first)', matchOnDescription: true });
  return pick?.id;
}
