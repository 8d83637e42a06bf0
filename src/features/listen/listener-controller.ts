// The listener's commands, one method each: Start Listening, Stop Listening, Clear All; and what the
// Received Webhooks view says about the listener (its address, what Connect registered).
import * as vscode from 'vscode';
import type { ListenAddress } from '../../core/listen/listener';
import type { Accounts } from '../accounts';
import type { CaptureArgs } from './capture-args';
import type { ListenService } from './listen-service';
import type { ReceivedNode } from './received-model';
import { RECEIVED_VIEW_ID } from './received-tree';
import { showFailure } from '../commands';
import { COMMANDS, SETTINGS } from '../ids';

export class ListenerController {
  constructor(
    private readonly service: ListenService,
    private readonly accounts: Accounts,
    private readonly view: vscode.TreeView<ReceivedNode>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async start(args: CaptureArgs = {}): Promise<ListenAddress | undefined> {
    try {
      const address = await vscode.window.withProgress({ location: { viewId: RECEIVED_VIEW_ID }, title: vscode.l10n.t('Starting the listener') }, () =>
        this.service.start({ port: args.port }),
      );
      this.announce(address);
      const account = this.service.verifyingAccount;
      if (account && !(await this.accounts.getToken(account))) {
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t('No API token is set for "{0}", so signatures are captured but not verified.', account.name),
            vscode.l10n.t('Set API Token'),
          )
          .then((c) => c && vscode.commands.executeCommand(COMMANDS.setApiToken, { account: account.name }));
      }
      if (args.removeLeftovers) await this.service.removeTemporaryWebhooks();
      else void this.offerLeftovers(args.skipConfirmation === true);
      return address;
    } catch (error) {
      void showFailure(this.log, error, { logAs: 'Listening failed', actions: [vscode.l10n.t('Change Port')] }).then(
        (c) => c && vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.listenPort),
      );
      return undefined;
    }
  }

  async stop(): Promise<void> {
    await vscode.window.withProgress({ location: { viewId: RECEIVED_VIEW_ID }, title: vscode.l10n.t('Stopping the listener') }, () => this.service.stop());
    vscode.window.setStatusBarMessage(`$(debug-stop) ${vscode.l10n.t('Stopped listening')}`, 3000);
  }

  /** Clear All: the history emptied (asked first, unless automation skips it); whether it was. */
  async clear(args?: CaptureArgs): Promise<boolean> {
    const history = await this.service.captures();
    if (history.list().length === 0) return true;
    if (!args?.skipConfirmation) {
      const deleteAll = vscode.l10n.t('Delete All');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete all {0} received webhooks?', history.list().length),
        { modal: true, detail: vscode.l10n.t('They are removed from the history on disk. Fixtures you saved stay.') },
        deleteAll,
      );
      if (answer !== deleteAll) return false;
    }
    history.clear();
    await history.flush();
    return true;
  }

  /** The view's description and message: where it listens, and what Connect registered. */
  describeView(): void {
    const address = this.service.address;
    this.view.description = address ? vscode.l10n.t('listening on {0}', address.url.replace('http://', '')) : vscode.l10n.t('not listening');
    const connected = this.service.temporaryRecords();
    this.view.message =
      address && connected.length
        ? vscode.l10n.t(
            'Connected: {0}. Stop listening to disconnect.',
            connected
              .map((r) =>
                vscode.l10n.t('"{0}" sends {1} to {2}', r.account, r.events?.join(', ') ?? vscode.l10n.t('events'), r.url ?? vscode.l10n.t('your tunnel')),
              )
              .join('; '),
          )
        : undefined;
  }

  private announce(address: ListenAddress): void {
    const message = address.fellBack
      ? vscode.l10n.t(
          'Listening on {0} (port {1} is in use, so a free port was taken). Point Chat2Desk (through a tunnel) or the simulator there.',
          address.url,
          address.requestedPort ?? '',
        )
      : vscode.l10n.t('Listening on {0}. Point Chat2Desk (through a tunnel) or the simulator there.', address.url);
    if (address.fellBack)
      void vscode.window
        .showWarningMessage(message, vscode.l10n.t('Change Port'))
        .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.listenPort));
    else vscode.window.setStatusBarMessage(`$(radio-tower) ${message}`, 5000);
  }

  /** Temporary webhooks an earlier session could not remove (a crash, a closed window). */
  private async offerLeftovers(silent: boolean): Promise<void> {
    const leftovers = this.service.temporaryRecords();
    if (leftovers.length === 0 || silent) return;
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} temporary webhook(s) from an earlier listening session are still registered with Chat2Desk ({1}).',
        leftovers.length,
        leftovers.map((l) => `"${l.account}" #${l.id}`).join(', '),
      ),
      { detail: vscode.l10n.t('Chat2Desk keeps sending events to their tunnel URL until they are removed.') },
      vscode.l10n.t('Remove Them'),
      vscode.l10n.t('Keep'),
    );
    if (answer === vscode.l10n.t('Remove Them')) await this.service.removeTemporaryWebhooks();
  }
}
