// A new user's first signed webhook, driven as they would: no README, nothing typed twice, and every
// action counted (a palette command, a typed entry + Enter, a click, an Enter on a pick: one each).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReceiver, type Receiver } from '../support/receiver';
import { packagedVsix, screenshotsFor } from './session';
import { UserActions, Workbench } from './workbench';

const TOKEN = 'first-webhook-token-9b9b';
const MAX_ACTIONS = 8;

describe('UI: the first signed webhook', () => {
  let workbench: Workbench;
  const user = new UserActions(() => workbench);
  const act = user.act.bind(user);

  before(async () => {
    workbench = await Workbench.open({
      vsix: packagedVsix(),
      screenshotsDir: screenshotsFor('first-webhook'),
      // A fresh user: the default account, no endpoints; the listener takes a free port.
      settings: { 'webhookStudio.listen.port': 0 },
    });
  });

  afterEach(async function () {
    await workbench?.screenshot(`${this.currentTest?.state}-${this.currentTest?.title}`);
  });

  after(async () => {
    await workbench?.close();
  });

  it(`reaches a verified signed webhook in at most ${MAX_ACTIONS} actions, nothing typed twice`, async () => {
    const { page } = workbench;
    await act('set-token', () => workbench.runCommand('Webhook Studio: Set Chat2Desk API Token'), 'Set Chat2Desk API Token');
    await workbench.waitForQuickInput(/token/i);
    await act('type-token', () => workbench.typeAndEnter(TOKEN), TOKEN);

    await act('new-payload', () => workbench.runCommand('Webhook Studio: New Payload from Documented Event'), 'New Payload from Documented Event');
    await workbench.waitForQuickInput(/New Payload from Documented Event/);
    await act(
      'pick-inbox',
      async () => {
        await page.keyboard.type('inbox');
        // The row whose label is the event (others mention inbox in their description).
        await workbench.quickInput
          .locator('.monaco-list-row.focused .label-name', { hasText: /^inbox$/ })
          .first()
          .waitFor();
        await page.keyboard.press('Enter');
      },
      'inbox',
    );
    // The folder, asked once: the workspace folder the dialog opens on.
    await workbench.waitForQuickInput(/fixtures go/);
    await act('accept-folder', () => page.keyboard.press('Enter'));
    await page.locator('.tab.active', { hasText: 'inbox.chat2desk.json' }).waitFor({ timeout: 30_000 });

    await act('start-listening', () => workbench.runCommand('Webhook Studio: Start Listening'), 'Start Listening');
    const send = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Send' }).first();
    await send.waitFor({ state: 'visible', timeout: 30_000 });
    await act('codelens-send', () => send.click());
    await workbench.waitForQuickInput(/Send/);
    // The running listener is offered first: Enter, nothing typed.
    assert.match(await workbench.quickInput.locator('.monaco-list-row.focused').innerText(), /Webhook Studio listener/);
    await act('pick-listener', () => page.keyboard.press('Enter'));

    const view = await workbench.webviewText(/200 OK/);
    assert.match(view, /Signed as Chat2Desk signs webhooks/);
    assert.ok(user.count <= MAX_ACTIONS, `${user.count} actions`);
    assert.equal(new Set(user.typed).size, user.typed.length, `nothing typed twice: ${user.typed.join(', ')}`);
    console.log(`      first signed webhook in ${user.count} actions; typed: ${user.typed.length} entries`);

    // The listener verified the signature with the token typed once.
    await workbench.openActivity('Webhook Studio');
    await workbench.treeRows('Received Webhooks').filter({ hasText: 'inbox' }).first().waitFor({ timeout: 30_000 });
    const row = await workbench.treeRows('Received Webhooks').filter({ hasText: 'inbox' }).first().innerText();
    assert.match(row, /signed ✓/, row);
    const file = join(workbench.workspace, 'inbox.chat2desk.json');
    assert.ok(existsSync(file), 'the fixture is in the workspace folder');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).hook_type, 'inbox');
  });
});

describe('UI: the first signed webhook from the walkthrough', () => {
  let workbench: Workbench;
  const user = new UserActions(() => workbench);
  const act = user.act.bind(user);

  before(async () => {
    workbench = await Workbench.open({ vsix: packagedVsix(), screenshotsDir: screenshotsFor('walkthrough'), settings: { 'webhookStudio.listen.port': 0 } });
  });

  afterEach(async function () {
    await workbench?.screenshot(`${this.currentTest?.state}-${this.currentTest?.title}`);
  });

  after(async () => {
    await workbench?.close();
  });

  // The guide does not expand the next step by itself in this VS Code, so this path costs two clicks
  // more than the palette path above (which the count bound applies to); it is counted and printed.
  it("the walkthrough's buttons reach a verified signed webhook, nothing typed twice; its steps tick as they are done", async () => {
    const { page } = workbench;
    const step = (title: string) => page.locator('.getting-started-step', { hasText: title }).first();
    const done = async (title: string) => (await step(title).locator('.codicon-pass-filled, .complete').count()) > 0;
    /** A step's button; the step is expanded by a click on its title when the guide did not move on by itself. */
    const press = async (what: string, title: string, button: string) => {
      const target = step(title).getByRole('button', { name: button });
      if (!(await target.isVisible().catch(() => false))) await act(`open-${what}`, () => step(title).locator('.step-title, h3').first().click());
      await target.waitFor({ state: 'visible' });
      await act(what, () => target.click());
    };

    await act('open-walkthrough', () => workbench.runCommand('Welcome: Open Walkthrough'), 'Open Walkthrough');
    await act('pick-walkthrough', () => workbench.pick(/Your First Signed Webhook/));
    await step('Set your Chat2Desk API token').waitFor({ state: 'visible', timeout: 30_000 });

    await press('set-token', 'Set your Chat2Desk API token', 'Set API Token');
    await workbench.waitForQuickInput(/token/i);
    await act('type-token', () => workbench.typeAndEnter(TOKEN), TOKEN);
    // The guide ticks the step and moves its focus to the next one a moment later, as a person would see
    // before clicking on: a list opened before that would lose the keyboard to the guide.
    await workbench.until('the token step ticked', () => done('Set your Chat2Desk API token'));
    await new Promise((r) => setTimeout(r, 1_000));

    await press('new-payload', 'Create a payload from a documented event', 'New Payload from Documented Event');
    await workbench.waitForQuickInput(/New Payload from Documented Event/);
    await act(
      'pick-inbox',
      async () => {
        await workbench.quickInput.locator('input.input').click();
        await page.keyboard.type('inbox');
        // The row whose label is the event (others mention inbox in their description).
        await workbench.quickInput
          .locator('.monaco-list-row.focused .label-name', { hasText: /^inbox$/ })
          .first()
          .waitFor();
        await page.keyboard.press('Enter');
      },
      'inbox',
    );
    await workbench.waitForQuickInput(/fixtures go/);
    await act('accept-folder', () => page.keyboard.press('Enter'));
    await page.locator('.tab', { hasText: 'inbox.chat2desk.json' }).first().waitFor({ timeout: 30_000 });

    // "Send to the Listener" starts the listener when it is not running yet.
    await press('send', 'Send it as a signed webhook', 'Send to the Listener');
    const view = await workbench.webviewText(/200 OK/);
    assert.match(view, /Signed as Chat2Desk signs webhooks/);
    console.log(`      first signed webhook from the walkthrough in ${user.count} actions (2 of them open the guide)`);
    assert.ok(user.count <= MAX_ACTIONS + 2, `${user.count} actions`);
    assert.equal(new Set(user.typed).size, user.typed.length, `nothing typed twice: ${user.typed.join(', ')}`);

    await workbench.screenshot('walkthrough-after');
    await workbench.until('the send step ticked', () => done('Send it as a signed webhook'), 15_000).catch(() => undefined);
    assert.equal(await done('Set your Chat2Desk API token'), true, 'token step');
    assert.equal(await done('Create a payload from a documented event'), true, 'payload step');
    assert.equal(await done('Start a local receiver'), true, 'listener step');
    assert.equal(await done('Send it as a signed webhook'), true, 'send step');
    assert.equal(await done('Read the response'), false, 'the response panel was never brought to the front');
  });
});

describe('UI: a send stopped by a missing token', () => {
  let workbench: Workbench;
  let receiver: Receiver;

  before(async () => {
    receiver = await startReceiver(TOKEN);
    workbench = await Workbench.open({
      vsix: packagedVsix(),
      screenshotsDir: screenshotsFor('resume-after-token'),
      settings: { 'webhookStudio.endpoints': [{ name: 'Local receiver', url: receiver.url }] },
    });
  });

  afterEach(async function () {
    await workbench?.screenshot(`${this.currentTest?.state}-${this.currentTest?.title}`);
  });

  after(async () => {
    await workbench?.close();
    await receiver?.close();
  });

  it('resumes after "Set API Token" in the error: the token typed once, the send not asked again', async () => {
    const { page } = workbench;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'fixtures' }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'inbox.chat2desk.json' }).first().click();
    const send = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Send' }).first();
    await send.waitFor({ state: 'visible', timeout: 30_000 });
    await send.click();
    await workbench.waitForQuickInput(/Send/);
    await page.keyboard.press('Enter');
    const error = workbench.notification(/No Chat2Desk API token/);
    await error.waitFor({ state: 'visible' });
    await error.locator('.monaco-button', { hasText: 'Set API Token' }).click();
    await workbench.waitForQuickInput(/token/i);
    await workbench.typeAndEnter(TOKEN);
    const view = await workbench.webviewText(/200 OK/);
    assert.match(view, /Signed as Chat2Desk signs webhooks/);
    assert.equal(receiver.received.length, 1, 'the interrupted send went through once');
    assert.equal(receiver.received[0].signatureValid, true);
  });
});
