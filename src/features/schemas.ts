// Schema association beyond contributes.jsonValidation: the "$schema" opt-in (served from the
// extension under webhook-studio:/), the commands that add it, and "Validate Payload".
import * as vscode from 'vscode';
import { jsoncParser } from '../core/jsonc';
import { SCHEMA_SCHEME, providerForFixture, schemaFileOf, schemaUri } from '../core/association';
import { describeError } from '../core/errors';
import { PROVIDER_NAMES, type Provider } from '../core/provider';
import { checkPayloadBytes } from '../core/payload';
import type { ValidationIssue } from '../core/payload';
import { PayloadValidator } from '../core/validate';
import { COMMANDS } from './ids';

/**
 * Serves the generated schema files read-only, so `"$schema": "webhook-studio:/chat2desk.schema.json"`
 * resolves anywhere. Only those files: any other path (`..`, `%2e%2e`, other files) is not found.
 */
class SchemaFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly root: vscode.Uri) {}
  private map(uri: vscode.Uri): vscode.Uri {
    const file = schemaFileOf(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return vscode.Uri.joinPath(this.root, ...file);
  }
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return vscode.workspace.fs.stat(this.map(uri));
  }
  readDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.map(uri));
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Webhook Studio schemas are read-only');
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions('Webhook Studio schemas are read-only');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Webhook Studio schemas are read-only');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Webhook Studio schemas are read-only');
  }
}

export class SchemaService {
  private validator: PayloadValidator | undefined;
  constructor(readonly schemasDir: string) {}

  /** Built on first use: the precompiled validators are second bundles, and most sessions never validate. */
  get payloadValidator(): PayloadValidator {
    this.validator ??= new PayloadValidator();
    return this.validator;
  }

  providerOf(document: vscode.TextDocument, text = document.getText()): Provider | undefined {
    return providerForFixture(document.uri.path, text);
  }
}

/** Adds (or replaces) the file's "$schema" opt-in, first among its members. */
async function useSchema(provider: Provider, log: vscode.LogOutputChannel): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !['json', 'jsonc'].includes(editor.document.languageId)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a JSON file first: the schema opt-in is added to the file itself.'));
    return false;
  }
  const document = editor.document;
  const text = document.getText();
  const { applyEdits, modify } = jsoncParser();
  const next =
    text.trim() === ''
      ? `{\n  "$schema": "${schemaUri(provider)}"\n}\n`
      : applyEdits(text, modify(text, ['$schema'], schemaUri(provider), { formattingOptions: { insertSpaces: true, tabSize: 2 }, getInsertionIndex: () => 0 }));
  if (next === text) return true;
  const ok = await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(text.length)), next));
  if (ok) log.info(`${document.uri.fsPath}: "$schema" set to ${schemaUri(provider)}`);
  return ok;
}

export function registerSchemaFeatures(context: vscode.ExtensionContext, schemas: SchemaService, log: vscode.LogOutputChannel): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('webhook-studio');
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.registerFileSystemProvider(SCHEMA_SCHEME, new SchemaFileSystem(vscode.Uri.joinPath(context.extensionUri, 'schemas')), {
      isReadonly: true,
      isCaseSensitive: true,
    }),
    vscode.commands.registerCommand(COMMANDS.useChat2DeskSchema, () => useSchema('chat2desk', log)),
    vscode.commands.registerCommand(COMMANDS.useIQChannelsSchema, () => useSchema('iqchannels', log)),
    vscode.commands.registerCommand(COMMANDS.validatePayload, (uri?: vscode.Uri, options?: { quiet?: boolean }) =>
      validatePayload(uri, options?.quiet === true),
    ),
    // Our diagnostics describe one moment; the JSON language service takes over as the user edits.
    vscode.workspace.onDidChangeTextDocument((e) => diagnostics.delete(e.document.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
  );

  /** `quiet`: mark the problems but say nothing (the caller opens the Problems panel itself). */
  async function validatePayload(uri?: vscode.Uri, quiet = false): Promise<ValidationIssue[] | undefined> {
    // From the Explorer, a file not open yet is checked as bytes first: strictly UTF-8, as it would be sent.
    if (uri instanceof vscode.Uri && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
      try {
        checkPayloadBytes(await vscode.workspace.fs.readFile(uri), vscode.workspace.asRelativePath(uri));
      } catch (error) {
        void vscode.window.showErrorMessage(describeError(error));
        return undefined;
      }
    }
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a payload fixture (.json) to validate.'));
      return undefined;
    }
    const text = document.getText();
    try {
      const { provider, issues, total } = schemas.payloadValidator.validateText(
        text,
        schemas.providerOf(document, text),
        vscode.workspace.asRelativePath(document.uri),
      );
      // A file the schemas apply to by name or "$schema" is already checked by VS Code's JSON language
      // service against the same schema: marking its problems again would show each one twice.
      const coveredByJsonService = schemas.providerOf(document, text) !== undefined;
      diagnostics.set(document.uri, coveredByJsonService ? [] : issues.map((issue) => toDiagnostic(document, issue)));
      if (quiet) return issues;
      const name = vscode.workspace.asRelativePath(document.uri);
      if (issues.length === 0)
        void vscode.window.showInformationMessage(
          provider ? vscode.l10n.t('{0} is a valid {1} payload.', name, PROVIDER_NAMES[provider]) : vscode.l10n.t('{0} is a valid payload.', name),
        );
      else {
        const first = issues[0];
        const found = provider
          ? vscode.l10n.t('{0} problem(s) in this {1} payload', total, PROVIDER_NAMES[provider])
          : vscode.l10n.t('{0} problem(s) in this payload', total);
        const marked = total > issues.length ? vscode.l10n.t(' (the first {0} are marked)', issues.length) : '';
        const showProblemsLabel = vscode.l10n.t('Show Problems');
        void vscode.window
          .showErrorMessage(
            `${found}${marked}. ${vscode.l10n.t('First, at {0} (line {1}, column {2}): {3}', first.path, first.line, first.column, first.message)}`,
            showProblemsLabel,
          )
          .then((choice) => {
            if (choice === showProblemsLabel) void showProblems(document);
          });
      }
      return issues;
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return undefined;
    }
  }
}

/** Opens the Problems panel with the document's problems (and the document, so the JSON service checks it). */
export async function showProblems(document: vscode.TextDocument): Promise<void> {
  if (!vscode.window.visibleTextEditors.some((e) => e.document === document)) await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

export function toDiagnostic(document: vscode.TextDocument, issue: ValidationIssue): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(issue.offset), document.positionAt(issue.offset + issue.length));
  const diagnostic = new vscode.Diagnostic(range, `${issue.message} (${issue.path})`, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Webhook Studio';
  return diagnostic;
}
