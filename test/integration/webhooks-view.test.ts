import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Exchange } from '../../src/core/exchange';
import { Chat2DeskSimulator } from '../../src/simulator/server';
import type { WebhookNode } from '../../src/features/webhooks-view/tree-model';
import { startReceiver, type Receiver } from '../support/receiver';
import { activateExtension, setSetting, sleep, waitFor } from './helpers';

const TOKEN = 'simulator-token-5e5e';

describe('Chat2Desk Webhooks view', () => {
  let simulator: Chat2DeskSimulator;
  let receiver: Receiver;
  const api = async () => (await activateExtension()).exports;
  const roots = async () => (await (await api()).webhooks.roots()) as WebhookNode[];
  const state = async () => (await api()).webhooks.states()[0].state;
  const refresh = () => vscode.commands.executeCommand('webhookStudio.refreshWebhooks');

  before(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN });
    receiver = await startReceiver(TOKEN);
    await setSetting('accounts', [{ name: 'Simulator', apiBaseUrl: await simulator.start() }]);
    await vscode.commands.executeCommand('webhookStudio.clearApiToken', { account: 'Simulator' });
    await vscode.commands.executeCommand('workbench.view.extension.webhookStudio');
  });

  after(async () => {
    await setSetting('accounts', undefined);
    await simulator.stop();
    await receiver.close();
  });

  it('without a token, guides the user (no-token welcome state)', async () => {
    await refresh();
    assert.equal((await state()).kind, 'no-token');
    assert.deepEqual(await roots(), []);
  });

  it("with a token stored through the extension's command, lists the live webhooks", async () => {
    assert.equal(await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token: TOKEN }), true);
    const nodes = await waitFor('webhooks in the tree', async () => {
      const r = await roots();
      return r.length === 3 ? r : undefined;
    });
    assert.deepEqual(
      nodes.map((n) => n.type === 'webhook' && n.webhook.name),
      ['New name', 'Tickets to CRM', 'Old staging handler'],
    );
    assert.ok(simulator.requests.every((r) => r.authorization === TOKEN || r.authorization === undefined));
  });

  it('a bad token shows the "unauthorized" error state with the reason', async () => {
    await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token: 'wrong-token' });
    const failed = await waitFor('the error state', async () => {
      const s = await state();
      return s.kind === 'error' ? s : undefined;
    });
    assert.equal(failed.kind === 'error' && failed.cause, 'unauthorized');
    assert.match(failed.kind === 'error' ? failed.message : '', /rejected the API token \(401\)/);
    await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token: TOKEN });
    await waitFor('webhooks again', async () => (await state()).kind === 'loaded');
  });

  it('the Set Token box refuses invisible and look-alike characters, keeping the stored token', async () => {
    for (const token of [`${TOKEN}\u200B`, TOKEN.replace('e', '\u0435'), `${TOKEN}\u0007`]) {
      assert.equal(await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token }), false, JSON.stringify(token));
    }
    await refresh();
    assert.equal((await state()).kind, 'loaded');
    assert.equal(simulator.requests.at(-1)?.authorization, TOKEN);
  });

  it('a refresh asked for while a load runs is not merged into it: a token set meanwhile is used', async () => {
    simulator.latencyMs = 400;
    try {
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token: 'stale-token' });
      const pending = refresh();
      await sleep(150); // that load has read the stale token and waits for the API
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token: TOKEN });
      await refresh();
      await pending;
      const s = await state();
      assert.equal(s.kind, 'loaded', JSON.stringify(s));
    } finally {
      simulator.latencyMs = 0;
    }
  });

  it('explains a server fault in place ("badResponse"), and recovers on refresh', async () => {
    simulator.injectFault({ kind: 'malformed-json' });
    await refresh();
    const s = await state();
    assert.equal(s.kind === 'error' && s.cause, 'badResponse');
    assert.match(s.kind === 'error' ? s.message : '', /not JSON/);
    await refresh();
    assert.equal((await state()).kind, 'loaded');
  });

  it('a stopped API shows the "unreachable" state naming the API base URL', async () => {
    const other = new Chat2DeskSimulator({ token: TOKEN });
    const url = await other.start();
    await other.stop();
    try {
      await setSetting('accounts', [{ name: 'Stopped', apiBaseUrl: url }]);
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Stopped', token: TOKEN });
      const s = await waitFor('the unreachable state', async () => {
        await refresh();
        const st = await state();
        return st.kind === 'error' ? st : undefined;
      });
      assert.equal(s.kind === 'error' && s.cause, 'unreachable');
      assert.ok(s.kind === 'error' && s.message.includes(url) && !/handler/.test(s.message), s.kind === 'error' ? s.message : '');
    } finally {
      await vscode.commands.executeCommand('webhookStudio.clearApiToken', { account: 'Stopped' });
      await setSetting('accounts', [{ name: 'Simulator', apiBaseUrl: simulator.url }]);
      await refresh();
    }
  });

  it('the stored token is bound to its API origin: another origin gets nothing until the user agrees', async () => {
    const elsewhere = new Chat2DeskSimulator({ token: TOKEN });
    try {
      // As a workspace's .vscode/settings.json could: the same account, another API.
      await setSetting('accounts', [{ name: 'Simulator', apiBaseUrl: await elsewhere.start() }]);
      const s = await waitFor('the untrusted state', async () => {
        await refresh();
        const st = await state();
        return st.kind === 'error' ? st : undefined;
      });
      // The modal question cannot be answered in the test host: it counts as "no".
      assert.equal(s.kind === 'error' && s.cause, 'untrusted');
      assert.match(s.kind === 'error' ? s.message : '', /was not sent to http:\/\/127\.0\.0\.1:\d+: it was saved for http:\/\/127\.0\.0\.1:\d+/);
      assert.equal(elsewhere.requests.length, 0, 'the token never reached the other origin');
      // A token the user sets for this account now is for this origin.
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token: TOKEN });
      await waitFor('webhooks from the new origin', async () => {
        await refresh();
        return (await state()).kind === 'loaded';
      });
      assert.equal(elsewhere.requests.at(-1)?.authorization, TOKEN);
    } finally {
      await setSetting('accounts', [{ name: 'Simulator', apiBaseUrl: simulator.url }]);
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Simulator', token: TOKEN });
      await elsewhere.stop();
      await waitFor('the simulator again', async () => {
        await refresh();
        return (await state()).kind === 'loaded';
      });
    }
  });

  it('plain http:// beyond this machine, and the CHAT2DESK_API_TOKEN fallback off the Chat2Desk API, need consent too', async () => {
    try {
      // .invalid never resolves: had the token been sent, the state would be "unreachable", not "untrusted".
      await setSetting('accounts', [{ name: 'Plain', apiBaseUrl: 'http://api.webhook-studio.invalid' }]);
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Plain', token: TOKEN });
      let s = await waitFor('the untrusted state', async () => {
        await refresh();
        const st = await state();
        return st.kind === 'error' ? st : undefined;
      });
      assert.equal(s.kind === 'error' && s.cause, 'untrusted', JSON.stringify(s));
      assert.match(s.kind === 'error' ? s.message : '', /plain http/);
      await vscode.commands.executeCommand('webhookStudio.clearApiToken', { account: 'Plain' });

      process.env.CHAT2DESK_API_TOKEN = TOKEN; // the extension host is this process
      await setSetting('accounts', [{ name: 'FromEnv', apiBaseUrl: 'https://api.webhook-studio.invalid' }]);
      s = await waitFor('the untrusted state', async () => {
        await refresh();
        const st = await state();
        return st.kind === 'error' ? st : undefined;
      });
      assert.equal(s.kind === 'error' && s.cause, 'untrusted', JSON.stringify(s));
      assert.match(s.kind === 'error' ? s.message : '', /CHAT2DESK_API_TOKEN/);
      await setSetting('accounts', [{ name: 'FromEnv', apiBaseUrl: simulator.url }]);
      await waitFor('a loopback simulator with the environment token', async () => {
        await refresh();
        return (await state()).kind === 'loaded';
      });
    } finally {
      delete process.env.CHAT2DESK_API_TOKEN;
      await setSetting('accounts', [{ name: 'Simulator', apiBaseUrl: simulator.url }]);
      await waitFor('the simulator again', async () => {
        await refresh();
        return (await state()).kind === 'loaded';
      });
    }
  });

  it("add, edit and delete change the account's webhooks", async () => {
    const created = await vscode.commands.executeCommand<{ id: number }>('webhookStudio.addWebhook', {
      account: 'Simulator',
      name: 'From VS Code',
      url: 'https://handler.example/c2d',
      events: ['inbox', 'new_ticket'],
      channels: [42],
    });
    assert.ok(created?.id);
    assert.deepEqual(simulator.state.find((w) => w.id === created.id)?.channels, [42]);
    assert.equal((await roots()).length, 4, 'shown at once');
    assert.equal((await state()).kind, 'loaded', 'no "Loading…" after a change');

    // The prompts need a person; automation passes the values.
    await vscode.commands.executeCommand('webhookStudio.editWebhook', {
      account: 'Simulator',
      id: created.id,
      name: 'Renamed',
      url: 'https://handler.example/v2',
      events: ['outbox'],
    });
    const edited = simulator.state.find((w) => w.id === created.id);
    assert.deepEqual([edited?.name, edited?.url, edited?.events], ['Renamed', 'https://handler.example/v2', ['outbox']]);

    const renamed = (await roots()).find((n) => n.type === 'webhook' && n.webhook.id === created.id)!;
    assert.equal(await vscode.commands.executeCommand('webhookStudio.deleteWebhook', renamed, { skipConfirmation: true }), true);
    assert.ok(!simulator.state.some((w) => w.id === created.id));
    assert.equal((await roots()).length, 3);
  });

  it('the Edit form goes Back, and "no event picked" keeps the name and URL and asks for events again', async () => {
    const created = await vscode.commands.executeCommand<{ id: number }>('webhookStudio.addWebhook', {
      account: 'Simulator',
      name: 'Form kept',
      url: 'https://kept.example/c2d',
      events: ['inbox'],
    });
    const node = (await roots()).find((n) => n.type === 'webhook' && n.webhook.id === created.id)!;
    const step = async (command: string) => {
      await sleep(400);
      await vscode.commands.executeCommand(command);
    };
    const editing = vscode.commands.executeCommand('webhookStudio.editWebhook', node);
    await step('workbench.action.acceptSelectedQuickOpenItem'); // 1/4 name, as it was
    await step('workbench.action.acceptSelectedQuickOpenItem'); // 2/4 URL, as it was
    await step('quickInput.first'); // 3/4: to "inbox" (the first event) ...
    await step('workbench.action.quickPickManyToggle'); // ... and unpick it
    await step('workbench.action.acceptSelectedQuickOpenItem'); // no event: a soft error; the form stays open
    await step('workbench.action.quickInputBack'); // back to 2/4: the URL is still there
    await step('workbench.action.acceptSelectedQuickOpenItem');
    await step('quickInput.first');
    await step('workbench.action.quickPickManyToggle'); // 3/4: pick "inbox" again
    await step('workbench.action.acceptSelectedQuickOpenItem');
    await step('workbench.action.acceptSelectedQuickOpenItem'); // 4/4 channels: none
    await editing;
    const puts = simulator.requests.filter((r) => r.method === 'PUT' && r.path.startsWith(`/v1/webhooks/${created.id}`));
    assert.equal(puts.length, 1, 'the form was not thrown away by the soft error: one update');
    assert.deepEqual(puts[0].body, { name: 'Form kept', url: 'https://kept.example/c2d', events: ['inbox'] });
    await vscode.commands.executeCommand('webhookStudio.deleteWebhook', { account: 'Simulator', id: created.id }, { skipConfirmation: true });
  });

  it('opens a webhook as read-only JSON', async () => {
    const node = (await roots())[0];
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('webhookStudio.openWebhookJson', node);
    assert.equal(document.languageId, 'json');
    assert.equal(JSON.parse(document.getText()).id, 537680);
    assert.equal(document.uri.scheme, 'webhook-studio-webhook');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Send Test Event… posts the documented example, signed with the account token, to the webhook URL', async () => {
    const created = await vscode.commands.executeCommand<{ id: number }>('webhookStudio.addWebhook', {
      account: 'Simulator',
      name: 'Local handler',
      url: receiver.url,
      events: ['inbox', 'new_ticket'],
    });
    const node = (await roots()).find((n) => n.type === 'webhook' && n.webhook.id === created.id)!;
    const exchanges = await vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendTestEvent', node, { event: 'new_ticket' });
    assert.equal(exchanges[0].response?.status, 200);
    const received = receiver.received.at(-1)!;
    assert.equal(received.signatureValid, true);
    const payload = JSON.parse(received.rawBody.toString());
    assert.equal(payload.hook_type, 'ticket_created', 'subscription new_ticket sends hook_type ticket_created');
    await vscode.commands.executeCommand('webhookStudio.deleteWebhook', node, { skipConfirmation: true });
  });
});
