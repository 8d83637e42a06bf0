// "Prepare, then send": the one interactive flow of Send, Send with Options, Send Test Event, Send to
// the Listener, Deliver and Replay. In order: plan every payload (an input error offers Go to Error), one
// question about schema problems (Show Problems), the command's own questions (endpoint, options, policy),
// the endpoint checked, the signing token (Set API Token resumes the action), then the caller builds and
// sends. What to ask is decided in core/send-plan.ts; this module only asks.
import * as vscode from 'vscode';
import { CancelledError, describeError, InvalidJsonError, NestingTooDeepError } from '../../core/errors';
import type { Provider } from '../../core/provider';
import { checkHeaders, type PayloadPlan } from '../../core/payload';
import { secretsOfToken } from '../../core/redact';
import { parseEndpointUrl } from '../../core/send';
import { needsToken, planAll, schemaQuestion, tokenRefusal } from '../../core/send-plan';
import type { Account } from '../../core/settings';
import type { Accounts } from '../accounts';
import { payloadSettings } from '../configuration';
import { showProblems, type SchemaService } from '../schemas';
import type { ChosenEndpoint } from './endpoints';
import { showFailure } from '../commands';
import { COMMANDS, SETTINGS } from '../ids';

export interface PayloadItem {
  /** What to call it in messages: a workspace-relative file name. */
  source: string;
  text: string;
  /** The payload's bytes, when it came as bytes (they are planned instead of the text). */
  bytes?: Buffer;
  provider?: Provider;
  /** The open document, to point at problems in it. */
  document?: vscode.TextDocument;
  /** Where the text starts in the document (a selection). */
  offset?: number;
  /** The file it was read from (not open in an editor): Go to Error and Show Problems open it. */
  uri?: vscode.Uri;
  /** Workspace-relative file the endpoint memory keys it by (a selection counts as its file); none for payloads not from a file. */
  file?: string;
  /** Force signing on or off (default: sign unless IQChannels). */
  sign?: boolean;
}

export interface PrepareSpec<C> {
  items: readonly PayloadItem[];
  /** Check the schemas (unless webhookStudio.validateBeforeSend is off); false for documented examples. */
  validate: boolean;
  /** The schema question's button that goes on: "Send Anyway", "Deliver Anyway". */
  anyway: string;
  /** The schema question was answered already (a resumed action): not asked again. */
  schemaAccepted?: boolean;
  /** The command's own questions, asked once the payloads are known to be sendable; undefined cancels. */
  choose(plans: PayloadPlan[]): Promise<C | undefined>;
  /** Where the choices send. */
  target(choices: C): ChosenEndpoint;
  /** Whether this send signs; by default, when any plan does. */
  signs?(choices: C, plans: PayloadPlan[]): boolean;
  /** The account that signs, when the caller knows it (the sidebar's webhook, a resumed action, the listener's). */
  account?: Account;
  /** The same action again with these choices and this account, nothing asked: after Set API Token. */
  resume(choices: C, account: Account): Promise<unknown>;
}

export interface Prepared<C> {
  plans: PayloadPlan[];
  choices: C;
  target: ChosenEndpoint;
  /** Set when the send signs. */
  apiToken?: string;
  account?: Account;
}

export class SendFlow {
  /** Tokens used this session (memory only), redacted from whatever a handler answers. */
  readonly secrets = new Set<string>();

  constructor(
    private readonly accounts: Accounts,
    private readonly schemas: SchemaService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Everything up to building the requests; undefined when the user was told why not, or cancelled. */
  async prepare<C>(spec: PrepareSpec<C>): Promise<Prepared<C> | undefined> {
    const plans = this.plan(spec.items, spec.validate);
    if (!plans) return undefined;
    if (!spec.schemaAccepted && !(await this.confirmSchema(plans, spec.items, spec.anyway))) return undefined;
    const choices = await spec.choose(plans);
    if (choices === undefined) return undefined;
    const target = spec.target(choices);
    if (!checkTarget(target)) return undefined;
    if (!(spec.signs ? spec.signs(choices, plans) : needsToken(plans))) return { plans, choices, target };
    const signer = await this.signer(spec.account, target, (account) => spec.resume(choices, account));
    return signer && { plans, choices, target, ...signer };
  }

  /** 1. Every payload planned (parsed once, with its problems), or the first input error shown. */
  private plan(items: readonly PayloadItem[], validate: boolean): PayloadPlan[] | undefined {
    const settings = payloadSettings();
    const outcome = planAll(
      items.map((item) => ({ source: item.source, text: item.text, bytes: item.bytes, provider: item.provider, sign: item.sign })),
      {
        bodyFormat: settings.bodyFormat,
        signIqChannels: settings.signIQChannelsPayloads,
        validator: validate && settings.validateBeforeSend ? this.schemas.payloadValidator : undefined,
      },
    );
    if (outcome.kind === 'planned') return outcome.plans;
    reportInputError(outcome.error, items[outcome.index]);
    return undefined;
  }

  /** 2. One question for the whole batch; true to go on. */
  private async confirmSchema(plans: PayloadPlan[], items: readonly PayloadItem[], anyway: string): Promise<boolean> {
    const question = schemaQuestion(plans);
    if (!question) return true;
    const invalid = question.invalid.map((index) => items[index]).filter((item) => item.document ?? item.uri);
    const showProblemsLabel = vscode.l10n.t('Show Problems');
    const answer = await vscode.window.showWarningMessage(
      question.message,
      { modal: true, detail: question.detail },
      anyway,
      ...(invalid.length > 0 ? [showProblemsLabel] : []),
    );
    if (answer === showProblemsLabel) await showProblemsOf(invalid);
    return answer === anyway;
  }

  /** 4. The account and its token; a missing or broken token offers Set API Token, which resumes the action. */
  private async signer(
    given: Account | undefined,
    target: ChosenEndpoint,
    resume: (account: Account) => Promise<unknown>,
  ): Promise<{ account: Account; apiToken: string } | undefined> {
    const account = given ?? (await this.accounts.pick(vscode.l10n.t('Sign with the API token of which account?'), target.account));
    if (!account) return undefined;
    const apiToken = await this.accounts.getToken(account);
    const refusal = tokenRefusal(account.name, apiToken);
    if (refusal !== undefined || apiToken === undefined) {
      // Not awaited: the notification may stay open; once the token is set, the action goes on as asked.
      void vscode.window.showErrorMessage(refusal ?? '', vscode.l10n.t('Set API Token')).then(async (choice) => {
        if (!choice || (await vscode.commands.executeCommand<boolean>(COMMANDS.setApiToken, { account: account.name })) !== true) return;
        try {
          await resume(account);
        } catch (error) {
          void showFailure(this.log, error);
        }
      });
      return undefined;
    }
    for (const secret of secretsOfToken(apiToken)) this.secrets.add(secret);
    return { account, apiToken };
  }
}

/** 3. The endpoint's URL and headers, before any token is asked for. */
function checkTarget(target: ChosenEndpoint): boolean {
  try {
    parseEndpointUrl(target.url);
  } catch (error) {
    void vscode.window.showErrorMessage(describeError(error));
    return false;
  }
  const headerProblem = checkHeaders(target.headers);
  if (!headerProblem) return true;
  void vscode.window
    .showErrorMessage(target.name ? vscode.l10n.t('Endpoint "{0}": {1}', target.name, headerProblem) : headerProblem, vscode.l10n.t('Open Settings'))
    .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.endpoints));
  return false;
}

/** Tells the user what is wrong with their input, with Go to Error where it has a place; does not wait for the notification. */
function reportInputError(error: unknown, item: PayloadItem): void {
  if (error instanceof CancelledError) return;
  const where = item.document?.uri ?? item.uri;
  if (!(error instanceof InvalidJsonError || error instanceof NestingTooDeepError) || !where) {
    void vscode.window.showErrorMessage(describeError(error));
    return;
  }
  void vscode.window.showErrorMessage(describeError(error), vscode.l10n.t('Go to Error')).then(async (choice) => {
    if (!choice) return;
    const document = item.document ?? (await vscode.workspace.openTextDocument(where));
    const position = document.positionAt((item.offset ?? 0) + error.position.offset);
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  });
}

/** Tabs Show Problems opens at most: a large batch is not turned into a wall of tabs. */
const MAX_PROBLEM_TABS = 20;

/**
 * Marks the problems of the payloads that have a file (each once: validatePayload leaves to VS Code's
 * JSON service the files it checks itself), opens them in tabs (that service checks documents in tabs),
 * the first in front, then the Problems panel.
 */
async function showProblemsOf(items: readonly PayloadItem[]): Promise<void> {
  const documents: vscode.TextDocument[] = [];
  for (const item of items.slice(0, MAX_PROBLEM_TABS)) {
    const uri = item.document?.uri ?? item.uri;
    if (!uri) continue;
    await vscode.commands.executeCommand(COMMANDS.validatePayload, uri, { quiet: true });
    documents.push(item.document ?? (await vscode.workspace.openTextDocument(uri)));
  }
  for (const document of documents.slice(1).reverse()) await vscode.window.showTextDocument(document, { preview: false, preserveFocus: true });
  if (documents[0]) await showProblems(documents[0]);
}

/** The file the endpoint memory keys a send by: one payload from a file. */
export function fileKeyOf(items: readonly PayloadItem[]): string | undefined {
  return items.length === 1 ? items[0].file : undefined;
}
