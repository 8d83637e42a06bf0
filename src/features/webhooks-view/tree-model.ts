// What the "Chat2Desk Webhooks" view shows, as plain data (no vscode import): states per account,
// the children of each node and how each node is presented. The provider only maps this to TreeItems.
import type { Webhook } from '../../core/chat2desk/api';
import { eventBySubscription, type EventCatalogue } from '../../core/chat2desk/events';
import { t } from '../../core/l10n';
import type { Account } from '../../core/settings';
import { COMMANDS } from '../ids';
import { escapeMarkdown } from '../markdown';
import type { NodePresentation } from '../node-presentation';

export type AccountState =
  { kind: 'loading' } | { kind: 'no-token' } | { kind: 'error'; cause: ErrorCause; message: string } | { kind: 'loaded'; webhooks: Webhook[] };

export type WebhookNode =
  | { type: 'account'; account: Account; state: AccountState }
  | { type: 'webhook'; account: Account; webhook: Webhook }
  /** `occurrence`: 0, or how many times the API listed this event before (ids must differ). */
  | { type: 'event'; account: Account; webhook: Webhook; subscription: string; occurrence: number }
  | { type: 'channels'; account: Account; webhook: Webhook }
  | { type: 'errors'; account: Account; webhook: Webhook; errors: string[] }
  | { type: 'error-line'; account: Account; webhook: Webhook; text: string; index: number }
  | { type: 'notice'; account: Account; text: string; action?: 'set-token' | 'retry' | 'add' };

/** A webhook node's presentation, with the command a click runs. */
export interface Presentation extends NodePresentation {
  command?: { command: string; title: string; args: 'account' | 'node' };
}

/** Why an account's webhooks could not be listed; each has its own welcome content and next step. */
export const ERROR_CAUSES = ['unauthorized', 'unreachable', 'serverError', 'rateLimited', 'badResponse', 'untrusted', 'error'] as const;
export type ErrorCause = (typeof ERROR_CAUSES)[number];

/**
 * What the view's welcome content keys on (context key webhookStudio.webhooksState) when a single
 * account shows nothing. Errors are keyed by cause: the welcome text says it, with Retry / Set Token.
 */
export type ViewState = 'loading' | 'noToken' | ErrorCause | 'empty' | 'loaded';

export function viewState(states: { account: Account; state: AccountState }[]): ViewState {
  if (states.length !== 1) return 'loaded';
  const { state } = states[0];
  if (state.kind === 'loading') return 'loading';
  if (state.kind === 'no-token') return 'noToken';
  if (state.kind === 'error') return state.cause;
  return state.webhooks.length === 0 ? 'empty' : 'loaded';
}

/** One account: its webhooks at the root (its empty states are welcome content). Several: one root each. */
export function rootNodes(states: { account: Account; state: AccountState }[]): WebhookNode[] {
  if (states.length === 1) {
    const { account, state } = states[0];
    return state.kind === 'loaded' ? state.webhooks.map((webhook) => ({ type: 'webhook', account, webhook })) : [];
  }
  return states.map(({ account, state }) => ({ type: 'account', account, state }));
}

export function childNodes(node: WebhookNode): WebhookNode[] {
  switch (node.type) {
    case 'account': {
      const { account, state } = node;
      if (state.kind === 'loading') return [{ type: 'notice', account, text: t('Loading…') }];
      if (state.kind === 'no-token') return [{ type: 'notice', account, text: t('Set the API token of this account'), action: 'set-token' }];
      if (state.kind === 'error') return [{ type: 'notice', account, text: state.message, action: state.cause === 'unauthorized' ? 'set-token' : 'retry' }];
      if (state.webhooks.length === 0) return [{ type: 'notice', account, text: t('No webhooks yet: add one'), action: 'add' }];
      return state.webhooks.map((webhook) => ({ type: 'webhook', account, webhook }));
    }
    case 'webhook': {
      const { account, webhook } = node;
      const errors = (webhook.errors ?? []).map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
      return [
        ...webhook.events.map((subscription, index) => ({
          type: 'event' as const,
          account,
          webhook,
          subscription,
          occurrence: webhook.events.slice(0, index).filter((e) => e === subscription).length,
        })),
        { type: 'channels', account, webhook },
        ...(errors.length > 0 ? [{ type: 'errors' as const, account, webhook, errors }] : []),
      ];
    }
    case 'errors':
      return node.errors.map((text, index) => ({ type: 'error-line', account: node.account, webhook: node.webhook, text, index }));
    default:
      return [];
  }
}

const channelsText = (webhook: Webhook) =>
  webhook.channels && webhook.channels.length > 0 ? t('channels {0}', webhook.channels.join(', ')) : t('all channels');

export function statusIcon(status: string): { id: string; color?: string } {
  if (status === 'enable') return { id: 'pass-filled', color: 'testing.iconPassed' };
  if (status === 'disable') return { id: 'circle-slash', color: 'disabledForeground' };
  return { id: 'warning', color: 'list.warningForeground' };
}

/** A webhook's status as people say it: Chat2Desk's API says `enable` / `disable`. */
export function statusInWords(status: string): string {
  if (status === 'enable') return t('enabled');
  if (status === 'disable') return t('disabled: Chat2Desk does not deliver to it');
  return status;
}

export function present(node: WebhookNode, catalogue: EventCatalogue): Presentation {
  switch (node.type) {
    case 'account': {
      const counts =
        node.state.kind === 'loaded' ? (node.state.webhooks.length === 1 ? t('1 webhook') : t('{0} webhooks', node.state.webhooks.length)) : undefined;
      return {
        id: `account/${idPart(node.account.name)}`,
        label: node.account.name,
        description: counts ?? node.account.apiBaseUrl,
        tooltip: node.account.apiBaseUrl,
        icon: { id: 'account' },
        collapsible: 'expanded',
        contextValue: 'account',
      };
    }
    case 'webhook':
      return presentWebhook(node);
    case 'event': {
      const entry = eventBySubscription(catalogue, node.subscription);
      const differs = entry && entry.hookType !== entry.subscription ? t(' (payload hook_type "{0}")', entry.hookType) : '';
      return {
        id: `${webhookId(node)}/event/${idPart(node.subscription)}${node.occurrence ? `/${node.occurrence}` : ''}`,
        label: node.subscription,
        description: entry ? entry.description : t('not a documented event'),
        tooltip: entry ? `${entry.description}${differs}` : t('"{0}" is not in the documented event list.', node.subscription),
        icon: { id: entry ? 'symbol-event' : 'question' },
        collapsible: 'none',
        contextValue: entry ? 'event' : 'event.unknown',
      };
    }
    case 'channels':
      return {
        id: `${webhookId(node)}/channels`,
        label: channelsText(node.webhook),
        icon: { id: 'radio-tower' },
        collapsible: 'none',
        contextValue: 'channels',
        tooltip: node.webhook.channels?.length ? t('Events of these channels only') : t('No channel filter: events of every channel'),
      };
    case 'errors':
      return {
        id: `${webhookId(node)}/errors`,
        label: node.errors.length === 1 ? t('1 error') : t('{0} errors', node.errors.length),
        icon: { id: 'error', color: 'errorForeground' },
        collapsible: 'expanded',
        contextValue: 'errors',
      };
    case 'error-line':
      return {
        id: `${webhookId(node)}/errors/${node.index}`,
        label: node.text,
        tooltip: node.text,
        icon: { id: 'dash' },
        collapsible: 'none',
        contextValue: 'error-line',
      };
    case 'notice': {
      const commands = { 'set-token': COMMANDS.setApiToken, retry: COMMANDS.refreshWebhooks, add: COMMANDS.addWebhook } as const;
      const icons = { 'set-token': 'key', retry: 'error', add: 'add' } as const;
      return {
        id: `account/${idPart(node.account.name)}/notice`,
        label: node.text,
        tooltip: node.text,
        icon: { id: node.action ? icons[node.action] : 'loading~spin' },
        collapsible: 'none',
        contextValue: 'notice',
        command: node.action ? { command: commands[node.action], title: node.text, args: 'account' } : undefined,
      };
    }
  }
}

/** A webhook: name, URL and status, and everything the API says of it in the tooltip. */
function presentWebhook(node: Extract<WebhookNode, { type: 'webhook' }>): Presentation {
  const { webhook } = node;
  const errors = webhook.errors ?? [];
  const tooltip = [
    `**${escapeMarkdown(webhook.name || t('(no name)'))}**`,
    '',
    `| | |`,
    `|---|---|`,
    `| id | ${webhook.id} |`,
    `| URL | ${escapeMarkdown(webhook.url ?? '')} |`,
    `| ${t('status')} | ${escapeMarkdown(statusInWords(webhook.status))} |`,
    `| ${t('events')} | ${webhook.events.map(escapeMarkdown).join(', ') || t('none')} |`,
    `| ${t('channels')} | ${channelsText(webhook)} |`,
    `| ${t('errors')} | ${errors.length ? escapeMarkdown(errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')) : t('none')} |`,
    ...(webhook.source ? [`| ${t('source')} | ${escapeMarkdown(webhook.source)} |`] : []),
  ].join('\n');
  return {
    id: webhookId(node),
    label: webhook.name || t('Webhook {0}', webhook.id),
    description: webhook.status === 'disable' ? t('disabled · {0}', webhook.url ?? '') : (webhook.url ?? ''),
    tooltip,
    icon: errors.length > 0 ? { id: 'warning', color: 'list.warningForeground' } : statusIcon(webhook.status),
    collapsible: 'collapsed',
    contextValue: `webhook.${webhook.status === 'disable' ? 'disabled' : 'enabled'}`,
  };
}

/** Ids are paths of the tree: account, webhook, then the child kind (and which one, as texts may repeat). */
const idPart = (text: string) => encodeURIComponent(text);
const webhookId = (node: { account: Account; webhook: Webhook }) => `account/${idPart(node.account.name)}/webhook/${node.webhook.id}`;
