// "New Payload from Documented Event…": pick any documented event of either platform; it becomes
// `<event>.<provider>.json` in the fixtures folder (picked once), with a fresh event time, and opens.
import * as vscode from 'vscode';
import { documentedEventItems, mostUsedFirst, withFreshEventTime, type DocumentedEventItem } from '../core/documented-events';
import type { Provider } from '../core/provider';
import { uniqueFileName } from '../core/listen/reuse';
import { configuredFixturesFolder, fixturesFolder, pickFixturesFolder } from './fixtures-folder';
import { withKeyboard } from './keyboard-focus';
import { commandInput } from './commands';
import { COMMANDS } from './ids';

/** Lets tests and links skip the pickers. */
interface NewPayloadArgs {
  event?: string;
  provider?: Provider;
  folder?: string;
  /** When the file exists: what the user would answer (automation only; people are asked). */
  ifExists?: 'open' | 'copy';
}

/**
 * A fixture of that name exists: never overwritten silently (it may hold the user's edits). The answer is
 * the existing file (to open as it is), a copy beside it, or undefined (cancelled).
 */
async function whenNameTaken(
  uri: vscode.Uri,
  folder: vscode.Uri,
  item: DocumentedEventItem,
  taken: ReadonlySet<string>,
  ifExists: NewPayloadArgs['ifExists'],
): Promise<{ uri: vscode.Uri; existing: boolean } | undefined> {
  const openIt = vscode.l10n.t('Open It');
  const createCopy = vscode.l10n.t('Create a Copy');
  const answer = ifExists
    ? ifExists === 'open'
      ? openIt
      : createCopy
    : await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists.', vscode.workspace.asRelativePath(uri)),
        { modal: true, detail: vscode.l10n.t('It is left as it is either way.') },
        openIt,
        createCopy,
      );
  if (answer === openIt) return { uri, existing: true };
  if (answer !== createCopy) return undefined;
  return {
    uri: vscode.Uri.joinPath(
      folder,
      uniqueFileName(item.fileName, (name) => taken.has(name)),
    ),
    existing: false,
  };
}

type EventPick = vscode.QuickPickItem & { item?: DocumentedEventItem; changeFolder?: true };

export function registerNewPayload(
  context: vscode.ExtensionContext,
  schemasDir: string,
  log: vscode.LogOutputChannel,
): { lastCreated(): vscode.Uri | undefined; onDidCreate: vscode.Event<vscode.Uri> } {
  let items: DocumentedEventItem[] | undefined;
  let lastCreated: vscode.Uri | undefined;
  const created = new vscode.EventEmitter<vscode.Uri>();
  const folderQuestion = () => vscode.l10n.t('Where should new payload fixtures go? (asked once: webhookStudio.listen.fixturesFolder)');

  async function choose(args: NewPayloadArgs): Promise<DocumentedEventItem | undefined> {
    items ??= documentedEventItems(schemasDir, vscode.env.language);
    if (args.event) {
      const found = items.find((i) => i.event === args.event && (!args.provider || i.provider === args.provider));
      if (!found) void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a documented event.', args.event));
      return found;
    }
    for (;;) {
      const folder = configuredFixturesFolder();
      const { mostUsed, others } = mostUsedFirst(items);
      const pickOf = (item: DocumentedEventItem): EventPick => ({ label: item.label, description: item.description, detail: item.detail, item });
      const picks: EventPick[] = [
        // The events a handler starts with first: Enter takes inbox.
        { label: vscode.l10n.t('Most used'), kind: vscode.QuickPickItemKind.Separator },
        ...mostUsed.map(pickOf),
        { label: vscode.l10n.t('All documented events'), kind: vscode.QuickPickItemKind.Separator },
        ...others.map(pickOf),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        {
          label: `$(folder-opened) ${vscode.l10n.t('Change the Fixtures Folder…')}`,
          description: folder ? vscode.workspace.asRelativePath(folder) : vscode.l10n.t('not chosen yet'),
          alwaysShow: true,
          changeFolder: true,
        },
      ];
      const picked = await withKeyboard(() =>
        vscode.window.showQuickPick(picks, {
          title: vscode.l10n.t('New Payload from Documented Event'),
          placeHolder: vscode.l10n.t('Type to filter: an event name (inbox, message_created), Chat2Desk or IQChannels, or words of its description'),
          matchOnDescription: true,
          matchOnDetail: true,
          // The walkthrough re-renders (and takes focus) when a step completes: the list must stay open.
          ignoreFocusOut: true,
        }),
      );
      if (!picked) return undefined;
      if (picked.item) return picked.item;
      await pickFixturesFolder(folderQuestion());
    }
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.newPayloadFromEvent, async (rawArgs?: unknown) => {
      // From the Explorer's context menu: the folder clicked.
      const input = commandInput<NewPayloadArgs>([rawArgs]);
      const args: NewPayloadArgs = input.uri ? { folder: input.uri.fsPath } : input.args;
      const item = await choose(args);
      if (!item) return undefined;
      const folder = args.folder ? vscode.Uri.file(args.folder) : await fixturesFolder(folderQuestion());
      if (!folder) return undefined;
      await vscode.workspace.fs.createDirectory(folder);
      const taken = new Set((await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name));
      let uri = vscode.Uri.joinPath(folder, item.fileName);
      if (taken.has(item.fileName)) {
        const chosen = await whenNameTaken(uri, folder, item, taken, args.ifExists);
        if (!chosen) return undefined;
        if (chosen.existing) {
          await show(chosen.uri);
          return chosen.uri;
        }
        uri = chosen.uri;
      }
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${withFreshEventTime(item.text, item.provider, new Date())}\n`));
      log.info(`New payload ${uri.fsPath} from the documented ${item.description} event ${item.event}`);
      lastCreated = uri;
      created.fire(uri);
      await show(uri);
      return uri;
    }),
    created,
  );
  return { lastCreated: () => lastCreated, onDidCreate: created.event };
}

/**
 * Opens the fixture; beside a non-text editor (the response view, the walkthrough), so that stays in view.
 * Beside the walkthrough (a tab of no known kind) the walkthrough keeps the focus: it opens its next step,
 * a click away.
 */
async function show(uri: vscode.Uri): Promise<void> {
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  const beside = active !== undefined && !(active.input instanceof vscode.TabInputText);
  await vscode.window.showTextDocument(uri, {
    preview: false,
    viewColumn: beside ? vscode.ViewColumn.Beside : undefined,
    preserveFocus: beside && active.input === undefined,
  });
}
