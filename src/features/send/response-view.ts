// The "Webhook Response" panel beside the editor: one panel, reused, showing the latest send.
import * as vscode from 'vscode';
import type { Exchange } from '../../core/exchange';
import { WebviewPanelView, type WebviewRoutes } from '../webview-panel';
import type * as ResponseHtml from './response-html';
import { WEBVIEWS } from '../ids';

/** The renderer is required when a panel first shows (the extension ships it as a second bundle, off the activation path). */
const exchangesPage: typeof ResponseHtml.exchangesPage = (...args) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./response-html') as typeof ResponseHtml).exchangesPage(...args);

export type ResponseAction = 'copyCurl' | 'resend' | 'saveEndpoint';
const ACTIONS = ['copyCurl', 'resend', 'saveEndpoint'] as const satisfies ResponseAction[];

export class ResponseView extends WebviewPanelView {
  private shown: Exchange[] = [];
  /** Each button acts on the exchange its data-id names, if it is still shown. */
  protected readonly routes: WebviewRoutes = Object.fromEntries(
    ACTIONS.map((action) => [
      action,
      ({ id }) => {
        const exchange = this.shown.find((e) => e.id === id);
        if (exchange) this.onAction(action, exchange);
      },
    ]),
  );

  constructor(private readonly onAction: (command: ResponseAction, exchange: Exchange) => void) {
    super(WEBVIEWS.response);
  }

  show(exchanges: Exchange[]): void {
    this.shown = exchanges;
    const last = exchanges[exchanges.length - 1];
    const outcome = last.response ? String(last.response.status) : vscode.l10n.t('failed');
    const title =
      exchanges.length > 1
        ? vscode.l10n.t('Webhook Responses ({0})', exchanges.length)
        : last.wrongSignature
          ? vscode.l10n.t('Webhook Response: {0} (wrong signature)', outcome)
          : vscode.l10n.t('Webhook Response: {0}', outcome);
    this.render(title, exchangesPage(exchanges));
  }
}
