// The payload fixture the user is looking at. A click in the walkthrough (or any non-text editor)
// leaves no active text editor, while the fixture it created is open beside it, or behind the response
// view that the first send opened in the same group.
import * as vscode from 'vscode';
import { providerForFixture } from '../core/association';

/** The active editor when it shows a payload fixture, else the first visible one that does. */
export function fixtureEditorInView(): vscode.TextEditor | undefined {
  const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].filter((e): e is vscode.TextEditor => e !== undefined);
  return editors.find((e) => providerForFixture(e.document.uri.path, e.document.getText()) !== undefined);
}

/** A payload fixture open in a tab, in view or not (the active tab of each group first). */
export function fixtureInTabs(): vscode.Uri | undefined {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => [group.activeTab, ...group.tabs]);
  for (const tab of tabs) {
    if (!(tab?.input instanceof vscode.TabInputText)) continue;
    const uri = tab.input.uri;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (providerForFixture(uri.path, open?.getText() ?? '') !== undefined) return uri;
  }
  return undefined;
}
