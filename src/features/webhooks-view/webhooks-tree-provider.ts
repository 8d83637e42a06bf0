// Maps the tree model to VS Code: loads each account's webhooks (with progress in the view), keeps
// the welcome-content context key and the view message in step, and refreshes on token/setting changes.
import * as vscode from 'vscode';
import { Chat2DeskClient } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import { timeoutSecondsSchema, type Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import { childNodes, present, rootNodes, viewState, type AccountState, type WebhookNode } from './tree-model';

export const VIEW_ID = 'webhookStudio.webhooks';

export class WebhooksTreeProvider implements vscode.TreeDataProvider<WebhookNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WebhookNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private states = new Map<string, AccountState>();
  private loading: Promise<void> | undefined;
  private view: vscode.TreeView<WebhookNode> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly accounts: Accounts, private readonly catalogue: EventCatalogue, private readonly log: vscode.LogOutputChannel) {
    this.subscription = accounts.onDidChange(() => void this.refresh());
  }

  attach(view: vscode.TreeView<WebhookNode>): void {
    this.view = view;
  }

  async clientFor(account: Account): Promise<Chat2DeskClient | undefined> {
    const token = await this.accounts.getToken(account);
    if (!token) return undefined;
    const timeoutMs = timeoutSecondsSchema.parse(vscode.workspace.getConfiguration('webhookStudio').get('timeoutSeconds')) * 1000;
    return new Chat2DeskClient({ baseUrl: account.apiBaseUrl, token, timeoutMs });
  }

  /** Reloads every account; concurrent calls share one load. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<void> {
    const accounts = this.accounts.list();
    this.states = new Map(accounts.map((a) => [a.name, { kind: 'loading' } as AccountState]));
    await this.publish();
    await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Loading Chat2Desk webhooks' }, () => Promise.all(accounts.map(async (account) => {
      const client = await this.clientFor(account);
      let state: AccountState;
      if (!client) state = { kind: 'no-token' };
      else {
        try {
          state = { kind: 'loaded', webhooks: await client.listWebhooks() };
        } catch (error) {
          state = { kind: 'error', message: describeError(error) };
          this.log.error(`${account.name}: listing webhooks failed: ${describeError(error)}`);
        }
      }
      this.states.set(account.name, state);
    })));
    await this.publish();
  }

  private async publish(): Promise<void> {
    const states = this.stateList();
    const state = viewState(states);
    await vscode.commands.executeCommand('setContext', 'webhookStudio.webhooksState', state);
    if (this.view) this.view.message = state === 'error' && states[0].state.kind === 'error' ? states[0].state.message : undefined;
    this.changed.fire(undefined);
  }

  stateList(): { account: Account; state: AccountState }[] {
    return this.accounts.list().map((account) => ({ account, state: this.states.get(account.name) ?? { kind: 'loading' } }));
  }

  webhooksOf(account: Account): number | undefined {
    const state = this.states.get(account.name);
    return state?.kind === 'loaded' ? state.webhooks.length : undefined;
  }

  async getChildren(node?: WebhookNode): Promise<WebhookNode[]> {
    if (node) return childNodes(node);
    if (this.states.size === 0) await this.refresh();
    return rootNodes(this.stateList());
  }

  getTreeItem(node: WebhookNode): vscode.TreeItem {
    const p = present(node, this.catalogue);
    const item = new vscode.TreeItem(p.label, { none: vscode.TreeItemCollapsibleState.None, collapsed: vscode.TreeItemCollapsibleState.Collapsed, expanded: vscode.TreeItemCollapsibleState.Expanded }[p.collapsible]);
    item.id = p.id;
    item.description = p.description;
    item.tooltip = p.tooltip && node.type === 'webhook' ? new vscode.MarkdownString(p.tooltip) : p.tooltip;
    item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
    item.contextValue = p.contextValue;
    if (p.command && 'account' in node) item.command = { command: p.command.command, title: p.command.title, arguments: [{ account: node.account.name }] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
