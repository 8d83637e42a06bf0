// The Received Webhooks view and its commands: start/stop, open, save as fixture, replay, edit and
// resend, compare, copy as cURL, delete, clear, and Connect to my Chat2Desk account.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Chat2DeskClient } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import type { Exchange } from '../../core/exchange';
import type { DeliveryItem } from '../../core/delivery/prepare';
import { captureTitle, type Capture } from '../../core/listen/capture';
import type { ListenAddress } from '../../core/listen/listener';
import {
  captureAsCurl,
  fixtureFromCapture,
  prettyJsonText,
  replayRequest,
  saveFixtureIn,
  sendReplay,
  uniqueFileName,
  type Fixture,
} from '../../core/listen/reuse';
import { parseEndpointUrl, type WebhookResponse } from '../../core/send';
import type { Account } from '../../core/settings';
import { requestTimeoutMs } from '../configuration';
import type { Accounts } from '../accounts';
import type { DeliverCommandArgs } from '../deliver/run-settings';
import type { SchemaService } from '../schemas';
import { fixturesFolder } from '../fixtures-folder';
import { pickEndpoint } from '../send/endpoints';
import type { WebhookSender } from '../send/webhook-sender';
import type * as CaptureHtml from './capture-html';
import { registerConnectAccount } from './connect-account';
import { ListenService } from './listen-service';
import type { ReceivedNode } from './received-model';
import { RECEIVED_VIEW_ID, ReceivedTreeProvider } from './received-tree';
import { COMMANDS, LISTEN_DEFAULTS, LISTEN_SETTINGS_SECTION, SETTINGS, WEBVIEWS } from '../ids';

/** The renderer is required when a panel first shows (the extension ships it as a second bundle, off the activation path). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const renderCaptureHtml: typeof CaptureHtml.renderCaptureHtml = (...args) => (require('./capture-html') as typeof CaptureHtml).renderCaptureHtml(...args);

const CAPTURE_SCHEME = 'webhook-studio-capture';

/** A fixture in a folder of another file system (a virtual workspace): under a name not taken. */
async function saveThroughFs(folder: vscode.Uri, fixture: Fixture): Promise<vscode.Uri> {
  const taken = new Set((await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name));
  const uri = vscode.Uri.joinPath(
    folder,
    uniqueFileName(fixture.fileName, (name) => taken.has(name)),
  );
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(fixture.text));
  return uri;
}

/** What the integration tests (and other extensions) can read. */
export interface ListenApi {
  address(): ListenAddress | undefined;
  captures(): Promise<readonly Capture[]>;
  roots(): Promise<ReceivedNode[]>;
}

export interface ListenDeps {
  accounts: Accounts;
  schemas: SchemaService;
  catalogue: EventCatalogue;
  sender: WebhookSender;
  clientFor: (account: Account) => Promise<Chat2DeskClient | undefined>;
  log: vscode.LogOutputChannel;
}

/** Automation arguments (tests, keybindings): skip the prompts. */
interface CaptureArgs {
  id?: string;
  url?: string;
  mode?: 'original' | 'resigned';
  folder?: string;
  otherId?: string;
  port?: number;
  skipConfirmation?: boolean;
  removeLeftovers?: boolean;
}

export function registerListenFeature(context: vscode.ExtensionContext, deps: ListenDeps): ListenApi {
  const { accounts, schemas, sender, log } = deps;
  const service = new ListenService(context, accounts, schemas, deps.clientFor, log);
  const provider = new ReceivedTreeProvider(service);
  const view = vscode.window.createTreeView(RECEIVED_VIEW_ID, { treeDataProvider: provider, canSelectMany: false });
  const documents = new Map<string, string>();
  const documentChanged = new vscode.EventEmitter<vscode.Uri>();
  let panel: vscode.WebviewPanel | undefined;
  let shown: Capture | undefined;
  let replayIds = 1_000_000;

  const describeView = () => {
    const address = service.address;
    view.description = address ? vscode.l10n.t('listening on {0}', address.url.replace('http://', '')) : vscode.l10n.t('not listening');
    const connected = service.temporaryRecords();
    view.message =
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
  };
  describeView();
  service.onDidChange(describeView);

  const captureOf = async (nodeOrArgs: unknown): Promise<Capture | undefined> => {
    if (typeof nodeOrArgs === 'object' && nodeOrArgs !== null) {
      const node = nodeOrArgs as ReceivedNode & CaptureArgs;
      if (node.type === 'capture') return (await service.captures()).get(node.capture.id) ?? node.capture;
      if (typeof node.id === 'string') return (await service.captures()).get(node.id);
    }
    const selected = view.selection.find((n) => n.type === 'capture');
    return selected?.type === 'capture' ? selected.capture : undefined;
  };
  const argsOf = (value: unknown): CaptureArgs =>
    typeof value === 'object' && value !== null && (value as ReceivedNode).type === undefined ? (value as CaptureArgs) : {};
  const withCapture =
    <T>(run: (capture: Capture, args: CaptureArgs) => Promise<T>) =>
    async (nodeOrArgs?: unknown, extra?: unknown): Promise<T | undefined> => {
      const capture = await captureOf(nodeOrArgs);
      if (!capture) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select a received webhook in the Received Webhooks view first.'));
        return undefined;
      }
      try {
        return await run(capture, { ...argsOf(nodeOrArgs), ...argsOf(extra) });
      } catch (error) {
        log.error(describeError(error));
        void vscode.window.showErrorMessage(describeError(error));
        return undefined;
      }
    };

  async function start(args: CaptureArgs = {}): Promise<ListenAddress | undefined> {
    try {
      const address = await vscode.window.withProgress({ location: { viewId: RECEIVED_VIEW_ID }, title: vscode.l10n.t('Starting the listener') }, () =>
        service.start({ port: args.port }),
      );
      const account = service.verifyingAccount;
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
      if (account && !(await accounts.getToken(account))) {
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t('No API token is set for "{0}", so signatures are captured but not verified.', account.name),
            vscode.l10n.t('Set API Token'),
          )
          .then((c) => c && vscode.commands.executeCommand(COMMANDS.setApiToken, { account: account.name }));
      }
      if (args.removeLeftovers) await service.removeTemporaryWebhooks();
      else void offerLeftovers(args.skipConfirmation === true);
      return address;
    } catch (error) {
      log.error(`Listening failed: ${describeError(error)}`);
      void vscode.window
        .showErrorMessage(describeError(error), vscode.l10n.t('Change Port'))
        .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.listenPort));
      return undefined;
    }
  }

  /** Temporary webhooks an earlier session could not remove (a crash, a closed window). */
  async function offerLeftovers(silent: boolean): Promise<void> {
    const leftovers = service.temporaryRecords();
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
    if (answer === vscode.l10n.t('Remove Them')) await service.removeTemporaryWebhooks();
  }

  function showCapture(capture: Capture): void {
    shown = capture;
    if (!panel) {
      panel = vscode.window.createWebviewPanel(
        WEBVIEWS.capture,
        vscode.l10n.t('Received Webhook'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true },
      );
      panel.onDidDispose(() => (panel = undefined));
      panel.webview.onDidReceiveMessage((message: { command?: string }) => {
        const commands: Record<string, string> = {
          saveFixture: COMMANDS.saveCaptureAsFixture,
          replay: COMMANDS.replayCapture,
          editResend: COMMANDS.editAndResendCapture,
          copyCurl: COMMANDS.copyCaptureAsCurl,
        };
        if (shown && message.command && commands[message.command]) void vscode.commands.executeCommand(commands[message.command], { id: shown.id });
      });
    } else panel.reveal(vscode.ViewColumn.Beside, true);
    panel.title = `Received: ${captureTitle(capture)}`;
    panel.webview.html = renderCaptureHtml(capture, randomBytes(16).toString('base64'), panel.webview.cspSource);
  }

  async function fixturesFolderOf(args: CaptureArgs): Promise<vscode.Uri | undefined> {
    if (args.folder) return vscode.Uri.file(args.folder);
    return fixturesFolder(vscode.l10n.t('Where should fixtures from received webhooks go? (asked once: webhookStudio.listen.fixturesFolder)'));
  }

  function virtualDocument(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: CAPTURE_SCHEME, path: `/${name}` });
    documents.set(uri.toString(), text);
    documentChanged.fire(uri);
    return uri;
  }
  const prettyOf = (capture: Capture) => {
    try {
      JSON.parse(capture.body);
      return prettyJsonText(capture.body);
    } catch {
      return capture.body;
    }
  };

  context.subscriptions.push(
    service,
    view,
    documentChanged,
    { dispose: () => panel?.dispose() },
    vscode.workspace.registerTextDocumentContentProvider(CAPTURE_SCHEME, {
      onDidChange: documentChanged.event,
      provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand(COMMANDS.startListening, (args?: CaptureArgs) => start(args ?? {})),
    vscode.commands.registerCommand(COMMANDS.stopListening, async () => {
      await vscode.window.withProgress({ location: { viewId: RECEIVED_VIEW_ID }, title: vscode.l10n.t('Stopping the listener') }, () => service.stop());
      vscode.window.setStatusBarMessage(`$(debug-stop) ${vscode.l10n.t('Stopped listening')}`, 3000);
    }),
    vscode.commands.registerCommand(
      COMMANDS.openCapture,
      withCapture(async (capture) => {
        showCapture(capture);
        return capture;
      }),
    ),

    vscode.commands.registerCommand(
      COMMANDS.saveCaptureAsFixture,
      withCapture(async (capture, args) => {
        const fixture = fixtureFromCapture(capture);
        const folder = await fixturesFolderOf(args);
        if (!folder) return undefined;
        await vscode.workspace.fs.createDirectory(folder);
        // On disk, created exclusively as the CLI does (never overwriting, never through a link).
        const uri = folder.scheme === 'file' ? vscode.Uri.file(saveFixtureIn(folder.fsPath, fixture)) : await saveThroughFs(folder, fixture);
        log.info(`Saved capture ${capture.id} as ${uri.fsPath}`);
        if (!args.folder) await vscode.window.showTextDocument(uri, { preview: false });
        return uri;
      }),
    ),

    vscode.commands.registerCommand(
      COMMANDS.replayCapture,
      withCapture(async (capture, args) => {
        const target = args.url ? { url: args.url } : await pickEndpoint(context.workspaceState, log, vscode.l10n.t('Replay {0}', captureTitle(capture)));
        if (!target) return undefined;
        parseEndpointUrl(target.url);
        const mode =
          args.mode ??
          (
            await vscode.window.showQuickPick(
              [
                {
                  label: `$(history) ${vscode.l10n.t('Original bytes and signature')}`,
                  description: vscode.l10n.t('exactly as received: a true replay (a handler checking X-Timestamp may reject it as stale)'),
                  id: 'original' as const,
                },
                {
                  label: `$(key) ${vscode.l10n.t('Re-signed with a fresh timestamp')}`,
                  description: vscode.l10n.t('same bytes, new X-Timestamp and X-Signature from the account token'),
                  id: 'resigned' as const,
                },
              ],
              { title: vscode.l10n.t('Replay {0} to {1}', captureTitle(capture), target.url) },
            )
          )?.id;
        if (!mode) return undefined;
        let apiToken: string | undefined;
        if (mode === 'resigned') {
          const account = service.verifyingAccount ?? (await accounts.pick(vscode.l10n.t('Sign with the token of which account?')));
          apiToken = account && (await accounts.getToken(account));
          if (!apiToken) {
            void vscode.window
              .showErrorMessage(vscode.l10n.t("Re-signing needs the account's API token."), vscode.l10n.t('Set API Token'))
              .then((c) => c && vscode.commands.executeCommand(COMMANDS.setApiToken));
            return undefined;
          }
        }
        const request = replayRequest(capture, target.url, mode === 'original' ? { kind: 'original' } : { kind: 'resigned', apiToken: apiToken! });
        const timeoutMs = requestTimeoutMs();
        const exchange: Exchange = {
          id: replayIds++,
          source:
            mode === 'original'
              ? vscode.l10n.t('replay of {0} (original signature)', captureTitle(capture))
              : vscode.l10n.t('replay of {0} (re-signed)', captureTitle(capture)),
          provider: capture.payload.provider,
          signed: true,
          request,
          startedAt: new Date().toISOString(),
        };
        let response: WebhookResponse | undefined;
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Replaying to {0}', target.url), cancellable: true },
          async (_p, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            try {
              response = await sendReplay(request, { timeoutMs, signal: controller.signal });
              exchange.response = response;
            } catch (error) {
              exchange.error = { code: 'error', message: describeError(error) };
            }
          },
        );
        log.info(`Replayed capture ${capture.id} to ${target.url}: ${response ? response.status : exchange.error?.message}`);
        sender.responseView.show([exchange]);
        if (exchange.error) void vscode.window.showErrorMessage(exchange.error.message);
        return response;
      }),
    ),

    vscode.commands.registerCommand(
      COMMANDS.editAndResendCapture,
      withCapture(async (capture) => {
        if (capture.bodyEncoding !== 'utf8') throw new Error(vscode.l10n.t("This capture's body is not text, so it cannot be edited as JSON."));
        const { fileName, text } = fixtureFromCapture(capture);
        const root = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(context.globalStorageUri.fsPath);
        // An untitled document with a fixture's name: the schema applies, and Save puts it beside the fixtures.
        const name = fileName.replace(/(\.\w+)?\.json$/, (ext) => `-edited${ext}`);
        const uri = vscode.Uri.joinPath(
          root,
          uniqueFileName(name, (n) => vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith(`/${n}`))),
        ).with({ scheme: 'untitled' });
        const document = await vscode.workspace.openTextDocument(uri);
        const editor = await vscode.window.showTextDocument(document, { preview: false });
        await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
        if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
        void vscode.window
          .showInformationMessage(
            vscode.l10n.t('Edit the payload, then send it with "Send as Signed Webhook" (editor title or context menu).'),
            vscode.l10n.t('Send Now'),
          )
          .then((c) => c && vscode.commands.executeCommand(COMMANDS.sendSignedWebhook, document.uri));
        return document;
      }),
    ),

    // A real delivery, rehearsed: the captured body goes through Deliver (Chat2Desk's resends, re-signed).
    vscode.commands.registerCommand(
      COMMANDS.deliverCapture,
      withCapture(async (capture, args) => {
        if (capture.truncated)
          throw new Error(vscode.l10n.t('This capture was stored truncated (its body was over the size limit), so it cannot be delivered.'));
        if (capture.bodyEncoding !== 'utf8') throw new Error(vscode.l10n.t("This capture's body is not text, so it cannot be delivered as a payload."));
        const payloads: DeliveryItem[] = [{ source: captureTitle(capture), text: capture.body, provider: capture.payload.provider }];
        const deliverArgs: DeliverCommandArgs = { payloads, ...(args.url ? { url: args.url } : {}) };
        return vscode.commands.executeCommand(COMMANDS.deliverAsChat2Desk, undefined, undefined, deliverArgs);
      }),
    ),

    vscode.commands.registerCommand(
      COMMANDS.compareCapture,
      withCapture(async (capture, args) => {
        const others = (await service.captures()).list().filter((c) => c.id !== capture.id);
        if (others.length === 0) {
          void vscode.window.showInformationMessage(vscode.l10n.t('There is no other received webhook to compare with.'));
          return undefined;
        }
        const other = args.otherId
          ? others.find((c) => c.id === args.otherId)
          : (
              await vscode.window.showQuickPick(
                others
                  .slice()
                  .reverse()
                  .map((c) => ({ label: captureTitle(c), description: `${c.receivedAt.replace('T', ' ').slice(0, 19)} · ${c.signature.status}`, capture: c })),
                { title: vscode.l10n.t('Compare {0} with…', captureTitle(capture)) },
              )
            )?.capture;
        if (!other) return undefined;
        const left = virtualDocument(`${other.id}/${captureTitle(other)}.json`, prettyOf(other));
        const right = virtualDocument(`${capture.id}/${captureTitle(capture)}.json`, prettyOf(capture));
        await vscode.commands.executeCommand(
          'vscode.diff',
          left,
          right,
          `${captureTitle(other)} (${other.receivedAt.slice(11, 19)}) ↔ ${captureTitle(capture)} (${capture.receivedAt.slice(11, 19)})`,
        );
        return [left, right];
      }),
    ),

    vscode.commands.registerCommand(
      COMMANDS.copyCaptureAsCurl,
      withCapture(async (capture) => {
        const base = service.address?.url ?? `http://127.0.0.1:${vscode.workspace.getConfiguration(LISTEN_SETTINGS_SECTION).get('port', LISTEN_DEFAULTS.port)}`;
        const curl = captureAsCurl(capture, `${base}${capture.path}${capture.query}`);
        await vscode.env.clipboard.writeText(curl);
        vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('cURL command copied')}`, 3000);
        return curl;
      }),
    ),

    vscode.commands.registerCommand(
      COMMANDS.deleteCapture,
      withCapture(async (capture) => (await service.captures()).remove(capture.id)),
    ),

    vscode.commands.registerCommand(COMMANDS.clearCaptures, async (args?: CaptureArgs) => {
      const history = await service.captures();
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
    }),

    registerConnectAccount(deps, service, (args) => start(args)),
  );

  return {
    address: () => service.address,
    captures: async () => (await service.captures()).list(),
    roots: () => provider.getChildren(),
  };
}
