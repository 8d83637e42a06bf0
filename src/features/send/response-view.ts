// The "Webhook Response" panel beside the editor: one panel, reused, showing the latest send.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Exchange } from '../../core/exchange';
import type * as ResponseHtml from './response-html';
import { WEBVIEWS } from '../ids';

/** The renderer is required when a panel first shows (the extension ships it as a second bundle, off the activation path). */
const renderExchangesHtml: typeof ResponseHtml.renderExchangesHtml = (...args) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./response-html') as typeof ResponseHtml).renderExchangesHtml(...args);

export type ResponseAction = 'copyCurl' | 'resend' | 'saveEndpoint';
const ACTIONS: readonly string[] = ['copyCurl', 'resend', 'saveEndpoint'] satisfies ResponseAction[];

export class ResponseView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: Exchange[] = [];

  constructor(private readonly onAction: (command: ResponseAction, exchange: Exchange) => void) {}

  show(exchanges: Exchange[]): void {
    this.shown = exchanges;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        WEBVIEWS.response,
        vscode.l10n.t('Webhook Response'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: { command?: string; id?: number }) => {
        const exchange = this.shown.find((e) => e.id === message.id);
        if (exchange && message.command && ACTIONS.includes(message.command)) this.onAction(message.command as ResponseAction, exchange);
      });
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    const last = exchanges[exchanges.length - 1];
    const outcome = last.response ? String(last.response.status) : vscode.l10n.t('failed');
    this.panel.title =
      exchanges.length > 1
        ? vscode.l10n.t('Webhook Responses ({0})', exchanges.length)
        : last.wrongSignature
          ? vscode.l10n.t('Webhook Response: {0} (wrong signature)', outcome)
          : vscode.l10n.t('Webhook Response: {0}', outcome);
    this.panel.webview.html = renderExchangesHtml(exchanges, randomBytes(16).toString('base64'), this.panel.webview.cspSource);
  }

  /** Brings the panel to the front, focused; false when nothing was sent yet. */
  focus(): boolean {
    if (!this.panel) return false;
    this.panel.reveal(undefined, false);
    return true;
  }

  get isVisible(): boolean {
    return this.panel !== undefined;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
