import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Capture } from '../../src/core/listen/capture';
import type { ListenAddress } from '../../src/core/listen/listener';
import { isTemporaryWebhook } from '../../src/core/listen/temporary-webhook';
import type { WebhookResponse } from '../../src/core/send';
import { httpRequest } from '../../src/core/send';
import type { ReceivedNode } from '../../src/features/listen/received-model';
import { Chat2DeskSimulator } from '../../src/simulator/server';
import { startReceiver, type Receiver } from '../support/receiver';
import type { Exchange } from '../../src/core/exchange';
import { activateExtension, answerPrompts, closeAllEditors, pressOn, runAcceptingQuickPicks, setSetting, waitFor, workspaceUri } from './helpers';

const TOKEN = 'listen-integration-token-51';
const ACCOUNT = 'Simulator (listen)';

describe('Listen: Received Webhooks', () => {
  let simulator: Chat2DeskSimulator;
  let receiver: Receiver;
  let address: ListenAddress;
  let apiBaseUrl: string;
  const api = async () => (await activateExtension()).exports.listen;
  const captures = async () => (await api()).captures();
  const deliver = (event: string) =>
    httpRequest({
      url: `${simulator.url}/_simulator/deliver`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event }),
    });
  const newCapture = async (count: number): Promise<Capture> =>
    waitFor('a capture', async () => {
      const list = await captures();
      return list.length > count ? list[list.length - 1] : undefined;
    });

  before(async () => {
    const extension = await activateExtension();
    simulator = new Chat2DeskSimulator({ token: TOKEN, schemasDir: join(extension.extensionPath, 'schemas') });
    receiver = await startReceiver(TOKEN);
    apiBaseUrl = await simulator.start();
    await setSetting('accounts', [{ name: ACCOUNT, apiBaseUrl }]);
    await setSetting('listen.account', ACCOUNT);
    assert.equal(await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: ACCOUNT, token: TOKEN }), true);
    await vscode.commands.executeCommand('webhookStudio.clearCaptures', { skipConfirmation: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('webhookStudio.stopListening');
    await vscode.commands.executeCommand('webhookStudio.clearCaptures', { skipConfirmation: true });
    for (const key of ['accounts', 'listen.account', 'listen.port']) await setSetting(key, undefined);
    await simulator.stop();
    await receiver.close();
    await closeAllEditors();
  });

  it('is contributed as a view in the Webhook Studio container, with Start Listening in its title', async () => {
    const { packageJSON } = await activateExtension();
    assert.ok(packageJSON.contributes.views.webhookStudio.some((v: { id: string }) => v.id === 'webhookStudio.received'));
    assert.ok(
      packageJSON.contributes.menus['view/title'].some(
        (m: { command: string; when: string }) => m.command === 'webhookStudio.startListening' && /webhookStudio\.received/.test(m.when),
      ),
    );
  });

  it('starts listening; the simulator delivers a signed event to its webhook; the capture shows it valid', async () => {
    address = (await vscode.commands.executeCommand<ListenAddress>('webhookStudio.startListening', { port: 0 }))!;
    assert.match(address.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual((await api()).address(), address);
    // Registered through the extension's own API client, as a user would.
    await vscode.commands.executeCommand('webhookStudio.addWebhook', {
      account: ACCOUNT,
      name: 'Local listener',
      url: `${address.url}/chat2desk`,
      events: ['new_ticket', 'inbox'],
      skipConfirmation: true,
    });
    const response = await deliver('new_ticket');
    assert.equal(response.status, 200, response.body);
    const capture = await newCapture(0);
    assert.equal(capture.path, '/chat2desk');
    assert.equal(capture.signature.status, 'valid', capture.signature.explanation);
    assert.deepEqual([capture.payload.provider, capture.payload.event, capture.payload.schema], ['chat2desk', 'ticket_created', 'valid']);
    assert.ok(!JSON.stringify(await captures()).includes(TOKEN), 'captures never hold the token');
    const delivered = JSON.parse(response.body).delivered.find((d: { url: string }) => d.url.startsWith(address.url));
    assert.equal(delivered.status, 200);
    const roots = await (await api()).roots();
    const session = roots[0] as Extract<ReceivedNode, { type: 'session' }>;
    assert.equal(session.current, true);
    assert.equal(session.captures[0].id, capture.id);
  });

  it('a request with a bad signature is captured as mismatch, and a non-JSON one with the reason', async () => {
    const before = (await captures()).length;
    await httpRequest({
      url: `${address.url}/x`,
      method: 'POST',
      headers: { 'X-Signature': 'a'.repeat(64), 'X-Timestamp': String(Math.floor(Date.now() / 1000)) },
      body: '{"hook_type":"inbox"}',
    });
    assert.equal((await newCapture(before)).signature.status, 'mismatch');
    await httpRequest({ url: `${address.url}/x`, method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'not json' });
    const plain = await newCapture(before + 1);
    assert.equal(plain.signature.status, 'missing');
    assert.match(plain.payload.explanation, /Not a JSON webhook payload/);
  });

  it('Open shows the capture; Save as Fixture writes <hook_type>.chat2desk.json that validates', async () => {
    const capture = (await captures()).find((c) => c.payload.event === 'ticket_created')!;
    assert.equal((await vscode.commands.executeCommand<Capture>('webhookStudio.openCapture', { id: capture.id }))?.id, capture.id);
    const folder = workspaceUri('fixtures', 'received');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.saveCaptureAsFixture', { id: capture.id, folder: folder.fsPath });
    assert.equal(uri?.path.split('/').pop(), 'ticket_created.chat2desk.json');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri!));
    assert.deepEqual(JSON.parse(text), JSON.parse(capture.body));
    assert.match(text, /^\{\n {2}"hook_type"/, 'pretty-printed');
    const issues = await vscode.commands.executeCommand<unknown[]>('webhookStudio.validatePayload', uri);
    assert.deepEqual(issues, []);
    const second = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.saveCaptureAsFixture', { id: capture.id, folder: folder.fsPath });
    assert.equal(second?.path.split('/').pop(), 'ticket_created-2.chat2desk.json', 'never overwrites');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('Replay reaches a verifying receiver, with the original signature or re-signed', async () => {
    const capture = (await captures()).find((c) => c.payload.event === 'ticket_created')!;
    receiver.received.splice(0);
    const original = await vscode.commands.executeCommand<WebhookResponse>('webhookStudio.replayCapture', {
      id: capture.id,
      url: receiver.url,
      mode: 'original',
    });
    assert.equal(original?.status, 200);
    assert.equal(receiver.received[0].rawBody.toString(), capture.body, 'the same bytes');
    assert.equal(receiver.received[0].headers['x-timestamp'], capture.headers['X-Timestamp'] ?? capture.headers['x-timestamp']);
    assert.equal(receiver.received[0].signatureValid, true);
    const resigned = await vscode.commands.executeCommand<WebhookResponse>('webhookStudio.replayCapture', {
      id: capture.id,
      url: receiver.url,
      mode: 'resigned',
    });
    assert.equal(resigned?.status, 200);
    assert.equal(receiver.received[1].signatureValid, true);
  });

  // Issue 18: Replay goes through the same prepare-then-send flow and sender as Send.
  it("Replay re-signed without a token: Set API Token asks for the listener account's token and resumes the replay", async () => {
    const capture = (await captures()).find((c) => c.payload.event === 'ticket_created')!;
    // Two accounts: a Set API Token that does not name the account would have to ask which.
    await setSetting('accounts', [
      { name: ACCOUNT, apiBaseUrl },
      { name: 'Another account', apiBaseUrl },
    ]);
    await vscode.commands.executeCommand('webhookStudio.clearApiToken', { account: ACCOUNT });
    const boxes: string[] = [];
    const prompts = answerPrompts({
      showErrorMessage: pressOn(new RegExp(`No Chat2Desk API token is set for "${ACCOUNT.replace(/[()]/g, '\\$&')}"`), 'Set API Token'),
      showInputBox: (options) => {
        boxes.push(String((options as vscode.InputBoxOptions | undefined)?.title));
        return TOKEN;
      },
    });
    receiver.received.splice(0);
    try {
      const first = await vscode.commands.executeCommand('webhookStudio.replayCapture', { id: capture.id, url: receiver.url, mode: 'resigned' });
      assert.equal(first, undefined, 'nothing replayed without a token');
      await waitFor('the resumed replay', () => receiver.received.length >= 1);
      assert.equal(receiver.received[0].signatureValid, true, 're-signed with the token just set');
      assert.equal(receiver.received[0].rawBody.toString(), capture.body);
      assert.deepEqual(boxes, [`Chat2Desk API token for "${ACCOUNT}"`]);
    } finally {
      prompts.restore();
      await setSetting('accounts', [{ name: ACCOUNT, apiBaseUrl }]);
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: ACCOUNT, token: TOKEN });
    }
  });

  it("Replay's exchanges are in the send history, a token the handler echoes redacted", async () => {
    const capture = (await captures()).find((c) => c.payload.event === 'ticket_created')!;
    const echo = await startReceiver(TOKEN, { respond: () => ({ status: 403, body: `{"error":"token ${TOKEN} is not allowed"}` }) });
    try {
      const response = await vscode.commands.executeCommand<WebhookResponse>('webhookStudio.replayCapture', {
        id: capture.id,
        url: echo.url,
        mode: 'resigned',
      });
      assert.equal(response?.status, 403);
      assert.match(response?.body ?? '', /token \[redacted\] is not allowed/);
      const exchanges = (await activateExtension()).exports.exchanges();
      const last = exchanges.at(-1);
      assert.match(last?.source ?? '', /^replay of ticket_created/);
      assert.equal(last?.response?.status, 403);
      assert.equal(last?.signed, true);
      assert.ok(!JSON.stringify(exchanges).includes(TOKEN), 'the token appears nowhere in the history');
    } finally {
      await echo.close();
    }
  });

  it('Copy as cURL, Compare with…, Edit and Resend, Delete', async () => {
    const [first, second] = await captures();
    const curl = await vscode.commands.executeCommand<string>('webhookStudio.copyCaptureAsCurl', { id: first.id });
    assert.equal(await vscode.env.clipboard.readText(), curl);
    assert.match(curl!, new RegExp(`curl -sS -X POST '${address.url}/chat2desk'`));
    const diff = await vscode.commands.executeCommand<vscode.Uri[]>('webhookStudio.compareCapture', { id: first.id, otherId: second.id });
    assert.equal(diff?.length, 2);
    const edited = await vscode.commands.executeCommand<vscode.TextDocument>('webhookStudio.editAndResendCapture', { id: first.id });
    assert.equal(edited?.uri.scheme, 'untitled');
    assert.match(edited!.uri.path, /ticket_created-edited\.chat2desk\.json$/);
    assert.deepEqual(JSON.parse(edited!.getText()), JSON.parse(first.body));
    // Edit, then send from there: the edited bytes arrive, signed.
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, edited);
    const at = edited!.getText().indexOf('Non-compliance');
    await editor.edit((e) => e.replace(new vscode.Range(edited!.positionAt(at), edited!.positionAt(at + 'Non-compliance'.length)), 'Edited'));
    receiver.received.splice(0);
    await setSetting('endpoints', [{ name: 'Verifying receiver', url: receiver.url }]);
    try {
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', edited!.uri));
      assert.equal(exchanges[0]?.response?.status, 200);
      assert.equal(receiver.received[0].signatureValid, true);
      assert.match(JSON.parse(receiver.received[0].rawBody.toString()).ticket.summary, /^Edited with the Pantone/);
    } finally {
      await setSetting('endpoints', undefined);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const count = (await captures()).length;
    assert.equal(await vscode.commands.executeCommand('webhookStudio.deleteCapture', { id: second.id }), true);
    assert.equal((await captures()).length, count - 1);
  });

  it('Connect creates a temporary webhook on the account, and stopping removes it', async () => {
    const created = await vscode.commands.executeCommand<{ id: number; name: string }>('webhookStudio.connectAccount', {
      account: ACCOUNT,
      publicUrl: 'https://tunnel.example/hook',
      events: ['inbox'],
      skipConfirmation: true,
    });
    assert.ok(created?.id);
    const onServer = simulator.state.find((w) => w.id === created.id);
    assert.ok(onServer && isTemporaryWebhook(onServer), 'named with the recognisable prefix');
    assert.deepEqual([onServer.url, onServer.events], ['https://tunnel.example/hook', ['inbox']]);
    await vscode.commands.executeCommand('webhookStudio.stopListening');
    assert.equal((await api()).address(), undefined);
    assert.ok(!simulator.state.some((w) => w.id === created.id), 'removed when listening stopped');
    assert.ok(!simulator.state.some(isTemporaryWebhook));
  });

  it('a temporary webhook that could not be removed at stop is removed at the next start', async () => {
    await vscode.commands.executeCommand('webhookStudio.startListening', { port: 0, skipConfirmation: true });
    const created = await vscode.commands.executeCommand<{ id: number }>('webhookStudio.connectAccount', {
      account: ACCOUNT,
      publicUrl: 'https://tunnel.example/again',
      events: ['inbox'],
      skipConfirmation: true,
    });
    simulator.injectFault({ kind: 'status', status: 503, method: 'DELETE' }); // the DELETE at stop fails
    await vscode.commands.executeCommand('webhookStudio.stopListening');
    assert.ok(
      simulator.state.some((w) => w.id === created!.id),
      `still registered: the removal failed`,
    );
    await vscode.commands.executeCommand('webhookStudio.startListening', { port: 0, removeLeftovers: true });
    assert.ok(!simulator.state.some((w) => w.id === created!.id), 'removed at the next start');
    await vscode.commands.executeCommand('webhookStudio.stopListening');
  });

  it('a taken port: listens on a free one and says which', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      await setSetting('listen.port', port);
      const fallback = await vscode.commands.executeCommand<ListenAddress>('webhookStudio.startListening', { skipConfirmation: true });
      assert.equal(fallback?.fellBack, true);
      assert.equal(fallback?.requestedPort, port);
      assert.notEqual(fallback?.port, port);
    } finally {
      await vscode.commands.executeCommand('webhookStudio.stopListening');
      busy.close();
    }
  });

  it('the history survives across sessions and Clear All empties it', async () => {
    assert.ok((await captures()).length >= 2);
    assert.equal(await vscode.commands.executeCommand('webhookStudio.clearCaptures', { skipConfirmation: true }), true);
    assert.equal((await captures()).length, 0);
  });
});
