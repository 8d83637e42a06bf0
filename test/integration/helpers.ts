import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WebhookStudioApi } from '../../src/extension';

export const EXTENSION_ID = 'webhook-studio.webhook-studio';

export async function activateExtension(): Promise<vscode.Extension<WebhookStudioApi>> {
  const extension = vscode.extensions.getExtension<WebhookStudioApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in the extension host`);
  await extension.activate();
  return extension;
}

export function workspaceUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the sample workspace open');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Runs a command that shows quick picks and accepts the highlighted item of each (through VS Code's
 * own quick-open command, as a user pressing Enter would) until the command finishes.
 */
export async function runAcceptingQuickPicks<T>(command: Thenable<T>, timeoutMs = 30_000): Promise<T> {
  let settled = false;
  const result = Promise.resolve(command).finally(() => (settled = true));
  const deadline = Date.now() + timeoutMs;
  while (!settled && Date.now() < deadline) {
    await sleep(200);
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return result;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('webhookStudio').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function writeWorkspaceFile(relative: string, content: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return uri;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
