// Received Webhooks driven as a user does: Start Listening from the view's title, a signed delivery
// arrives, and its context menu rehearses it with Chat2Desk's delivery (Deliver as Chat2Desk…) against
// a handler that verifies as the Chat2Desk doc shows.
import * as assert from 'node:assert/strict';
import { sendWebhook } from '../../src/core/send';
import { Chat2DeskSimulator } from '../../src/simulator/server';
import { startReceiver, type Receiver } from '../support/receiver';
import { freePort } from '../support/ports';
import { buildWebhookRequest } from '../support/webhook-request';
import { packagedVsix, screenshotsFor } from './session';
import { Workbench } from './workbench';

const TOKEN = 'ui-listen-token-5e5e';
const RECEIVED = 'Received Webhooks';
const INBOX = '{"hook_type":"inbox","message_id":4242,"type":"from_client","text":"Привет из UI","client_id":7}';

describe('UI: Received Webhooks', () => {
  let simulator: Chat2DeskSimulator;
  let receiver: Receiver;
  let workbench: Workbench;
  let listenPort: number;

  before(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN });
    receiver = await startReceiver(TOKEN);
    listenPort = await freePort();
    workbench = await Workbench.open({
      vsix: packagedVsix(),
      screenshotsDir: screenshotsFor('listen'),
      settings: {
        'webhookStudio.accounts': [{ name: 'UI Simulator', apiBaseUrl: await simulator.start() }],
        'webhookStudio.listen.port': listenPort,
      },
    });
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

  it('a received delivery → right-click → Deliver as Chat2Desk…: the handler gets it re-signed, and the timeline says accepted', async () => {
    const { page } = workbench;
    await workbench.openActivity('Webhook Studio');
    const header = page.locator('.pane-header', { hasText: RECEIVED });
    await header.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await workbench.clickViewAction(RECEIVED, 'Start Listening');
    // The status bar shows the address once the listener is open.
    await page
      .locator('.statusbar-item', { hasText: `127.0.0.1:${listenPort}` })
      .first()
      .waitFor({ timeout: 30_000 });

    // Chat2Desk's delivery, signed with the account's token, reaches the listener.
    const delivered = await sendWebhook(
      buildWebhookRequest({ text: INBOX, url: `http://127.0.0.1:${listenPort}/chat2desk`, bodyFormat: 'compact', apiToken: TOKEN }),
    );
    assert.equal(delivered.status, 200);
    const capture = workbench.treeRows(RECEIVED).filter({ hasText: 'inbox' }).first();
    await capture.waitFor({ timeout: 30_000 });
    await workbench.screenshot('capture-listed');

    await workbench.contextMenu(capture, 'Deliver as Chat2Desk');
    await workbench.pick(/Enter URL/);
    await workbench.waitForQuickInput(/URL/);
    await workbench.typeAndEnter(receiver.url);
    // The Chat2Desk policy, its default time scale, no faults: each question answered with Enter.
    for (const question of [/: policy$/, /: time scale$/, /: fault modes$/]) {
      await workbench.waitForQuickInput(question);
      await page.keyboard.press('Enter');
    }
    await workbench.until('the handler got the delivery', async () => receiver.received.length === 1);
    assert.equal(receiver.received[0].signatureValid, true, 'signed anew with the account token');
    assert.equal(receiver.received[0].rawBody.toString('utf8'), INBOX, 'the captured bytes, unchanged');
    const timeline = workbench.treeRows('Delivery Timeline');
    await timeline.filter({ hasText: '1 of 1 accepted' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('delivery-accepted');
  });
});
