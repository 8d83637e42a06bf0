// "Connect to My Chat2Desk Account…": a temporary webhook on the account, pointing at the user's own
// tunnel to the listener; removed when listening stops (ListenService), leftovers offered for removal.
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { ListenAddress } from '../../core/listen/listener';
import { createTemporaryWebhook, planConnect, removeTemporaryWebhooks } from '../../core/listen/temporary-webhook';
import { parseEndpointUrl } from '../../core/send';
import type { ListenDeps } from './listen-commands';
import type { ListenService } from './listen-service';
import { RECEIVED_VIEW_ID } from './received-tree';
import { COMMANDS } from '../ids';

/** Automation arguments (tests, keybindings): skip the prompts. */
interface ConnectArgs { account?: string; publicUrl?: string; events?: string[]; skipConfirmation?: boolean }

export function registerConnectAccount(deps: ListenDeps, service: ListenService, start: (args: { skipConfirmation?: boolean }) => Promise<ListenAddress | undefined>): vscode.Disposable {
  const { accounts, catalogue, log } = deps;
  return vscode.commands.registerCommand(COMMANDS.connectAccount, async (rawArgs?: ConnectArgs) => {
    const args = rawArgs ?? {};
    const account = await accounts.pick('Connect which Chat2Desk account to the listener?', args.account);
    if (!account) return undefined;
    const client = await deps.clientFor(account);
    if (!client) {
      void vscode.window.showErrorMessage(`No Chat2Desk API token is set for "${account.name}".`, 'Set API Token').then((c) => c && vscode.commands.executeCommand(COMMANDS.setApiToken, { account: account.name }));
      return undefined;
    }
    const address = service.address ?? await start({ skipConfirmation: args.skipConfirmation });
    if (!address) return undefined;
    const publicUrl = args.publicUrl ?? await vscode.window.showInputBox({
      title: `Connect "${account.name}" to the listener on ${address.url}`,
      prompt: `A public URL that reaches ${address.url}. Chat2Desk cannot reach 127.0.0.1: start a tunnel yourself, e.g. "ngrok http ${address.port}", "cloudflared tunnel --url ${address.url}", or VS Code's Ports view (Forward a Port, visibility Public).`,
      placeHolder: 'https://abc123.ngrok-free.app/', ignoreFocusOut: true,
      validateInput: (value) => { try { parseEndpointUrl(value); return /^https?:\/\/(127\.|localhost|\[::1\])/.test(value.trim()) ? 'Chat2Desk cannot reach this machine\'s loopback address: use your tunnel\'s public URL.' : undefined; } catch (error) { return describeError(error); } },
    });
    if (!publicUrl) return undefined;
    const events = args.events ?? (await vscode.window.showQuickPick(catalogue.events.map((e) => ({ label: e.subscription, description: e.hookType !== e.subscription ? `hook_type ${e.hookType}` : undefined, detail: e.description, picked: e.subscription === 'inbox' })), { title: 'Which events should Chat2Desk send to the listener?', canPickMany: true }))?.map((p) => p.label);
    if (!events || events.length === 0) return undefined;
    try {
      let plan = await vscode.window.withProgress({ location: { viewId: RECEIVED_VIEW_ID }, title: 'Checking the account\'s webhooks' }, () => planConnect(client, catalogue.freeWebhookLimit));
      // Temporary webhooks this window does not own: left by a crash, or by another machine.
      const owned = new Set(service.temporaryRecords().filter((r) => r.account === account.name).map((r) => r.id));
      const strays = plan.leftovers.filter((w) => !owned.has(w.id));
      if (strays.length && !args.skipConfirmation) {
        const answer = await vscode.window.showWarningMessage(`"${account.name}" still has ${strays.length} temporary Webhook Studio webhook(s) from earlier sessions: ${strays.map((w) => `"${w.name}" → ${w.url}`).join(', ')}.`, { modal: true, detail: 'Chat2Desk keeps sending events to them. Remove them first?' }, 'Remove Them', 'Keep Them');
        if (answer === undefined) return undefined;
        if (answer === 'Remove Them') {
          const { failed } = await removeTemporaryWebhooks(client, strays);
          for (const f of failed) log.error(`Could not remove leftover webhook ${f.id}: ${describeError(f.error)}`);
          plan = await planConnect(client, catalogue.freeWebhookLimit);
        }
      }
      if (plan.overFreeLimit && !args.skipConfirmation) {
        const answer = await vscode.window.showWarningMessage(`This would be the ${ordinal(plan.existing + 1)} webhook of "${account.name}".`, { modal: true, detail: `Chat2Desk supports up to ${catalogue.freeWebhookLimit} simultaneous webhooks for free; more may need a paid plan.${plan.leftovers.length ? ` ${plan.leftovers.length} of them are temporary Webhook Studio webhooks left from earlier sessions.` : ''}` }, 'Create Anyway');
        if (answer !== 'Create Anyway') return undefined;
      }
      const created = await createTemporaryWebhook(client, publicUrl.trim(), events);
      await service.rememberTemporary(account, created);
      log.info(`Connected "${account.name}": temporary webhook ${created.id} (${created.name}) sends ${events.join(', ')} to ${publicUrl}; removed when listening stops`);
      void vscode.window.showInformationMessage(`"${account.name}" now sends ${events.join(', ')} to ${publicUrl.trim()} (temporary webhook "${created.name}"). It is removed when you stop listening.`);
      void vscode.commands.executeCommand(COMMANDS.refreshWebhooks);
      return created;
    } catch (error) {
      log.error(`Connect failed: ${describeError(error)}`);
      void vscode.window.showErrorMessage(`Could not connect "${account.name}": ${describeError(error)}`);
      return undefined;
    }
  });
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
