// "Connect to My Chat2Desk Account…": a temporary webhook on the account, pointing at the user's own
// tunnel to the listener; removed when listening stops (ListenService), leftovers offered for removal.
/* eslint-disable max-lines-per-function -- over 80 lines until issue 18 item 4 makes this feature an entry that registers and a controller with one method per command */
import * as vscode from 'vscode';
import type { Chat2DeskClient } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import type { ListenAddress } from '../../core/listen/listener';
import { createTemporaryWebhook, planConnect, removeTemporaryWebhooks } from '../../core/listen/temporary-webhook';
import { parseEndpointUrl } from '../../core/send';
import type { Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import type { ListenService } from './listen-service';
import { RECEIVED_VIEW_ID } from './received-tree';
import { COMMANDS } from '../ids';

/** Automation arguments (tests, keybindings): skip the prompts. */
interface ConnectArgs {
  account?: string;
  publicUrl?: string;
  events?: string[];
  skipConfirmation?: boolean;
}

/** The shared services it uses (the listen feature's ListenDeps has them). */
export interface ConnectAccountDeps {
  accounts: Accounts;
  catalogue: EventCatalogue;
  clientFor: (account: Account) => Promise<Chat2DeskClient | undefined>;
  log: vscode.LogOutputChannel;
}

export function registerConnectAccount(
  deps: ConnectAccountDeps,
  service: ListenService,
  start: (args: { skipConfirmation?: boolean }) => Promise<ListenAddress | undefined>,
): vscode.Disposable {
  const { accounts, catalogue, log } = deps;
  return vscode.commands.registerCommand(COMMANDS.connectAccount, async (rawArgs?: ConnectArgs) => {
    const args = rawArgs ?? {};
    const account = await accounts.pick(vscode.l10n.t('Connect which Chat2Desk account to the listener?'), args.account);
    if (!account) return undefined;
    const client = await deps.clientFor(account);
    if (!client) {
      void vscode.window
        .showErrorMessage(vscode.l10n.t('No Chat2Desk API token is set for "{0}".', account.name), vscode.l10n.t('Set API Token'))
        .then((c) => c && vscode.commands.executeCommand(COMMANDS.setApiToken, { account: account.name }));
      return undefined;
    }
    const address = service.address ?? (await start({ skipConfirmation: args.skipConfirmation }));
    if (!address) return undefined;
    const publicUrl =
      args.publicUrl ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Connect "{0}" to the listener on {1}', account.name, address.url),
        prompt: vscode.l10n.t(
          'A public URL that reaches {0}. Chat2Desk cannot reach 127.0.0.1: start a tunnel yourself, e.g. "ngrok http {1}", "cloudflared tunnel --url {0}", or VS Code\'s Ports view (Forward a Port, visibility Public).',
          address.url,
          address.port,
        ),
        placeHolder: 'https://abc123.ngrok-free.app/',
        ignoreFocusOut: true,
        validateInput: (value) => {
          try {
            parseEndpointUrl(value);
            return /^https?:\/\/(127\.|localhost|\[::1\])/.test(value.trim())
              ? vscode.l10n.t("Chat2Desk cannot reach this machine's loopback address: use your tunnel's public URL.")
              : undefined;
          } catch (error) {
            return describeError(error);
          }
        },
      }));
    if (!publicUrl) return undefined;
    const events =
      args.events ??
      (
        await vscode.window.showQuickPick(
          catalogue.events.map((e) => ({
            label: e.subscription,
            description: e.hookType !== e.subscription ? `hook_type ${e.hookType}` : undefined,
            detail: e.description,
            picked: e.subscription === 'inbox',
          })),
          { title: vscode.l10n.t('Which events should Chat2Desk send to the listener?'), canPickMany: true },
        )
      )?.map((p) => p.label);
    if (!events || events.length === 0) return undefined;
    try {
      let plan = await vscode.window.withProgress({ location: { viewId: RECEIVED_VIEW_ID }, title: vscode.l10n.t("Checking the account's webhooks") }, () =>
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
      if (strays.length && !args.skipConfirmation) {
        const removeThem = vscode.l10n.t('Remove Them');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t(
            '"{0}" still has {1} temporary Webhook Studio webhook(s) from earlier sessions: {2}.',
            account.name,
            strays.length,
            strays.map((w) => `"${w.name}" → ${w.url}`).join(', '),
          ),
          { modal: true, detail: vscode.l10n.t('Chat2Desk keeps sending events to them. Remove them first?') },
          removeThem,
          vscode.l10n.t('Keep Them'),
        );
        if (answer === undefined) return undefined;
        if (answer === removeThem) {
          const { failed } = await removeTemporaryWebhooks(client, strays);
          for (const f of failed) log.error(`Could not remove leftover webhook ${f.id}: ${describeError(f.error)}`);
          plan = await planConnect(client, catalogue.freeWebhookLimit);
        }
      }
      if (plan.overFreeLimit && !args.skipConfirmation) {
        const createAnyway = vscode.l10n.t('Create Anyway');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('This would be webhook number {0} of "{1}".', plan.existing + 1, account.name),
          {
            modal: true,
            detail: `${vscode.l10n.t('Chat2Desk supports up to {0} simultaneous webhooks for free; more may need a paid plan.', catalogue.freeWebhookLimit)}${plan.leftovers.length ? ` ${vscode.l10n.t('{0} of them are temporary Webhook Studio webhooks left from earlier sessions.', plan.leftovers.length)}` : ''}`,
          },
          createAnyway,
        );
        if (answer !== createAnyway) return undefined;
      }
      const created = await createTemporaryWebhook(client, publicUrl.trim(), events);
      await service.rememberTemporary(account, created);
      log.info(
        `Connected "${account.name}": temporary webhook ${created.id} (${created.name}) sends ${events.join(', ')} to ${publicUrl}; removed when listening stops`,
      );
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '"{0}" now sends {1} to {2} (temporary webhook "{3}"). It is removed when you stop listening.',
          account.name,
          events.join(', '),
          publicUrl.trim(),
          created.name ?? '',
        ),
      );
      void vscode.commands.executeCommand(COMMANDS.refreshWebhooks);
      return created;
    } catch (error) {
      log.error(`Connect failed: ${describeError(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect "{0}": {1}', account.name, describeError(error)));
      return undefined;
    }
  });
}
