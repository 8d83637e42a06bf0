// The Received Webhooks view and its commands: start/stop, open, save as fixture, replay, edit and
// resend, compare, copy as cURL, delete, clear, and Connect to my Chat2Desk account. This entry builds
// the pieces and registers the commands; listener-controller.ts and capture-controller.ts hold one
// method per command.
import * as vscode from 'vscode';
import type { Chat2DeskClient } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import type { Capture } from '../../core/listen/capture';
import type { ListenAddress } from '../../core/listen/listener';
import type { Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import type { SchemaService } from '../schemas';
import type { SendFlow } from '../send/prepare-send';
import type { WebhookSender } from '../send/webhook-sender';
import { CaptureCommands, type CaptureArgs } from './capture-args';
import { CaptureController } from './capture-controller';
import { CaptureDocuments } from './capture-documents';
import { CapturePanel } from './capture-panel';
import { registerConnectAccount } from './connect-account';
import { ListenService } from './listen-service';
import { ListenerController } from './listener-controller';
import type { ReceivedNode } from './received-model';
import { RECEIVED_VIEW_ID, ReceivedTreeProvider } from './received-tree';
import { COMMANDS } from '../ids';

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
  flow: SendFlow;
  sender: WebhookSender;
  clientFor: (account: Account) => Promise<Chat2DeskClient | undefined>;
  log: vscode.LogOutputChannel;
}

export function registerListenFeature(context: vscode.ExtensionContext, deps: ListenDeps): ListenApi {
  const { accounts, log } = deps;
  const service = new ListenService(context, accounts, deps.schemas, deps.clientFor, log);
  const provider = new ReceivedTreeProvider(service);
  const view = vscode.window.createTreeView(RECEIVED_VIEW_ID, { treeDataProvider: provider, canSelectMany: false });
  const panel = new CapturePanel();
  const documents = new CaptureDocuments();
  const listener = new ListenerController(service, accounts, view, log);
  const captures = new CaptureController({
    state: context.workspaceState,
    storage: vscode.Uri.file(context.globalStorageUri.fsPath),
    service,
    accounts,
    flow: deps.flow,
    sender: deps.sender,
    panel,
    documents,
    log,
  });
  const on = new CaptureCommands(service, view, log);
  listener.describeView();
  service.onDidChange(() => listener.describeView());

  context.subscriptions.push(
    service,
    view,
    panel,
    documents,
    vscode.commands.registerCommand(COMMANDS.startListening, (args?: CaptureArgs) => listener.start(args ?? {})),
    vscode.commands.registerCommand(COMMANDS.stopListening, () => listener.stop()),
    vscode.commands.registerCommand(COMMANDS.clearCaptures, (args?: CaptureArgs) => listener.clear(args)),
    vscode.commands.registerCommand(
      COMMANDS.openCapture,
      on.handler((capture) => captures.open(capture)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.saveCaptureAsFixture,
      on.handler((capture, args) => captures.saveAsFixture(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.replayCapture,
      on.handler((capture, args) => captures.replay(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.editAndResendCapture,
      on.handler((capture) => captures.editAndResend(capture)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.deliverCapture,
      on.handler((capture, args) => captures.deliver(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.compareCapture,
      on.handler((capture, args) => captures.compare(capture, args)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.copyCaptureAsCurl,
      on.handler((capture) => captures.copyAsCurl(capture)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.deleteCapture,
      on.handler((capture) => captures.delete(capture)),
    ),
    registerConnectAccount(deps, service, (args) => listener.start(args)),
  );

  return {
    address: () => service.address,
    captures: async () => (await service.captures()).list(),
    roots: () => provider.getChildren(),
  };
}
