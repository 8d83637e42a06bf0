import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitFor, writeWorkspaceFile } from './helpers';

async function diagnosticsFor(uri: vscode.Uri, match: (d: vscode.Diagnostic) => boolean): Promise<vscode.Diagnostic> {
  return waitFor(`a diagnostic in ${uri.path}`, () => vscode.languages.getDiagnostics(uri).find(match), 30_000);
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** Completion items at a position, polled until `ready` accepts them (the JSON server warms up). */
async function completionsWhen(
  uri: vscode.Uri,
  position: vscode.Position,
  ready: (items: vscode.CompletionItem[]) => boolean,
): Promise<vscode.CompletionItem[]> {
  return waitFor('completions', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    return ready(list.items) ? list.items : undefined;
  });
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} in the document`);
  return document.positionAt(offset + delta);
}

describe('Schemas in the real JSON language service', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it("marks a wrong type in a *.chat2desk.json fixture at the value's range", async () => {
    const uri = await writeWorkspaceFile('wrong-type.chat2desk.json', '{\n  "hook_type": "inbox",\n  "message_id": "not a number",\n  "text": "Hello!"\n}\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await diagnosticsFor(uri, (d) => /integer/i.test(d.message));
    assert.equal(diagnostic.range.start.line, 2);
    assert.equal(diagnostic.range.start.character, '  "message_id": '.length);
    assert.equal(document.getText(diagnostic.range), '"not a number"');
  });

  it('checks shared definitions across files: a nested client field', async () => {
    const uri = await writeWorkspaceFile('nested.chat2desk.json', '{\n  "hook_type": "outbox",\n  "client": { "id": "x" }\n}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = await diagnosticsFor(uri, (d) => /integer/i.test(d.message));
    assert.equal(diagnostic.range.start.line, 2);
  });

  it('rejects an unknown hook_type listing the valid ones', async () => {
    const uri = await writeWorkspaceFile('unknown.chat2desk.json', '{ "hook_type": "inbx" }\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = await diagnosticsFor(uri, (d) => /inbox/.test(d.message));
    assert.match(diagnostic.message, /outbox/);
  });

  it('offers the event snippets at the root of an empty *.chat2desk.json', async () => {
    const uri = await writeWorkspaceFile('empty.chat2desk.json', '');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const labels = (await completionsWhen(uri, new vscode.Position(0, 0), (items) => items.some((i) => labelOf(i).startsWith('Chat2Desk: inbox')))).map(
      labelOf,
    );
    assert.ok(labels.includes('Chat2Desk: inbox (an incoming message from a client came)'), labels.join(' | '));
    assert.ok(labels.some((l) => l.startsWith('Chat2Desk: ticket_created')));
    assert.equal(labels.filter((l) => l.startsWith('Chat2Desk: ')).length, 26);
  });

  it("finds an event's snippet by its name while the name is typed", async () => {
    const uri = await writeWorkspaceFile('typed.chat2desk.json', 'inbox');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const isInbox = (i: vscode.CompletionItem) => labelOf(i).startsWith('Chat2Desk: inbox');
    const item = (await completionsWhen(uri, new vscode.Position(0, 5), (items) => items.some(isInbox))).find(isInbox)!;
    assert.match(item.filterText ?? '', /^inbox /);
    const range = item.range as vscode.Range;
    assert.deepEqual([range.start.character, range.end.character], [0, 5], 'replaces the typed word');
  });

  it('inserts the documented example when a snippet is accepted', async () => {
    const uri = await writeWorkspaceFile('insert.chat2desk.json', '');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const isInbox = (i: vscode.CompletionItem) => labelOf(i).startsWith('Chat2Desk: inbox');
    const item = (await completionsWhen(uri, new vscode.Position(0, 0), (items) => items.some(isInbox))).find(isInbox)!;
    assert.ok(item.insertText instanceof vscode.SnippetString, 'a snippet');
    assert.equal(await editor.insertSnippet(item.insertText, new vscode.Position(0, 0)), true);
    const example = JSON.parse(
      new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath((await activateExtension()).extensionUri, 'schemas/examples/chat2desk/inbox.json')),
      ),
    );
    assert.deepEqual(JSON.parse(editor.document.getText()), example);
  });

  it('completes the event names inside "hook_type": ""', async () => {
    const uri = await writeWorkspaceFile('complete.chat2desk.json', '{\n  "hook_type": ""\n}\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const position = positionOf(document, '""', 1);
    const labels = (await completionsWhen(uri, position, (items) => items.some((i) => labelOf(i).includes('inbox')))).map(labelOf);
    for (const name of ['inbox', 'outbox', 'operator_status_updated', 'ticket_created', 'ai_hints_requested']) {
      assert.ok(
        labels.some((l) => l.replace(/"/g, '') === name),
        `${name} in ${labels.join(', ')}`,
      );
    }
  });

  it('shows a description on hover', async () => {
    const uri = await writeWorkspaceFile('hover.chat2desk.json', '{\n  "hook_type": "outbox_status",\n  "data": { "gateway_status": "sent" }\n}\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const position = positionOf(document, 'gateway_status', 3);
    const text = await waitFor('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      // Markdown: drop the backslash escapes before matching.
      const joined = hovers
        .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
        .join('\n')
        .replace(/\\(.)/g, '$1');
      return joined.length > 0 ? joined : undefined;
    });
    assert.match(text, /gateway_status/);
    assert.match(text, /outbox_status/);
  });

  it('honours the "$schema" opt-in on a file with a neutral name, added by the command', async () => {
    const uri = await writeWorkspaceFile('neutral-name.json', '{\n  "hook_type": "ticket_created",\n  "ticket": { "priority": 7 }\n}\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('webhookStudio.useChat2DeskSchema'), true);
    assert.match(document.getText(), /^\{\n {2}"\$schema": "webhook-studio:\/chat2desk\.schema\.json",\n {2}"hook_type"/);
    const diagnostic = await diagnosticsFor(uri, (d) => /1, 2, 3|Value is not accepted/i.test(d.message));
    assert.equal(document.getText(diagnostic.range), '7');
  });

  it('"Validate Payload" reports errors with their JSON path', async () => {
    const uri = await writeWorkspaceFile('validate-me.json', '{\n  "hook_type": "inbox",\n  "transport": "pigeon"\n}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const issues = await vscode.commands.executeCommand<{ path: string; line: number; column: number }[]>('webhookStudio.validatePayload', uri);
    assert.equal(issues.length, 1);
    assert.deepEqual([issues[0].path, issues[0].line, issues[0].column], ['$.transport', 3, 16]);
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Webhook Studio');
    assert.equal(ours.length, 1);
  });

  it('the webhook-studio: file system serves the generated schemas only (no "..", no %2e%2e)', async () => {
    await activateExtension();
    const schema = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse('webhook-studio:/chat2desk.schema.json'))));
    assert.match(schema.title, /Chat2Desk/, 'the Chat2Desk schema');
    for (const escape of [
      'webhook-studio:/../../../../../../etc/passwd',
      'webhook-studio:/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'webhook-studio:/chat2desk/../../package.json',
      'webhook-studio:/REPAIRS.md',
    ]) {
      await assert.rejects(
        Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(escape))),
        (e: unknown) => e instanceof vscode.FileSystemError && e.code === 'FileNotFound',
        escape,
      );
    }
  });
});
