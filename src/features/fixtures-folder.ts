// Where new fixture files go (Save as Fixture, New Payload from Documented Event): the folder the
// user picked once, kept in webhookStudio.listen.fixturesFolder; changeable by picking again.
import * as vscode from 'vscode';

const SECTION = 'webhookStudio.listen';
const KEY = 'fixturesFolder';

/** The configured folder, or undefined when none is set yet. */
export function configuredFixturesFolder(): vscode.Uri | undefined {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>(KEY, '').trim();
  if (!configured) return undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return /^([a-zA-Z]:[\\/]|\/)/.test(configured) || !root ? vscode.Uri.file(configured) : vscode.Uri.joinPath(root, configured);
}

/** Asks for the folder and remembers it (workspace settings when a folder is open). */
export async function pickFixturesFolder(title: string): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: configuredFixturesFolder() ?? root,
    openLabel: vscode.l10n.t('Save Fixtures Here'),
    title,
  });
  if (!picked?.[0]) return undefined;
  const relative = root ? vscode.workspace.asRelativePath(picked[0], false) : picked[0].fsPath;
  await vscode.workspace.getConfiguration(SECTION).update(KEY, relative, root ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  return picked[0];
}

/** The configured folder, else asked once. */
export async function fixturesFolder(title: string): Promise<vscode.Uri | undefined> {
  return configuredFixturesFolder() ?? pickFixturesFolder(title);
}
