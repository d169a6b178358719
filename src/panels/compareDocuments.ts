import * as vscode from 'vscode';

export const COMPARE_SCHEME = 'agentlens-compare';
const MAX_DOCUMENTS = 200;

/**
 * Read-only documents for VS Code's diff editor: the two sides of one field of a compared step. Documents of a
 * content provider are read-only by design. They live in memory (oldest dropped past MAX_DOCUMENTS); after a
 * reload the compare panel makes them again on the next click. The core registers this provider itself: such a
 * document exists only after the core has made it, so the shell needs no forwarding for it.
 */
export class CompareDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private next = 1;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This compared text is no longer held. Open the diff again from the compare view.';
  }

  private put(id: number, name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${id}/${name}` });
    this.texts.set(uri.toString(), text);
    while (this.texts.size > MAX_DOCUMENTS) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  /** Opens the diff editor on two texts (absent → empty); JSON-looking texts get the JSON language by extension. */
  async openDiff(a: string | undefined, b: string | undefined, base: string, title: string): Promise<void> {
    const ext = looksJson(a) || looksJson(b) ? 'json' : 'txt';
    const id = this.next++;
    const left = this.put(id, `A/${base}.${ext}`, a ?? '');
    const right = this.put(id, `B/${base}.${ext}`, b ?? '');
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}

function looksJson(t: string | undefined): boolean {
  const s = t?.trimStart() ?? '';
  return s.startsWith('{') || s.startsWith('[');
}
