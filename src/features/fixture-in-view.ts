// The payload fixture the user is looking at. A click in the walkthrough (or any non-text editor)
// leaves no active text editor, while the fixture it just created is open beside it.
import * as vscode from 'vscode';
import { providerForFixture } from '../core/association';

/** The active editor when it shows a payload fixture, else the first visible one that does. */
export function fixtureEditorInView(): vscode.TextEditor | undefined {
  const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].filter((e): e is vscode.TextEditor => e !== undefined);
  return editors.find((e) => providerForFixture(e.document.uri.path, e.document.getText()) !== undefined);
}
