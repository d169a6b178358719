// Untrusted strings shown by VS Code itself (tree labels, descriptions, tooltips, quick picks): VS Code draws
// them as plain text, so a bidi control (U+202E…) or an invisible character in an agent, trace or
// environment name would be obeyed there. Each becomes its visible placeholder (⟨U+202E⟩, src/shared/text.ts);
// strings without one are left as they are. The providers pass every tree item through `plainTreeItem`.
import * as vscode from 'vscode';
import { showHidden } from '../shared/text';

function label(l: vscode.TreeItem['label']): vscode.TreeItem['label'] {
  if (typeof l === 'string') return showHidden(l);
  // Highlights index into the label; a placeholder changes the length, so they are dropped when it does.
  if (l && typeof l === 'object') {
    const shown = showHidden(l.label);
    return shown === l.label ? l : { label: shown };
  }
  return l;
}

function tooltip(t: vscode.TreeItem['tooltip']): vscode.TreeItem['tooltip'] {
  if (typeof t === 'string') return showHidden(t, true);
  if (t instanceof vscode.MarkdownString) {
    const shown = showHidden(t.value, true);
    if (shown === t.value) return t;
    const md = new vscode.MarkdownString(shown, t.supportThemeIcons);
    md.isTrusted = false;
    md.supportHtml = false;
    return md;
  }
  return t;
}

/** The tree item with hidden characters in its label, description, tooltip and accessibility label made visible. */
export function plainTreeItem(item: vscode.TreeItem): vscode.TreeItem {
  item.label = label(item.label);
  if (typeof item.description === 'string') item.description = showHidden(item.description);
  item.tooltip = tooltip(item.tooltip);
  if (item.accessibilityInformation) {
    item.accessibilityInformation = { ...item.accessibilityInformation, label: showHidden(item.accessibilityInformation.label, true) };
  }
  return item;
}

/** Quick pick items with hidden characters in label, description and detail made visible (other fields kept). */
export function plainPicks<T extends vscode.QuickPickItem>(items: readonly T[]): T[] {
  return items.map((i) => ({
    ...i,
    label: showHidden(i.label),
    ...(i.description !== undefined ? { description: showHidden(i.description) } : {}),
    ...(i.detail !== undefined ? { detail: showHidden(i.detail) } : {}),
  }));
}
