// The "Get Started" walkthrough's glue: each step completes on the real action (a context key set
// when it happened, see contributes.walkthroughs), plus the two commands only the guide needs.
import * as vscode from 'vscode';
import { providerForFixture } from '../core/association';
import type { Accounts } from './accounts';
import type { ListenApi } from './listen/listen-commands';
import { offerListenerIn } from './send/endpoints';
import type { PayloadItem, WebhookSender } from './send/webhook-sender';
import { COMMANDS, CONTEXT_KEYS } from './ids';

/** Context keys the walkthrough's completionEvents wait for (besides webhookStudio.listening). */

export interface FirstStepsDeps {
  accounts: Accounts;
  sender: WebhookSender;
  listen: ListenApi;
  lastCreatedFixture: () => vscode.Uri | undefined;
}

/** The walkthrough's context keys as last set (for the integration tests: VS Code has no getter). */
export type FirstStepsState = Record<string, boolean>;

export function registerFirstSteps(context: vscode.ExtensionContext, deps: FirstStepsDeps): { state(): FirstStepsState } {
  const { accounts, sender, listen } = deps;
  const state: FirstStepsState = {};
  // Each key is set where its action happens; `state` mirrors them for the integration tests.
  const updateTokenContext = async () => {
    let has = false;
    for (const account of accounts.list())
      if (await accounts.getToken(account)) {
        has = true;
        break;
      }
    state[CONTEXT_KEYS.hasApiToken] = has;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasApiToken, has);
  };
  void updateTokenContext();
  offerListenerIn(() => listen.address()?.url);
  context.subscriptions.push(
    accounts.onDidChange(() => void updateTokenContext()),
    sender.onDidSend((exchanges) => {
      if (!exchanges.some((e) => e.response)) return;
      state[CONTEXT_KEYS.sentWebhook] = true;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sentWebhook, true);
    }),
    sender.responseView.onDidFocus(() => {
      state[CONTEXT_KEYS.readResponse] = true;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.readResponse, true);
    }),
    vscode.commands.registerCommand(COMMANDS.showResponse, () => {
      if (sender.responseView.focus()) return true;
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing has been sent yet: send a payload fixture first.'));
      return false;
    }),
    vscode.commands.registerCommand(COMMANDS.sendToListener, async () => {
      // The command says where it sends: a listener not running yet is started, as the user asked.
      if (!listen.address() && !(await vscode.commands.executeCommand(COMMANDS.startListening))) return [];
      const url = listen.address()?.url;
      if (!url) return [];
      const item = await fixtureToSend(deps.lastCreatedFixture());
      if (!item) {
        const newPayload = vscode.l10n.t('New Payload from Documented Event…');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('Open a payload fixture (*.chat2desk.json or *.iqchannels.json) first.'),
          newPayload,
        );
        if (choice === newPayload) void vscode.commands.executeCommand(COMMANDS.newPayloadFromEvent);
        return [];
      }
      return sender.send([item], { url, name: vscode.l10n.t('Webhook Studio listener'), headers: {} });
    }),
  );
  return {
    state: () => ({
      ...state,
      [CONTEXT_KEYS.createdFixture]: deps.lastCreatedFixture() !== undefined,
      [CONTEXT_KEYS.listening]: listen.address() !== undefined,
    }),
  };
}

/** The fixture in view (the active editor first), else the one just created. */
async function fixtureToSend(created: vscode.Uri | undefined): Promise<PayloadItem | undefined> {
  const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].filter((e): e is vscode.TextEditor => e !== undefined);
  const document =
    editors.map((e) => e.document).find((d) => providerForFixture(d.uri.path, d.getText()) !== undefined) ??
    (created ? await vscode.workspace.openTextDocument(created) : undefined);
  if (!document) return undefined;
  const text = document.getText();
  return { source: vscode.workspace.asRelativePath(document.uri), text, document, provider: providerForFixture(document.uri.path, text) };
}
