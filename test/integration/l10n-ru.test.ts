// Runs in a second host started with the display language Russian (run-integration passes --locale=ru).
import * as assert from 'node:assert/strict';
import { freePort } from '../support/ports';
import * as vscode from 'vscode';
import type { Exchange } from '../../src/core/exchange';
import { activateExtension, runAcceptingQuickPicks, setSetting, waitFor, workspaceUri, writeWorkspaceFile } from './helpers';

describe('Russian display language', () => {
  it('VS Code runs in Russian and hands the extension its Russian bundle', async () => {
    await activateExtension();
    assert.equal(vscode.env.language, 'ru');
    assert.equal(vscode.l10n.t('Send Anyway'), 'Всё равно отправить');
  });

  it('shows the contributed command titles and view names in Russian', async () => {
    const { packageJSON } = await activateExtension();
    // Command titles come localized as { value, original }; other texts as strings.
    const text = (value: string | { value: string }) => (typeof value === 'string' ? value : value.value);
    const title = (id: string) => text(packageJSON.contributes.commands.find((c: { command: string }) => c.command === id)?.title);
    assert.equal(title('webhookStudio.sendSignedWebhook'), 'Отправить как подписанный вебхук');
    assert.equal(title('webhookStudio.setApiToken'), 'Задать токен API Chat2Desk');
    assert.equal(text(packageJSON.contributes.views.webhookStudio[0].name), 'Вебхуки Chat2Desk');
    assert.equal(title('webhookStudio.sendToHandler'), 'Отправить своему обработчику…');
    // The walkthrough, whose last step asks for the handler's URL.
    const steps = packageJSON.contributes.walkthroughs[0].steps as { title: string | { value: string } }[];
    assert.deepEqual(
      steps.map((s) => text(s.title)),
      [
        'Укажите токен API Chat2Desk',
        'Создайте данные вебхука из документированного события',
        'Отправьте его как подписанный вебхук',
        'Отправьте своему обработчику',
      ],
    );
  });

  it('offers the IQChannels snippets under the Russian titles of the documents', async () => {
    const uri = await writeWorkspaceFile('empty-ru.iqchannels.json', '');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
    const labels = await waitFor('the IQChannels snippets', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 0));
      const found = list.items.map(label).filter((l) => l.startsWith('IQChannels: '));
      return found.length > 0 && found;
    });
    assert.ok(labels.includes('IQChannels: typing — Клиент печатает сообщение'), labels.join(' | '));
  });

  it('hovers on an IQChannels event show the Russian title first (the Russian schema from package.nls.ru.json)', async () => {
    const uri = workspaceUri('fixtures', 'typing.iqchannels.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const position = document.positionAt(document.getText().indexOf('"typing"') + 2);
    const text = await waitFor('a hover with the Russian title', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Клиент печатает сообщение/.test(all) && all;
    });
    // Markdown: the hover escapes the parentheses.
    assert.match(text, /`typing`: Клиент печатает сообщение \\?\(The client is typing a message\\?\)/);
  });

  it("checks an IQChannels fixture against its event's schema (the Russian root refers to the English root's events)", async () => {
    const uri = await writeWorkspaceFile('wrong-ru.iqchannels.json', '{\n  "ChatEvent": {\n    "Type": "typing",\n    "ChatId": "not a number"\n  }\n}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = await waitFor('a wrong-type diagnostic on ChatId', () =>
      vscode.languages.getDiagnostics(uri).find((d) => /integer/i.test(d.message) && d.range.start.line === 3),
    );
    assert.equal(diagnostic.range.start.character, '    "ChatId": '.length);
  });

  it('the CodeLens above a fixture speaks Russian (the codicon stays)', async () => {
    const uri = workspaceUri('fixtures', 'typing.iqchannels.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const titles = await waitFor('our code lenses', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const ours = lenses.filter((l) => l.command?.command.startsWith('webhookStudio.')).map((l) => l.command?.title);
      return ours.length === 3 && ours;
    });
    assert.deepEqual(titles, ['$(send) Отправить', 'Отправить с параметрами…', 'Проверить']);
  });

  it('a failed send says what happened in Russian (core message) and the response view is titled in Russian', async () => {
    const port = await freePort();
    await setSetting('endpoints', [{ name: 'Nobody home', url: `http://127.0.0.1:${port}/hook` }]);
    try {
      const exchanges = await runAcceptingQuickPicks(
        vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', workspaceUri('fixtures', 'typing.iqchannels.json')),
      );
      assert.equal(exchanges[0].error?.code, 'connection-refused');
      assert.match(exchanges[0].error?.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port} отклонил соединение.*Запустите обработчик вебхуков`));
      const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      await waitFor(`the response view, titled in Russian (tabs: ${tabs().join(', ')})`, () => tabs().some((label) => label.startsWith('Ответ вебхука')));
    } finally {
      await setSetting('endpoints', undefined);
    }
  });
});
