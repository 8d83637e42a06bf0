// The Chat2Desk Webhooks view: the tree of each account's webhooks, and its title and item actions.
// This entry builds the pieces and registers the commands; webhooks-controller.ts holds one method
// per command.
import * as vscode from 'vscode';
import type { EventCatalogue } from '../../core/chat2desk/events';
import type { Accounts } from '../accounts';
import type { WebhookSender } from '../send/webhook-sender';
import type { AccountState, WebhookNode } from './tree-model';
import { WebhookDocuments } from './webhook-documents';
import { WebhooksController } from './webhooks-controller';
import { WebhooksModel } from './webhooks-model';
import { VIEW_ID, WebhooksTreeProvider } from './webhooks-tree-provider';
import { COMMANDS } from '../ids';

/** What the integration tests and other extensions can read of the view. */
export interface WebhooksViewApi {
  states(): { account: string; state: AccountState }[];
  roots(): Promise<WebhookNode[]>;
}

export function registerWebhooksView(
  context: vscode.ExtensionContext,
  accounts: Accounts,
  catalogue: EventCatalogue,
  schemasDir: string,
  sender: WebhookSender,
  log: vscode.LogOutputChannel,
): WebhooksViewApi {
  const model = new WebhooksModel({
    accounts: () => accounts.list(),
    client: (account, interactive) => accounts.client(account, interactive),
    log,
  });
  const provider = new WebhooksTreeProvider(model, catalogue);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const documents = new WebhookDocuments();
  const controller = new WebhooksController({ accounts, catalogue, schemasDir, sender, model, provider, documents, log });

  context.subscriptions.push(
    provider,
    view,
    documents,
    accounts.onDidChange(() => void provider.refresh()),
    vscode.commands.registerCommand(COMMANDS.refreshWebhooks, () => controller.refresh()),
    vscode.commands.registerCommand(COMMANDS.addWebhook, (args?: unknown) => controller.add(args)),
    vscode.commands.registerCommand(COMMANDS.editWebhook, (nodeOrArgs?: unknown) => controller.edit(nodeOrArgs)),
    vscode.commands.registerCommand(COMMANDS.enableWebhook, (nodeOrArgs?: unknown) => controller.setStatus(nodeOrArgs, 'enable')),
    vscode.commands.registerCommand(COMMANDS.disableWebhook, (nodeOrArgs?: unknown) => controller.setStatus(nodeOrArgs, 'disable')),
    vscode.commands.registerCommand(COMMANDS.deleteWebhook, (nodeOrArgs?: unknown, options?: { skipConfirmation?: boolean }) =>
      controller.delete(nodeOrArgs, options),
    ),
    vscode.commands.registerCommand(COMMANDS.copyWebhookUrl, (node?: unknown) => controller.copyUrl(node)),
    vscode.commands.registerCommand(COMMANDS.openWebhookJson, (node?: unknown) => controller.openJson(node)),
    vscode.commands.registerCommand(COMMANDS.sendTestEvent, (node?: unknown, args?: unknown) => controller.sendTestEvent(node, args)),
  );
  return {
    states: () => model.stateList().map(({ account, state }) => ({ account: account.name, state })),
    roots: () => provider.getChildren(),
  };
}
