// The "Delivery Timeline" view: runs, newest first, updated live while a run is in progress.
import * as vscode from 'vscode';
import { childNodes, present, type DeliveryRun, type TimelineNode } from './timeline-model';

const RUNS_KEPT = 10;
const REFRESH_EVERY_MS = 100;

export class DeliveryTimelineView implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TimelineNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly runs: DeliveryRun[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  addRun(run: DeliveryRun): void {
    this.runs.unshift(run);
    this.runs.splice(RUNS_KEPT);
    this.refresh(true);
  }

  clear(): void {
    this.runs.splice(0);
    this.refresh(true);
  }

  /** Progress comes in bursts (back-to-back attempts): redraw at most every 100 ms. */
  refresh(now = false): void {
    if (now) {
      clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
      this.changed.fire(undefined);
    } else {
      this.refreshTimer ??= setTimeout(() => {
        this.refreshTimer = undefined;
        this.changed.fire(undefined);
      }, REFRESH_EVERY_MS);
    }
  }

  getChildren(node?: TimelineNode): TimelineNode[] {
    return node ? childNodes(node) : this.runs.map((run) => ({ type: 'run', run }));
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    const p = present(node);
    const collapsible = {
      none: vscode.TreeItemCollapsibleState.None,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
      expanded: vscode.TreeItemCollapsibleState.Expanded,
    }[p.collapsible];
    const item = new vscode.TreeItem(p.label, collapsible);
    item.id = p.id;
    item.description = p.description;
    item.tooltip = p.tooltip ? new vscode.MarkdownString(p.tooltip) : undefined;
    item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
    item.contextValue = p.contextValue;
    return item;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.changed.dispose();
  }
}
