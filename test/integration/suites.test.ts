import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SuiteItemSnapshot } from '../../src/features/suites';
import { startReceiver, type Receiver } from '../support/receiver';
import { activateExtension, closeAllEditors, waitFor, workspaceUri, writeWorkspaceFile } from './helpers';

const TOKEN = 'integration-suites-token-51c7';

/** A suite with a step that passes, one whose expectation is wrong, a slow wait and two checks. */
function suiteText(url: string): string {
  return `{
  "name": "Orders",
  "target": { "url": "${url}", "account": "Chat2Desk", "timeoutSeconds": 5 },
  "scenarios": [
    {
      "name": "A client writes",
      "steps": [
        { "fixture": "fixtures/inbox.chat2desk.json", "name": "accepted",
          "expect": { "status": 200, "body": [ { "path": "$.ok", "equals": true } ] } },
        { "fixture": "fixtures/inbox.chat2desk.json", "name": "expects the wrong status",
          "expect": { "status": 202 } }
      ]
    },
    {
      "name": "Waits long",
      "steps": [ { "wait": 8000 }, { "event": "inbox", "name": "after the wait" } ]
    },
    {
      "name": "Refused as Chat2Desk delivers",
      "deliver": { "policy": "immediate", "timeScale": "inf" },
      "steps": [ { "fixture": "fixtures/inbox.chat2desk.json", "name": "always refused", "patch": { "$.text": "refuse me" } } ]
    }
  ],
  "checks": { "only": ["missing-signature", "wrong-signature"] }
}
`;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));
const find = (items: SuiteItemSnapshot[], id: string): SuiteItemSnapshot | undefined => {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = find(item.children, id);
    if (inner) return inner;
  }
  return undefined;
};

describe('Contract suites in the Test Explorer', () => {
  let receiver: Receiver;
  let suiteUri: vscode.Uri;
  let text: string;

  before(async () => {
    await activateExtension();
    // Answers as a handler verifying the doc's way, and refuses the payload that asks for it.
    receiver = await startReceiver(TOKEN, {
      respond: (w) =>
        w.rawBody.includes('refuse me') ? { status: 500, body: '{"error":"refused"}' } : { status: w.signatureValid ? 200 : 401, body: '{"ok":true}' },
    });
    assert.equal(await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Chat2Desk', token: TOKEN }), true);
    text = suiteText(receiver.url);
    suiteUri = await writeWorkspaceFile('orders.webhooks.json', text);
  });

  after(async () => {
    await vscode.workspace.fs.delete(suiteUri).then(undefined, () => undefined);
    await receiver.close();
  });
  afterEach(closeAllEditors);

  const api = async () => (await activateExtension()).exports.suites;
  const orders = async () => {
    const items = await waitFor('the Orders suite in the Test Explorer', async () => (await (await api()).items()).find((s) => s.label === 'Orders'));
    return items;
  };

  it('discovers the suite (watched) with a scenario, step and check item each at its line', async () => {
    const suite = await orders();
    assert.equal(suite.error, undefined);
    assert.deepEqual(
      suite.children.map((c) => [c.id, c.kind]),
      [
        ['0', 'scenario'],
        ['1', 'scenario'],
        ['2', 'scenario'],
        ['check:missing-signature', 'check'],
        ['check:wrong-signature', 'check'],
      ],
    );
    assert.equal(find([suite], '0')?.range?.startLine, lineOf(text, '"name": "A client writes"') - 1);
    assert.equal(find([suite], '0/0')?.range?.startLine, lineOf(text, '"name": "accepted"'));
    assert.equal(find([suite], '0/1')?.range?.startLine, lineOf(text, '"name": "expects the wrong status"'));
    assert.equal(find([suite], '0/1')?.kind, 'step');
  });

  it('shows a suite file that does not load as an item with its error', async () => {
    const broken = await writeWorkspaceFile(
      'broken.webhooks.json',
      '{ "target": { "url": "http://127.0.0.1:1/" }, "scenarios": [ { "name": "x", "steps": [] } ] }\n',
    );
    try {
      const item = await waitFor('the broken suite', async () => (await (await api()).items()).find((s) => s.label === 'broken.webhooks.json'));
      assert.match(item.error ?? '', /step/);
      assert.equal(item.children.length, 0);
    } finally {
      await vscode.workspace.fs.delete(broken);
    }
  });

  it('runs a scenario: passed and failed results, the failure a diff (expected/actual status) located at its expectation', async () => {
    await orders();
    const results = await vscode.commands.executeCommand<{ id: string; state: string; messages: vscode.TestMessage[] }[]>(
      'webhookStudio.runSuite',
      suiteUri,
      '0',
    );
    assert.deepEqual(
      results.map((r) => [r.id, r.state]),
      [
        ['0/0', 'passed'],
        ['0/1', 'failed'],
      ],
    );
    const [message] = results[1].messages;
    assert.equal(message.expectedOutput, '202');
    assert.equal(message.actualOutput, '200');
    assert.equal(message.location?.uri.toString(), suiteUri.toString());
    assert.equal(message.location?.range.start.line, lineOf(text, '"expect": { "status": 202 }'));
    assert.match(message.contextValue ?? '', /\bcanSave\b.*\bhasRequest\b/);
    assert.equal(receiver.received.filter((r) => r.signatureValid).length, 2, 'both steps were sent, validly signed');
  });

  it("a failure's actions: Copy as cURL (no token in it) and Save Actual as Fixture", async () => {
    const testItemId = `${suiteUri.toString()}#0/1`;
    const curl = await vscode.commands.executeCommand<string>('webhookStudio.copyFailureAsCurl', { testItemId });
    assert.match(curl, new RegExp(`^curl .*${receiver.url.replace(/[/.]/g, '\\$&')}`));
    assert.match(curl, /X-Signature/i);
    assert.ok(!curl.includes(TOKEN));
    assert.equal(await vscode.env.clipboard.readText(), curl);
    const folder = workspaceUri('saved-actuals').fsPath;
    const saved = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.saveActualAsFixture', { testItemId, which: 'response', folder });
    assert.equal(JSON.parse(readFileSync(saved.fsPath, 'utf8')).ok, true, 'the body the handler answered');
  });

  it('runs the whole suite: the checks pass against a handler verifying signatures', async () => {
    const results = await vscode.commands.executeCommand<{ id: string; state: string }[]>('webhookStudio.runSuite', suiteUri);
    const state = (id: string) => results.find((r) => r.id === id)?.state;
    assert.equal(state('check:missing-signature'), 'passed');
    assert.equal(state('check:wrong-signature'), 'passed');
    assert.equal(state('0/1'), 'failed');
  });

  it('Run as Chat2Desk: a refused event fails after its resends, and Open in Delivery Timeline shows its attempts', async () => {
    const results = await vscode.commands.executeCommand<{ id: string; state: string; messages: vscode.TestMessage[] }[]>(
      'webhookStudio.runSuite',
      suiteUri,
      '2',
      'chat2desk',
    );
    assert.deepEqual(
      results.map((r) => [r.id, r.state]),
      [['2/0', 'failed']],
    );
    assert.match(results[0].messages[0].contextValue ?? '', /\bhasTimeline\b/);
    assert.equal(receiver.received.filter((r) => r.rawBody.includes('refuse me')).length >= 4, true, 'the first attempt and the three resends');
    assert.equal(await vscode.commands.executeCommand('webhookStudio.openInDeliveryTimeline', { testItemId: `${suiteUri.toString()}#2/0` }), true);
  });

  it('cancel stops a run mid-scenario: the wait is cut short and what follows is skipped', async () => {
    const cancel = new vscode.CancellationTokenSource();
    const started = Date.now();
    setTimeout(() => cancel.cancel(), 1000);
    const results = await (await api()).run(suiteUri, '1', 'run', cancel.token);
    assert.ok(Date.now() - started < 6000, `the 8 s wait was not cut short (${Date.now() - started} ms)`);
    assert.equal(results?.find((r) => r.id === '1/1')?.state, 'skipped');
  });

  it('without a token, the run fails with a message offering Set API Token instead of hanging', async () => {
    await vscode.commands.executeCommand('webhookStudio.clearApiToken', { account: 'Chat2Desk' });
    try {
      const results = await vscode.commands.executeCommand<{ id: string; state: string; messages: vscode.TestMessage[] }[]>(
        'webhookStudio.runSuite',
        suiteUri,
        '0/0',
      );
      const [result] = results;
      assert.notEqual(result.state, 'passed');
      assert.match(result.messages[0]?.contextValue ?? '', /\bnoToken\b/);
    } finally {
      await vscode.commands.executeCommand('webhookStudio.setApiToken', { account: 'Chat2Desk', token: TOKEN });
    }
  });

  it('New Suite from Fixtures… writes a starter suite that loads', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookStudio.newSuite', workspaceUri('fixtures', 'sequence'));
    try {
      const suite = JSON.parse(readFileSync(uri.fsPath, 'utf8'));
      assert.ok(suite.scenarios[0].steps.length > 0);
      assert.match(suite.scenarios[0].steps[0].fixture, /^sequence\//);
      const item = await waitFor('the new suite in the Test Explorer', async () =>
        (await (await api()).items()).find((s) => s.label === suite.name && s.children.length > 0),
      );
      assert.equal(item.error, undefined);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
