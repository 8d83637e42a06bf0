// The "Delivery Timeline" view: runs, newest first, updated live while a run is in progress.
import * as vscode from 'vscode';
import { treeItemOf } from '../tree-item';
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
    return treeItemOf(present(node));
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.changed.dispose();
  }
}
