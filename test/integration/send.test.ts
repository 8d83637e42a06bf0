import * as assert from 'node:assert/strict';
import { freePort } from '../support/ports';
import * as vscode from 'vscode';
import { expectationMet, type Exchange } from '../../src/core/exchange';
import { startReceiver, type Receiver } from '../support/receiver';
import { activateExtension, answerPrompts, closeAllEditors, pressOn, runAcceptingQuickPicks, setSetting, workspaceUri, writeWorkspaceFile } from './helpers';

const TOKEN = 'integration-test-token-3f9a';

/** A copy of the inbox fixture under a new name: no send target remembered for it yet. */
async function copyOfInbox(name: string): Promise<vscode.Uri> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('fixtures', 'inbox.chat2desk.json')));
  return writeWorkspaceFile(`${name}-${Date.now()}.chat2desk.json`, text);
}

describe('Send as Signed Webhook', () => {
  let receiver: Receiver;

  before(async () => {
    const extension = await activateExtension();
    assert.ok(extension);
    receiver = await startReceiver(TOKEN);
    // The token goes in through the extension's own command, into SecretStorage.
    assert.equal(await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Chat2Desk', token: TOKEN }), true);
    await setSetting('endpoints', [{ name: 'Local receiver', url: receiver.url }]);
  });

  after(async () => {
    await setSetting('endpoints', undefined);
    await receiver.close();
  });

  beforeEach(() => receiver.received.splice(0));
  afterEach(closeAllEditors);

  it('is contributed to the editor and explorer context menus for JSON', async () => {
    const { packageJSON } = await activateExtension();
    const menus = packageJSON.contributes.menus as Record<string, { command: string; when?: string }[]>;
    const editor = menus['editor/context'].find((m) => m.command === 'webhookStudio.sendSignedWebhook');
    const explorer = menus['explorer/context'].find((m) => m.command === 'webhookStudio.sendSignedWebhook');
    assert.match(editor?.when ?? '', /resourceLangId == json/);
    assert.match(explorer?.when ?? '', /resourceExtname == \.json/);
    assert.ok((await vscode.commands.getCommands(true)).includes('webhookStudio.sendSignedWebhook'));
  });

  it('sends a fixture signed exactly as the Chat2Desk doc verifies, and shows the response', async () => {
    const uri = workspaceUri('fixtures', 'inbox.chat2desk.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', uri));
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0].response?.status, 200);
    assert.equal(receiver.received.length, 1);
    const received = receiver.received[0];
    assert.equal(received.signatureValid, true, 'the receiver verified X-Signature');
    assert.equal(received.headers['content-type'], 'application/json; charset=utf-8');
    assert.match(String(received.headers['x-timestamp']), /^\d{10}$/);
    const fileText = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(received.rawBody.toString('utf8'), JSON.stringify(JSON.parse(fileText)), 'compact body, as Chat2Desk sends it');
    const { exports: api } = await activateExtension();
    assert.equal(api.exchanges().at(-1)?.id, exchanges[0].id);
    // The response view opened beside the editor.
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    assert.ok(
      tabs.some((label) => label.startsWith('Webhook Response')),
      tabs.join(', '),
    );
  });

  it('sends the selection when there is one, else the whole document with unsaved edits', async () => {
    const uri = await writeWorkspaceFile('selection.chat2desk.json', '{\n  "hook_type": "new_tag",\n  "id": 1,\n  "label": "saved"\n}\n');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(document.getWordRangeAtPosition(document.positionAt(document.getText().indexOf('saved')))!, 'unsaved'));
    assert.equal(document.isDirty, true);
    await runAcceptingQuickPicks(vscode.commands.executeCommand('webhookStudio.sendSignedWebhook'));
    assert.equal(receiver.received.at(-1)?.rawBody.toString(), '{"hook_type":"new_tag","id":1,"label":"unsaved"}');

    const other = await writeWorkspaceFile('two-payloads.json', '[\n  { "hook_type": "new_tag", "id": 2 },\n  { "hook_type": "new_tag", "id": 3 }\n]\n');
    const second = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other));
    const start = second.document.getText().indexOf('{ "hook_type": "new_tag", "id": 3 }');
    second.selection = new vscode.Selection(
      second.document.positionAt(start),
      second.document.positionAt(start + '{ "hook_type": "new_tag", "id": 3 }'.length),
    );
    await runAcceptingQuickPicks(vscode.commands.executeCommand('webhookStudio.sendSignedWebhook'));
    assert.equal(receiver.received.at(-1)?.rawBody.toString(), '{"hook_type":"new_tag","id":3}');
    assert.equal(receiver.received.at(-1)?.signatureValid, true);
  });

  it('sends several explorer-selected files in name order', async () => {
    const names = ['03-close_dialog.chat2desk.json', '01-new_request.chat2desk.json', '02-inbox.chat2desk.json'];
    const uris = names.map((n) => workspaceUri('fixtures', 'sequence', n));
    const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', uris[0], uris));
    assert.deepEqual(
      exchanges.map((e) => e.response?.status),
      [200, 200, 200],
    );
    assert.deepEqual(
      receiver.received.map((r) => JSON.parse(r.rawBody.toString()).hook_type),
      ['new_request', 'inbox', 'close_dialog'],
    );
    assert.ok(receiver.received.every((r) => r.signatureValid));
  });

  it('sends IQChannels payloads unsigned and says so', async () => {
    const uri = workspaceUri('fixtures', 'typing.iqchannels.json');
    const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', uri));
    assert.equal(exchanges[0].signed, false);
    assert.equal(receiver.received[0].headers['x-signature'], undefined);
  });

  it('reports a refused connection clearly, without crashing', async () => {
    const port = await freePort();
    await setSetting('endpoints', [{ name: 'Nobody home', url: `http://127.0.0.1:${port}/hook` }]);
    try {
      // A file never sent before: the picker's first item is the endpoint (a sent file's last target comes first).
      const fresh = await copyOfInbox('refused');
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', fresh));
      assert.equal(exchanges[0].error?.code, 'connection-refused');
      assert.match(exchanges[0].error?.message ?? '', new RegExp(`Connection refused by 127\\.0\\.0\\.1:${port}.*Start your webhook handler`));
      assert.ok(!JSON.stringify(exchanges).includes(TOKEN), 'the token appears nowhere in what was recorded');
    } finally {
      await setSetting('endpoints', [{ name: 'Local receiver', url: receiver.url }]);
    }
  });

  it('refuses invalid JSON with its position and sends nothing', async () => {
    const uri = await writeWorkspaceFile('broken.chat2desk.json', '{\n  "hook_type": "inbox",\n  "text": \n}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook'), 3000);
    assert.deepEqual(exchanges, []);
    assert.equal(receiver.received.length, 0);
  });

  // Issue 9: hostile input never crashes, corrupts a payload or leaks the token.
  it('refuses a non-UTF-8 file from the Explorer instead of sending U+FFFD (9.6)', async () => {
    const uri = workspaceUri('fixtures', 'cp1251.chat2desk.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.concat([Buffer.from('{"hook_type":"inbox","text":"'), Buffer.from([0xcf, 0xf0, 0xe8]), Buffer.from('"}')]));
    try {
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', uri, [uri]), 3000);
      assert.deepEqual(exchanges, []);
      assert.equal(receiver.received.length, 0);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('Validate Payload from the Explorer refuses a non-UTF-8 file instead of calling it valid (9.6)', async () => {
    const uri = workspaceUri('fixtures', 'cp1251-validate.chat2desk.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.concat([Buffer.from('{"hook_type":"inbox","text":"'), Buffer.from([0xcf, 0xf0, 0xe8]), Buffer.from('"}')]));
    try {
      assert.equal(await vscode.commands.executeCommand('webhookStudio.validatePayload', uri), undefined, 'no verdict on a file that is not UTF-8');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('a folder named x.json is not sent, and nothing throws (9.14)', async () => {
    const uri = workspaceUri('fixtures', 'folder.chat2desk.json');
    await vscode.workspace.fs.createDirectory(uri);
    try {
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', uri, [uri]), 3000);
      assert.deepEqual(exchanges, []);
      assert.equal(receiver.received.length, 0);
    } finally {
      await vscode.workspace.fs.delete(uri, { recursive: true });
    }
  });

  it('marks a "Wrong signature" send in what it records (9.15)', async () => {
    const exchanges = await runAcceptingQuickPicks(
      vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhookWithOptions', workspaceUri('fixtures', 'inbox.chat2desk.json'), undefined, {
        wrongSignature: true,
      }),
    );
    assert.equal(exchanges[0].wrongSignature, true);
    assert.equal(exchanges[0].response?.status, 401);
    assert.equal(receiver.received[0].signatureValid, false);
  });

  it('Send with Options asks which answer to expect and records whether it came (issue 17)', async () => {
    // Every question answered with its first item: current time, then 2xx, then the saved endpoint.
    const exchanges = await runAcceptingQuickPicks(
      vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhookWithOptions', workspaceUri('fixtures', 'inbox.chat2desk.json')),
    );
    assert.equal(exchanges[0].expectedStatus, '2xx');
    assert.equal(exchanges[0].response?.status, 200);
    assert.equal(expectationMet(exchanges[0]), true);
  });

  it('a handler that accepts a wrong signature fails the expected 4xx, and says so (issue 17)', async () => {
    const lax = await startReceiver(TOKEN, { respond: () => ({ status: 200, body: '{"ok":true}' }) });
    await setSetting('endpoints', [{ name: 'Lax', url: lax.url }]);
    const warnings: string[] = [];
    const prompts = answerPrompts({ showWarningMessage: pressOn(/$^/, '', warnings) });
    try {
      const exchanges = await runAcceptingQuickPicks(
        vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhookWithOptions', await copyOfInbox('lax'), undefined, {
          wrongSignature: true,
          expectedStatus: '4xx',
        }),
      );
      assert.equal(exchanges[0].response?.status, 200);
      assert.equal(exchanges[0].expectedStatus, '4xx');
      assert.equal(expectationMet(exchanges[0]), false);
      assert.ok(
        warnings.some((w) => /Expected 4xx, but the handler answered 200 OK/.test(w)),
        `warnings: ${warnings.join(' | ')}`,
      );
    } finally {
      prompts.restore();
      await lax.close();
      await setSetting('endpoints', [{ name: 'Local receiver', url: receiver.url }]);
    }
  });

  it('a header HTTP cannot carry is refused before sending, without crashing (9.1)', async () => {
    await setSetting('endpoints', [{ name: 'Curly quotes', url: receiver.url, headers: { 'X-Note': 'caf\u00e9 \u2019q\u2019' } }]);
    try {
      const exchanges = await runAcceptingQuickPicks(
        vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', workspaceUri('fixtures', 'inbox.chat2desk.json')),
        3000,
      );
      assert.deepEqual(exchanges, []);
      assert.equal(receiver.received.length, 0);
    } finally {
      await setSetting('endpoints', [{ name: 'Local receiver', url: receiver.url }]);
    }
  });

  it('a handler echoing the token gets it redacted in what is recorded and shown (9.11)', async () => {
    const echo = await startReceiver(TOKEN, { respond: () => ({ status: 403, body: `{"error":"token ${TOKEN} is not allowed"}` }) });
    await setSetting('endpoints', [{ name: 'Echo', url: echo.url }]);
    try {
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', await copyOfInbox('echo')));
      assert.equal(exchanges[0].response?.status, 403);
      assert.match(exchanges[0].response?.body ?? '', /token \[redacted\] is not allowed/);
      assert.ok(!JSON.stringify(exchanges).includes(TOKEN));
    } finally {
      await setSetting('endpoints', [{ name: 'Local receiver', url: receiver.url }]);
      await echo.close();
    }
  });
  // Issue 18: one question for the batch (it used to be asked once per file).
  it('several files with schema problems: asked once, then all sent', async () => {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('fixtures', 'inbox.chat2desk.json')));
    const wrong = text.replace('"message_id": 115816153', '"message_id": "oops"');
    const uris = [
      await writeWorkspaceFile(`01-wrong-${Date.now()}.chat2desk.json`, wrong),
      await writeWorkspaceFile(`02-wrong-${Date.now()}.chat2desk.json`, wrong),
    ];
    const warnings: string[] = [];
    const prompts = answerPrompts({ showWarningMessage: pressOn(/do not match the Chat2Desk schema/, 'Send Anyway', warnings) });
    try {
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', uris[0], uris));
      assert.deepEqual(
        warnings.filter((m) => /schema/.test(m)),
        ['2 payloads do not match the Chat2Desk schema.'],
      );
      assert.deepEqual(
        exchanges.map((e) => e.response?.status),
        [200, 200],
      );
      assert.equal(receiver.received.length, 2);
    } finally {
      prompts.restore();
    }
  });
});
