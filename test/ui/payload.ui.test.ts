// Writing a payload fixture and sending it, as a user does: a new file in the Explorer, Ctrl+Space and
// the event's name, then the editor's context menu to a receiver that verifies as the Chat2Desk doc shows.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chat2DeskSimulator } from '../../src/simulator/server';
import { startReceiver, type Receiver } from '../support/receiver';
import { SCHEMAS_DIR } from '../support/paths';
import { packagedVsix, screenshotsFor } from './session';
import { Workbench } from './workbench';

const TOKEN = 'ui-signing-token-3c3c';

describe('UI: payload fixtures', () => {
  let simulator: Chat2DeskSimulator;
  let receiver: Receiver;
  let workbench: Workbench;

  before(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN });
    receiver = await startReceiver(TOKEN);
    workbench = await Workbench.open({
      vsix: packagedVsix(),
      screenshotsDir: screenshotsFor('payload'),
      settings: { 'webhookStudio.accounts': [{ name: 'UI Simulator', apiBaseUrl: await simulator.start() }] },
    });
    // The token the webhook is signed with, typed where a user would.
    await workbench.setTokenFromPalette(TOKEN);
  });

  afterEach(async function () {
    await workbench?.screenshot(`${this.currentTest?.state}-${this.currentTest?.title}`);
  });

  after(async () => {
    await workbench?.close();
    await simulator?.stop();
    await receiver?.close();
  });

  it('a new x.chat2desk.json: Ctrl+Space, type inbox, Enter inserts the documented example', async () => {
    const { page } = workbench;
    // Select a file at the root, so that New File creates the fixture beside it.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'README.md' }).click();
    await page.locator('.explorer-viewlet .action-label[aria-label^="New File"]').first().click();
    await page.locator('.explorer-folders-view .monaco-inputbox input').waitFor({ state: 'visible' });
    await page.keyboard.type('x.chat2desk.json');
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'visible' });
    await page.locator('.tab.active', { hasText: 'x.chat2desk.json' }).waitFor();
    const inbox = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Chat2Desk: inbox' }).first();
    // The extension activates when the JSON file opens; ask again until its snippets are there.
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+Space');
      try {
        await page.locator('.suggest-widget .monaco-list-row', { hasText: 'Chat2Desk:' }).first().waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        await page.keyboard.press('Escape');
        if (attempt > 10) throw error;
      }
    }
    await page.keyboard.type('inbox');
    await inbox.waitFor({ state: 'visible' });
    await workbench.screenshot('inbox-snippet-found');
    assert.match(await page.locator('.suggest-widget .monaco-list-row.focused').innerText(), /Chat2Desk: inbox/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    const file = join(workbench.workspace, 'x.chat2desk.json');
    const example = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'examples', 'chat2desk', 'inbox.json'), 'utf8'));
    const deadline = Date.now() + 15_000;
    for (;;) {
      let saved: unknown;
      try {
        saved = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        saved = undefined;
      }
      try {
        assert.deepEqual(saved, example);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  it('right-click → Send as Signed Webhook → Enter URL…: the receiver verifies it and the response view says 200', async () => {
    const { page } = workbench;
    await workbench.contextMenu(page.locator('.editor-instance .view-lines').first(), 'Send as Signed Webhook');
    await workbench.pick(/Enter URL/);
    await workbench.waitForQuickInput(/URL/);
    await workbench.typeAndEnter(receiver.url);
    const view = await workbench.webviewText(/200/);
    await workbench.screenshot('response-view');
    assert.equal(receiver.received.length, 1, 'one request reached the receiver');
    assert.equal(receiver.received[0].signatureValid, true, 'the receiver accepted the signature');
    assert.match(view, /\b200\b/);
    assert.match(view, /"ok":\s*true/);
  });

  it('Send with Options… → Wrong signature: 4xx is suggested, and the view says the handler rejected it as expected', async () => {
    const { page } = workbench;
    // The CodeLens above the fixture's first line.
    const lens = page.locator('.codelens-decoration a', { hasText: 'Send with Options' }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    await lens.click();
    await workbench.waitForQuickInput(/options/);
    await workbench.pick(/Wrong signature/);
    await workbench.waitForQuickInput(/expected answer/);
    assert.match(await workbench.focusedRow(), /^4xx/, 'a wrong signature suggests 4xx');
    await page.keyboard.press('Enter');
    // The URL typed in the previous test is remembered for this file.
    await workbench.waitForQuickInput(/Send x\.chat2desk\.json/);
    assert.match(await workbench.focusedRow(), new RegExp(receiver.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.keyboard.press('Enter');
    const view = await workbench.webviewText(/Expected 4xx/);
    assert.match(view, /Expected 4xx: the handler answered 401 Unauthorized, as expected\./);
    assert.equal(receiver.received.at(-1)?.signatureValid, false, 'the receiver got the wrong signature');
  });
});
