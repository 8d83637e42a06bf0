// Owns the listener in the extension: settings in, history on disk (extension storage), the status
// bar item and the "listening" context key; and the temporary webhook of "Connect to my account".
import * as vscode from 'vscode';
import type { Webhook } from '../../core/chat2desk/api';
import { ApiNotFoundError } from '../../core/chat2desk/api-errors';
import { describeError } from '../../core/errors';
import { CaptureHistory, CORRUPT_SUFFIX } from '../../core/listen/history';
import { DEFAULT_REPLY } from '../../core/listen/defaults';
import type { Listener, ListenAddress } from '../../core/listen/listener';
import { listenerBundle } from '../../core/listen/load-listener';
import { removeTemporaryWebhooks } from '../../core/listen/temporary-webhook';
import { redactUrl } from '../../core/redact';
import type { Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import type { SchemaService } from '../schemas';
import { listenSettings } from '../configuration';
import { COMMANDS, CONTEXT_KEYS, LISTEN_SETTINGS_SECTION, SETTINGS, STATE_KEYS, VIEWS, focusViewCommand } from '../ids';

/** Temporary webhooks created by Connect, remembered so a crash leaves nothing unaccounted for. */
const TEMPORARY_KEY = STATE_KEYS.temporaryWebhooks;
export interface TemporaryRecord {
  account: string;
  id: number;
  name: string;
  url?: string;
  events?: string[];
}

export class ListenService implements vscode.Disposable {
  private listener: Listener | undefined;
  private historyPromise: Promise<CaptureHistory> | undefined;
  private history: CaptureHistory | undefined;
  private token: string | undefined;
  private account: Account | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly statusBar = vscode.window.createStatusBarItem('webhookStudio.listen', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private warnedBusy = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly accounts: Accounts,
    private readonly schemas: SchemaService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.statusBar.name = vscode.l10n.t('Webhook Studio: Listening');
    this.statusBar.command = focusViewCommand(VIEWS.received);
    this.subscriptions.push(
      this.changed,
      this.statusBar,
      accounts.onDidChange(() => void this.loadToken()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS.listenHistorySize)) this.history?.setMaxCaptures(listenSettings().historySize);
        if (e.affectsConfiguration(SETTINGS.listenAccount)) void this.loadToken();
        const needsRestart = ['port', 'toleranceSeconds', 'replyStatus', 'replyBody', 'forwardTo', 'maxStoredBodyKB'].some((key) =>
          e.affectsConfiguration(`${LISTEN_SETTINGS_SECTION}.${key}`),
        );
        if (needsRestart && this.address) {
          void vscode.window
            .showInformationMessage(vscode.l10n.t('The listener settings changed. Restart listening to apply them.'), vscode.l10n.t('Restart'))
            .then(async (choice) => {
              if (choice) {
                await this.stopListenerOnly();
                await this.start();
              }
            });
        }
      }),
    );
  }

  /** The history, loaded from disk on first use. */
  captures(): Promise<CaptureHistory> {
    this.historyPromise ??= (async () => {
      // Per workspace (two windows never share a history); an empty window uses the global storage.
      const dir = vscode.Uri.joinPath(this.context.storageUri ?? this.context.globalStorageUri, 'captures').fsPath;
      const history = await CaptureHistory.open(dir, { maxCaptures: listenSettings().historySize });
      if (history.unreadable.length)
        this.log.warn(
          `Received webhooks: ${history.unreadable.length} capture file(s) could not be read and were kept aside as *${CORRUPT_SUFFIX} in ${dir}: ${history.unreadable.join(', ')}`,
        );
      // A flood must not redraw the tree per request: changes are coalesced.
      history.onDidChange(() => {
        this.refreshTimer ??= setTimeout(() => {
          this.refreshTimer = undefined;
          this.changed.fire();
          this.updateStatusBar();
        }, 100);
      });
      this.history = history;
      return history;
    })();
    return this.historyPromise;
  }

  get address(): ListenAddress | undefined {
    return this.listener?.listening ? this.listener.address : undefined;
  }

  get sessionId(): string | undefined {
    return this.listener?.sessionId;
  }

  /** The account whose token verifies signatures: the setting's, else the first. */
  private async loadToken(): Promise<void> {
    const name = listenSettings().account;
    this.account = this.accounts.find(name) ?? this.accounts.list()[0];
    this.token = this.account ? await this.accounts.getToken(this.account) : undefined;
  }

  get verifyingAccount(): Account | undefined {
    return this.account;
  }

  async start(options: { port?: number } = {}): Promise<ListenAddress> {
    if (this.address) return this.address;
    const history = await this.captures();
    await this.loadToken();
    const settings = listenSettings();
    const forwardTo = settings.forwardTo.trim() || undefined;
    const listener = new (listenerBundle().Listener)({
      port: options.port ?? settings.port,
      fallbackToFreePort: true,
      apiToken: () => this.token,
      toleranceSeconds: settings.toleranceSeconds,
      reply: { status: settings.replyStatus, headers: DEFAULT_REPLY.headers, body: settings.replyBody },
      forwardTo,
      validator: this.schemas.payloadValidator,
      history,
      maxStoredBodyBytes: settings.maxStoredBodyKB * 1024,
    });
    const address = await listener.start();
    this.listener = listener;
    this.warnedBusy = false;
    listener.onCapture((capture) => {
      if (capture.signature.status !== 'valid')
        this.log.warn(`Received ${capture.method} ${capture.path}: signature ${capture.signature.status}: ${capture.signature.explanation}`);
      else
        this.log.info(
          `Received ${capture.method} ${capture.path}: ${capture.payload.event ?? '(no event)'}, signature valid, schema ${capture.payload.schema}`,
        );
    });
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.listening, true);
    this.log.info(
      `Listening on ${address.url}${address.fellBack ? ` (port ${address.requestedPort} was in use)` : ''}${forwardTo ? `, forwarding to ${redactUrl(forwardTo)}` : ''}; signatures checked with ${this.token ? `the token of "${this.account?.name}"` : 'no token (none set)'}`,
    );
    this.updateStatusBar();
    this.changed.fire();
    return address;
  }

  /** Stops listening; the temporary webhooks of Connect are removed with it. */
  async stop(): Promise<void> {
    await this.stopListenerOnly();
    await this.removeTemporaryWebhooks();
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.listening, false);
    this.updateStatusBar();
    this.changed.fire();
  }

  /** A restart keeps Connect's temporary webhook: it points at the same tunnel. */
  private async stopListenerOnly(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      await listener.stop();
      this.log.info(
        `Stopped listening on ${listener.address?.url}${listener.rejected ? ` (${listener.rejected} request(s) turned away: too many at once)` : ''}`,
      );
    }
  }

  private updateStatusBar(): void {
    const address = this.address;
    if (!address) {
      this.statusBar.hide();
      return;
    }
    const count = this.history?.list().filter((c) => c.sessionId === this.listener?.sessionId).length ?? 0;
    const rejected = this.listener?.rejected ?? 0;
    this.statusBar.text = `$(radio-tower) ${address.url.replace('http://', '')} · ${count}`;
    this.statusBar.tooltip = rejected
      ? vscode.l10n.t(
          'Webhook Studio is listening on {0}: {1} request(s) this session, {2} turned away (too many at once). Click to open Received Webhooks.',
          address.url,
          count,
          rejected,
        )
      : vscode.l10n.t('Webhook Studio is listening on {0}: {1} request(s) this session. Click to open Received Webhooks.', address.url, count);
    if (rejected > 0 && !this.warnedBusy) {
      // Once per session: a flood should not become a flood of notifications.
      this.warnedBusy = true;
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'A flood of requests: the listener is answering 503 (retry later) to requests beyond 256 at once. The history keeps the last {0} captures.',
          this.history?.maxCaptures ?? '',
        ),
      );
    }
    this.statusBar.show();
  }

  temporaryRecords(): TemporaryRecord[] {
    return this.context.globalState.get<TemporaryRecord[]>(TEMPORARY_KEY, []);
  }

  async rememberTemporary(account: Account, webhook: Webhook): Promise<void> {
    await this.context.globalState.update(TEMPORARY_KEY, [
      ...this.temporaryRecords(),
      { account: account.name, id: webhook.id, name: webhook.name ?? '', url: webhook.url ?? '', events: webhook.events },
    ]);
    this.changed.fire();
  }

  /** Deletes this session's temporary webhooks (and forgets those that are gone). */
  async removeTemporaryWebhooks(records = this.temporaryRecords()): Promise<number> {
    let removed = 0;
    for (const accountName of new Set(records.map((r) => r.account))) {
      const account = this.accounts.find(accountName);
      const client = account && (await this.accounts.client(account));
      const mine = records.filter((r) => r.account === accountName);
      if (!client) {
        this.log.warn(`Cannot remove the temporary webhook(s) of "${accountName}": no token.`);
        continue;
      }
      const result = await removeTemporaryWebhooks(client, mine);
      removed += result.removed.length;
      // By class, not by message: messages are translated (the server's own words are not).
      const gone = new Set([
        ...result.removed,
        ...result.failed.filter((f) => f.error instanceof ApiNotFoundError || /not found/i.test(describeError(f.error))).map((f) => f.id),
      ]);
      await this.context.globalState.update(
        TEMPORARY_KEY,
        this.temporaryRecords().filter((r) => !(r.account === accountName && gone.has(r.id))),
      );
      for (const failure of result.failed)
        if (!gone.has(failure.id)) {
          this.log.error(`Could not remove temporary webhook ${failure.id} from "${accountName}": ${describeError(failure.error)}`);
          void vscode.window.showErrorMessage(
            vscode.l10n.t(
              'Could not remove the temporary webhook {0} from "{1}": {2} It will be offered for removal next time you start listening.',
              failure.id,
              accountName,
              describeError(failure.error),
            ),
          );
        }
      if (result.removed.length) this.log.info(`Removed temporary webhook(s) ${result.removed.join(', ')} from "${accountName}"`);
    }
    if (removed) void vscode.commands.executeCommand(COMMANDS.refreshWebhooks);
    this.changed.fire();
    return removed;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    void this.listener?.stop();
    for (const s of this.subscriptions) s.dispose();
  }
}
