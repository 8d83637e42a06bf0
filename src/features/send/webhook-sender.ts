// Sends payloads as signed webhooks with progress and cancel, records each exchange, and shows it.
// Shared by "Send as Signed Webhook" and the sidebar's "Send Test Event…".
import * as vscode from 'vscode';
import { CancelledError, describeError, InvalidJsonError, WebhookStudioError } from '../../core/errors';
import { summarizeBatch, summarizeExchange, type Exchange } from '../../core/exchange';
import { detectProvider, prepareBody, PROVIDER_NAMES, type Provider } from '../../core/json';
import { parseEndpointUrl, sendWebhook } from '../../core/send';
import { bodyFormatSchema, timeoutSecondsSchema, type Account } from '../../core/settings';
import { buildWebhookRequest, toCurl } from '../../core/webhook-request';
import type { Accounts } from '../accounts';
import type { SchemaService } from '../schemas';
import { rememberUrl, type ChosenEndpoint } from './endpoints';
import { ResponseView } from './response-view';

export interface PayloadItem {
  /** What to call it in messages: a workspace-relative file name. */
  source: string;
  text: string;
  provider?: Provider;
  /** The open document, to point at problems in it. */
  document?: vscode.TextDocument;
  /** Where the text starts in the document (a selection). */
  offset?: number;
}

export interface SendChoices {
  timestamp?: number;
  timestampOffsetSeconds?: number;
  wrongSignature?: boolean;
  /** Sign with this account (the sidebar knows it); otherwise the endpoint's or the user's pick. */
  account?: Account;
  /** Skip the schema check (the payload is a documented example). */
  skipValidation?: boolean;
}

export class WebhookSender implements vscode.Disposable {
  readonly exchanges: Exchange[] = [];
  readonly responseView: ResponseView;
  private nextId = 1;

  constructor(private readonly state: vscode.Memento, private readonly accounts: Accounts, private readonly schemas: SchemaService, private readonly log: vscode.LogOutputChannel) {
    this.responseView = new ResponseView((command, exchange) => {
      if (command === 'copyCurl') void this.copyAsCurl(exchange);
      else void this.resend(exchange);
    });
  }

  async copyAsCurl(exchange = this.exchanges[this.exchanges.length - 1]): Promise<void> {
    if (!exchange) { void vscode.window.showInformationMessage('Nothing has been sent yet.'); return; }
    await vscode.env.clipboard.writeText(toCurl(exchange.request));
    void vscode.window.setStatusBarMessage('$(check) cURL command copied', 3000);
  }

  private async resend(exchange: Exchange): Promise<void> {
    await this.sendPrepared([{ source: exchange.source, request: exchange.request, provider: exchange.provider, signed: exchange.signed }], exchange.request.url);
  }

  async send(items: PayloadItem[], target: ChosenEndpoint, choices: SendChoices = {}): Promise<Exchange[]> {
    const config = vscode.workspace.getConfiguration('webhookStudio');
    const bodyFormat = bodyFormatSchema.parse(config.get('bodyFormat'));
    const signIqChannels = config.get<boolean>('signIQChannelsPayloads', false);

    // 1. Every payload must be sendable before any is sent: a replay is all or nothing.
    try {
      parseEndpointUrl(target.url);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return [];
    }
    const providers: (Provider | undefined)[] = [];
    for (const item of items) {
      try {
        const { payload } = prepareBody(item.text, bodyFormat, item.source);
        providers.push(item.provider ?? detectProvider(payload));
      } catch (error) {
        this.reportInputError(error, item);
        return [];
      }
    }

    // 2. Schema check, unless the caller sends documented examples.
    if (!choices.skipValidation && config.get<boolean>('validateBeforeSend', true)) {
      for (const [index, item] of items.entries()) {
        const { issues } = this.schemas.payloadValidator.validateText(item.text, providers[index], item.source);
        if (issues.length === 0 || providers[index] === undefined) continue;
        const answer = await vscode.window.showWarningMessage(
          `${item.source} does not match the ${PROVIDER_NAMES[providers[index]!]} schema (${issues.length} problem${issues.length > 1 ? 's' : ''}).`,
          { modal: true, detail: `First, at ${issues[0].path} (line ${issues[0].line}, column ${issues[0].column}): ${issues[0].message}` }, 'Send Anyway', 'Show Problems');
        if (answer === 'Show Problems' && item.document) await vscode.commands.executeCommand('webhookStudio.validatePayload', item.document.uri);
        if (answer !== 'Send Anyway') return [];
      }
    }

    // 3. Signing needs the account's token. IQChannels documents no signature: unsigned unless asked.
    const signs = providers.map((p) => p !== 'iqchannels' || signIqChannels);
    let apiToken: string | undefined;
    if (signs.some(Boolean)) {
      const account = choices.account ?? await this.accounts.pick('Sign with the API token of which account?', target.account);
      if (!account) return [];
      apiToken = await this.accounts.getToken(account);
      if (!apiToken) {
        void vscode.window.showErrorMessage(`No Chat2Desk API token is set for "${account.name}": it is needed to sign the webhook.`, 'Set API Token')
          .then((choice) => choice && vscode.commands.executeCommand('webhookStudio.setApiToken', { account: account.name }));
        return [];
      }
    }

    const prepared = items.map((item, index) => {
      const provider = providers[index];
      const request = buildWebhookRequest({
        text: item.text, url: target.url, bodyFormat, provider, sign: signs[index],
        apiToken, timestamp: choices.timestamp, timestampOffsetSeconds: choices.timestampOffsetSeconds, wrongSignature: choices.wrongSignature,
        extraHeaders: target.headers, source: item.source,
      });
      return { source: item.source, request, provider, signed: request.signed };
    });
    const exchanges = await this.sendPrepared(prepared, target.url);
    if (exchanges.some((e) => e.response)) await rememberUrl(this.state, target.url);
    return exchanges;
  }

  private async sendPrepared(prepared: { source: string; request: Exchange['request']; provider: Provider | undefined; signed: boolean }[], url: string): Promise<Exchange[]> {
    const timeoutMs = timeoutSecondsSchema.parse(vscode.workspace.getConfiguration('webhookStudio').get('timeoutSeconds')) * 1000;
    const exchanges: Exchange[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sending to ${url}`, cancellable: true }, async (progress, cancellation) => {
      const controller = new AbortController();
      const listener = cancellation.onCancellationRequested(() => controller.abort());
      try {
        for (const [index, item] of prepared.entries()) {
          if (controller.signal.aborted) break;
          progress.report({ message: prepared.length > 1 ? `${index + 1} of ${prepared.length}: ${item.source}` : item.source, increment: 100 / prepared.length });
          const exchange: Exchange = { id: this.nextId++, source: item.source, provider: item.provider, signed: item.signed, request: item.request, startedAt: new Date().toISOString() };
          try {
            exchange.response = await sendWebhook(item.request, { timeoutMs, signal: controller.signal });
          } catch (error) {
            exchange.error = { code: error instanceof WebhookStudioError ? error.code : 'error', message: describeError(error) };
          }
          this.exchanges.push(exchange);
          exchanges.push(exchange);
          if (exchange.error?.code === 'cancelled') break;
          if (exchange.error) this.log.error(summarizeExchange(exchange));
          else this.log.info(summarizeExchange(exchange));
        }
      } finally {
        listener.dispose();
      }
    });
    if (exchanges.length === 0) return exchanges;
    this.responseView.show(exchanges);
    this.notify(exchanges, prepared.length);
    return exchanges;
  }

  private notify(exchanges: Exchange[], planned: number): void {
    const last = exchanges[exchanges.length - 1];
    if (last.error?.code === 'cancelled') {
      void vscode.window.showInformationMessage(`Cancelled after ${exchanges.length - 1} of ${planned} webhook(s).`);
    } else if (planned > 1) {
      const failed = exchanges.some((e) => !e.response?.ok);
      const message = `Sent ${exchanges.length} webhooks in order: ${summarizeBatch(exchanges)}.`;
      void (failed ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
    } else if (last.error) {
      void vscode.window.showErrorMessage(last.error.message, 'Show Log').then((c) => c && this.log.show(true));
    } else if (last.response && !last.response.ok) {
      void vscode.window.showWarningMessage(`The handler answered ${last.response.status} ${last.response.statusText} (see the Webhook Response view).`);
    } else if (last.response) {
      vscode.window.setStatusBarMessage(`$(check) Webhook delivered: ${last.response.status} ${last.response.statusText} in ${Math.round(last.response.elapsedMs)} ms`, 5000);
    }
  }

  /** Tells the user what is wrong with their input; does not wait for the notification to close. */
  private reportInputError(error: unknown, item: PayloadItem): void {
    if (error instanceof CancelledError) return;
    const document = item.document;
    if (!(error instanceof InvalidJsonError) || !document) {
      void vscode.window.showErrorMessage(describeError(error));
      return;
    }
    const position = document.positionAt((item.offset ?? 0) + error.position.offset);
    void vscode.window.showErrorMessage(describeError(error), 'Go to Error').then(async (choice) => {
      if (!choice) return;
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    });
  }

  dispose(): void {
    this.responseView.dispose();
  }
}
