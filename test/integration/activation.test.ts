import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('Extension activation', () => {
  it('activates in the real VS Code extension host', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(extension.id, EXTENSION_ID);
  });

  it('registers every command it contributes', async () => {
    const extension = await activateExtension();
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('runs in the VS Code version the harness was asked for', () => {
    const expected = process.env.WEBHOOK_STUDIO_VSCODE;
    assert.ok(expected, 'the harness names the version it started');
    assert.ok(vscode.version.startsWith(`${expected}.`), `VS Code ${vscode.version}, expected ${expected}`);
  });
});
