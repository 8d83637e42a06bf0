// The questions the webhook commands ask before they change anything: over the free limit, delete for
// good, which documented event to send, and what to do about a disabled webhook.
import * as vscode from 'vscode';
import type { Webhook } from '../../core/chat2desk/api';
import type { CatalogueEvent } from '../../core/chat2desk/events';
import { redactUrl } from '../../core/redact';
import type { Account } from '../../core/settings';

/** Whether to add one more webhook to an account that has `count` already (at or over the free limit). */
export async function confirmOverFreeLimit(account: Account, count: number, freeLimit: number): Promise<boolean> {
  const addAnyway = vscode.l10n.t('Add Anyway');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('"{0}" already has {1} webhooks.', account.name, count),
    {
      modal: true,
      detail: vscode.l10n.t('Chat2Desk supports up to {0} simultaneous webhooks for free; more may need a paid plan.', freeLimit),
    },
    addAnyway,
  );
  return answer === addAnyway;
}

export async function confirmDelete(webhook: Webhook): Promise<boolean> {
  const remove = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the webhook "{0}"?', webhook.name ?? ''),
    {
      modal: true,
      detail: `${redactUrl(webhook.url ?? '')}\n${vscode.l10n.t('Chat2Desk stops sending its events ({0}). This cannot be undone.', webhook.events.join(', '))}`,
    },
    remove,
  );
  return answer === remove;
}

/** The event `given` names, the only one documented, or the one picked. */
export async function pickTestEvent(webhook: Webhook, documented: CatalogueEvent[], given: string | undefined): Promise<CatalogueEvent | undefined> {
  if (given) return documented.find((e) => e.subscription === given);
  if (documented.length === 1) return documented[0];
  const picked = await vscode.window.showQuickPick(
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
  );
  return picked?.event;
}

/** A test event to a disabled webhook: send anyway, enable it first, or neither (undefined). */
export async function askAboutDisabled(webhook: Webhook): Promise<'send' | 'enable' | undefined> {
  const sendAnyway = vscode.l10n.t('Send Anyway');
  const enableAndSend = vscode.l10n.t('Enable and Send');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('"{0}" is disabled: Chat2Desk would not deliver this event to it.', webhook.name ?? ''),
    { modal: true, detail: vscode.l10n.t('Send the test event to {0} anyway, or enable the webhook first?', redactUrl(webhook.url ?? '')) },
    sendAnyway,
    enableAndSend,
  );
  return answer === sendAnyway ? 'send' : answer === enableAndSend ? 'enable' : undefined;
}
