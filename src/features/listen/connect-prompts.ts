// The questions "Connect to My Chat2Desk Account…" asks: the tunnel's public URL, the events, what to do
// about temporary webhooks left from earlier sessions, and whether to go over the free limit.
import * as vscode from 'vscode';
import type { Webhook } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import type { ListenAddress } from '../../core/listen/listener';
import { parseEndpointUrl } from '../../core/send';
import type { Account } from '../../core/settings';

export function askPublicUrl(account: Account, address: ListenAddress): Thenable<string | undefined> {
  return vscode.window.showInputBox({
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
  });
}

export async function pickEvents(catalogue: EventCatalogue): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    catalogue.events.map((e) => ({
      label: e.subscription,
      description: e.hookType !== e.subscription ? `hook_type ${e.hookType}` : undefined,
      detail: e.description,
      picked: e.subscription === 'inbox',
    })),
    { title: vscode.l10n.t('Which events should Chat2Desk send to the listener?'), canPickMany: true },
  );
  return picked?.map((p) => p.label);
}

/** Temporary webhooks this window does not own: remove them first ('remove'), keep them ('keep'), or stop. */
export async function askAboutStrays(account: Account, strays: readonly Webhook[]): Promise<'remove' | 'keep' | undefined> {
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
  return answer === undefined ? undefined : answer === removeThem ? 'remove' : 'keep';
}

/** Whether to create webhook number `existing + 1` over the free limit (`leftovers` of them temporary). */
export async function confirmOverFreeLimit(account: Account, existing: number, leftovers: number, freeLimit: number): Promise<boolean> {
  const createAnyway = vscode.l10n.t('Create Anyway');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('This would be webhook number {0} of "{1}".', existing + 1, account.name),
    {
      modal: true,
      detail: `${vscode.l10n.t('Chat2Desk supports up to {0} simultaneous webhooks for free; more may need a paid plan.', freeLimit)}${leftovers ? ` ${vscode.l10n.t('{0} of them are temporary Webhook Studio webhooks left from earlier sessions.', leftovers)}` : ''}`,
    },
    createAnyway,
  );
  return answer === createAnyway;
}
