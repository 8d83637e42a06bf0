// "Send as Signed Webhook" from the editor (selection or whole document, unsaved text included),
// the explorer (one or several files, sent in order) and the palette; plus options and Copy as cURL.
import * as vscode from 'vscode';
import { providerForFixture } from '../../core/association';
import { describeError } from '../../core/errors';
import { decodePayloadBytes } from '../../core/payload';
import { parseStatusSpec, type StatusSpec } from '../../core/status';
import { fixtureEditorInView, fixtureInTabs } from '../fixture-in-view';
import { saveAsEndpoint, type EndpointPicker } from './endpoints';
import { ResponseView } from './response-view';
import { fileKeyOf, type PayloadItem } from './prepare-send';
import type { SendChoices, WebhookSender } from './webhook-sender';
import { commandInput, showFailure } from '../commands';
import { COMMANDS } from '../ids';

export function registerSendCommands(context: vscode.ExtensionContext, sender: WebhookSender, endpoints: EndpointPicker, log: vscode.LogOutputChannel): void {
  /** `preset` lets keybindings, tasks and tests pass the options instead of picking them. */
  const run = async (withOptions: boolean, uri?: unknown, uris?: unknown, preset?: unknown) => {
    let items: PayloadItem[] | undefined;
    try {
      items = await collectPayloads(uri, uris);
    } catch (error) {
      void showFailure(log, error);
      return [];
    }
    if (!items) return [];
    const payloads = items;
    // Asked once every payload is known to be sendable (the flow plans them first).
    return sender.send(payloads, async () => {
      const choices = withOptions ? (isSendChoices(preset) ? presetChoices(preset, log) : await pickSendChoices()) : {};
      if (!choices) return undefined;
      const target = await endpoints.pick(
        payloads.length > 1 ? vscode.l10n.t('Send {0} webhooks', payloads.length) : vscode.l10n.t('Send {0}', payloads[0].source),
        fileKeyOf(payloads),
      );
      return target && { target, choices };
    });
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.sendSignedWebhook, (uri?: unknown, uris?: unknown) => run(false, uri, uris)),
    vscode.commands.registerCommand(COMMANDS.sendSignedWebhookWithOptions, (uri?: unknown, uris?: unknown, preset?: unknown) => run(true, uri, uris, preset)),
    vscode.commands.registerCommand(COMMANDS.copyAsCurl, () => sender.copyAsCurl()),
    // The response view's "Save as Endpoint"; `name` lets automation skip the question.
    vscode.commands.registerCommand(COMMANDS.saveAsEndpoint, (args?: { url?: unknown; name?: unknown }) =>
      typeof args?.url === 'string' ? saveAsEndpoint(args.url, log, typeof args.name === 'string' ? args.name : undefined) : undefined,
    ),
    ...registerResponseView(sender, log),
  );
}

/** The Webhook Response panel: each send's exchanges as they finish, its buttons, and Show Last Response. */
function registerResponseView(sender: WebhookSender, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const view = new ResponseView((command, exchange) => {
    if (command === 'copyCurl') void sender.copyAsCurl(exchange);
    else if (command === 'saveEndpoint') void saveAsEndpoint(exchange.request.url, log);
    else void sender.resend(exchange);
  });
  return [
    view,
    sender.onDidSend((exchanges) => view.show(exchanges)),
    vscode.commands.registerCommand(COMMANDS.showResponse, () => {
      if (view.focus()) return true;
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing has been sent yet: send a payload fixture first.'));
      return false;
    }),
  ];
}

export async function collectPayloads(uri?: unknown, uris?: unknown): Promise<PayloadItem[] | undefined> {
  // From the walkthrough (no active text editor): the fixture open beside it, else in a tab behind.
  const editor = vscode.window.activeTextEditor ?? fixtureEditorInView();
  // Explorer: (clicked, all selected). Several files are a sequence: send them in name order.
  const { uri: target, uris: selected } = commandInput([uri, uris]);
  if (selected.length > 1) {
    const files = selected.sort((a, b) => a.fsPath.localeCompare(b.fsPath, undefined, { numeric: true }));
    return Promise.all(files.map(readFile));
  }
  if (editor && (!target || target.toString() === editor.document.uri.toString())) {
    const document = editor.document;
    const selection = editor.selection;
    const useSelection = !selection.isEmpty;
    const text = document.getText(useSelection ? selection : undefined);
    const name = vscode.workspace.asRelativePath(document.uri);
    return [
      {
        source: useSelection ? vscode.l10n.t('selection in {0}', name) : name,
        text,
        document,
        file: name,
        offset: useSelection ? document.offsetAt(selection.start) : 0,
        provider: providerForFixture(document.uri.path, document.getText()),
      },
    ];
  }
  if (target) return [await readFile(target)];
  const inTab = fixtureInTabs();
  if (inTab) return [await readFile(inTab)];
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a payload fixture (.json) or select one in the Explorer, then run "Send as Signed Webhook".'));
  return undefined;
}

function isSendChoices(value: unknown): value is SendChoices {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof vscode.Uri) &&
    !Array.isArray(value) &&
    ['timestamp', 'timestampOffsetSeconds', 'wrongSignature', 'expectedStatus'].some((key) => key in value)
  );
}

/** Automation's options; `expectedStatus` may be written as the CLI's --expect-status is ("4xx", "401,403"). */
function presetChoices(preset: SendChoices, log: vscode.LogOutputChannel): SendChoices | undefined {
  const expected: unknown = preset.expectedStatus;
  if (typeof expected !== 'string') return preset;
  try {
    return { ...preset, expectedStatus: parseStatusSpec(expected) };
  } catch (error) {
    void showFailure(log, error);
    return undefined;
  }
}

/** An open document's text (unsaved edits included), else the file on disk, decoded strictly as UTF-8. */
async function readFile(uri: vscode.Uri): Promise<PayloadItem> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const name = vscode.workspace.asRelativePath(uri);
  if (!open && (await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)
    throw new Error(vscode.l10n.t('{0} is a folder, not a payload file: select the .json files inside it.', name));
  const text = open ? open.getText() : decodePayloadBytes(await vscode.workspace.fs.readFile(uri), name);
  return { source: name, text, document: open, uri, file: name, provider: providerForFixture(uri.path, text) };
}

/** Both questions of Send with Options: how to sign, then which answer to expect. */
async function pickSendChoices(): Promise<SendChoices | undefined> {
  const signing = await pickSigning();
  if (!signing) return undefined;
  // A request a correct handler must refuse (wrong signature, an old timestamp) suggests 4xx.
  const refused = signing.wrongSignature === true || (signing.timestampOffsetSeconds ?? 0) <= -300;
  const expectedStatus = await pickExpectedStatus(refused);
  return expectedStatus === undefined ? undefined : { ...signing, ...(expectedStatus === 'any' ? {} : { expectedStatus }) };
}

async function pickExpectedStatus(refused: boolean): Promise<StatusSpec | 'any' | undefined> {
  const accepted = { label: '2xx', description: vscode.l10n.t('the handler accepts it'), spec: '2xx' as const };
  const rejected = { label: '4xx', description: vscode.l10n.t('the handler rejects it (as it must a wrong signature)'), spec: '4xx' as const };
  const items = [
    ...(refused ? [rejected, accepted] : [accepted, rejected]),
    { label: `$(edit) ${vscode.l10n.t('Status code(s)…')}`, description: vscode.l10n.t('e.g. 401 or 401,403'), spec: 'codes' as const },
    { label: `$(dash) ${vscode.l10n.t('Any answer')}`, description: vscode.l10n.t('just show it'), spec: 'any' as const },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Send as Signed Webhook: expected answer'),
    placeHolder: vscode.l10n.t('Which answer should the handler give? The result says whether it did.'),
  });
  if (!picked || picked.spec !== 'codes') return picked?.spec;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Expected status code(s)'),
    prompt: vscode.l10n.t('A code (401), a class (4xx) or codes separated by commas (401,403)'),
    value: refused ? '401' : '200',
    validateInput: (v) => {
      try {
        parseStatusSpec(v);
        return undefined;
      } catch (error) {
        return describeError(error);
      }
    },
  });
  return value === undefined ? undefined : parseStatusSpec(value);
}

async function pickSigning(): Promise<SendChoices | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: `$(clock) ${vscode.l10n.t('Current time')}`, description: vscode.l10n.t('what Chat2Desk sends'), id: 'now' as const },
      { label: `$(calendar) ${vscode.l10n.t('Fixed timestamp…')}`, description: vscode.l10n.t('reproduce a known signature'), id: 'fixed' as const },
      {
        label: `$(history) ${vscode.l10n.t('Timestamp offset…')}`,
        description: vscode.l10n.t('e.g. -600 to test stale-timestamp rejection'),
        id: 'offset' as const,
      },
      { label: `$(error) ${vscode.l10n.t('Wrong signature')}`, description: vscode.l10n.t("test the handler's rejection path"), id: 'wrong' as const },
    ],
    { title: vscode.l10n.t('Send as Signed Webhook: options'), placeHolder: vscode.l10n.t('How should this request be signed?') },
  );
  if (!picked) return undefined;
  if (picked.id === 'now') return {};
  if (picked.id === 'wrong') return { wrongSignature: true };
  // The same bounds the core enforces when signing: whole seconds that a double holds exactly.
  const integer = (value: string, signed: boolean) =>
    (signed ? /^-?\d+$/ : /^\d+$/).test(value.trim()) && Number.isSafeInteger(Number(value.trim()))
      ? undefined
      : signed
        ? vscode.l10n.t('A whole number of seconds, e.g. -600')
        : vscode.l10n.t('Unix time in seconds (whole, not negative), e.g. 1743681006');
  if (picked.id === 'fixed') {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('X-Timestamp to sign with'),
      prompt: vscode.l10n.t('Unix time in seconds'),
      value: String(Math.floor(Date.now() / 1000)),
      validateInput: (v) => integer(v, false),
    });
    return value === undefined ? undefined : { timestamp: Number(value) };
  }
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Shift X-Timestamp by how many seconds?'),
    prompt: vscode.l10n.t('Negative for the past'),
    value: '-600',
    validateInput: (v) => integer(v, true),
  });
  return value === undefined ? undefined : { timestampOffsetSeconds: Number(value) };
}
