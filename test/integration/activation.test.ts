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

  it('runs in VS Code 1.139 (the version the harness provisions)', () => {
    assert.match(vscode.version, /^1\.139\./);
  });
});
