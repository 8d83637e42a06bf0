// Where new fixture files go (Save as Fixture, New Payload from Documented Event): the folder the
// user picked once, kept in webhookStudio.listen.fixturesFolder; changeable by picking again.
import * as vscode from 'vscode';
import { withKeyboard } from './keyboard-focus';
import { fixturesFolderSetting, updateFixturesFolder } from './configuration';

/** The configured folder, or undefined when none is set yet. */
export function configuredFixturesFolder(): vscode.Uri | undefined {
  const configured = fixturesFolderSetting();
  if (!configured) return undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return /^([a-zA-Z]:[\\/]|\/)/.test(configured) || !root ? vscode.Uri.file(configured) : vscode.Uri.joinPath(root, configured);
}

/**
 * Asks for the folder and remembers it (workspace settings when a folder is open). A quick pick that
 * stays open when focus moves (a walkthrough re-rendering beside it closed the file dialog before the
 * user saw it): the workspace folder first (Enter takes it), folders named fixtures, or any other folder.
 */
export async function pickFixturesFolder(title: string): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  let picked: vscode.Uri | undefined;
  if (root) {
    const configured = configuredFixturesFolder();
    const candidates = [...(configured ? [configured] : []), root];
    for (const name of ['fixtures', 'test/fixtures']) {
      const uri = vscode.Uri.joinPath(root, name);
      const isFolder = await vscode.workspace.fs.stat(uri).then(
        (stat) => stat.type === vscode.FileType.Directory,
        () => false,
      );
      if (isFolder && !candidates.some((c) => c.toString() === uri.toString())) candidates.push(uri);
    }
    type FolderPick = vscode.QuickPickItem & { uri?: vscode.Uri };
    const items: FolderPick[] = [
      ...candidates.map((uri) => ({
        label:
          uri.toString() === root.toString()
            ? `$(root-folder) ${vscode.workspace.workspaceFolders![0].name}`
            : `$(folder) ${vscode.workspace.asRelativePath(uri, false)}`,
        uri,
      })),
      { label: `$(folder-opened) ${vscode.l10n.t('Other Folder…')}` },
    ];
    const choice = await withKeyboard(() =>
      vscode.window.showQuickPick(items, {
        title,
        placeHolder: vscode.l10n.t('New fixtures are saved here from now on (change it from New Payload from Documented Event)'),
        ignoreFocusOut: true,
      }),
    );
    if (!choice) return undefined;
    picked = choice.uri;
  }
  picked ??= (
    await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      defaultUri: configuredFixturesFolder() ?? root,
      openLabel: vscode.l10n.t('Save Fixtures Here'),
      title,
    })
  )?.[0];
  if (!picked) return undefined;
  const relative = !root ? picked.fsPath : picked.toString() === root.toString() ? '.' : vscode.workspace.asRelativePath(picked, false);
  await updateFixturesFolder(relative, root !== undefined);
  return picked;
}

/** The configured folder, else asked once. */
export async function fixturesFolder(title: string): Promise<vscode.Uri | undefined> {
  return configuredFixturesFolder() ?? pickFixturesFolder(title);
}
