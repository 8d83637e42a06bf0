import * as vscode from 'vscode';

export const EXTENSION_ID = 'webhook-studio.webhook-studio';

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in the extension host`);
  await extension.activate();
  return extension;
}
