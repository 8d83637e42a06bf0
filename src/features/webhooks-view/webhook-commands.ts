// The view's title and item actions: refresh, add, edit, delete, copy URL, open as JSON, send test event.
/* eslint-disable max-lines-per-function -- over 80 lines until issue 18 item 4 makes this feature an entry that registers and a controller with one method per command */
import * as vscode from 'vscode';
import { redactUrl } from '../../core/redact';
import type { Chat2DeskClient, Webhook, WebhookInput } from '../../core/chat2desk/api';
import { eventBySubscription, examplePayloadText, type EventCatalogue } from '../../core/chat2desk/events';
import { describeError, MissingTokenError } from '../../core/errors';
import type { Account } from '../../core/settings';
import { requestTimeoutMs } from '../configuration';
import type { Accounts } from '../accounts';
import type { WebhookSender } from '../send/webhook-sender';
import type { AccountState, WebhookNode } from './tree-model';
import { askWebhookInput } from './webhook-form';
import { attemptWithRetry, type Outcome } from './retry-flow';
import { WebhooksModel } from './webhooks-model';
import { VIEW_ID, WebhooksTreeProvider } from './webhooks-tree-provider';
import { COMMANDS } from '../ids';

const JSON_SCHEME = 'webhook-studio-webhook';

/** Automation arguments (keybindings, tasks, tests): skip the prompts. */
interface WebhookArgs extends Partial<WebhookInput> {
  account?: string;
  id?: number;
  event?: string;
  skipConfirmation?: boolean;
}

/** What the integration tests and other extensions can read of the view. */
export interface WebhooksViewApi {
  states(): { account: string; state: AccountState }[];
  roots(): Promise<WebhookNode[]>;
  /** An API client for the account, or undefined without a token (asks before a token goes to a new origin). */
  clientFor(account: Account): Promise<Chat2DeskClient | undefined>;
}

type WebhookItem = Extract<WebhookNode, { type: 'webhook' }>;
const isWebhookItem = (value: unknown): value is WebhookItem => typeof value === 'object' && value !== null && (value as WebhookNode).type === 'webhook';

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
    apiToken: (account, interactive) => accounts.apiToken(account, interactive),
    timeoutMs: requestTimeoutMs,
    log,
  });
  const provider = new WebhooksTreeProvider(model, catalogue);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const documents = new Map<string, string>();
  const jsonChanged = new vscode.EventEmitter<vscode.Uri>();

  /**
   * Runs a create/update/delete with progress in the view. On failure the user can Retry (the same
   * operation, same input), Edit (back to the form, input kept; create and update only) or stop.
   */
  function withRetry<T>(title: string, run: () => Promise<T>, canEdit: boolean): Promise<Outcome<T>> {
    return attemptWithRetry(
      () => Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID }, title }, run)),
      async (error) => {
        if (error instanceof MissingTokenError) {
          const choice = await vscode.window.showErrorMessage(describeError(error), vscode.l10n.t('Set API Token'));
          if (choice) await vscode.commands.executeCommand(COMMANDS.setApiToken, { account: error.account });
          return undefined;
        }
        log.error(`${title}: ${describeError(error)}`);
        const retry = vscode.l10n.t('Retry');
        const edit = vscode.l10n.t('Edit…');
        const choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', title, describeError(error)), retry, ...(canEdit ? [edit] : []));
        return choice === retry ? 'retry' : choice === edit ? 'edit' : undefined;
      },
    );
  }

  /** Asks for the input (or takes it from automation arguments), runs, and on "Edit…" asks again with it. */
  async function saveWebhook<T>(
    title: string,
    progress: (input: WebhookInput) => string,
    first: WebhookInput | undefined,
    current: Partial<WebhookInput> | undefined,
    run: (input: WebhookInput) => Promise<T>,
  ): Promise<T | undefined> {
    let input = first ?? (await askWebhookInput(catalogue, title, current));
    while (input) {
      const kept: WebhookInput = input;
      const outcome = await withRetry(progress(kept), () => run(kept), true);
      if (outcome.ok) return outcome.value;
      if (outcome.next !== 'edit') return undefined;
      input = await askWebhookInput(catalogue, title, kept);
    }
    return undefined;
  }

  async function resolveTarget(nodeOrArgs: unknown): Promise<{ account: Account; webhook: Webhook } | undefined> {
    if (isWebhookItem(nodeOrArgs)) return { account: nodeOrArgs.account, webhook: nodeOrArgs.webhook };
    const args = (nodeOrArgs ?? {}) as WebhookArgs;
    const account = await accounts.pick(vscode.l10n.t('Which account?'), args.account);
    if (!account || args.id === undefined) return undefined;
    const outcome = await withRetry(vscode.l10n.t('Loading webhook {0}', args.id), () => model.get(account, args.id!), false);
    return outcome.ok ? { account, webhook: outcome.value } : undefined;
  }

  async function setStatus(nodeOrArgs: unknown, status: 'enable' | 'disable'): Promise<Webhook | undefined> {
    const target = await resolveTarget(nodeOrArgs);
    if (!target) return undefined;
    const { account, webhook } = target;
    const name = webhook.name ?? '';
    const progress = status === 'enable' ? vscode.l10n.t('Enabling webhook "{0}"', name) : vscode.l10n.t('Disabling webhook "{0}"', name);
    const outcome = await withRetry(progress, () => model.setStatus(account, webhook, status), false);
    if (!outcome.ok) return undefined;
    const done =
      status === 'enable'
        ? vscode.l10n.t('Webhook "{0}" enabled: Chat2Desk delivers to it.', name)
        : vscode.l10n.t('Webhook "{0}" disabled: Chat2Desk stops delivering to it.', name);
    vscode.window.setStatusBarMessage(`$(check) ${done}`, 5000);
    return outcome.value;
  }

  const asArgs = (value: unknown): WebhookArgs => (typeof value === 'object' && value !== null && !isWebhookItem(value) ? (value as WebhookArgs) : {});
  const fullInput = (args: WebhookArgs): WebhookInput | undefined =>
    args.name && args.url && args.events
      ? { name: args.name, url: args.url, events: args.events, ...(args.channels ? { channels: args.channels } : {}) }
      : undefined;

  context.subscriptions.push(
    provider,
    view,
    jsonChanged,
    accounts.onDidChange(() => void provider.refresh()),
    vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, {
      onDidChange: jsonChanged.event,
      provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand(COMMANDS.refreshWebhooks, () => provider.refresh(true)),

    vscode.commands.registerCommand(COMMANDS.addWebhook, async (rawArgs?: unknown) => {
      const args = asArgs(rawArgs);
      const account = await accounts.pick(vscode.l10n.t('Add a webhook to which account?'), args.account);
      if (!account) return undefined;
      if (model.webhooksOf(account) === undefined) await provider.refresh(true);
      const count = model.webhooksOf(account)?.length ?? 0;
      if (count >= catalogue.freeWebhookLimit && !args.skipConfirmation) {
        const addAnyway = vscode.l10n.t('Add Anyway');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('"{0}" already has {1} webhooks.', account.name, count),
          {
            modal: true,
            detail: vscode.l10n.t('Chat2Desk supports up to {0} simultaneous webhooks for free; more may need a paid plan.', catalogue.freeWebhookLimit),
          },
          addAnyway,
        );
        if (answer !== addAnyway) return undefined;
      }
      const created = await saveWebhook(
        vscode.l10n.t('Add Chat2Desk webhook to "{0}"', account.name),
        (input) => vscode.l10n.t('Creating webhook "{0}"', input.name),
        fullInput(args),
        undefined,
        (input) => model.create(account, input),
      );
      if (created) void vscode.window.showInformationMessage(vscode.l10n.t('Webhook "{0}" created.', created.name ?? ''));
      return created;
    }),

    vscode.commands.registerCommand(COMMANDS.editWebhook, async (nodeOrArgs?: unknown) => {
      const target = await resolveTarget(nodeOrArgs);
      if (!target) return undefined;
      const { account, webhook } = target;
      const current = { name: webhook.name ?? '', url: webhook.url ?? '', events: webhook.events, channels: webhook.channels ?? undefined };
      const updated = await saveWebhook(
        vscode.l10n.t('Edit webhook "{0}"', webhook.name ?? ''),
        (input) => vscode.l10n.t('Updating webhook "{0}"', input.name),
        fullInput(asArgs(nodeOrArgs)),
        current,
        (input) => model.update(account, webhook, input),
      );
      if (updated) void vscode.window.showInformationMessage(vscode.l10n.t('Webhook "{0}" updated.', updated.name ?? ''));
      return updated;
    }),

    vscode.commands.registerCommand(COMMANDS.enableWebhook, (nodeOrArgs?: unknown) => setStatus(nodeOrArgs, 'enable')),
    vscode.commands.registerCommand(COMMANDS.disableWebhook, (nodeOrArgs?: unknown) => setStatus(nodeOrArgs, 'disable')),

    vscode.commands.registerCommand(COMMANDS.deleteWebhook, async (nodeOrArgs?: unknown, options?: { skipConfirmation?: boolean }) => {
      const target = await resolveTarget(nodeOrArgs);
      if (!target) return false;
      const { account, webhook } = target;
      if (!(options?.skipConfirmation ?? asArgs(nodeOrArgs).skipConfirmation)) {
        const remove = vscode.l10n.t('Delete');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Delete the webhook "{0}"?', webhook.name ?? ''),
          {
            modal: true,
            detail: `${redactUrl(webhook.url ?? '')}\n${vscode.l10n.t('Chat2Desk stops sending its events ({0}). This cannot be undone.', webhook.events.join(', '))}`,
          },
          remove,
        );
        if (answer !== remove) return false;
      }
      const outcome = await withRetry(vscode.l10n.t('Deleting webhook "{0}"', webhook.name ?? ''), () => model.remove(account, webhook), false);
      return outcome.ok;
    }),

    vscode.commands.registerCommand(COMMANDS.copyWebhookUrl, async (node?: unknown) => {
      if (!isWebhookItem(node)) return;
      await vscode.env.clipboard.writeText(node.webhook.url ?? '');
      vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Webhook URL copied')}`, 3000);
    }),

    vscode.commands.registerCommand(COMMANDS.openWebhookJson, async (node?: unknown) => {
      if (!isWebhookItem(node)) return undefined;
      const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${node.account.name}/webhook-${node.webhook.id}.json` });
      documents.set(uri.toString(), `${JSON.stringify(node.webhook, null, 2)}\n`);
      jsonChanged.fire(uri);
      const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),

    vscode.commands.registerCommand(COMMANDS.sendTestEvent, async (node?: unknown, rawArgs?: unknown) => {
      if (!isWebhookItem(node)) return [];
      const { account, webhook } = node;
      const args = asArgs(rawArgs);
      const documented = webhook.events.map((s) => eventBySubscription(catalogue, s)).filter((e) => e !== undefined);
      if (documented.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" subscribes to no documented event, so there is no example to send.', webhook.name ?? ''));
        return [];
      }
      const event = args.event
        ? documented.find((e) => e.subscription === args.event)
        : documented.length === 1
          ? documented[0]
          : (
              await vscode.window.showQuickPick(
                documented.map((e) => ({
                  label: e.subscription,
                  description: e.hookType !== e.subscription ? `hook_type ${e.hookType}` : undefined,
                  detail: e.description,
                  event: e,
                })),
                {
                  title: vscode.l10n.t('Send a test event to "{0}"', webhook.name ?? ''),
                  placeHolder: vscode.l10n.t('Which event? Its documented example is sent, with a fresh event_time.'),
                },
              )
            )?.event;
      if (!event) return [];
      if (webhook.status === 'disable' && !args.skipConfirmation) {
        const sendAnyway = vscode.l10n.t('Send Anyway');
        const enableAndSend = vscode.l10n.t('Enable and Send');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('"{0}" is disabled: Chat2Desk would not deliver this event to it.', webhook.name ?? ''),
          { modal: true, detail: vscode.l10n.t('Send the test event to {0} anyway, or enable the webhook first?', redactUrl(webhook.url ?? '')) },
          sendAnyway,
          enableAndSend,
        );
        if (answer !== sendAnyway && answer !== enableAndSend) return [];
        if (answer === enableAndSend && !(await setStatus(node, 'enable'))) return [];
      }
      return sender.send(
        [
          {
            source: vscode.l10n.t('test {0} event ({1})', event.subscription, event.examples[event.examples.length - 1]),
            text: examplePayloadText(schemasDir, event),
            provider: 'chat2desk',
          },
        ],
        { url: webhook.url ?? '', name: webhook.name ?? undefined, headers: {} },
        { account, skipValidation: true },
      );
    }),
  );
  return {
    states: () => model.stateList().map(({ account, state }) => ({ account: account.name, state })),
    roots: () => provider.getChildren(),
    // The token goes only where its origin binding (or the user's consent) allows, for other features too.
    clientFor: (account) => model.client(account, true),
  };
}
