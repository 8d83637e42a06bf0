// The account webhooks the sidebar shows, as data: loading, caching, per-account state and change
// events (as vscode-pull-request-github's PrsTreeModel). No vscode import: the tree provider maps it to
// items, the commands ask the user; both are thin. Unit-tested against the simulator.
import type { Chat2DeskClient, Webhook, WebhookInput } from '../../core/chat2desk/api';
import { CancelledError, describeError, MissingTokenError, WebhookStudioError } from '../../core/errors';
import { t } from '../../core/l10n';
import type { Account } from '../../core/settings';
import type { AccountState, ErrorCause } from './tree-model';

export interface WebhooksModelHost {
  accounts(): Account[];
  /**
   * A client for the account's API; undefined without a token; TokenNotSentError when the user declined.
   * `interactive`: the user asked for this (Retry, a command), so ask again what they declined before.
   */
  client(account: Account, interactive: boolean): Promise<Chat2DeskClient | undefined>;
  log: { info(message: string): void; error(message: string): void };
}

/** Which welcome content explains a failure: each has its own cause, next step and buttons. */
export function errorCause(error: unknown): ErrorCause {
  const code = error instanceof WebhookStudioError ? error.code : '';
  switch (code) {
    case 'api-auth':
      return 'unauthorized';
    case 'api-unreachable':
      return 'unreachable';
    case 'api-server':
      return 'serverError';
    case 'api-rate-limit':
      return 'rateLimited';
    case 'api-response':
    case 'api-shape':
    case 'api-too-large':
    case 'api-status':
      return 'badResponse';
    case 'token-not-sent':
      return 'untrusted';
    default:
      return 'error';
  }
}

type Listener = () => void;

export class WebhooksModel {
  private states = new Map<string, AccountState>();
  private readonly listeners = new Set<Listener>();
  /** The load whose results count; a newer refresh aborts it, so a token set meanwhile is read afresh. */
  private current: { controller: AbortController; done: Promise<void> } | undefined;
  private loadsStarted = 0;

  constructor(private readonly host: WebhooksModelHost) {}

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every configured account with its state; accounts not loaded yet are 'loading'. */
  stateList(): { account: Account; state: AccountState }[] {
    return this.host.accounts().map((account) => ({ account, state: this.states.get(account.name) ?? { kind: 'loading' } }));
  }

  get hasLoaded(): boolean {
    return this.loadsStarted > 0;
  }

  webhooksOf(account: Account): Webhook[] | undefined {
    const state = this.states.get(account.name);
    return state?.kind === 'loaded' ? state.webhooks : undefined;
  }

  /**
   * Reloads every account. A refresh asked for during a load replaces it (the old one's answers are
   * dropped), and every caller's promise settles when the latest load is done. Accounts that already
   * show webhooks keep them while reloading: no "Loading…" flash.
   */
  refresh(options: { interactive?: boolean } = {}): Promise<void> {
    this.current?.controller.abort();
    const controller = new AbortController();
    this.loadsStarted++;
    this.current = { controller, done: this.load(controller.signal, options.interactive ?? false) };
    return this.settled();
  }

  /** Resolves when no load is running (loads started meanwhile included). */
  async settled(): Promise<void> {
    for (;;) {
      const current = this.current;
      await current?.done;
      if (current === this.current) return;
    }
  }

  private async load(signal: AbortSignal, interactive: boolean): Promise<void> {
    const accounts = this.host.accounts();
    const names = new Set(accounts.map((a) => a.name));
    for (const name of [...this.states.keys()]) if (!names.has(name)) this.states.delete(name);
    this.fire();
    await Promise.all(
      accounts.map(async (account) => {
        const state = await this.loadAccount(account, signal, interactive);
        if (signal.aborted) return;
        this.states.set(account.name, state);
        this.fire();
      }),
    );
  }

  private async loadAccount(account: Account, signal: AbortSignal, interactive: boolean): Promise<AccountState> {
    try {
      const client = await this.host.client(account, interactive);
      if (!client) return { kind: 'no-token' };
      return { kind: 'loaded', webhooks: await client.listWebhooks(signal) };
    } catch (error) {
      if (!signal.aborted && !(error instanceof CancelledError)) this.host.log.error(`${account.name}: listing webhooks failed: ${describeError(error)}`);
      return { kind: 'error', cause: errorCause(error), message: describeError(error) };
    }
  }

  private async requireClient(account: Account): Promise<Chat2DeskClient> {
    const client = await this.host.client(account, true);
    if (!client) throw new MissingTokenError(account.name, t('Run "Webhook Studio: Set Chat2Desk API Token".'));
    return client;
  }

  /** The changes below show at once, then a quiet reload confirms them against the API. */
  async create(account: Account, input: WebhookInput): Promise<Webhook> {
    const created = await (await this.requireClient(account)).createWebhook(input);
    this.host.log.info(`${account.name}: created webhook ${created.id} (${created.url})`);
    this.edit(account, (webhooks) => [...webhooks.filter((w) => w.id !== created.id), created]);
    return created;
  }

  async update(account: Account, webhook: Webhook, input: WebhookInput): Promise<Webhook> {
    const answered = await (await this.requireClient(account)).updateWebhook(webhook.id, input);
    const updated = answered ?? { ...webhook, ...input };
    this.host.log.info(`${account.name}: updated webhook ${webhook.id}`);
    this.edit(account, (webhooks) => webhooks.map((w) => (w.id === webhook.id ? updated : w)));
    return updated;
  }

  /** Enables or disables a webhook (PUT ?status=); Chat2Desk delivers only to enabled ones. */
  async setStatus(account: Account, webhook: Webhook, status: 'enable' | 'disable'): Promise<Webhook> {
    const answered = await (await this.requireClient(account)).updateWebhook(webhook.id, { status });
    const updated = { ...webhook, ...answered, status: answered?.status ?? status };
    this.host.log.info(`${account.name}: webhook ${webhook.id} ${status}d`);
    this.edit(account, (webhooks) => webhooks.map((w) => (w.id === webhook.id ? updated : w)));
    return updated;
  }

  async remove(account: Account, webhook: Webhook): Promise<void> {
    await (await this.requireClient(account)).deleteWebhook(webhook.id);
    this.host.log.info(`${account.name}: deleted webhook ${webhook.id}`);
    this.edit(account, (webhooks) => webhooks.filter((w) => w.id !== webhook.id));
  }

  async get(account: Account, id: number): Promise<Webhook> {
    return (await this.requireClient(account)).getWebhook(id);
  }

  private edit(account: Account, change: (webhooks: Webhook[]) => Webhook[]): void {
    const webhooks = this.webhooksOf(account);
    if (webhooks) {
      this.states.set(account.name, { kind: 'loaded', webhooks: change(webhooks) });
      this.fire();
    }
    void this.refresh();
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
