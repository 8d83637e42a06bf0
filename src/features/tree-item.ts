// The one place that turns a tree model's presentation (node-presentation.ts) into a TreeItem.
import * as vscode from 'vscode';
import type { NodePresentation } from './node-presentation';

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
