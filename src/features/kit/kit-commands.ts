// The handler kit's commands: Generate Types…, New Webhook Handler… (a scaffold and its suite in a folder
// you pick) and Insert Signature Check…. Registered at activation; what they do (generate-types.ts,
// handler-kit.ts) is required at first use, so the activation bundle stays small (see esbuild.mjs).
import * as vscode from 'vscode';
import { kitBundle } from '../../core/kit/load-kit';
import type { TemplateSource } from '../../core/kit/templates';
import { commandInput, reportingFailures } from '../commands';
import { COMMANDS } from '../ids';
import type { GenerateTypesArgs } from './generate-types';
import type { NewHandlerArgs } from './handler-kit';
import { kitCommands } from './load-kit-commands';

export function registerKitCommands(context: vscode.ExtensionContext, schemasDir: string, log: vscode.LogOutputChannel): void {
  let source: TemplateSource | undefined;
  const templates: TemplateSource = (template) => (source ??= kitBundle().templateSource(context.extensionPath))(template);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.generateTypes, (raw?: unknown) =>
      kitCommands().generateTypes(schemasDir, log, commandInput<GenerateTypesArgs>([raw]).args),
    ),
    vscode.commands.registerCommand(
      COMMANDS.newWebhookHandler,
      reportingFailures(log, (raw?: unknown) => {
        // From the Explorer's context menu: the folder clicked.
        const { uri, args } = commandInput<NewHandlerArgs>([raw]);
        return kitCommands().newWebhookHandler(templates, log, uri ? { folder: uri.fsPath } : args);
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.insertSignatureCheck,
      reportingFailures(log, (raw?: unknown) => kitCommands().insertSignatureCheck(templates, commandInput<{ framework?: string }>([raw]).args)),
    ),
  );
}
