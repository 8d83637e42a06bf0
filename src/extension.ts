import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Webhook Studio', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand('webhookStudio.showLog', () => log.show()));
}

export function deactivate(): void {}
