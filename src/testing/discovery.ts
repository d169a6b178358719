import * as vscode from 'vscode';
import { locateExpect } from '../model/expect/parse';
import { isRunFileName, RUN_FILE_SUFFIX } from '../model/runFile';
import { parseTestFile } from '../testRunner/runTest';
import { DisposableStore } from '../util/disposable';

// Finds the workspace's run files with `expect` and keeps them as TestItems: folders become suites (nested as on
// disk; one root per workspace folder when there are several), each file a test at its `expect` line. Follows
// creations, changes and deletions on disk and edits in open editors (unsaved text counts, as it does for Run).

const GLOB = `**/*${RUN_FILE_SUFFIX}`;
const EXCLUDE = '**/node_modules/**';

export class TestDiscovery implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private started: Promise<void> | undefined;
  /** File tests by URI string. */
  readonly files = new Map<string, vscode.TestItem>();

  constructor(private readonly controller: vscode.TestController) {}

  /** Discovers once and starts following changes; later calls wait for the same discovery. */
  start(): Promise<void> {
    this.started ??= this.discover(true);
    return this.started;
  }

  /** Forgets everything and discovers again (the Testing view's refresh). */
  async refresh(): Promise<void> {
    await this.start();
    this.controller.items.replace([]);
    this.files.clear();
    await this.discover(false);
  }

  /** The text a test runs with: the open editor's (saved or not), else the file's. */
  async textOf(uri: vscode.Uri): Promise<string> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  private async discover(follow: boolean): Promise<void> {
    if (follow) {
      const watcher = this.store.register(vscode.workspace.createFileSystemWatcher(GLOB));
      this.store.register(watcher.onDidCreate((u) => void this.reread(u)));
      this.store.register(watcher.onDidChange((u) => void this.reread(u)));
      this.store.register(watcher.onDidDelete((u) => this.remove(u)));
      this.store.register(vscode.workspace.onDidChangeTextDocument((e) => isRunFileName(e.document.uri.path) && e.contentChanges.length > 0 && this.update(e.document.uri, e.document.getText())));
      // Closing an editor with unsaved edits drops them: the file on disk is the test again.
      this.store.register(vscode.workspace.onDidCloseTextDocument((d) => isRunFileName(d.uri.path) && d.uri.scheme === 'file' && void this.reread(d.uri)));
      this.store.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()));
    }
    const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE);
    await Promise.all(uris.map((u) => this.reread(u)));
  }

  private async reread(uri: vscode.Uri): Promise<void> {
    let text: string;
    try {
      text = await this.textOf(uri);
    } catch {
      this.remove(uri);
      return;
    }
    this.update(uri, text);
  }

  /** Adds, moves or removes the test for a file's current text. */
  update(uri: vscode.Uri, text: string): void {
    const at = locateExpect(text);
    if (!at) {
      this.remove(uri);
      return;
    }
    const id = uri.toString();
    let item = this.files.get(id);
    if (!item) {
      const parent = this.folderFor(uri);
      item = this.controller.createTestItem(id, uri.path.split('/').pop() ?? id, uri);
      (parent ? parent.children : this.controller.items).add(item);
      this.files.set(id, item);
    }
    item.range = new vscode.Range(at.line - 1, at.column - 1, at.line - 1, at.column - 1 + '"expect"'.length);
    // A file that cannot run says why in the Test Explorer before anyone runs it.
    const parsed = parseTestFile({ name: item.label, text });
    item.error = 'error' in parsed ? parsed.error.message : undefined;
  }

  remove(uri: vscode.Uri): void {
    const id = uri.toString();
    const item = this.files.get(id);
    if (!item) return;
    this.files.delete(id);
    // Empty suites go with their last test.
    let node: vscode.TestItem | undefined = item;
    while (node) {
      const parent: vscode.TestItem | undefined = node.parent;
      (parent ? parent.children : this.controller.items).delete(node.id);
      if (!parent || parent.children.size > 0) break;
      node = parent;
    }
  }

  /** The suite item for a file's folder, made on the way down (undefined: the file is at the top). */
  private folderFor(uri: vscode.Uri): vscode.TestItem | undefined {
    const ws = vscode.workspace.getWorkspaceFolder(uri);
    const folders = vscode.workspace.workspaceFolders ?? [];
    const rel = ws ? vscode.workspace.asRelativePath(uri, false) : uri.path;
    const parts = rel.split('/').slice(0, -1);
    let parent: vscode.TestItem | undefined;
    let base = ws?.uri ?? uri.with({ path: '/' });
    if (ws && folders.length > 1) {
      parent = this.child(undefined, `folder:${ws.uri.toString()}`, ws.name, ws.uri);
    }
    for (const part of parts) {
      base = vscode.Uri.joinPath(base, part);
      parent = this.child(parent, `folder:${base.toString()}`, part, base);
    }
    return parent;
  }

  private child(parent: vscode.TestItem | undefined, id: string, label: string, uri: vscode.Uri): vscode.TestItem {
    const list = parent ? parent.children : this.controller.items;
    const found = list.get(id);
    if (found) return found;
    const item = this.controller.createTestItem(id, label, uri);
    list.add(item);
    return item;
  }

  dispose(): void {
    this.store.dispose();
  }
}
