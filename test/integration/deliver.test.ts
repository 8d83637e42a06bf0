import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeliveryTimeline } from '../../src/core/delivery/engine';
import { childNodes, present, type TimelineNode } from '../../src/features/deliver/timeline-model';
import { startReceiver, type Receiver } from '../support/receiver';
import type { Exchange } from '../../src/core/exchange';
import {
  activateExtension,
  answerPrompts,
  closeAllEditors,
  pressOn,
  runAcceptingQuickPicks,
  setSetting,
  sleep,
  waitFor,
  workspaceUri,
  writeWorkspaceFile,
} from './helpers';

const TOKEN = 'integration-deliver-token-8d2e';

/** The inbox fixture under a new name (nothing remembered for it yet), optionally edited. */
async function inboxCopy(name: string, edit: (text: string) => string = (text) => text): Promise<vscode.Uri> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('fixtures', 'inbox.chat2desk.json')));
  return writeWorkspaceFile(`${name}-${Date.now()}.chat2desk.json`, edit(text));
}

describe('Deliver as Chat2Desk', () => {
  let receiver: Receiver;
  let failFirst = 0;

  before(async () => {
    await activateExtension();
    // Fails the first `failFirst` requests, then answers as a handler verifying the doc's way.
    receiver = await startReceiver(TOKEN, {
      respond: (w) =>
        receiver.received.length <= failFirst
          ? { status: 500, body: '{"error":"not yet"}' }
          : w.signatureValid
            ? { status: 200, body: '{"ok":true}' }
            : { status: 401, body: '{}' },
    });
    assert.equal(await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Chat2Desk', token: TOKEN }), true);
    await setSetting('endpoints', [{ name: 'Deliver receiver', url: receiver.url }]);
  });

  after(async () => {
    await setSetting('endpoints', undefined);
    await receiver.close();
  });

  beforeEach(() => {
    receiver.received.splice(0);
    failFirst = 0;
  });
  afterEach(closeAllEditors);

  it('is offered on JSON fixtures in the editor and the explorer, with a Delivery Timeline view', async () => {
    const { packageJSON } = await activateExtension();
    const menus = packageJSON.contributes.menus as Record<string, { command: string; when?: string }[]>;
    assert.match(menus['editor/context'].find((m) => m.command === 'webhookStudio.deliverAsChat2Desk')?.when ?? '', /resourceLangId == json/);
    assert.match(menus['explorer/context'].find((m) => m.command === 'webhookStudio.deliverAsChat2Desk')?.when ?? '', /resourceExtname == \.json/);
    await vscode.commands.executeCommand('webhookStudio.deliveries.focus');
  });

  it('against a handler that fails twice: 3 attempts on the Chat2Desk schedule, accepted at the third, every signature valid', async () => {
    failFirst = 2;
    // A file never sent before: the picker's first item is the endpoint (a sent file's last target comes first).
    const uri = await inboxCopy('fails-twice');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // Quick picks answered with their first item: the endpoint, the Chat2Desk policy, x120, no faults.
    const timeline = await runAcceptingQuickPicks(vscode.commands.executeCommand<DeliveryTimeline>('webhookStudio.deliverAsChat2Desk', uri), 60_000);
    assert.ok(timeline, "the command returns the run's timeline");
    assert.equal(timeline.policy.name, 'chat2desk');
    assert.equal(timeline.timeScale, 120);
    assert.equal(timeline.state, 'finished');
    const [delivery] = timeline.deliveries;
    assert.deepEqual(
      delivery.attempts.map((a) => a.status),
      [500, 500, 200],
    );
    assert.deepEqual(
      delivery.attempts.map((a) => a.waitedMs),
      [0, 10_000, 300_000],
      'resent after 10 s, then 5 min (schedule time)',
    );
    assert.deepEqual(delivery.outcome, { kind: 'delivered', attempt: 3 });
    assert.equal(receiver.received.length, 3);
    assert.ok(
      receiver.received.every((r) => r.signatureValid),
      'each attempt verified at the receiver',
    );
    assert.deepEqual(
      receiver.received.map((r) => r.headers['x-timestamp']),
      delivery.attempts.map((a) => a.timestamp),
    );
    // What the view shows for it.
    const run: TimelineNode = { type: 'run', run: { id: 0, target: 'Deliver receiver', timeline } };
    const deliveryNode = childNodes(run).find((n) => n.type === 'delivery')!;
    assert.equal(present(deliveryNode).description, 'delivered at attempt 3 of 4');
    assert.deepEqual(
      childNodes(deliveryNode).map((n) => present(n).icon.id),
      ['close', 'close', 'check'],
    );
  });

  it('delivers an explorer selection as a sequence, with duplicates, in reverse order', async () => {
    const uris = ['01-new_request', '02-inbox', '03-close_dialog'].map((n) => workspaceUri('fixtures', 'sequence', `${n}.chat2desk.json`));
    const timeline = await vscode.commands.executeCommand<DeliveryTimeline>('webhookStudio.deliverAsChat2Desk', uris[0], uris, {
      url: receiver.url,
      policy: 'immediate',
      timeScale: 'inf',
      order: 'reverse',
      duplicate: 'sequential',
    });
    assert.equal(timeline.deliveries.length, 6);
    assert.ok(timeline.deliveries.every((d) => d.outcome.kind === 'delivered'));
    assert.deepEqual(
      receiver.received.map((r) => JSON.parse(r.rawBody.toString()).hook_type),
      ['close_dialog', 'close_dialog', 'inbox', 'inbox', 'new_request', 'new_request'],
    );

    // Run Again: the same payloads, endpoint and settings, nothing asked.
    receiver.received.splice(0);
    const again = await vscode.commands.executeCommand<DeliveryTimeline>('webhookStudio.runDeliveryAgain');
    assert.deepEqual([again.policy.name, again.timeScale, again.order, again.duplicate], ['immediate', Infinity, 'reverse', 'sequential']);
    assert.deepEqual(
      receiver.received.map((r) => JSON.parse(r.rawBody.toString()).hook_type),
      ['close_dialog', 'close_dialog', 'inbox', 'inbox', 'new_request', 'new_request'],
    );
    assert.ok(receiver.received.every((r) => r.signatureValid));

    // The same timeline as the CLI's --json, as a JSON document.
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('webhookStudio.openDeliveryJson');
    const json = JSON.parse(editor.document.getText());
    assert.equal(json.timeScale, 'inf');
    assert.equal(json.deliveries.length, 6);
    assert.ok(!editor.document.getText().includes(TOKEN));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'); // an untitled document: nothing to save
  });

  it('Cancel stops a real-time run during its wait', async () => {
    failFirst = 99;
    const uri = workspaceUri('fixtures', 'inbox.chat2desk.json');
    const running = vscode.commands.executeCommand<DeliveryTimeline>('webhookStudio.deliverAsChat2Desk', uri, undefined, {
      url: receiver.url,
      policy: 'chat2desk',
      timeScale: '1',
    });
    await waitFor('the first attempt', () => receiver.received.length >= 1);
    await vscode.commands.executeCommand('webhookStudio.cancelDelivery');
    const timeline = await running;
    assert.equal(timeline.state, 'cancelled');
    assert.deepEqual(timeline.deliveries[0].outcome, { kind: 'cancelled' });
    assert.equal(receiver.received.length, 1, 'the 10 s resend never went out');
  });
  // Issue 18: Deliver goes through the same prepare-then-send flow as Send.
  it('without a token, Set API Token resumes the delivery: nothing asked again, every attempt signed', async () => {
    await vscode.commands.executeCommand('webhookStudio.clearApiToken', { account: 'Chat2Desk' });
    const errors: string[] = [];
    const prompts = answerPrompts({
      showErrorMessage: pressOn(/No Chat2Desk API token is set for "Chat2Desk"/, 'Set API Token', errors),
      showInputBox: () => TOKEN,
    });
    try {
      const first = await vscode.commands.executeCommand<DeliveryTimeline | undefined>(
        'webhookStudio.deliverAsChat2Desk',
        workspaceUri('fixtures', 'inbox.chat2desk.json'),
        undefined,
        {
          url: receiver.url,
          policy: 'once',
          timeScale: 'inf',
        },
      );
      assert.equal(first, undefined, 'nothing delivered without a token');
      await waitFor('the resumed delivery', () => receiver.received.length >= 1);
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.received[0].signatureValid, true, 'signed with the token just set');
      assert.ok(
        errors.some((m) => /No Chat2Desk API token/.test(m)),
        errors.join('\n'),
      );
    } finally {
      prompts.restore();
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Chat2Desk', token: TOKEN });
    }
  });

  it('remembers the endpoint a file was delivered to, as Send does: Send then offers it first', async () => {
    const other = await startReceiver(TOKEN);
    await setSetting('endpoints', [
      { name: 'Deliver receiver', url: receiver.url },
      { name: 'Other receiver', url: other.url },
    ]);
    try {
      const uri = await inboxCopy('remembered');
      const timeline = await vscode.commands.executeCommand<DeliveryTimeline>('webhookStudio.deliverAsChat2Desk', uri, undefined, {
        url: other.url,
        policy: 'once',
        timeScale: 'inf',
      });
      assert.equal(timeline.deliveries[0].outcome.kind, 'delivered');
      assert.equal(other.received.length, 1);
      // Enter in the picker: the file's last endpoint comes first, before the configured ones.
      const exchanges = await runAcceptingQuickPicks(vscode.commands.executeCommand<Exchange[]>('webhookStudio.sendSignedWebhook', uri));
      assert.equal(exchanges[0]?.request.url, other.url);
      assert.equal(other.received.length, 2);
      assert.equal(receiver.received.length, 0);
    } finally {
      await setSetting('endpoints', [{ name: 'Deliver receiver', url: receiver.url }]);
      await other.close();
    }
  });

  it('asks about schema problems once for a multi-file delivery, then delivers them all', async () => {
    const wrongType = (text: string) => text.replace('"message_id": 115816153', '"message_id": "oops"');
    const uris = [await inboxCopy('01-invalid', wrongType), await inboxCopy('02-invalid', wrongType), await inboxCopy('03-valid')];
    const warnings: string[] = [];
    const prompts = answerPrompts({ showWarningMessage: pressOn(/payloads do not match the Chat2Desk schema/, 'Deliver Anyway', warnings) });
    try {
      const timeline = await vscode.commands.executeCommand<DeliveryTimeline>('webhookStudio.deliverAsChat2Desk', uris[0], uris, {
        url: receiver.url,
        policy: 'once',
        timeScale: 'inf',
      });
      await sleep(200);
      const schemaQuestions = warnings.filter((m) => /schema/.test(m));
      assert.deepEqual(schemaQuestions, ['2 payloads do not match the Chat2Desk schema.']);
      assert.equal(timeline.deliveries.length, 3);
      assert.equal(receiver.received.length, 3);
    } finally {
      prompts.restore();
    }
  });
  it('Show Problems marks each problem of every payload once in the Problems panel, and delivers nothing', async () => {
    const wrongType = (text: string) => text.replace('"message_id": 115816153', '"message_id": "oops"');
    const uris = [await inboxCopy('01-problems', wrongType), await inboxCopy('02-problems', wrongType)];
    const prompts = answerPrompts({ showWarningMessage: pressOn(/payloads do not match the Chat2Desk schema/, 'Show Problems') });
    try {
      const timeline = await vscode.commands.executeCommand('webhookStudio.deliverAsChat2Desk', uris[0], uris, {
        url: receiver.url,
        policy: 'once',
        timeScale: 'inf',
      });
      assert.equal(timeline, undefined);
      const onMessageId = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.range.start.line === 1);
      for (const uri of uris) await waitFor(`the problem in ${uri.path}`, () => onMessageId(uri).length > 0, 30_000);
      await sleep(1000); // a second marker would come from our own diagnostics, set at once
      for (const uri of uris)
        assert.equal(
          onMessageId(uri).length,
          1,
          vscode.languages
            .getDiagnostics(uri)
            .map((d) => `${d.source}: ${d.message}`)
            .join('\n'),
        );
      assert.equal(receiver.received.length, 0);
    } finally {
      prompts.restore();
    }
  });
});
