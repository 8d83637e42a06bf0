// The first minute in the real host (1.90 and 1.139): the walkthrough opens once by itself and its steps
// complete on the real actions, Send to Your Handler keeps the URL it asked for, New Payload from
// Documented Event, the CodeLens, one schema problem reported once, Enable / Disable.
import * as assert from 'node:assert/strict';
import { freePort } from '../support/ports';
import * as vscode from 'vscode';
import type { Exchange } from '../../src/core/exchange';
import type { ListenAddress } from '../../src/core/listen/listener';
import { Chat2DeskSimulator } from '../../src/simulator/server';
import { startReceiver } from '../support/receiver';
import type { WebhookNode } from '../../src/features/webhooks-view/tree-model';
import { activateExtension, closeAllEditors, EXTENSION_ID, runAcceptingQuickPicks, setSetting, waitFor, workspaceUri, writeWorkspaceFile } from './helpers';

const TOKEN = 'first-minute-token-7a7a';
const ACCOUNT = 'First Minute';

describe('The first minute', () => {
  let simulator: Chat2DeskSimulator;
  const api = async () => (await activateExtension()).exports;
  const steps = async () => (await api()).firstSteps();
  const folder = workspaceUri('first-minute').fsPath;
  /** What the simulator's own GET /v1/webhooks says, as Chat2Desk would. */
  const statusInSimulator = async (name: string) => {
    const listed = (await (await fetch(`${simulator.url}/v1/webhooks`, { headers: { Authorization: TOKEN } })).json()) as {
      data: { name: string; status: string }[];
    };
    return listed.data.find((w) => w.name === name)?.status;
  };

  before(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN });
    await setSetting('accounts', [{ name: ACCOUNT, apiBaseUrl: await simulator.start() }]);
    // A listener this suite starts takes a free port.
    await setSetting('listen.port', 0);
    await vscode.commands.executeCommand('webhookStudio.clearApiToken', { account: ACCOUNT });
  });

  after(async () => {
    await vscode.commands.executeCommand('webhookStudio.stopListening');
    await setSetting('accounts', undefined);
    await setSetting('listen.port', undefined);
    await setSetting('codeLens.enabled', undefined);
    await simulator.stop();
    await vscode.workspace.fs.delete(vscode.Uri.file(folder), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await closeAllEditors();
  });

  it('opens the walkthrough by itself once, on the first start; the workbench commands its one-click steps use exist here', async () => {
    // No token yet (a newcomer): the first start opens it; the next never does.
    await closeAllEditors();
    assert.equal(await (await api()).openWalkthroughOnce(), true);
    const walkthroughTab = () => vscode.window.tabGroups.activeTabGroup.activeTab;
    // A walkthrough is a tab of no kind the API knows (this is how the extension tells it is in front).
    await waitFor('the walkthrough in front', () => walkthroughTab() !== undefined && walkthroughTab()?.input === undefined);
    assert.equal(await (await api()).openWalkthroughOnce(), false, 'once');
    const commands = await vscode.commands.getCommands(false);
    for (const command of ['workbench.action.openWalkthrough', 'walkthroughs.selectStep'])
      assert.ok(commands.includes(command), `${command} on VS Code ${vscode.version}`);
    // Selecting a step of ours in the walkthrough in front: what the extension does when a step is done.
    await vscode.commands.executeCommand('walkthroughs.selectStep', `${EXTENSION_ID}#firstWebhook#newPayload`);
    assert.equal(walkthroughTab()?.input, undefined, 'the walkthrough stays in front');
    await closeAllEditors();
  });

  it('contributes a walkthrough whose every step completes on a context key set by a real action', async () => {
    const walkthroughs = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.walkthroughs as {
      steps: { id: string; completionEvents: string[] }[];
    }[];
    const events = walkthroughs[0].steps.map((s) => [s.id, s.completionEvents]);
    assert.deepEqual(events, [
      ['setToken', ['onContext:webhookStudio.hasApiToken']],
      ['newPayload', ['onContext:webhookStudio.createdFixture']],
      ['send', ['onContext:webhookStudio.sentWebhook']],
      ['sendToHandler', ['onContext:webhookStudio.sentToHandler']],
    ]);
  });

  it('walks the steps: each key turns true only after its action; the handler is asked once and kept as an endpoint', async () => {
    // Earlier suites sent webhooks and listened; the keys this suite can still watch turn from false.
    await vscode.commands.executeCommand('webhookStudio.stopListening');
    await waitFor('no token yet', async () => (await steps())['webhookStudio.hasApiToken'] === false);
    assert.notEqual((await steps())['webhookStudio.createdFixture'], true);
    assert.notEqual((await steps())['webhookStudio.listening'], true);

    assert.equal(await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: ACCOUNT, token: TOKEN }), true);
    await waitFor('the token step', async () => (await steps())['webhookStudio.hasApiToken'] === true);

    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.newPayloadFromEvent', { event: 'inbox', provider: 'chat2desk', folder });
    assert.equal(uri.path.split('/').pop(), 'inbox.chat2desk.json');
    assert.equal((await steps())['webhookStudio.createdFixture'], true);

    // "Send to the Local Listener" starts the listener: the fixture just created, signed, to it.
    const exchanges = await vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendToListener');
    assert.equal(exchanges[0].response?.status, 200);
    assert.equal(exchanges[0].signed, true);
    assert.equal((await steps())['webhookStudio.listening'], true);
    const capture = await waitFor('the capture', async () => (await (await api()).listen.captures()).find((c) => c.payload.event === 'inbox'));
    assert.equal(capture.signature.status, 'valid', capture.signature.explanation);
    assert.equal((await steps())['webhookStudio.sentWebhook'], true);

    const handler = await startReceiver(TOKEN);
    try {
      const first = await vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendToHandler', { url: handler.url });
      assert.equal(first[0].response?.status, 200);
      assert.equal(handler.received[0].signatureValid, true);
      assert.equal((await steps())['webhookStudio.sentToHandler'], true);
      const kept = vscode.workspace.getConfiguration('webhookStudio').inspect<{ name: string; url: string }[]>('endpoints')?.globalValue;
      assert.deepEqual(kept, [{ name: new URL(handler.url).host, url: handler.url }], 'kept in the user settings');
      // Asked once: no argument, no question (an input box would keep this waiting), the same handler.
      const again = await vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendToHandler');
      assert.equal(again[0].request.url, handler.url);
      assert.equal(handler.received.length, 2);
    } finally {
      await setSetting('endpoints', undefined);
      await handler.close();
    }

    // The response view opens without taking focus; Show Last Response brings it to the front.
    assert.equal(await vscode.commands.executeCommand('webhookStudio.showResponse'), true);
  });

  it('the send target is remembered per file, even when the send failed; another file starts from the endpoints', async () => {
    const closed = await freePort();
    const nobody = `http://127.0.0.1:${closed}/hook`;
    const address =
      (await api()).listen.address() ??
      (await vscode.commands.executeCommand<ListenAddress>('webhookStudio.startListening', { port: 0, skipConfirmation: true }));
    const first = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.newPayloadFromEvent', { event: 'outbox', folder });
    const second = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.newPayloadFromEvent', { event: 'comment', folder });
    try {
      await setSetting('endpoints', [{ name: 'Nobody home', url: nobody }]);
      const failed = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', first));
      assert.equal(failed[0].error?.code, 'connection-refused');
      await setSetting('endpoints', [{ name: 'Listener', url: address!.url }]);
      // Enter takes the first item: for this file, the URL it was sent to last, though that send failed.
      const again = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', first));
      assert.equal(again[0].request.url, nobody);
      const other = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', second));
      assert.equal(new URL(other[0].request.url).href, new URL(address!.url).href);
      assert.equal(other[0].response?.status, 200);
    } finally {
      await setSetting('endpoints', undefined);
    }
  });

  it('Save as Endpoint (the response view) writes webhookStudio.endpoints once', async () => {
    try {
      assert.equal(
        await vscode.commands.executeCommand('webhookStudio.saveAsEndpoint', { url: 'http://127.0.0.1:3000/webhooks/chat2desk', name: 'My handler' }),
        'My handler',
      );
      assert.equal(
        await vscode.commands.executeCommand('webhookStudio.saveAsEndpoint', { url: 'http://127.0.0.1:3000/webhooks/chat2desk', name: 'Again' }),
        'My handler',
        'already saved: kept as it is',
      );
      assert.deepEqual(vscode.workspace.getConfiguration('webhookStudio').inspect('endpoints')?.globalValue, [
        { name: 'My handler', url: 'http://127.0.0.1:3000/webhooks/chat2desk' },
      ]);
    } finally {
      await setSetting('endpoints', undefined);
    }
  });

  it('New Payload from Documented Event: the documented example with a fresh event time, opened; never overwrites', async () => {
    const before = Date.now();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.newPayloadFromEvent', { event: 'typing', provider: 'iqchannels', folder });
    assert.equal(uri.path.split('/').pop(), 'typing.iqchannels.json');
    const payload = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.equal(payload.ChatEvent.Type, 'typing');
    assert.ok(payload.ChatEvent.CreatedAt >= before - 1000, 'a fresh CreatedAt');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'opened');

    const inbox = vscode.Uri.file(`${folder}/inbox.chat2desk.json`);
    await vscode.workspace.fs.writeFile(inbox, new TextEncoder().encode('{"mine": true}\n'));
    const copy = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.newPayloadFromEvent', { event: 'inbox', folder, ifExists: 'copy' });
    assert.equal(copy.path.split('/').pop(), 'inbox-2.chat2desk.json');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(inbox)), '{"mine": true}\n', 'the existing file is untouched');
    // The user is asked (a modal: the test host refuses to show it and says what it held); nothing written.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('webhookStudio.newPayloadFromEvent', { event: 'inbox', folder })),
      /inbox\.chat2desk\.json already exists/,
    );
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(inbox)), '{"mine": true}\n');
    const opened = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.newPayloadFromEvent', { event: 'inbox', folder, ifExists: 'open' });
    assert.equal(opened.toString(), inbox.toString());
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(inbox)), '{"mine": true}\n');
  });

  it("CodeLens: Send · Send with Options… · Validate above a fixture's first line; none on other JSON; the setting turns it off", async () => {
    const fixture = vscode.Uri.file(`${folder}/inbox.chat2desk.json`);
    await vscode.window.showTextDocument(fixture);
    const lenses = await waitFor('code lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixture);
      return found.length >= 3 ? found : undefined;
    });
    const ours = lenses.filter((l) => l.command?.command.startsWith('webhookStudio.'));
    assert.deepEqual(
      ours.map((l) => [l.command?.command, l.range.start.line]),
      [
        ['webhookStudio.sendSignedWebhook', 0],
        ['webhookStudio.sendSignedWebhookWithOptions', 0],
        ['webhookStudio.validatePayload', 0],
      ],
    );
    assert.equal(ours[0].command?.arguments?.[0].toString(), fixture.toString());

    const neutral = await writeWorkspaceFile('first-minute/neutral.json', '{"a": 1}\n');
    await vscode.workspace.openTextDocument(neutral);
    const none = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', neutral);
    assert.equal(none.filter((l) => l.command?.command.startsWith('webhookStudio.')).length, 0);

    await setSetting('codeLens.enabled', false);
    const off = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixture);
    assert.equal(off.filter((l) => l.command?.command.startsWith('webhookStudio.')).length, 0);
    await setSetting('codeLens.enabled', undefined);
  });

  it('one schema problem is reported once: Validate adds nothing where the JSON language service checks already', async () => {
    const uri = await writeWorkspaceFile('first-minute/bad.chat2desk.json', '{\n  "hook_type": "inbox",\n  "transport": "pigeon"\n}\n');
    await vscode.window.showTextDocument(uri);
    const issues = await vscode.commands.executeCommand<unknown[]>('webhookStudio.validatePayload', uri, { quiet: true });
    assert.equal(issues.length, 1);
    const fromJson = await waitFor(
      "the JSON service's diagnostic",
      () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.source !== 'Webhook Studio' && /pigeon|not accepted|Value is not/i.test(`${d.message}`)) ??
        (vscode.languages.getDiagnostics(uri).length > 0 ? vscode.languages.getDiagnostics(uri)[0] : undefined),
      30_000,
    );
    const atTransport = vscode.languages.getDiagnostics(uri).filter((d) => d.range.start.line === fromJson.range.start.line);
    assert.equal(atTransport.length, 1, atTransport.map((d) => `${d.source}: ${d.message}`).join(' | '));
    assert.equal(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Webhook Studio').length, 0);
  });

  it('Enable / Disable a webhook against the simulator (PUT ?status=), shown in words', async () => {
    await vscode.commands.executeCommand('webhookStudio.refreshWebhooks');
    const find = async (name: string) =>
      waitFor(`"${name}" in the tree`, async () =>
        ((await (await api()).webhooks.roots()) as WebhookNode[]).find((n) => n.type === 'webhook' && n.webhook.name === name),
      );
    const disabled = await find('Old staging handler');
    assert.equal(disabled.type === 'webhook' && disabled.webhook.status, 'disable');
    const enabled = await vscode.commands.executeCommand<{ status: string }>('webhookStudio.enableWebhook', disabled);
    assert.equal(enabled?.status, 'enable');
    assert.ok(simulator.requests.some((r) => r.method === 'PUT' && /\?status=enable$/.test(r.path)));
    assert.equal(await statusInSimulator('Old staging handler'), 'enable', 'the simulator holds it');
    const now = await find('Old staging handler');
    assert.equal(now.type === 'webhook' && now.webhook.status, 'enable', 'the tree shows it');
    await vscode.commands.executeCommand('webhookStudio.disableWebhook', now);
    assert.equal(await statusInSimulator('Old staging handler'), 'disable');

    // A test event to a disabled webhook asks first (a modal: the test host refuses it, saying what it held).
    const receiver = await startReceiver(TOKEN);
    try {
      const created = await vscode.commands.executeCommand<{ id: number }>('webhookStudio.addWebhook', {
        account: ACCOUNT,
        name: 'Disabled local',
        url: receiver.url,
        events: ['inbox'],
        skipConfirmation: true,
      });
      const node = await find('Disabled local');
      const off = await vscode.commands.executeCommand<{ status: string }>('webhookStudio.disableWebhook', node);
      assert.equal(off?.status, 'disable');
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('webhookStudio.sendTestEvent', await find('Disabled local'), { event: 'inbox' })),
        /"Disabled local" is disabled: Chat2Desk would not deliver/,
      );
      assert.equal(receiver.received.length, 0, "not sent without the user's yes");
      const confirmed = await vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendTestEvent', await find('Disabled local'), {
        event: 'inbox',
        skipConfirmation: true,
      });
      assert.equal(confirmed[0].response?.status, 200);
      await vscode.commands.executeCommand('webhookStudio.deleteWebhook', { account: ACCOUNT, id: created.id }, { skipConfirmation: true });
    } finally {
      await receiver.close();
    }
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string }[];
    assert.match(menus.find((m) => m.command === 'webhookStudio.enableWebhook')!.when, /viewItem == webhook\.disabled/);
    assert.match(menus.find((m) => m.command === 'webhookStudio.disableWebhook')!.when, /viewItem == webhook\.enabled/);
  });
});
