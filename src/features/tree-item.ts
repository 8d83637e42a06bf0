// The tree models (webhooks, deliveries, received webhooks) say what a node shows as plain data, with
// no `vscode`; this is the one place that turns such a presentation into a TreeItem.
import * as vscode from 'vscode';

export interface NodePresentation {
  id: string;
  label: string;
  description?: string;
  /** Markdown (escaped by the model where it quotes outside text). */
  tooltip?: string;
  /** A codicon id and an optional theme color id. */
  icon: { id: string; color?: string };
  collapsible: 'none' | 'collapsed' | 'expanded';
  contextValue: string;
}

export function treeItemOf(p: NodePresentation): vscode.TreeItem {
  const collapsible = {
    none: vscode.TreeItemCollapsibleState.None,
    collapsed: vscode.TreeItemCollapsibleState.Collapsed,
    expanded: vscode.TreeItemCollapsibleState.Expanded,
  }[p.collapsible];
  const item = new vscode.TreeItem(p.label, collapsible);
  item.id = p.id;
  item.description = p.description;
  // Markdown without command links, HTML or theme icons.
  item.tooltip = p.tooltip ? new vscode.MarkdownString(p.tooltip) : undefined;
  item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
  item.contextValue = p.contextValue;
  return item;
}
