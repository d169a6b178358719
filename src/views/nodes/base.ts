import * as vscode from 'vscode';

/** A node of an AgentLens tree: it builds its own TreeItem and children (the GitHub PR extension's pattern). */
export abstract class TreeNode {
  constructor(readonly parent: TreeNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): TreeNode[] | Promise<TreeNode[]> {
    return [];
  }
}

/** A leaf that says something: an empty state, a hint, or an error with actions as its children. */
export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode | undefined,
    private readonly label: string,
    private readonly options: {
      icon?: string;
      color?: string;
      tooltip?: string;
      description?: string;
      command?: vscode.Command;
      contextValue?: string;
      actions?: TreeNode[];
    } = {},
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const o = this.options;
    const item = new vscode.TreeItem(
      this.label,
      o.actions?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    if (o.icon) item.iconPath = new vscode.ThemeIcon(o.icon, o.color ? new vscode.ThemeColor(o.color) : undefined);
    if (o.tooltip) item.tooltip = o.tooltip;
    if (o.description) item.description = o.description;
    if (o.command) item.command = o.command;
    item.contextValue = o.contextValue ?? 'message';
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.options.actions ?? [];
  }
}

/** A clickable row that runs a command: "Retry", "Sign in", "Load more…". */
export function actionNode(parent: TreeNode, label: string, icon: string, command: vscode.Command, contextValue = 'action'): MessageNode {
  return new MessageNode(parent, label, { icon, command, contextValue, tooltip: command.tooltip ?? label });
}
