// The Test Explorer's vscode-free parts: the starter suite New Suite writes, the failure message's
// context words (which actions package.json offers) and the cURL / file name its actions use.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '../../../../src/core/suites/load';
import { actualFileName, curlOfArtifacts, fixtureText, messageContext, starterSuite } from '../../../../src/features/suites/suite-results';
import { REPO_ROOT as repoRoot, SCHEMAS_DIR } from '../../../support/paths';

describe('Test Explorer glue (features/suites)', () => {
  it('the starter suite loads: a step per fixture in the order given, and the required checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-starter-'));
    try {
      mkdirSync(join(dir, 'fixtures'));
      copyFileSync(join(repoRoot, 'test', 'workspace', 'fixtures', 'inbox.chat2desk.json'), join(dir, 'fixtures', 'a.chat2desk.json'));
      copyFileSync(join(repoRoot, 'test', 'workspace', 'fixtures', 'inbox.chat2desk.json'), join(dir, 'fixtures', 'b.chat2desk.json'));
      const text = starterSuite('Mine', 'http://127.0.0.1:3000/hook', 'Chat2Desk', ['fixtures/a.chat2desk.json', 'fixtures/b.chat2desk.json']);
      const suite = loadSuite(join(dir, 'handler.webhooks.json'), text);
      assert.equal(suite.name, 'Mine');
      assert.deepEqual(
        suite.tests.children[0].children.map((c) => c.kind),
        ['step', 'step'],
      );
      assert.ok(suite.tests.children.some((c) => c.id === 'check:wrong-signature'));
      // Without fixtures: one documented inbox event.
      const empty = loadSuite(join(dir, 'empty.webhooks.json'), starterSuite('Empty', 'http://127.0.0.1:3000/hook', undefined, []), {
        schemasDir: SCHEMAS_DIR,
      });
      assert.equal(empty.scenarios[0].steps.length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a message's context names exactly the actions its artifacts allow", () => {
    const request = { url: 'http://127.0.0.1:1/hook', headers: {}, body: Buffer.from('{}') };
    assert.equal(messageContext(undefined, false), 'webhookStudio.suiteMessage');
    assert.equal(messageContext({ request }, false), 'webhookStudio.suiteMessage canSave hasRequest');
    assert.equal(messageContext({ timeline: {} }, true), 'webhookStudio.suiteMessage hasTimeline noToken');
    // package.json's when clauses match the words, not substrings.
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const when = (command: string) => pkg.contributes.menus['testing/message/context'].find((m: { command: string }) => m.command === command).when as string;
    const regex = (clause: string) => new RegExp(clause.replace(/^testMessage =~ \/(.*)\/$/, '$1'));
    assert.match(messageContext({ request }, false), regex(when('webhookStudio.copyFailureAsCurl')));
    assert.doesNotMatch(messageContext({ timeline: {} }, false), regex(when('webhookStudio.copyFailureAsCurl')));
    assert.match(messageContext({ timeline: {} }, false), regex(when('webhookStudio.openInDeliveryTimeline')));
    assert.match(messageContext(undefined, true), regex(when('webhookStudio.setApiToken')));
  });

  it('Copy as cURL sends the same bytes and headers; saved bodies keep their literals; file names are safe', () => {
    const body = '{"text":"\\u00e9","n":1.0}';
    const curl = curlOfArtifacts({ request: { url: 'http://127.0.0.1:1/hook', headers: { 'X-Timestamp': '1' }, body: Buffer.from(body) } })!;
    assert.match(curl, /-H 'X-Timestamp: 1'/);
    assert.ok(curl.includes(`--data-binary '${body}'`));
    assert.equal(curlOfArtifacts({ timeline: {} }), undefined);
    assert.equal(fixtureText(body).includes('1.0'), true);
    assert.equal(fixtureText('not json'), 'not json');
    assert.equal(actualFileName('Orders handler', '0/1', 'response'), 'Orders-handler-0-1.response.json');
  });
});
