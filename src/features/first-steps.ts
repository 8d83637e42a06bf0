// The "Get Started" walkthrough's glue: each step completes on the real action (a context key set
// when it happened, see contributes.walkthroughs), plus the two commands only the guide needs.
import * as vscode from 'vscode';
import { providerForFixture } from '../core/association';
import type { Accounts } from './accounts';
import { FIXTURE_CREATED_CONTEXT } from './new-payload';
import type { ListenApi } from './listen/listen-commands';
import { offerListenerIn } from './send/endpoints';
import type { PayloadItem, WebhookSender } from './send/webhook-sender';

/** Context keys the walkthrough's completionEvents wait for (besides webhookStudio.listening). */
export const HAS_TOKEN_CONTEXT = 'webhookStudio.hasApiToken';
export const SENT_CONTEXT = 'webhookStudio.sentWebhook';
export const READ_RESPONSE_CONTEXT = 'webhookStudio.readResponse';

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
  const set = async (key: string, value: boolean) => {
    state[key] = value;
    await vscode.commands.executeCommand('setContext', key, value);
  };
  const updateTokenContext = async () => {
    let has = false;
    for (const account of accounts.list()) if (await accounts.getToken(account)) { has = true; break; }
    await set(HAS_TOKEN_CONTEXT, has);
  };
  void updateTokenContext();
  offerListenerIn(() => listen.address()?.url);
  context.subscriptions.push(
    accounts.onDidChange(() => void updateTokenContext()),
    sender.onDidSend((exchanges) => { if (exchanges.some((e) => e.response)) void set(SENT_CONTEXT, true); }),
    sender.responseView.onDidFocus(() => void set(READ_RESPONSE_CONTEXT, true)),
    vscode.commands.registerCommand('webhookStudio.showResponse', () => {
      if (sender.responseView.focus()) return true;
      void vscode.window.showInformationMessage('Nothing has been sent yet: send a payload fixture first.');
      return false;
    }),
    vscode.commands.registerCommand('webhookStudio.sendToListener', async () => {
      // The command says where it sends: a listener not running yet is started, as the user asked.
      if (!listen.address() && !await vscode.commands.executeCommand('webhookStudio.startListening')) return [];
      const url = listen.address()?.url;
      if (!url) return [];
      const item = await fixtureToSend(deps.lastCreatedFixture());
      if (!item) {
        const choice = await vscode.window.showWarningMessage('Open a payload fixture (*.chat2desk.json or *.iqchannels.json) first.', 'New Payload from Documented Event…');
        if (choice) void vscode.commands.executeCommand('webhookStudio.newPayloadFromEvent');
        return [];
      }
      return sender.send([item], { url, name: 'Webhook Studio listener', headers: {} });
    }),
  );
  return { state: () => ({ ...state, [FIXTURE_CREATED_CONTEXT]: deps.lastCreatedFixture() !== undefined, 'webhookStudio.listening': listen.address() !== undefined }) };
}

/** The fixture in view (the active editor first), else the one just created. */
async function fixtureToSend(created: vscode.Uri | undefined): Promise<PayloadItem | undefined> {
  const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].filter((e): e is vscode.TextEditor => e !== undefined);
  const document = editors.map((e) => e.document).find((d) => providerForFixture(d.uri.path, d.getText()) !== undefined)
    ?? (created ? await vscode.workspace.openTextDocument(created) : undefined);
  if (!document) return undefined;
  const text = document.getText();
  return { source: vscode.workspace.asRelativePath(document.uri), text, document, provider: providerForFixture(document.uri.path, text) };
}
