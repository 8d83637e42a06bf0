// The commands of the Chat2Desk Webhooks view, one method each: Refresh, Add, Edit, Enable, Disable,
// Delete, Copy URL, Open as JSON, Send Test Event. Each runs on the item it was invoked on, or on
// automation arguments ({ account, id, name, url, events, … }: tests, keybindings) that skip the prompts.
import * as vscode from 'vscode';
import type { Webhook, WebhookInput } from '../../core/chat2desk/api';
import { eventBySubscription, examplePayloadText, type EventCatalogue } from '../../core/chat2desk/events';
import { describeError, MissingTokenError } from '../../core/errors';
import type { Exchange } from '../../core/exchange';
import type { Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import { commandInput, showFailure } from '../commands';
import type { WebhookSender } from '../send/webhook-sender';
import { attemptWithRetry, type Outcome } from './retry-flow';
import type { WebhookNode } from './tree-model';
import type { WebhookDocuments } from './webhook-documents';
import { askWebhookInput } from './webhook-form';
import { askAboutDisabled, confirmDelete, confirmOverFreeLimit, pickTestEvent } from './webhook-prompts';
import type { WebhooksModel } from './webhooks-model';
import { VIEW_ID, type WebhooksTreeProvider } from './webhooks-tree-provider';
import { COMMANDS } from '../ids';

/** Automation arguments (keybindings, tasks, tests): skip the prompts. */
export interface WebhookArgs extends Partial<WebhookInput> {
  account?: string;
  id?: number;
  event?: string;
  skipConfirmation?: boolean;
}

type WebhookItem = Extract<WebhookNode, { type: 'webhook' }>;
const isWebhookItem = (value: unknown): value is WebhookItem => typeof value === 'object' && value !== null && (value as WebhookNode).type === 'webhook';

/** The webhook a command runs on: its item, or automation arguments that name it. */
const inputOf = (...values: unknown[]) => commandInput<WebhookArgs, WebhookItem>(values, isWebhookItem);

export interface WebhooksControllerDeps {
  accounts: Accounts;
  catalogue: EventCatalogue;
  schemasDir: string;
  sender: WebhookSender;
  model: WebhooksModel;
  provider: WebhooksTreeProvider;
  documents: WebhookDocuments;
  log: vscode.LogOutputChannel;
}

export class WebhooksController {
  constructor(private readonly deps: WebhooksControllerDeps) {}

  refresh(): Promise<void> {
    return this.deps.provider.refresh(true);
  }

  async add(rawArgs?: unknown): Promise<Webhook | undefined> {
    const { accounts, model, provider, catalogue } = this.deps;
    const { args } = inputOf(rawArgs);
    const account = await accounts.pick(vscode.l10n.t('Add a webhook to which account?'), args.account);
    if (!account) return undefined;
    if (model.webhooksOf(account) === undefined) await provider.refresh(true);
    const count = model.webhooksOf(account)?.length ?? 0;
    if (count >= catalogue.freeWebhookLimit && !args.skipConfirmation && !(await confirmOverFreeLimit(account, count, catalogue.freeWebhookLimit)))
      return undefined;
    const created = await this.save(
      vscode.l10n.t('Add Chat2Desk webhook to "{0}"', account.name),
      (input) => vscode.l10n.t('Creating webhook "{0}"', input.name),
      fullInput(args),
      undefined,
      (input) => model.create(account, input),
    );
    if (created) void vscode.window.showInformationMessage(vscode.l10n.t('Webhook "{0}" created.', created.name ?? ''));
    return created;
  }

  async edit(nodeOrArgs?: unknown): Promise<Webhook | undefined> {
    const target = await this.targetOf(nodeOrArgs);
    if (!target) return undefined;
    const { account, webhook } = target;
    const current = { name: webhook.name ?? '', url: webhook.url ?? '', events: webhook.events, channels: webhook.channels ?? undefined };
    const updated = await this.save(
      vscode.l10n.t('Edit webhook "{0}"', webhook.name ?? ''),
      (input) => vscode.l10n.t('Updating webhook "{0}"', input.name),
      fullInput(inputOf(nodeOrArgs).args),
      current,
      (input) => this.deps.model.update(account, webhook, input),
    );
    if (updated) void vscode.window.showInformationMessage(vscode.l10n.t('Webhook "{0}" updated.', updated.name ?? ''));
    return updated;
  }

  /** Enable or Disable: Chat2Desk delivers to the webhook, or stops; said in the status bar. */
  async setStatus(nodeOrArgs: unknown, status: 'enable' | 'disable'): Promise<Webhook | undefined> {
    const target = await this.targetOf(nodeOrArgs);
    if (!target) return undefined;
    const { account, webhook } = target;
    const name = webhook.name ?? '';
    const progress = status === 'enable' ? vscode.l10n.t('Enabling webhook "{0}"', name) : vscode.l10n.t('Disabling webhook "{0}"', name);
    const outcome = await this.withRetry(progress, () => this.deps.model.setStatus(account, webhook, status), false);
    if (!outcome.ok) return undefined;
    const done =
      status === 'enable'
        ? vscode.l10n.t('Webhook "{0}" enabled: Chat2Desk delivers to it.', name)
        : vscode.l10n.t('Webhook "{0}" disabled: Chat2Desk stops delivering to it.', name);
    vscode.window.setStatusBarMessage(`$(check) ${done}`, 5000);
    return outcome.value;
  }

  /** Delete (asked first unless `skipConfirmation`, in the arguments or the options); whether it was deleted. */
  async delete(nodeOrArgs?: unknown, options?: { skipConfirmation?: boolean }): Promise<boolean> {
    const target = await this.targetOf(nodeOrArgs);
    if (!target) return false;
    const { account, webhook } = target;
    if (!(options?.skipConfirmation ?? inputOf(nodeOrArgs).args.skipConfirmation) && !(await confirmDelete(webhook))) return false;
    const outcome = await this.withRetry(vscode.l10n.t('Deleting webhook "{0}"', webhook.name ?? ''), () => this.deps.model.remove(account, webhook), false);
    return outcome.ok;
  }

  async copyUrl(node?: unknown): Promise<void> {
    if (!isWebhookItem(node)) return;
    await vscode.env.clipboard.writeText(node.webhook.url ?? '');
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Webhook URL copied')}`, 3000);
  }

  async openJson(node?: unknown): Promise<vscode.TextDocument | undefined> {
    if (!isWebhookItem(node)) return undefined;
    const document = await this.deps.documents.open(node.account, node.webhook);
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  /** A documented example of one of the webhook's events, sent to its URL signed with the account's token. */
  async sendTestEvent(node?: unknown, rawArgs?: unknown): Promise<Exchange[]> {
    if (!isWebhookItem(node)) return [];
    const { account, webhook } = node;
    const { catalogue, schemasDir } = this.deps;
    const { args } = inputOf(rawArgs);
    const documented = webhook.events.map((s) => eventBySubscription(catalogue, s)).filter((e) => e !== undefined);
    if (documented.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" subscribes to no documented event, so there is no example to send.', webhook.name ?? ''));
      return [];
    }
    const event = await pickTestEvent(webhook, documented, args.event);
    if (!event) return [];
    if (webhook.status === 'disable' && !args.skipConfirmation) {
      const answer = await askAboutDisabled(webhook);
      if (!answer || (answer === 'enable' && !(await this.setStatus(node, 'enable')))) return [];
    }
    return this.deps.sender.send(
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
  }

  /**
   * Runs a create/update/delete with progress in the view. On failure the user can Retry (the same
   * operation, same input), Edit (back to the form, input kept; create and update only) or stop.
   */
  private withRetry<T>(title: string, run: () => Promise<T>, canEdit: boolean): Promise<Outcome<T>> {
    return attemptWithRetry(
      () => Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID }, title }, run)),
      async (error) => {
        if (error instanceof MissingTokenError) {
          const choice = await vscode.window.showErrorMessage(describeError(error), vscode.l10n.t('Set API Token'));
          if (choice) await vscode.commands.executeCommand(COMMANDS.setApiToken, { account: error.account });
          return undefined;
        }
        const retry = vscode.l10n.t('Retry');
        const edit = vscode.l10n.t('Edit…');
        const choice = await showFailure(this.deps.log, error, {
          logAs: title,
          message: vscode.l10n.t('{0} failed: {1}', title, describeError(error)),
          actions: [retry, ...(canEdit ? [edit] : [])],
        });
        return choice === retry ? 'retry' : choice === edit ? 'edit' : undefined;
      },
    );
  }

  /** Asks for the input (or takes it from automation arguments), runs, and on "Edit…" asks again with it. */
  private async save<T>(
    title: string,
    progress: (input: WebhookInput) => string,
    first: WebhookInput | undefined,
    current: Partial<WebhookInput> | undefined,
    run: (input: WebhookInput) => Promise<T>,
  ): Promise<T | undefined> {
    let input = first ?? (await askWebhookInput(this.deps.catalogue, title, current));
    while (input) {
      const kept: WebhookInput = input;
      const outcome = await this.withRetry(progress(kept), () => run(kept), true);
      if (outcome.ok) return outcome.value;
      if (outcome.next !== 'edit') return undefined;
      input = await askWebhookInput(this.deps.catalogue, title, kept);
    }
    return undefined;
  }

  /** The item's webhook, or the one `{ account, id }` names, loaded from the API. */
  private async targetOf(nodeOrArgs: unknown): Promise<{ account: Account; webhook: Webhook } | undefined> {
    const { node, args } = inputOf(nodeOrArgs);
    if (node) return { account: node.account, webhook: node.webhook };
    const account = await this.deps.accounts.pick(vscode.l10n.t('Which account?'), args.account);
    const id = args.id;
    if (!account || id === undefined) return undefined;
    const outcome = await this.withRetry(vscode.l10n.t('Loading webhook {0}', id), () => this.deps.model.get(account, id), false);
    return outcome.ok ? { account, webhook: outcome.value } : undefined;
  }
}

/** The whole form's input from automation arguments, when they hold all of it. */
function fullInput(args: WebhookArgs): WebhookInput | undefined {
  return args.name && args.url && args.events
    ? { name: args.name, url: args.url, events: args.events, ...(args.channels ? { channels: args.channels } : {}) }
    : undefined;
}
