// The view's title and item actions: refresh, add, edit, delete, copy URL, open as JSON, send test event.
import * as vscode from 'vscode';
import type { Chat2DeskClient, Webhook, WebhookInput } from '../../core/chat2desk/api';
import { eventBySubscription, examplePayloadText, type EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import type { Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import type { WebhookSender } from '../send/webhook-sender';
import type { WebhookNode } from './tree-model';
import { askWebhookInput } from './webhook-form';
import { VIEW_ID, WebhooksTreeProvider } from './webhooks-tree-provider';

const JSON_SCHEME = 'webhook-studio-webhook';

/** Automation arguments (keybindings, tasks, tests): skip the prompts. */
interface WebhookArgs extends Partial<WebhookInput> {
  account?: string;
  id?: number;
  event?: string;
  skipConfirmation?: boolean;
}

type WebhookItem = Extract<WebhookNode, { type: 'webhook' }>;
const isWebhookItem = (value: unknown): value is WebhookItem => typeof value === 'object' && value !== null && (value as WebhookNode).type === 'webhook';

export function registerWebhooksView(context: vscode.ExtensionContext, accounts: Accounts, catalogue: EventCatalogue, schemasDir: string, sender: WebhookSender, log: vscode.LogOutputChannel): WebhooksTreeProvider {
  const provider = new WebhooksTreeProvider(accounts, catalogue, log);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.attach(view);
  const documents = new Map<string, string>();
  const jsonChanged = new vscode.EventEmitter<vscode.Uri>();

  /** Runs an API call with progress in the view; failures are explained, never thrown at VS Code. */
  async function withApi<T>(title: string, account: Account, run: (client: Chat2DeskClient) => Promise<T>): Promise<T | undefined> {
    const client = await provider.clientFor(account);
    if (!client) {
      void vscode.window.showErrorMessage(`No Chat2Desk API token is set for "${account.name}".`, 'Set API Token').then((c) => c && vscode.commands.executeCommand('webhookStudio.setApiToken', { account: account.name }));
      return undefined;
    }
    try {
      return await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title }, () => run(client));
    } catch (error) {
      log.error(`${title}: ${describeError(error)}`);
      void vscode.window.showErrorMessage(`${title} failed: ${describeError(error)}`, 'Retry').then((c) => c && vscode.commands.executeCommand('webhookStudio.refreshWebhooks'));
      return undefined;
    }
  }

  async function resolveTarget(nodeOrArgs: unknown): Promise<{ account: Account; webhook: Webhook } | undefined> {
    if (isWebhookItem(nodeOrArgs)) return { account: nodeOrArgs.account, webhook: nodeOrArgs.webhook };
    const args = (nodeOrArgs ?? {}) as WebhookArgs;
    const account = await accounts.pick('Which account?', args.account);
    if (!account || args.id === undefined) return undefined;
    const webhook = await withApi('Loading the webhook', account, (client) => client.getWebhook(args.id!));
    return webhook ? { account, webhook } : undefined;
  }

  const asArgs = (value: unknown): WebhookArgs => (typeof value === 'object' && value !== null && !isWebhookItem(value) ? value as WebhookArgs : {});
  const fullInput = (args: WebhookArgs): WebhookInput | undefined => (args.name && args.url && args.events ? { name: args.name, url: args.url, events: args.events, ...(args.channels ? { channels: args.channels } : {}) } : undefined);

  context.subscriptions.push(
    provider, view, jsonChanged,
    vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, { onDidChange: jsonChanged.event, provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('webhookStudio.refreshWebhooks', () => provider.refresh()),

    vscode.commands.registerCommand('webhookStudio.addWebhook', async (rawArgs?: unknown) => {
      const args = asArgs(rawArgs);
      const account = await accounts.pick('Add a webhook to which account?', args.account);
      if (!account) return undefined;
      if (provider.webhooksOf(account) === undefined) await provider.refresh();
      const count = provider.webhooksOf(account) ?? 0;
      if (count >= catalogue.freeWebhookLimit && !args.skipConfirmation) {
        const answer = await vscode.window.showWarningMessage(`"${account.name}" already has ${count} webhooks.`, { modal: true, detail: `Chat2Desk supports up to ${catalogue.freeWebhookLimit} simultaneous webhooks for free; more may need a paid plan.` }, 'Add Anyway');
        if (answer !== 'Add Anyway') return undefined;
      }
      const input = fullInput(args) ?? await askWebhookInput(catalogue, `Add Chat2Desk webhook to "${account.name}"`);
      if (!input) return undefined;
      const created = await withApi(`Creating webhook "${input.name}"`, account, (client) => client.createWebhook(input));
      if (created) {
        log.info(`${account.name}: created webhook ${created.id} (${created.url})`);
        void vscode.window.showInformationMessage(`Webhook "${created.name}" created.`);
      }
      await provider.refresh();
      return created;
    }),

    vscode.commands.registerCommand('webhookStudio.editWebhook', async (nodeOrArgs?: unknown) => {
      const target = await resolveTarget(nodeOrArgs);
      if (!target) return undefined;
      const { account, webhook } = target;
      const args = asArgs(nodeOrArgs);
      const input = fullInput(args) ?? await askWebhookInput(catalogue, `Edit webhook "${webhook.name}"`, { name: webhook.name ?? '', url: webhook.url ?? '', events: webhook.events, channels: webhook.channels ?? undefined });
      if (!input) return undefined;
      const updated = await withApi(`Updating webhook "${input.name}"`, account, (client) => client.updateWebhook(webhook.id, input));
      await provider.refresh();
      return updated;
    }),

    vscode.commands.registerCommand('webhookStudio.deleteWebhook', async (nodeOrArgs?: unknown, options?: { skipConfirmation?: boolean }) => {
      const target = await resolveTarget(nodeOrArgs);
      if (!target) return false;
      const { account, webhook } = target;
      if (!(options?.skipConfirmation ?? asArgs(nodeOrArgs).skipConfirmation)) {
        const answer = await vscode.window.showWarningMessage(`Delete the webhook "${webhook.name}"?`, { modal: true, detail: `${webhook.url}\nChat2Desk stops sending its events (${webhook.events.join(', ')}). This cannot be undone.` }, 'Delete');
        if (answer !== 'Delete') return false;
      }
      const done = await withApi(`Deleting webhook "${webhook.name}"`, account, async (client) => { await client.deleteWebhook(webhook.id); return true; });
      if (done) log.info(`${account.name}: deleted webhook ${webhook.id}`);
      await provider.refresh();
      return done === true;
    }),

    vscode.commands.registerCommand('webhookStudio.copyWebhookUrl', async (node?: unknown) => {
      if (!isWebhookItem(node)) return;
      await vscode.env.clipboard.writeText(node.webhook.url ?? '');
      vscode.window.setStatusBarMessage('$(check) Webhook URL copied', 3000);
    }),

    vscode.commands.registerCommand('webhookStudio.openWebhookJson', async (node?: unknown) => {
      if (!isWebhookItem(node)) return undefined;
      const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${node.account.name}/webhook-${node.webhook.id}.json` });
      documents.set(uri.toString(), `${JSON.stringify(node.webhook, null, 2)}\n`);
      jsonChanged.fire(uri);
      const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),

    vscode.commands.registerCommand('webhookStudio.sendTestEvent', async (node?: unknown, rawArgs?: unknown) => {
      if (!isWebhookItem(node)) return [];
      const { account, webhook } = node;
      const args = asArgs(rawArgs);
      const documented = webhook.events.map((s) => eventBySubscription(catalogue, s)).filter((e) => e !== undefined);
      if (documented.length === 0) {
        void vscode.window.showWarningMessage(`"${webhook.name}" subscribes to no documented event, so there is no example to send.`);
        return [];
      }
      const event = args.event ? documented.find((e) => e.subscription === args.event) : documented.length === 1 ? documented[0]
        : (await vscode.window.showQuickPick(documented.map((e) => ({ label: e.subscription, description: e.hookType !== e.subscription ? `hook_type ${e.hookType}` : undefined, detail: e.description, event: e })), { title: `Send a test event to "${webhook.name}"`, placeHolder: 'Which event? Its documented example is sent, with a fresh event_time.' }))?.event;
      if (!event) return [];
      return sender.send(
        [{ source: `test ${event.subscription} event (${event.examples[event.examples.length - 1]})`, text: examplePayloadText(schemasDir, event), provider: 'chat2desk' }],
        { url: webhook.url ?? '', name: webhook.name ?? undefined, headers: {} },
        { account, skipValidation: true },
      );
    }),
  );
  return provider;
}
