// Runs in a second host started with the display language Russian (run-integration passes --locale=ru).
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import type { Exchange } from '../../src/core/exchange';
import { activateExtension, runAcceptingQuickPicks, setSetting, workspaceUri } from './helpers';

const closedPort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

describe('Russian display language', () => {
  it('VS Code runs in Russian and hands the extension its Russian bundle', async () => {
    await activateExtension();
    assert.equal(vscode.env.language, 'ru');
    assert.equal(vscode.l10n.t('Send Anyway'), 'Всё равно отправить');
  });

  it('shows the contributed command titles and view names in Russian', async () => {
    const { packageJSON } = await activateExtension();
    const title = (id: string) => packageJSON.contributes.commands.find((c: { command: string }) => c.command === id)?.title;
    assert.equal(title('webhookStudio.sendSignedWebhook'), 'Отправить как подписанный вебхук');
    assert.equal(title('webhookStudio.setApiToken'), 'Задать токен API Chat2Desk');
    assert.equal(packageJSON.contributes.views.webhookStudio[0].name, 'Вебхуки Chat2Desk');
  });

  it('a failed send says what happened in Russian (core message) and the response view is titled in Russian', async () => {
    const port = await closedPort();
    await setSetting('endpoints', [{ name: 'Nobody home', url: `http://127.0.0.1:${port}/hook` }]);
    try {
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', workspaceUri('fixtures', 'typing.iqchannels.json')));
      assert.equal(exchanges[0].error?.code, 'connection-refused');
      assert.match(exchanges[0].error?.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port} отклонил соединение.*Запустите обработчик вебхуков`));
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      assert.ok(tabs.some((label) => label.startsWith('Ответ вебхука')), tabs.join(', '));
    } finally {
      await setSetting('endpoints', undefined);
    }
  });
});
