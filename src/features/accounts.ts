// Chat2Desk accounts: names and API base URLs in settings, tokens only in SecretStorage. A stored token
// is bound to the API origin it was saved for; sending it anywhere else asks first (token-binding.ts).
import * as vscode from 'vscode';
import type { Chat2DeskClient } from '../core/chat2desk/api';
import { clientForGrant, type TokenGrant } from '../core/chat2desk/api-access';
import { normalizeApiToken } from '../core/chat2desk/token';
import { checkToken } from '../core/wire-checks';
import {
  apiOrigin,
  bindingFor,
  consentNeeded,
  consentQuestion,
  decodeStoredToken,
  encodeStoredToken,
  notSentMessage,
  type TokenBinding,
  type TokenSource,
} from '../core/chat2desk/token-binding';
import type { AccountsSetting, Account } from '../core/settings';
import { commandInput } from './commands';
import { withKeyboard } from './keyboard-focus';
import { accountsSetting, requestTimeoutMs } from './configuration';
import { COMMANDS, SETTINGS } from './ids';

const SECRET_PREFIX = 'webhookStudio.apiToken/';
const secretKey = (account: string) => `${SECRET_PREFIX}${account}`;

export class Accounts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private readonly setting: AccountsSetting;
  /** Consent given this session to send CHAT2DESK_API_TOKEN beyond the Chat2Desk API and loopback. */
  private readonly environmentConsents = new Map<string, TokenBinding>();
  /** Questions declined this session ("source, account, origin"): automatic reloads do not ask again. */
  private readonly declined = new Set<string>();
  /** One open question per account and origin, however many loads want the token. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.setting = accountsSetting((problem) => this.log.warn(problem.message));
    this.subscriptions = [
      this.changed,
      // Also fires when a consent rebinds a token: the reload then finds it allowed and asks nothing.
      secrets.onDidChange((e) => {
        if (e.key.startsWith(SECRET_PREFIX)) this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SETTINGS.accounts)) return;
        this.setting.invalidate();
        this.changed.fire();
      }),
    ];
  }

  list(): Account[] {
    return this.setting.list();
  }

  find(name: string | undefined): Account | undefined {
    return this.list().find((a) => a.name === name);
  }

  /** The token for signing (it never leaves this machine): the stored one, else CHAT2DESK_API_TOKEN. */
  async getToken(account: Account): Promise<string | undefined> {
    const stored = await this.secrets.get(secretKey(account.name));
    return stored !== undefined ? decodeStoredToken(stored).token : environmentToken();
  }

  /**
   * The token to send to the account's API. Asks (modal) when that API is not where the token was
   * saved for, or is plain http:// beyond this machine; a "no" is remembered until the user retries.
   */
  async apiToken(account: Account, interactive: boolean): Promise<TokenGrant> {
    const stored = await this.secrets.get(secretKey(account.name));
    const source: TokenSource = stored !== undefined ? 'stored' : 'environment';
    const decoded = stored !== undefined ? decodeStoredToken(stored) : undefined;
    const token = decoded?.token ?? environmentToken();
    if (token === undefined) return { kind: 'missing' };
    const origin = apiOrigin(account.apiBaseUrl);
    if (!origin)
      return {
        kind: 'refused',
        message: vscode.l10n.t('The API base URL of "{0}" ({1}) is not an http(s) URL, so its token was not sent.', account.name, account.apiBaseUrl),
      };
    const binding = decoded?.binding ?? this.environmentConsents.get(origin);
    const reason = consentNeeded(origin, source, binding);
    if (!reason) return { kind: 'token', token };

    const key = `${source}\n${account.name}\n${origin}`;
    const notSent = notSentMessage(account.name, origin, source, reason);
    if (interactive) this.declined.delete(key);
    if (this.declined.has(key)) return { kind: 'refused', message: notSent };
    let question = this.asking.get(key);
    if (!question) {
      const { title, detail } = consentQuestion(account.name, account.apiBaseUrl, origin, source, reason);
      // A dialog VS Code refuses to show (as in its test host) counts as "no".
      const sendToken = vscode.l10n.t('Send Token');
      question = Promise.resolve(vscode.window.showWarningMessage(title, { modal: true, detail }, sendToken)).then(
        (answer) => answer === sendToken,
        () => false,
      );
      this.asking.set(key, question);
      void question.finally(() => this.asking.delete(key));
    }
    if (!(await question)) {
      this.declined.add(key);
      this.log.warn(notSent);
      return { kind: 'refused', message: notSent };
    }
    this.log.info(`${account.name}: the user allowed the API token to be sent to ${origin}`);
    if (source === 'environment') this.environmentConsents.set(origin, bindingFor(origin));
    else await this.secrets.store(secretKey(account.name), encodeStoredToken({ token, binding: bindingFor(origin) }));
    return { kind: 'token', token };
  }

  /**
   * A client for the account's API, for every feature that calls it; undefined without a token;
   * TokenNotSentError when the user declined. `interactive` as in apiToken.
   */
  async client(account: Account, interactive = true): Promise<Chat2DeskClient | undefined> {
    return clientForGrant(account, await this.apiToken(account, interactive), requestTimeoutMs());
  }

  /** Stores the token bound to the account's current API origin: the one the user saw when typing it. */
  async setToken(account: Account, token: string): Promise<void> {
    const origin = apiOrigin(account.apiBaseUrl) ?? account.apiBaseUrl;
    await this.secrets.store(secretKey(account.name), encodeStoredToken({ token, binding: { origin } }));
    for (const key of [...this.declined]) if (key.startsWith(`stored\n${account.name}\n`)) this.declined.delete(key);
    this.log.info(`API token stored for account "${account.name}" (for ${origin})`);
  }

  async clearToken(account: Account): Promise<void> {
    await this.secrets.delete(secretKey(account.name));
    this.log.info(`API token removed for account "${account.name}"`);
  }

  /** The only account, or the user's pick; undefined when they cancel. */
  async pick(placeHolder: string, preferred?: string): Promise<Account | undefined> {
    const accounts = this.list();
    const named = accounts.find((a) => a.name === preferred);
    if (named) return named;
    if (accounts.length === 1) return accounts[0];
    const picked = await withKeyboard(() =>
      vscode.window.showQuickPick(
        accounts.map((a) => ({ label: a.name, description: a.apiBaseUrl, account: a })),
        { placeHolder },
      ),
    );
    return picked?.account;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

const environmentToken = () => normalizeApiToken(process.env.CHAT2DESK_API_TOKEN ?? '') || undefined;

/** Arguments the token commands accept from keybindings, tasks and tests. */
interface TokenCommandArgs {
  account?: string;
  token?: string;
}

export function registerAccountCommands(context: vscode.ExtensionContext, accounts: Accounts): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.setApiToken, async (args?: TokenCommandArgs | unknown) => {
      const options = commandInput<TokenCommandArgs>([args]).args;
      const account = await accounts.pick(vscode.l10n.t('Set the API token of which Chat2Desk account?'), options.account);
      if (!account) return false;
      const token =
        options.token ??
        (await withKeyboard(() =>
          vscode.window.showInputBox({
            title: vscode.l10n.t('Chat2Desk API token for "{0}"', account.name),
            prompt: vscode.l10n.t(
              "Find it in Chat2Desk under Settings > API (admin account). It is kept in VS Code's secret storage and sent only to {0}.",
              account.apiBaseUrl,
            ),
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) => checkToken(normalizeApiToken(value)),
          }),
        ));
      if (token === undefined) return false;
      const problem = checkToken(normalizeApiToken(token));
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return false;
      }
      await accounts.setToken(account, normalizeApiToken(token));
      void vscode.window.showInformationMessage(vscode.l10n.t('Chat2Desk API token saved for "{0}".', account.name));
      return true;
    }),
    vscode.commands.registerCommand(COMMANDS.clearApiToken, async (args?: TokenCommandArgs | unknown) => {
      const account = await accounts.pick(vscode.l10n.t('Remove the API token of which account?'), commandInput<TokenCommandArgs>([args]).args.account);
      if (!account) return false;
      await accounts.clearToken(account);
      void vscode.window.showInformationMessage(vscode.l10n.t('Chat2Desk API token removed for "{0}".', account.name));
      return true;
    }),
  );
}
