// New Suite from Fixtures…: a starter `*.webhooks.json` beside the fixtures folder: one scenario sending
// its fixtures in name order (each expecting a 2xx), and the built-in conformance checks.
import * as vscode from 'vscode';
import { uniqueFileName } from '../../core/listen/reuse';
import { fixturesFolder } from '../fixtures-folder';
import { configuredEndpoints } from '../configuration';
import type { Accounts } from '../accounts';
import { starterSuite } from './suite-results';

const DEFAULT_URL = 'http://127.0.0.1:3000/hook';

export async function newSuite(accounts: Accounts, log: vscode.LogOutputChannel, folderArg?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = folderArg ?? (await fixturesFolder(vscode.l10n.t('Which folder holds the fixtures for the new suite?')));
  if (!folder) return undefined;
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const root = vscode.workspace.getWorkspaceFolder(folder)?.uri;
  // Beside the fixtures folder (in it when it is the workspace's root), so fixture paths read fixtures/….
  const home = root && root.toString() !== folder.toString() ? vscode.Uri.joinPath(folder, '..') : folder;
  const prefix = home.toString() === folder.toString() ? '' : `${folder.path.split('/').pop()}/`;
  const fixtures = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json') && !name.endsWith('.webhooks.json'))
    .map(([name]) => `${prefix}${name}`)
    .sort();
  // The first the endpoint picker offers (folder and workspace settings first).
  const endpoint = configuredEndpoints(log)[0];
  const taken = new Set((await vscode.workspace.fs.readDirectory(home)).map(([name]) => name));
  const uri = vscode.Uri.joinPath(
    home,
    uniqueFileName('handler.webhooks.json', (n) => taken.has(n)),
  );
  const text = starterSuite(vscode.l10n.t('My handler'), endpoint?.url ?? DEFAULT_URL, endpoint?.account ?? accounts.list()[0]?.name, fixtures);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
