// Sends payloads as signed webhooks with progress and cancel, records each exchange, and shows it.
// Shared by "Send as Signed Webhook" and the sidebar's "Send Test Event…".
import * as vscode from 'vscode';
import { CancelledError, describeError, InvalidJsonError, NestingTooDeepError, WebhookStudioError } from '../../core/errors';
import { appendToHistory, RESPONSE_BODY_LIMIT_BYTES, summarizeBatch, summarizeExchange, type Exchange } from '../../core/exchange';
import { PROVIDER_NAMES, type Provider } from '../../core/json';
import { checkHeaders, checkToken, createRequest, planPayload, type PayloadPlan } from '../../core/payload';
import { redactUrl, secretsOfToken } from '../../core/redact';
import { parseEndpointUrl, sendWebhook } from '../../core/send';
import { bodyFormatSchema, type Account } from '../../core/settings';
import { requestTimeoutMs } from '../configuration';
import { toCurl } from '../../core/curl';
import type { Accounts } from '../accounts';
import { showProblems, type SchemaService } from '../schemas';
import { rememberUrl, type ChosenEndpoint } from './endpoints';
import { ResponseView } from './response-view';
import { COMMANDS, DEFAULTS, SETTINGS, SETTINGS_SECTION } from '../ids';

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

interface PreparedSend {
  source: string;
  request: Exchange['request'];
  provider: Provider | undefined;
  signed: boolean;
  wrongSignature: boolean | undefined;
}

export class WebhookSender implements vscode.Disposable {
  readonly exchanges: Exchange[] = [];
  readonly responseView: ResponseView;
  private readonly sent = new vscode.EventEmitter<Exchange[]>();
  /** Fires after each send that produced exchanges (answered or not). */
  readonly onDidSend = this.sent.event;
  private nextId = 1;
  /** Tokens used this session (memory only), redacted from whatever a handler answers, Replay included. */
  private readonly secrets = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly accounts: Accounts,
    private readonly schemas: SchemaService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.responseView = new ResponseView((command, exchange) => {
      if (command === 'copyCurl') void this.copyAsCurl(exchange);
      else if (command === 'saveEndpoint') void vscode.commands.executeCommand(COMMANDS.saveAsEndpoint, { url: exchange.request.url });
      else void this.resend(exchange);
    });
  }

  async copyAsCurl(exchange = this.exchanges[this.exchanges.length - 1]): Promise<void> {
    if (!exchange) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing has been sent yet.'));
      return;
    }
    await vscode.env.clipboard.writeText(toCurl(exchange.request, { wrongSignature: exchange.wrongSignature }));
    void vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('cURL command copied')}`, 3000);
  }

  private async resend(exchange: Exchange): Promise<void> {
    await this.sendPrepared(
      [{ source: exchange.source, request: exchange.request, provider: exchange.provider, signed: exchange.signed, wrongSignature: exchange.wrongSignature }],
      exchange.request.url,
    );
  }

  async send(items: PayloadItem[], target: ChosenEndpoint, choices: SendChoices = {}): Promise<Exchange[]> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const bodyFormat = bodyFormatSchema.parse(config.get('bodyFormat'));
    const signIqChannels = config.get<boolean>('signIQChannelsPayloads', DEFAULTS.signIQChannelsPayloads);

    // 1. Every payload must be sendable before any is sent: a replay is all or nothing. Each is
    //    parsed once (the pipeline in core/payload.ts); the schema check reuses that parse.
    try {
      parseEndpointUrl(target.url);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return [];
    }
    const headerProblem = checkHeaders(target.headers);
    if (headerProblem) {
      void vscode.window
        .showErrorMessage(target.name ? vscode.l10n.t('Endpoint "{0}": {1}', target.name, headerProblem) : headerProblem, vscode.l10n.t('Open Settings'))
        .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.endpoints));
      return [];
    }
    const validate = !choices.skipValidation && config.get<boolean>('validateBeforeSend', DEFAULTS.validateBeforeSend);
    const plans: PayloadPlan[] = [];
    for (const item of items) {
      try {
        plans.push(
          planPayload(
            { source: item.source, text: item.text, provider: item.provider },
            {
              bodyFormat,
              signIqChannels,
              validator: validate ? this.schemas.payloadValidator : undefined,
            },
          ),
        );
      } catch (error) {
        this.reportInputError(error, item);
        return [];
      }
    }

    // 2. Schema check, unless the caller sends documented examples.
    for (const [index, plan] of plans.entries()) {
      if (plan.problems.length === 0 || plan.provider === undefined) continue;
      const first = plan.problems[0];
      const sendAnyway = vscode.l10n.t('Send Anyway');
      const showProblemsLabel = vscode.l10n.t('Show Problems');
      const answer = await vscode.window.showWarningMessage(
        plan.problemCount > 1
          ? vscode.l10n.t('{0} does not match the {1} schema ({2} problems).', plan.source ?? '', PROVIDER_NAMES[plan.provider], plan.problemCount)
          : vscode.l10n.t('{0} does not match the {1} schema (1 problem).', plan.source ?? '', PROVIDER_NAMES[plan.provider]),
        { modal: true, detail: vscode.l10n.t('First, at {0} (line {1}, column {2}): {3}', first.path, first.line, first.column, first.message) },
        sendAnyway,
        showProblemsLabel,
      );
      const document = items[index].document;
      if (answer === showProblemsLabel && document) {
        await vscode.commands.executeCommand(COMMANDS.validatePayload, document.uri, { quiet: true });
        await showProblems(document);
      }
      if (answer !== sendAnyway) return [];
    }

    // 3. Signing needs the account's token. IQChannels documents no signature: unsigned unless asked.
    let apiToken: string | undefined;
    if (plans.some((p) => p.signs)) {
      const account = choices.account ?? (await this.accounts.pick(vscode.l10n.t('Sign with the API token of which account?'), target.account));
      if (!account) return [];
      apiToken = await this.accounts.getToken(account);
      const problem = apiToken ? checkToken(apiToken) : undefined;
      if (!apiToken || problem) {
        const message = apiToken
          ? vscode.l10n.t('The API token for "{0}" cannot be right: {1}', account.name, problem ?? '')
          : vscode.l10n.t('No Chat2Desk API token is set for "{0}": it is needed to sign the webhook.', account.name);
        // Once the token is set, the interrupted send goes on: the user asked for it already.
        void vscode.window.showErrorMessage(message, vscode.l10n.t('Set API Token')).then(async (choice) => {
          if (choice && (await vscode.commands.executeCommand<boolean>(COMMANDS.setApiToken, { account: account.name })) === true)
            await this.send(items, target, { ...choices, account });
        });
        return [];
      }
      for (const secret of secretsOfToken(apiToken)) this.secrets.add(secret);
    }

    let prepared: PreparedSend[];
    try {
      prepared = plans.map((plan) => {
        const request = createRequest(plan, {
          url: target.url,
          apiToken,
          timestamp: choices.timestamp,
          timestampOffsetSeconds: choices.timestampOffsetSeconds,
          wrongSignature: choices.wrongSignature,
          headers: target.headers,
        });
        return { source: plan.source ?? '', request, provider: plan.provider, signed: request.signed, wrongSignature: request.wrongSignature };
      });
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return [];
    }
    const exchanges = await this.sendPrepared(prepared, target.url);
    if (exchanges.some((e) => e.response)) await rememberUrl(this.state, target.url);
    return exchanges;
  }

  private async sendPrepared(prepared: PreparedSend[], url: string): Promise<Exchange[]> {
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
              request: item.request,
              startedAt: new Date().toISOString(),
            };
            try {
              exchange.response = await sendWebhook(item.request, {
                timeoutMs,
                signal: controller.signal,
                secrets: [...this.secrets],
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
    this.responseView.show(exchanges);
    this.sent.fire(exchanges);
    this.notify(exchanges, prepared.length);
    return exchanges;
  }

  private notify(exchanges: Exchange[], planned: number): void {
    const last = exchanges[exchanges.length - 1];
    if (last.error?.code === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Cancelled after {0} of {1} webhook(s).', exchanges.length - 1, planned));
    } else if (planned > 1) {
      const failed = exchanges.some((e) => !e.response?.ok);
      const message = vscode.l10n.t('Sent {0} webhooks in order: {1}.', exchanges.length, summarizeBatch(exchanges));
      void (failed ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
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

  /** Tells the user what is wrong with their input; does not wait for the notification to close. */
  private reportInputError(error: unknown, item: PayloadItem): void {
    if (error instanceof CancelledError) return;
    const document = item.document;
    if (!(error instanceof InvalidJsonError || error instanceof NestingTooDeepError) || !document) {
      void vscode.window.showErrorMessage(describeError(error));
      return;
    }
    const position = document.positionAt((item.offset ?? 0) + error.position.offset);
    void vscode.window.showErrorMessage(describeError(error), vscode.l10n.t('Go to Error')).then(async (choice) => {
      if (!choice) return;
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    });
  }

  dispose(): void {
    this.sent.dispose();
    this.responseView.dispose();
  }
}
