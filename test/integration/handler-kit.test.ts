// The handler kit in the real host: New Webhook Handler… writes a scaffold, asks before overwriting and
// opens its entry file; Insert Signature Check… puts the templates' check at the cursor.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, workspaceUri } from './helpers';

describe('Handler kit', () => {
  const folder = workspaceUri('handler-kit').fsPath;
  before(() => activateExtension());
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(vscode.Uri.file(folder), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('New Webhook Handler… writes the scaffold and its suite, opens the entry file, and overwrites only when told', async () => {
    const report = (await vscode.commands.executeCommand('webhookStudio.newWebhookHandler', { framework: 'go', folder })) as { written: string[] };
    assert.deepEqual(report.written, ['main.go', 'go.mod', 'chat2desk.webhooks.json']);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, join(folder, 'main.go'));
    assert.match(readFileSync(join(folder, 'chat2desk.webhooks.json'), 'utf8'), /"command": "go run \."/);

    writeFileSync(join(folder, 'go.mod'), 'module mine\n');
    const declined = await vscode.commands.executeCommand('webhookStudio.newWebhookHandler', { framework: 'go', folder, overwrite: false });
    assert.equal(declined, undefined);
    assert.equal(readFileSync(join(folder, 'go.mod'), 'utf8'), 'module mine\n', 'left alone when the user declines');
    await vscode.commands.executeCommand('webhookStudio.newWebhookHandler', { framework: 'go', folder, overwrite: true });
    assert.match(readFileSync(join(folder, 'go.mod'), 'utf8'), /module chat2desk-webhook/);
    assert.ok(existsSync(join(folder, 'main.go')));
  });

  it('Insert Signature Check… inserts the verify function and the guard at the cursor (CommonJS: require)', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'javascript', content: "const express = require('express');\n\n" });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    assert.equal(await vscode.commands.executeCommand('webhookStudio.insertSignatureCheck', { framework: 'express' }), true);
    const text = document.getText();
    assert.match(text, /^const \{ createHash, createHmac, timingSafeEqual \} = require\('node:crypto'\);$/m);
    assert.match(text, /function checkChat2DeskSignature\(rawBody, signature, timestamp, apiToken, toleranceSeconds = 0\)/);
    assert.match(text, /express\.raw\(/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'); // an untitled document: nothing to save
  });

  it('Insert Signature Check… says which languages it knows in another file', async () => {
    // A file on disk, not an untitled document: VS Code may hand back the previous test's untitled
    // document (its text included) when it reuses the name Untitled-1 while that one is still closing.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const file = join(folder, 'not-a-route.json');
    writeFileSync(file, '{}');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    assert.equal(vscode.window.activeTextEditor?.document, document);
    assert.equal(await vscode.commands.executeCommand('webhookStudio.insertSignatureCheck'), false);
    assert.equal(document.getText(), '{}');
    assert.equal(document.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
