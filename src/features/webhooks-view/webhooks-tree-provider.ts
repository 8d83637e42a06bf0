// Maps the webhooks model to VS Code: tree items, the welcome-content context key, progress in the
// view while loading. Loading, caching and state live in the model (webhooks-model.ts).
import * as vscode from 'vscode';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { childNodes, present, rootNodes, viewState, type WebhookNode } from './tree-model';
import type { WebhooksModel } from './webhooks-model';
import { CONTEXT_KEYS, VIEWS } from '../ids';
import { treeItemOf } from '../tree-item';

export const VIEW_ID = VIEWS.webhooks;
export const VIEW_STATE_KEY = CONTEXT_KEYS.webhooksState;

export class WebhooksTreeProvider implements vscode.TreeDataProvider<WebhookNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WebhookNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  private published: string | undefined;

  constructor(
    private readonly model: WebhooksModel,
    private readonly catalogue: EventCatalogue,
  ) {
    this.subscription = model.onDidChange(() => this.publish());
  }

  /** Reloads with progress in the view. `interactive`: the user asked (asks again what they declined). */
  refresh(interactive = false): Promise<void> {
    return Promise.resolve(
      vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: vscode.l10n.t('Loading Chat2Desk webhooks') }, () =>
        this.model.refresh({ interactive }),
      ),
    );
  }

  /**
   * Welcome content (with its Retry / Set Token buttons) shows only while the view has no `message`:
   * so error states are context-key values, each with its own welcome text, and no message is set.
   */
  private publish(): void {
    const state = viewState(this.model.stateList());
    if (state !== this.published) {
      this.published = state;
      void vscode.commands.executeCommand('setContext', VIEW_STATE_KEY, state);
    }
    this.changed.fire(undefined);
  }

  async getChildren(node?: WebhookNode): Promise<WebhookNode[]> {
    if (node) return childNodes(node);
    if (!this.model.hasLoaded) await this.refresh();
    return rootNodes(this.model.stateList());
  }

  getTreeItem(node: WebhookNode): vscode.TreeItem {
    const p = present(node, this.catalogue);
    const item = treeItemOf(p);
    // Markdown for a webhook (its API-sourced parts are escaped in the tree model); plain text elsewhere.
    if (node.type !== 'webhook') item.tooltip = p.tooltip;
    if (p.command && 'account' in node) item.command = { command: p.command.command, title: p.command.title, arguments: [{ account: node.account.name }] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
