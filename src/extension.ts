// Creates the shared services once, then one register call per feature.
import * as vscode from 'vscode';
import type { Exchange } from './core/exchange';
import { Accounts, registerAccountCommands } from './features/accounts';
import { registerSchemaFeatures, SchemaService } from './features/schemas';
import { registerSendCommands } from './features/send/send-commands';
import { WebhookSender } from './features/send/webhook-sender';

/** What activate() returns: read-only views for other extensions and the integration tests. */
export interface WebhookStudioApi {
  exchanges(): readonly Exchange[];
}

export function activate(context: vscode.ExtensionContext): WebhookStudioApi {
  const log = vscode.window.createOutputChannel('Webhook Studio', { log: true });
  const accounts = new Accounts(context.secrets, log);
  const schemas = new SchemaService(vscode.Uri.joinPath(context.extensionUri, 'schemas').fsPath);
  const sender = new WebhookSender(context.workspaceState, accounts, schemas, log);
  context.subscriptions.push(log, accounts, sender, vscode.commands.registerCommand('webhookStudio.showLog', () => log.show()));

  registerAccountCommands(context, accounts);
  registerSchemaFeatures(context, schemas, log);
  registerSendCommands(context, sender, log);

  return { exchanges: () => [...sender.exchanges] };
}

export function deactivate(): void {}
