// "Send to Your Handler…" (the walkthrough's last step): the fixture in view, to the user's own handler.
// Its URL is asked once and kept as an endpoint (webhookStudio.endpoints); from then on it sends there.
import * as vscode from 'vscode';
import { providerForFixture } from '../core/association';
import { describeError } from '../core/errors';
import { redactUrl } from '../core/redact';
import { parseEndpointUrl } from '../core/send';
import { fixtureEditorInView, fixtureInTabs } from './fixture-in-view';
import { configuredEndpoints } from './configuration';
import { askUrl, endpointNameFor, recentUrls, rememberUrl, saveAsEndpoint, type ChosenEndpoint } from './send/endpoints';
import type { PayloadItem, WebhookSender } from './send/webhook-sender';
import { COMMANDS, STATE_KEYS } from './ids';

interface SendToHandlerDeps {
  sender: WebhookSender;
  log: vscode.LogOutputChannel;
  lastCreatedFixture: () => vscode.Uri | undefined;
  listenerUrl: () => string | undefined;
}

/** Automation (tests, keybindings): the URL the user would type. */
interface SendToHandlerArgs {
  url?: string;
}

export function registerSendToHandler(context: vscode.ExtensionContext, deps: SendToHandlerDeps): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.sendToHandler, async (rawArgs?: unknown) => {
    const args: SendToHandlerArgs = typeof rawArgs === 'object' && rawArgs !== null ? (rawArgs as SendToHandlerArgs) : {};
    const item = await fixtureToSend(deps.lastCreatedFixture());
    if (!item) return offerNewPayload();
    const target = await handlerEndpoint(context, deps, typeof args.url === 'string' ? args.url : undefined);
    if (!target) return [];
    // Send (the CodeLens) then offers it first for this file.
    if (item.document) await rememberUrl(context.workspaceState, target.url, vscode.workspace.asRelativePath(item.document.uri));
    return deps.sender.send([item], target);
  });
}

/** The handler kept by an earlier run, else asked (a recent URL other than the listener's offered) and kept. */
async function handlerEndpoint(context: vscode.ExtensionContext, deps: SendToHandlerDeps, given?: string): Promise<ChosenEndpoint | undefined> {
  const kept = context.globalState.get<string>(STATE_KEYS.handlerUrl);
  // Only the user's own settings: a workspace's endpoint of the same URL is not what they typed.
  const endpoint = kept === undefined ? undefined : configuredEndpoints(deps.log).find((e) => e.url === kept && !e.fromWorkspace);
  if (endpoint && given === undefined) return { url: endpoint.url, name: endpoint.name, account: endpoint.account, headers: endpoint.headers };
  const listening = deps.listenerUrl();
  const url =
    given ??
    (await askUrl(
      vscode.l10n.t('Send to Your Handler'),
      vscode.l10n.t('The URL of your webhook handler; it is kept as an endpoint (webhookStudio.endpoints) and used from then on'),
      recentUrls(context.workspaceState).find((u) => u !== listening),
    ));
  if (url === undefined) return undefined;
  try {
    parseEndpointUrl(url);
  } catch (error) {
    void vscode.window.showErrorMessage(describeError(error));
    return undefined;
  }
  if (redactUrl(url) !== url) {
    // Settings are plain text: a URL with a password in it is used, never kept.
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} holds a password, so it is not kept as an endpoint.', redactUrl(url)));
    return { url, headers: {} };
  }
  const name = await saveAsEndpoint(url, deps.log, endpointNameFor(url));
  await context.globalState.update(STATE_KEYS.handlerUrl, url);
  return { url, name, headers: {} };
}

/** The fixture in view (the active editor first), else one open in a tab, else the one just created. */
export async function fixtureToSend(created: vscode.Uri | undefined): Promise<PayloadItem | undefined> {
  const uri = fixtureInTabs() ?? created;
  const document = fixtureEditorInView()?.document ?? (uri ? await vscode.workspace.openTextDocument(uri) : undefined);
  if (!document) return undefined;
  const text = document.getText();
  return { source: vscode.workspace.asRelativePath(document.uri), text, document, provider: providerForFixture(document.uri.path, text) };
}

/** No fixture to send: says so, with New Payload a click away. */
export function offerNewPayload(): [] {
  const newPayload = vscode.l10n.t('New Payload from Documented Event…');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Open a payload fixture (*.chat2desk.json or *.iqchannels.json) first.'), newPayload)
    .then((choice) => choice === newPayload && vscode.commands.executeCommand(COMMANDS.newPayloadFromEvent));
  return [];
}
