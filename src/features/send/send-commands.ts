// "Send as Signed Webhook" from the editor (selection or whole document, unsaved text included),
// the explorer (one or several files, sent in order) and the palette; plus options and Copy as cURL.
import * as vscode from 'vscode';
import { providerForFixture } from '../../core/association';
import { describeError } from '../../core/errors';
import { decodePayloadBytes } from '../../core/payload';
import { fixtureEditorInView, fixtureInTabs } from '../fixture-in-view';
import { pickEndpoint, saveAsEndpoint } from './endpoints';
import { fileKeyOf, type PayloadItem } from './prepare-send';
import type { SendChoices, WebhookSender } from './webhook-sender';
import { COMMANDS } from '../ids';

export function registerSendCommands(context: vscode.ExtensionContext, sender: WebhookSender, log: vscode.LogOutputChannel): void {
  /** `preset` lets keybindings, tasks and tests pass the options instead of picking them. */
  const run = async (withOptions: boolean, uri?: unknown, uris?: unknown, preset?: unknown) => {
    let items: PayloadItem[] | undefined;
    try {
      items = await collectPayloads(uri, uris);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return [];
    }
    if (!items) return [];
    const payloads = items;
    // Asked once every payload is known to be sendable (the flow plans them first).
    return sender.send(payloads, async () => {
      const choices = withOptions ? (isSendChoices(preset) ? preset : await pickSendChoices()) : {};
      if (!choices) return undefined;
      const target = await pickEndpoint(
        context.workspaceState,
        log,
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
      typeof args?.url === 'string' ? saveAsEndpoint(args.url, typeof args.name === 'string' ? args.name : undefined) : undefined,
    ),
  );
}

export async function collectPayloads(uri?: unknown, uris?: unknown): Promise<PayloadItem[] | undefined> {
  // From the walkthrough (no active text editor): the fixture open beside it, else in a tab behind.
  const editor = vscode.window.activeTextEditor ?? fixtureEditorInView();
  // Explorer: (clicked, all selected). Several files are a sequence: send them in name order.
  if (Array.isArray(uris) && uris.length > 1) {
    const files = (uris as vscode.Uri[]).filter((u) => u instanceof vscode.Uri).sort((a, b) => a.fsPath.localeCompare(b.fsPath, undefined, { numeric: true }));
    return Promise.all(files.map(readFile));
  }
  const target = uri instanceof vscode.Uri ? uri : undefined;
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
    ['timestamp', 'timestampOffsetSeconds', 'wrongSignature'].some((key) => key in value)
  );
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

async function pickSendChoices(): Promise<SendChoices | undefined> {
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
