// "Connect to My Chat2Desk Account…": a temporary webhook on the account, pointing at the user's own
// tunnel to the listener; removed when listening stops (ListenService), leftovers offered for removal.
import * as vscode from 'vscode';
import type { Chat2DeskClient, Webhook } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import type { ListenAddress } from '../../core/listen/listener';
import { createTemporaryWebhook, planConnect, removeTemporaryWebhooks, type ConnectPlan } from '../../core/listen/temporary-webhook';
import type { Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import { commandInput, showFailure } from '../commands';
import { askAboutStrays, askPublicUrl, confirmOverFreeLimit, pickEvents } from './connect-prompts';
import type { ListenService } from './listen-service';
import { RECEIVED_VIEW_ID } from './received-tree';
import { COMMANDS } from '../ids';

/** Automation arguments (tests, keybindings): skip the prompts. */
export interface ConnectArgs {
  account?: string;
  publicUrl?: string;
  events?: string[];
  skipConfirmation?: boolean;
}

export interface ConnectDeps {
  accounts: Accounts;
  catalogue: EventCatalogue;
  service: ListenService;
  /** Start Listening, for an account connected while the listener is off. */
  start: (args: { skipConfirmation?: boolean }) => Promise<ListenAddress | undefined>;
  log: vscode.LogOutputChannel;
}

export class ConnectController {
  constructor(private readonly deps: ConnectDeps) {}

  /** The account, its API client, the listener, the public URL and the events; then the webhook. */
  async connect(rawArgs?: unknown): Promise<Webhook | undefined> {
    const { accounts, service } = this.deps;
    const { args } = commandInput<ConnectArgs>([rawArgs]);
    const account = await accounts.pick(vscode.l10n.t('Connect which Chat2Desk account to the listener?'), args.account);
    if (!account) return undefined;
    const client = await accounts.client(account);
    if (!client) {
      void vscode.window
        .showErrorMessage(vscode.l10n.t('No Chat2Desk API token is set for "{0}".', account.name), vscode.l10n.t('Set API Token'))
        .then((c) => c && vscode.commands.executeCommand(COMMANDS.setApiToken, { account: account.name }));
      return undefined;
    }
    const address = service.address ?? (await this.deps.start({ skipConfirmation: args.skipConfirmation }));
    if (!address) return undefined;
    const publicUrl = args.publicUrl ?? (await askPublicUrl(account, address));
    if (!publicUrl) return undefined;
    const events = args.events ?? (await pickEvents(this.deps.catalogue));
    if (!events || events.length === 0) return undefined;
    try {
      return await this.register(account, client, publicUrl.trim(), events, args.skipConfirmation === true);
    } catch (error) {
      void showFailure(this.deps.log, error, {
        logAs: 'Connect failed',
        message: vscode.l10n.t('Could not connect "{0}": {1}', account.name, describeError(error)),
      });
      return undefined;
    }
  }

  /** Checks the account's webhooks (asking about leftovers and the free limit), then creates the temporary one. */
  private async register(account: Account, client: Chat2DeskClient, publicUrl: string, events: string[], silent: boolean): Promise<Webhook | undefined> {
    const { catalogue, service, log } = this.deps;
    const plan = await this.plan(account, client, silent);
    if (!plan) return undefined;
    if (plan.overFreeLimit && !silent && !(await confirmOverFreeLimit(account, plan.existing, plan.leftovers.length, catalogue.freeWebhookLimit)))
      return undefined;
    const created = await createTemporaryWebhook(client, publicUrl, events);
    await service.rememberTemporary(account, created);
    log.info(
      `Connected "${account.name}": temporary webhook ${created.id} (${created.name}) sends ${events.join(', ')} to ${publicUrl}; removed when listening stops`,
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '"{0}" now sends {1} to {2} (temporary webhook "{3}"). It is removed when you stop listening.',
        account.name,
        events.join(', '),
        publicUrl,
        created.name ?? '',
      ),
    );
    void vscode.commands.executeCommand(COMMANDS.refreshWebhooks);
    return created;
  }

  /** The account's webhooks as Connect counts them; leftovers of other sessions removed first if the user says so. */
  private async plan(account: Account, client: Chat2DeskClient, silent: boolean): Promise<ConnectPlan | undefined> {
    const { catalogue, service, log } = this.deps;
    const plan = await vscode.window.withProgress({ location: { viewId: RECEIVED_VIEW_ID }, title: vscode.l10n.t("Checking the account's webhooks") }, () =>
      planConnect(client, catalogue.freeWebhookLimit),
    );
    // Temporary webhooks this window does not own: left by a crash, or by another machine.
    const owned = new Set(
      service
        .temporaryRecords()
        .filter((r) => r.account === account.name)
        .map((r) => r.id),
    );
    const strays = plan.leftovers.filter((w) => !owned.has(w.id));
    if (!strays.length || silent) return plan;
    const answer = await askAboutStrays(account, strays);
    if (answer !== 'remove') return answer && plan;
    const { failed } = await removeTemporaryWebhooks(client, strays);
    for (const f of failed) log.error(`Could not remove leftover webhook ${f.id}: ${describeError(f.error)}`);
    return planConnect(client, catalogue.freeWebhookLimit);
  }
}
