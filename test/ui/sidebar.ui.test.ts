// The Chat2Desk Webhooks sidebar driven as a user does, against the API simulator: the welcome
// button and the token box, the multi-step Add/Edit form, the Delete modal, and the error states'
// buttons.
import * as assert from 'node:assert/strict';
import { Chat2DeskSimulator, demoWebhooks, type SimulatedWebhook } from '../../src/simulator/server';
import { packagedVsix, screenshotsFor } from './session';
import { Workbench } from './workbench';

const TOKEN = 'ui-simulator-token-7a7a';
const VIEW = 'Chat2Desk Webhooks';
const CYRILLIC: SimulatedWebhook = {
  id: 537690,
  name: 'Заявки в CRM',
  url: 'https://crm.example/hooks/ru',
  events: ['inbox'],
  status: 'enable',
  errors: [],
  source: 'client',
};

describe('UI: Chat2Desk Webhooks sidebar', () => {
  let simulator: Chat2DeskSimulator;
  let apiUrl: string;
  let workbench: Workbench;
  const rows = () => workbench.treeRows(VIEW);
  const stateNames = () => simulator.state.map((w) => w.name);

  before(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN, webhooks: [...demoWebhooks(), CYRILLIC] });
    apiUrl = await simulator.start();
    workbench = await Workbench.open({
      vsix: packagedVsix(),
      screenshotsDir: screenshotsFor('sidebar'),
      settings: { 'webhookStudio.accounts': [{ name: 'UI Simulator', apiBaseUrl: apiUrl }] },
    });
  });

  afterEach(async function () {
    await workbench?.screenshot(`${this.currentTest?.state}-${this.currentTest?.title}`);
  });

  after(async () => {
    await workbench?.close();
    await simulator?.stop();
  });

  it('with no token, the welcome button asks for it and the tree lists the webhooks', async () => {
    await workbench.openActivity('Webhook Studio');
    const setToken = workbench.button('Set Your Chat2Desk API Token');
    await setToken.waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.screenshot('no-token-welcome');
    await setToken.click();
    await workbench.waitForQuickInput(/token/i);
    await workbench.typeAndEnter(TOKEN);
    await rows().filter({ hasText: 'Заявки в CRM' }).waitFor({ timeout: 30_000 });
    await workbench.screenshot('webhooks-listed');
    for (const name of ['New name', 'Tickets to CRM', 'Old staging handler']) {
      assert.equal(await rows().filter({ hasText: name }).count(), 1, name);
    }
  });

  it('adds a webhook through the multi-step form, edits it, and deletes it through the modal', async () => {
    await workbench.clickViewAction(VIEW, 'Add Webhook');
    await workbench.waitForQuickInput(/1\/4/);
    await workbench.typeAndEnter('Typed by the UI test');
    await workbench.waitForQuickInput(/2\/4/);
    await workbench.typeAndEnter('https://handler.example/chat2desk');
    await workbench.waitForQuickInput(/3\/4/);
    await workbench.page.keyboard.type('inbox');
    await workbench.pick(/^inbox/);
    await workbench.screenshot('add-events-picked');
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput(/4\/4/);
    await workbench.typeAndEnter('');
    const added = rows().filter({ hasText: 'Typed by the UI test' });
    await added.waitFor({ timeout: 30_000 });
    const created = simulator.state.find((w) => w.name === 'Typed by the UI test');
    assert.ok(created, `the simulator has the new webhook: ${stateNames().join(', ')}`);
    assert.equal(created.url, 'https://handler.example/chat2desk');
    assert.deepEqual(created.events, ['inbox']);

    await workbench.contextMenu(added, 'Edit Webhook');
    await workbench.waitForQuickInput(/1\/4/);
    await workbench.typeAndEnter('Renamed by the UI test');
    await workbench.waitForQuickInput(/2\/4/);
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput(/3\/4/);
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput(/4\/4/);
    await workbench.page.keyboard.press('Enter');
    const renamed = rows().filter({ hasText: 'Renamed by the UI test' });
    await renamed.waitFor({ timeout: 30_000 });
    assert.equal(simulator.state.find((w) => w.id === created.id)?.name, 'Renamed by the UI test');

    await workbench.contextMenu(renamed, 'Delete Webhook');
    await workbench.page.locator('.monaco-dialog-box').waitFor({ state: 'visible' });
    await workbench.screenshot('delete-modal');
    await workbench.clickDialogButton('Delete');
    await renamed.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(
      simulator.state.some((w) => w.id === created.id),
      false,
      'deleted on the simulator',
    );
  });

  it('a wrong token shows the error with its buttons; Set a Different API Token recovers', async () => {
    await workbench.setTokenFromPalette('a-wrong-token');
    const setDifferent = workbench.button('Set a Different API Token');
    await setDifferent.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await workbench.button('Retry').isVisible(), 'Retry is shown beside it');
    await workbench.screenshot('wrong-token-error');
    await setDifferent.click();
    await workbench.waitForQuickInput(/token/i);
    await workbench.typeAndEnter(TOKEN);
    await rows().filter({ hasText: 'Заявки в CRM' }).waitFor({ timeout: 30_000 });
  });

  it('a stopped API shows the error with Retry, which recovers once the API is back', async () => {
    const port = Number(new URL(apiUrl).port);
    const webhooks = simulator.state.map((w) => ({ ...w }));
    await simulator.stop();
    await workbench.clickViewAction(VIEW, 'Refresh');
    const retry = workbench.button('Retry');
    await retry.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await workbench.button('Set a Different API Token').isVisible());
    await workbench.screenshot('api-stopped-error');
    simulator = new Chat2DeskSimulator({ token: TOKEN, port, webhooks });
    await simulator.start();
    await retry.click();
    await rows().filter({ hasText: 'Заявки в CRM' }).waitFor({ timeout: 30_000 });
  });
});
