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

type WindowPrompts = Pick<typeof vscode.window, 'showErrorMessage' | 'showWarningMessage' | 'showInputBox'>;

/**
 * Answers the notifications and boxes a person would (the test host refuses modal dialogs, and a
 * notification's button cannot be clicked from here): each stub replaces the window function, whose
 * `vscode` API object the extension shares with the tests, until `restore()`.
 */
export function answerPrompts(stubs: { [K in keyof WindowPrompts]?: (...args: unknown[]) => unknown }): { restore(): void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const originals = Object.fromEntries(Object.keys(stubs).map((name) => [name, window[name]]));
  for (const [name, stub] of Object.entries(stubs)) window[name] = (...args: unknown[]) => Promise.resolve(stub(...args));
  return {
    restore: () => {
      for (const [name, original] of Object.entries(originals)) window[name] = original;
    },
  };
}

/** A stub that presses `button` on the notifications whose message matches, and dismisses the rest. */
export function pressOn(pattern: RegExp, button: string, seen: string[] = []): (...args: unknown[]) => unknown {
  return (message: unknown, ...rest: unknown[]) => {
    seen.push(String(message));
    return pattern.test(String(message)) && rest.includes(button) ? button : undefined;
  };
}
