// Chat2Desk accounts: names and API base URLs in settings, tokens only in SecretStorage.
import * as vscode from 'vscode';
import { apiTokenProblem, normalizeApiToken } from '../core/chat2desk/token';
import { parseAccounts, type Account } from '../core/settings';

const secretKey = (account: string) => `webhookStudio.apiToken/${account}`;

export class Accounts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.changed,
      secrets.onDidChange((e) => { if (e.key.startsWith('webhookStudio.apiToken/')) this.changed.fire(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('webhookStudio.accounts')) this.changed.fire(); }),
    ];
  }

  list(): Account[] {
    const { items, problems } = parseAccounts(vscode.workspace.getConfiguration('webhookStudio').get('accounts'));
    for (const problem of problems) this.log.warn(problem.message);
    return items;
  }

  find(name: string | undefined): Account | undefined {
    return this.list().find((a) => a.name === name);
  }

  /** The stored token; else the CHAT2DESK_API_TOKEN environment variable (CI, demo setups). */
  async getToken(account: Account): Promise<string | undefined> {
    return (await this.secrets.get(secretKey(account.name))) ?? (process.env.CHAT2DESK_API_TOKEN?.trim() || undefined);
  }

  async setToken(account: Account, token: string): Promise<void> {
    await this.secrets.store(secretKey(account.name), token);
    this.log.info(`API token stored for account "${account.name}"`);
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
    const picked = await vscode.window.showQuickPick(accounts.map((a) => ({ label: a.name, description: a.apiBaseUrl, account: a })), { placeHolder });
    return picked?.account;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Arguments the token commands accept from keybindings, tasks and tests. */
interface TokenCommandArgs {
  account?: string;
  token?: string;
}

export function registerAccountCommands(context: vscode.ExtensionContext, accounts: Accounts): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('webhookStudio.setApiToken', async (args?: TokenCommandArgs | unknown) => {
      const options = isTokenArgs(args) ? args : {};
      const account = await accounts.pick('Set the API token of which Chat2Desk account?', options.account);
      if (!account) return false;
      const token = options.token ?? await vscode.window.showInputBox({
        title: `Chat2Desk API token for "${account.name}"`,
        prompt: 'Find it in Chat2Desk under Settings > API (admin account). It is kept in VS Code\'s secret storage, never in settings.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => apiTokenProblem(value),
      });
      if (token === undefined) return false;
      const problem = apiTokenProblem(token);
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return false;
      }
      await accounts.setToken(account, normalizeApiToken(token));
      void vscode.window.showInformationMessage(`Chat2Desk API token saved for "${account.name}".`);
      return true;
    }),
    vscode.commands.registerCommand('webhookStudio.clearApiToken', async (args?: TokenCommandArgs | unknown) => {
      const account = await accounts.pick('Remove the API token of which account?', isTokenArgs(args) ? args.account : undefined);
      if (!account) return false;
      await accounts.clearToken(account);
      void vscode.window.showInformationMessage(`Chat2Desk API token removed for "${account.name}".`);
      return true;
    }),
  );
}

function isTokenArgs(value: unknown): value is TokenCommandArgs {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && ('account' in value || 'token' in value);
}
