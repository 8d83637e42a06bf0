// Sends requests with progress and cancel, records each exchange (history, log, redaction), and announces
// it (onDidSend: the response view shows it, the walkthrough counts it).
// The questions before a send (payloads, schema, endpoint, token) are the flow's (prepare-send.ts).
import * as vscode from 'vscode';
import { describeError, WebhookStudioError } from '../../core/errors';
import {
  appendToHistory,
  expectationMet,
  expectationText,
  RESPONSE_BODY_LIMIT_BYTES,
  summarizeBatch,
  summarizeExchange,
  type Exchange,
} from '../../core/exchange';
import type { Provider } from '../../core/provider';
import { createRequest } from '../../core/payload';
import { redactUrl } from '../../core/redact';
import { sendWebhook } from '../../core/send';
import type { Account } from '../../core/settings';
import type { StatusSpec } from '../../core/status';
import { requestTimeoutMs } from '../configuration';
import { toCurl } from '../../core/curl';
import { rememberUrl, type ChosenEndpoint } from './endpoints';
import { fileKeyOf, type PayloadItem, type SendFlow } from './prepare-send';

export type { PayloadItem } from './prepare-send';

export interface SendChoices {
  timestamp?: number;
  timestampOffsetSeconds?: number;
  wrongSignature?: boolean;
  /** The answer to expect (a wrong signature: 4xx); the view, the log and the message say whether it came. */
  expectedStatus?: StatusSpec;
  /** Sign with this account (the sidebar knows it); otherwise the endpoint's or the user's pick. */
  account?: Account;
  /** Skip the schema check (the payload is a documented example). */
  skipValidation?: boolean;
  /** The schema question was answered already (a send resumed after Set API Token). */
  schemaAccepted?: boolean;
}

/** Asks where to send (and how to sign) once the payloads are known to be sendable. */
export type ChooseTarget = () => Promise<{ target: ChosenEndpoint; choices?: SendChoices } | undefined>;

/** A request ready to go, with what the exchange records of it. */
export interface ReadyRequest {
  source: string;
  request: Exchange['request'];
  provider: Provider | undefined;
  signed: boolean;
  wrongSignature: boolean | undefined;
  expectedStatus?: StatusSpec;
}

export class WebhookSender implements vscode.Disposable {
  readonly exchanges: Exchange[] = [];
  private readonly sent = new vscode.EventEmitter<Exchange[]>();
  /** Fires after each send that produced exchanges (answered or not). */
  readonly onDidSend = this.sent.event;
  private nextId = 1;

  constructor(
    private readonly state: vscode.Memento,
    private readonly flow: SendFlow,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async copyAsCurl(exchange = this.exchanges[this.exchanges.length - 1]): Promise<void> {
    if (!exchange) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing has been sent yet.'));
      return;
    }
    await vscode.env.clipboard.writeText(toCurl(exchange.request, { wrongSignature: exchange.wrongSignature }));
    void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('cURL command copied')}`, 3000);
  }

  /** The response view's Replay: the same bytes, timestamp and signature. */
  async resend(exchange: Exchange): Promise<void> {
    await this.sendRequests(
      [
        {
          source: exchange.source,
          request: exchange.request,
          provider: exchange.provider,
          signed: exchange.signed,
          wrongSignature: exchange.wrongSignature,
          expectedStatus: exchange.expectedStatus,
        },
      ],
      exchange.request.url,
    );
  }

  /**
   * Sends payloads signed, through the prepare-then-send flow. `target` is where (Send Test Event, Send to
   * the Listener), or asks once the payloads are known to be sendable (Send, Send with Options).
   */
  async send(items: PayloadItem[], target: ChosenEndpoint | ChooseTarget, choices: SendChoices = {}): Promise<Exchange[]> {
    const prepared = await this.flow.prepare({
      items,
      validate: !choices.skipValidation,
      anyway: vscode.l10n.t('Send Anyway'),
      schemaAccepted: choices.schemaAccepted,
      account: choices.account,
      choose: async () => {
        const chosen = typeof target === 'function' ? await target() : { target };
        return chosen && { target: chosen.target, choices: { ...choices, ...chosen.choices } };
      },
      target: (chosen) => chosen.target,
      resume: (chosen, account) => this.send(items, chosen.target, { ...chosen.choices, account, schemaAccepted: true }),
    });
    if (!prepared) return [];
    const { target: endpoint, choices: chosen } = prepared.choices;
    let ready: ReadyRequest[];
    try {
      ready = prepared.plans.map((plan) => {
        const request = createRequest(plan, {
          url: endpoint.url,
          apiToken: prepared.apiToken,
          timestamp: chosen.timestamp,
          timestampOffsetSeconds: chosen.timestampOffsetSeconds,
          wrongSignature: chosen.wrongSignature,
          headers: endpoint.headers,
        });
        return {
          source: plan.source ?? '',
          request,
          provider: plan.provider,
          signed: request.signed,
          wrongSignature: request.wrongSignature,
          expectedStatus: chosen.expectedStatus,
        };
      });
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return [];
    }
    const exchanges = await this.sendRequests(ready, endpoint.url);
    if (exchanges.some((e) => e.response)) await rememberUrl(this.state, endpoint.url, fileKeyOf(items));
    return exchanges;
  }

  /** Sends ready requests in order, with progress and cancel; records, logs and shows each exchange (Replay's too). */
  async sendRequests(prepared: ReadyRequest[], url: string): Promise<Exchange[]> {
    const timeoutMs = requestTimeoutMs();
    const exchanges: Exchange[] = [];
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending to {0}', redactUrl(url)), cancellable: true },
      async (progress, cancellation) => {
        const controller = new AbortController();
        const listener = cancellation.onCancellationRequested(() => controller.abort());
        try {
          for (const [index, item] of prepared.entries()) {
            if (controller.signal.aborted) break;
            progress.report({
              message: prepared.length > 1 ? vscode.l10n.t('{0} of {1}: {2}', index + 1, prepared.length, item.source) : item.source,
              increment: 100 / prepared.length,
            });
            const exchange: Exchange = {
              id: this.nextId++,
              source: item.source,
              provider: item.provider,
              signed: item.signed,
              wrongSignature: item.wrongSignature,
              expectedStatus: item.expectedStatus,
              request: item.request,
              startedAt: new Date().toISOString(),
            };
            try {
              exchange.response = await sendWebhook(item.request, {
                timeoutMs,
                signal: controller.signal,
                secrets: [...this.flow.secrets],
                maxResponseBytes: RESPONSE_BODY_LIMIT_BYTES,
              });
            } catch (error) {
              exchange.error = { code: error instanceof WebhookStudioError ? error.code : 'error', message: describeError(error) };
            }
            appendToHistory(this.exchanges, exchange);
            exchanges.push(exchange);
            if (exchange.error?.code === 'cancelled') break;
            if (exchange.error) this.log.error(summarizeExchange(exchange));
            else this.log.info(summarizeExchange(exchange));
          }
        } finally {
          listener.dispose();
        }
      },
    );
    if (exchanges.length === 0) return exchanges;
    this.sent.fire(exchanges);
    this.notify(exchanges, prepared.length);
    return exchanges;
  }

  private notify(exchanges: Exchange[], planned: number): void {
    const last = exchanges[exchanges.length - 1];
    if (last.error?.code === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Cancelled after {0} of {1} webhook(s).', exchanges.length - 1, planned));
    } else if (planned > 1) {
      const failed = exchanges.some((e) => (e.expectedStatus === undefined ? !e.response?.ok : expectationMet(e) !== true));
      const message = vscode.l10n.t('Sent {0} webhooks in order: {1}.', exchanges.length, summarizeBatch(exchanges));
      void (failed ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
    } else if (last.response && last.expectedStatus !== undefined) {
      // What the user asked about comes first: the expected answer, met or not.
      const message = expectationText(last);
      void (expectationMet(last) ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
    } else if (last.error) {
      void vscode.window.showErrorMessage(last.error.message, vscode.l10n.t('Show Log')).then((c) => c && this.log.show(true));
    } else if (last.response && last.wrongSignature) {
      // The point of a wrong signature is the handler's answer to it: say which way it went.
      if (last.response.ok)
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            'The handler ACCEPTED a deliberately wrong signature ({0} {1}): it does not verify X-Signature.',
            last.response.status,
            last.response.statusText,
          ),
        );
      else
        void vscode.window.showInformationMessage(
          vscode.l10n.t('The handler rejected the deliberately wrong signature: {0} {1}, as it should.', last.response.status, last.response.statusText),
        );
    } else if (last.response && !last.response.ok) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The handler answered {0} {1} (see the Webhook Response view).', last.response.status, last.response.statusText),
      );
    } else if (last.response) {
      vscode.window.setStatusBarMessage(
        `$(check) ${vscode.l10n.t('Webhook delivered: {0} {1} in {2} ms', last.response.status, last.response.statusText, Math.round(last.response.elapsedMs))}`,
        5000,
      );
    }
  }

  dispose(): void {
    this.sent.dispose();
  }
}
