// Maps the Received Webhooks model (received-model.ts) to VS Code tree items.
import * as vscode from 'vscode';
import type { ListenService } from './listen-service';
import { present, sessionNodes, type ReceivedNode } from './received-model';
import { COMMANDS, VIEWS } from '../ids';
import { treeItemOf } from '../tree-item';

export const RECEIVED_VIEW_ID = VIEWS.received;

export class ReceivedTreeProvider implements vscode.TreeDataProvider<ReceivedNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  constructor(private readonly service: ListenService) {
    service.onDidChange(() => this.changed.fire());
  }
  async getChildren(node?: ReceivedNode): Promise<ReceivedNode[]> {
    if (node?.type === 'session') return node.captures.map((capture) => ({ type: 'capture', capture }));
    if (node) return [];
    const history = await this.service.captures();
    return sessionNodes(history.list(), this.service.sessionId);
  }
  getTreeItem(node: ReceivedNode): vscode.TreeItem {
    const item = treeItemOf(present(node));
    if (node.type === 'capture') item.command = { command: COMMANDS.openCapture, title: 'Open', arguments: [node] };
    return item;
  }
}
