// A contract suite run from the Testing view as a user does: the suite appears in the tree, its Run Test
// button is clicked, and the tree shows which step passed and which failed against a real handler.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReceiver, type Receiver } from '../support/receiver';
import { packagedVsix, screenshotsFor } from './session';
import { Workbench } from './workbench';

const TOKEN = 'ui-suites-token-7a31';

function suiteText(url: string): string {
  return JSON.stringify(
    {
      name: 'UI Orders',
      target: { url, account: 'Chat2Desk', timeoutSeconds: 5 },
      scenarios: [
        {
          name: 'A client writes',
          steps: [
            { fixture: 'fixtures/inbox.chat2desk.json', name: 'accepted', expect: { status: 200 } },
            { fixture: 'fixtures/inbox.chat2desk.json', name: 'expects the wrong status', expect: { status: 202 } },
          ],
        },
      ],
      checks: { only: ['wrong-signature'] },
    },
    null,
    2,
  );
}

describe('UI: contract suites in the Testing view', () => {
  let receiver: Receiver;
  let workbench: Workbench;

  before(async () => {
    receiver = await startReceiver(TOKEN);
    workbench = await Workbench.open({ vsix: packagedVsix(), screenshotsDir: screenshotsFor('suites') });
    // Setting the token activates the extension; the suite written next is found by its file watcher.
    await workbench.setTokenFromPalette(TOKEN);
    writeFileSync(join(workbench.workspace, 'ui-orders.webhooks.json'), suiteText(receiver.url));
  });

  afterEach(async function () {
    await workbench?.screenshot(`${this.currentTest?.state}-${this.currentTest?.title}`);
  });

  after(async () => {
    await workbench?.close();
    await receiver?.close();
  });

  it('Testing view → Run Test on the suite: the passing step shows passed, the wrong expectation failed', async () => {
    const { page } = workbench;
    await workbench.openActivity('Testing');
    const rows = page.locator('.test-explorer .monaco-list-row');
    const row = (label: string) => rows.filter({ hasText: label }).first();
    await row('UI Orders').waitFor({ timeout: 60_000 });
    await workbench.screenshot('suite-listed');

    await row('UI Orders').hover();
    await row('UI Orders').locator('.action-label[aria-label^="Run Test"]').first().click();
    await workbench.until(
      'the suite ran (its row shows failed)',
      async () => (await row('UI Orders').locator('.codicon-testing-failed-icon').count()) > 0,
      60_000,
    );

    // Open the suite and its scenario with their twisties, as a hand does.
    for (const label of ['UI Orders', 'A client writes']) {
      const twistie = row(label).locator('.monaco-tl-twistie.collapsed');
      if (await twistie.count()) await twistie.click();
      await page.waitForTimeout(300);
    }
    await row('expects the wrong status').waitFor({ timeout: 10_000 });
    await workbench.screenshot('results');
    await workbench.until('the accepted step is passed', async () => (await row('accepted').locator('.codicon-testing-passed-icon').count()) > 0, 10_000);
    await workbench.until(
      'the wrong expectation is failed',
      async () => (await row('expects the wrong status').locator('.codicon-testing-failed-icon').count()) > 0,
      10_000,
    );
    await workbench.until(
      'the wrong-signature check is passed',
      async () => (await row('wrong-signature').locator('.codicon-testing-passed-icon').count()) > 0,
      10_000,
    );
  });
});
