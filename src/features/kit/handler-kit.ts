// New Webhook Handler… (a scaffold and its suite in a folder you pick) and
// Insert Signature Check… (the scaffolds' verify function and guard at the cursor). The work is in src/core/kit/.
import * as vscode from 'vscode';
import type { ScaffoldFramework } from '../../core/kit/frameworks';
import { kitBundle } from '../../core/kit/load-kit';
import type { ScaffoldReport } from '../../core/kit/scaffold';
import type { TemplateSource } from '../../core/kit/templates';

/** Lets tests and links skip the pickers. */
export interface NewHandlerArgs {
  framework?: string;
  folder?: string;
  /** When scaffold files exist there: what the user would answer (automation only; people are asked). */
  overwrite?: boolean;
}

async function pickFramework(frameworks: readonly ScaffoldFramework[], id: string | undefined, title: string): Promise<ScaffoldFramework | undefined> {
  if (id) {
    const found = kitBundle().findFramework(id);
    if (!found || !frameworks.includes(found))
      void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not one of: {1}.', id, frameworks.map((f) => f.id).join(', ')));
    return found && frameworks.includes(found) ? found : undefined;
  }
  if (frameworks.length === 1) return frameworks[0];
  const picked = await vscode.window.showQuickPick(
    frameworks.map((framework) => ({ label: framework.label, description: framework.requires(), framework })),
    { title, placeHolder: vscode.l10n.t('The framework your handler uses'), matchOnDescription: true, ignoreFocusOut: true },
  );
  return picked?.framework;
}

export async function newWebhookHandler(templates: TemplateSource, log: vscode.LogOutputChannel, args: NewHandlerArgs): Promise<ScaffoldReport | undefined> {
  const { FRAMEWORKS, SUITE_FILE, writeScaffold } = kitBundle();
  const framework = await pickFramework(FRAMEWORKS, args.framework, vscode.l10n.t('New Webhook Handler'));
  if (!framework) return undefined;
  const folder =
    args.folder ??
    (
      await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        openLabel: vscode.l10n.t('Create the Handler Here'),
        title: vscode.l10n.t('Folder for the {0} handler', framework.label),
      })
    )?.[0]?.fsPath;
  if (!folder) return undefined;
  let report: ScaffoldReport;
  try {
    report = writeScaffold(framework, folder, { templates });
  } catch (error) {
    if ((error as { code?: string }).code !== 'scaffold-exists') throw error;
    // Never overwrite silently: the files may hold the user's work.
    const overwrite = vscode.l10n.t('Overwrite');
    const answer =
      args.overwrite ??
      (await vscode.window.showWarningMessage(
        (error as Error).message,
        { modal: true, detail: vscode.l10n.t('Overwrite them with the scaffold?') },
        overwrite,
      )) === overwrite;
    if (!answer) return undefined;
    report = writeScaffold(framework, folder, { templates, force: true });
  }
  log.info(`New ${framework.id} webhook handler in ${report.dir}: ${report.written.join(', ')}`);
  await vscode.window.showTextDocument(vscode.Uri.file(report.entry), { preview: false });
  const terminal = vscode.l10n.t('Open a Terminal There');
  void vscode.window
    .showInformationMessage(
      framework.install
        ? vscode.l10n.t(
            '{0} handler written. In its folder run {1}, set CHAT2DESK_API_TOKEN, run {2}; {3} is its contract suite.',
            framework.label,
            framework.install,
            framework.start,
            SUITE_FILE,
          )
        : vscode.l10n.t(
            '{0} handler written. In its folder set CHAT2DESK_API_TOKEN and run {1}; {2} is its contract suite.',
            framework.label,
            framework.start,
            SUITE_FILE,
          ),
      terminal,
    )
    .then((choice) => {
      if (choice === terminal) vscode.window.createTerminal({ name: framework.label, cwd: report.dir }).show();
    });
  return report;
}

export async function insertSignatureCheck(templates: TemplateSource, args: { framework?: string }): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open the file of your webhook route first: the check is inserted at the cursor.'));
    return false;
  }
  const { FRAMEWORKS, signatureCheckText } = kitBundle();
  const language = editor.document.languageId;
  const fitting = FRAMEWORKS.filter((framework) => framework.languages.includes(language));
  if (fitting.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Insert Signature Check works in TypeScript, JavaScript, Python, PHP and Go files; this one is {0}.', language),
    );
    return false;
  }
  const framework = await pickFramework(fitting, args.framework, vscode.l10n.t('Insert Signature Check'));
  if (!framework) return false;
  const text = signatureCheckText(framework, templates, { language, documentText: editor.document.getText() });
  // A snippet takes the indentation of the line at the cursor; appendText keeps `$` literal.
  return editor.insertSnippet(new vscode.SnippetString().appendText(text));
}
