// Send · Send with Options… · Validate above the first line of a payload fixture (a file the schemas
// apply to), so a new user finds them without the palette. webhookStudio.codeLens.enabled turns it off.
import * as vscode from 'vscode';
import { providerForFixture } from '../core/association';
import { codeLensEnabled } from './configuration';
import { COMMANDS, SETTINGS } from './ids';

export function registerPayloadCodeLens(context: vscode.ExtensionContext): void {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!codeLensEnabled()) return [];
      if (!providerForFixture(document.uri.path, document.getText())) return [];
      const top = new vscode.Range(0, 0, 0, 0);
      return [
        new vscode.CodeLens(top, {
          title: `$(send) ${vscode.l10n.t('Send')}`,
          tooltip: vscode.l10n.t('Send as a signed webhook'),
          command: COMMANDS.sendSignedWebhook,
          arguments: [document.uri],
        }),
        new vscode.CodeLens(top, {
          title: vscode.l10n.t('Send with Options…'),
          tooltip: vscode.l10n.t('Choose the timestamp, or a deliberately wrong signature'),
          command: COMMANDS.sendSignedWebhookWithOptions,
          arguments: [document.uri],
        }),
        new vscode.CodeLens(top, {
          title: vscode.l10n.t('Validate'),
          tooltip: vscode.l10n.t('Check against the documented schema'),
          command: COMMANDS.validatePayload,
          arguments: [document.uri],
        }),
      ];
    },
  };
  context.subscriptions.push(
    changed,
    vscode.languages.registerCodeLensProvider([{ language: 'json' }, { language: 'jsonc' }], provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS.codeLensEnabled)) changed.fire();
    }),
  );
}
