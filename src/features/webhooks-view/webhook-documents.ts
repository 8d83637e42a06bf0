// Read-only JSON documents of webhooks as the API returned them, for "Open as JSON".
import * as vscode from 'vscode';
import type { Webhook } from '../../core/chat2desk/api';
import type { Account } from '../../core/settings';

const JSON_SCHEME = 'webhook-studio-webhook';

export class WebhookDocuments implements vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, {
    onDidChange: this.changed.event,
    provideTextDocumentContent: (uri) => this.documents.get(uri.toString()) ?? '',
  });

  /** The webhook's document, its content as of now, opened as JSON. */
  async open(account: Account, webhook: Webhook): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${account.name}/webhook-${webhook.id}.json` });
    this.documents.set(uri.toString(), `${JSON.stringify(webhook, null, 2)}\n`);
    this.changed.fire(uri);
    return vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
