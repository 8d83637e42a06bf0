// The Received Webhooks view and its commands: start/stop, open, save as fixture, replay, edit and
// resend, compare, copy as cURL, delete, clear, and Connect to my Chat2Desk account. This entry builds
// the pieces and registers the commands; listener-controller.ts, capture-controller.ts and
// connect-controller.ts hold one method per command.
import * as vscode from 'vscode';
import type { EventCatalogue } from '../../core/chat2desk/events';
import type { Capture } from '../../core/listen/capture';
import type { ListenAddress } from '../../core/listen/listener';
import type { Accounts } from '../accounts';
import type { EndpointPicker, ListenerOffer } from '../send/endpoints';
import type { SendFlow } from '../send/prepare-send';
import type { WebhookSender } from '../send/webhook-sender';
import { CaptureCommands, type CaptureArgs } from './capture-args';
import type { CaptureController } from './capture-controller';
import { CaptureDocuments } from './capture-documents';
import { CapturePanel } from './capture-panel';
import type { ConnectController } from './connect-controller';
import { listenActions } from './load-listen-actions';
import type { ListenService } from './listen-service';
import { ListenerController } from './listener-controller';
import type { ReceivedNode } from './received-model';
import { RECEIVED_VIEW_ID, ReceivedTreeProvider } from './received-tree';
import { commandInput } from '../commands';
import { COMMANDS } from '../ids';

/** What the integration tests (and other extensions) can read. */
export interface ListenApi {
  address(): ListenAddress | undefined;
  captures(): Promise<readonly Capture[]>;
  roots(): Promise<ReceivedNode[]>;
}

export interface ListenDeps {
  /** The listener service (built in extension.ts: the endpoint picker offers it too). */
  service: ListenService;
  accounts: Accounts;
  catalogue: EventCatalogue;
  flow: SendFlow;
  endpoints: EndpointPicker;
  sender: WebhookSender;
  log: vscode.LogOutputChannel;
}

/** The listener as the endpoint picker offers it: its URL while it runs, else started as Start Listening does. */
export function listenerOffer(service: ListenService): ListenerOffer {
  return {
    url: () => service.address?.url,
    start: async () => (await vscode.commands.executeCommand<ListenAddress | undefined>(COMMANDS.startListening))?.url,
  };
}

export function registerListenFeature(context: vscode.ExtensionContext, deps: ListenDeps): ListenApi {
  const { service, accounts, log } = deps;
  const provider = new ReceivedTreeProvider(service);
  const view = vscode.window.createTreeView(RECEIVED_VIEW_ID, { treeDataProvider: provider, canSelectMany: false });
  const panel = new CapturePanel();
  const documents = new CaptureDocuments();
  const listener = new ListenerController(service, accounts, view, log);
  // The controllers load at their first command (listen-actions-bundle.ts): activation does not carry them.
  let captureController: CaptureController | undefined;
  const captures = () =>
    (captureController ??= new (listenActions().CaptureController)({
      storage: vscode.Uri.file(context.globalStorageUri.fsPath),
      service,
      accounts,
      flow: deps.flow,
      endpoints: deps.endpoints,
      sender: deps.sender,
      panel,
      documents,
      log,
    }));
  const on = new CaptureCommands(service, view, log);
  let connectController: ConnectController | undefined;
  const connect = () => (connectController ??= new (listenActions().ConnectController)({ ...deps, service, start: (args) => listener.start(args) }));
  listener.describeView();
  service.onDidChange(() => listener.describeView());

  context.subscriptions.push(
    view,
    panel,
    documents,
    vscode.commands.registerCommand(COMMANDS.startListening, (args?: unknown) => listener.start(commandInput<CaptureArgs>([args]).args)),
    vscode.commands.registerCommand(COMMANDS.stopListening, () => listener.stop()),
    vscode.commands.registerCommand(COMMANDS.clearCaptures, (args?: unknown) => listener.clear(commandInput<CaptureArgs>([args]).args)),
    vscode.commands.registerCommand(
      COMMANDS.openCapture,
      on.handler((capture) => captures().open(capture)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.saveCaptureAsFixture,
      on.handler((capture, args) => captures().saveAsFixture(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.replayCapture,
      on.handler((capture, args) => captures().replay(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.editAndResendCapture,
      on.handler((capture) => captures().editAndResend(capture)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.deliverCapture,
      on.handler((capture, args) => captures().deliver(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.compareCapture,
      on.handler((capture, args) => captures().compare(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.copyCaptureAsCurl,
      on.handler((capture) => captures().copyAsCurl(capture)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.deleteCapture,
      on.handler((capture) => captures().delete(capture)),
    ),
    vscode.commands.registerCommand(COMMANDS.connectAccount, (args?: unknown) => connect().connect(args)),
  );

  return {
    address: () => service.address,
    captures: async () => (await service.captures()).list(),
    roots: () => provider.getChildren(),
  };
}
