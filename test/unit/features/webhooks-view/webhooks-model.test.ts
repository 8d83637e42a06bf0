import * as assert from 'node:assert/strict';
import type { Account } from '../../../../src/core/settings';
import type { AccountState } from '../../../../src/features/webhooks-view/tree-model';
import { clientForGrant, type TokenGrant } from '../../../../src/core/chat2desk/api-access';
import { WebhooksModel, type WebhooksModelHost } from '../../../../src/features/webhooks-view/webhooks-model';
import { Chat2DeskSimulator } from '../../../../src/simulator/server';

const TOKEN = 'model-test-token';

/** A host whose accounts and tokens the test changes as a user would, and which records the log. */
function testHost(accounts: Account[], grant: () => TokenGrant): WebhooksModelHost & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    accounts: () => accounts,
    client: async (account) => clientForGrant(account, grant(), 2000),
    log: { info: () => undefined, error: (m) => errors.push(m) },
  };
}

describe('webhooks model', () => {
  let simulator: Chat2DeskSimulator;
  let account: Account;
  beforeEach(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN });
    account = { name: 'Sim', apiBaseUrl: await simulator.start() };
  });
  afterEach(() => simulator.stop());

  const stateOf = (model: WebhooksModel) => model.stateList()[0].state;

  it('a refresh asked for during a load replaces it: a token set meanwhile is used', async () => {
    let token = 'old-wrong-token';
    const model = new WebhooksModel(testHost([account], () => ({ kind: 'token', token })));
    simulator.latencyMs = 300;
    const first = model.refresh();
    await new Promise((r) => setTimeout(r, 100)); // the first load has read the old token and is waiting for the API
    token = TOKEN;
    const second = model.refresh();
    await Promise.all([first, second]);
    const state = stateOf(model);
    assert.equal(state.kind, 'loaded', JSON.stringify(state));
    assert.equal(simulator.requests.at(-1)?.authorization, TOKEN);
  });

  it('keeps the webhooks on screen while reloading and after add, edit and delete (no "Loading…" flash)', async () => {
    const model = new WebhooksModel(testHost([account], () => ({ kind: 'token', token: TOKEN })));
    await model.refresh();
    const seen: AccountState['kind'][] = [];
    model.onDidChange(() => seen.push(stateOf(model).kind));
    simulator.latencyMs = 50;
    await model.refresh();
    const created = await model.create(account, { name: 'New', url: 'https://h.example/x', events: ['inbox'] });
    assert.ok(
      model.webhooksOf(account)?.some((w) => w.id === created.id),
      'shown at once, before the reload',
    );
    await model.update(account, created, { name: 'Renamed', url: 'https://h.example/y', events: ['outbox'] });
    assert.equal(model.webhooksOf(account)?.find((w) => w.id === created.id)?.name, 'Renamed');
    await model.remove(account, created);
    assert.ok(!model.webhooksOf(account)?.some((w) => w.id === created.id));
    await model.settled();
    assert.ok(seen.length > 0);
    assert.deepEqual([...new Set(seen)], ['loaded']);
    assert.equal(model.webhooksOf(account)?.length, 3);
  });

  it('names the cause of each failure, for its own welcome content', async () => {
    const grant: { value: TokenGrant } = { value: { kind: 'token', token: 'wrong' } };
    const host = testHost([account], () => grant.value);
    const model = new WebhooksModel(host);
    const causeAfterRefresh = async () => {
      await model.refresh();
      const s = stateOf(model);
      return s.kind === 'error' ? s.cause : s.kind;
    };
    assert.equal(await causeAfterRefresh(), 'unauthorized');
    grant.value = { kind: 'token', token: TOKEN };
    simulator.injectFault({ kind: 'status', status: 503 });
    assert.equal(await causeAfterRefresh(), 'serverError');
    simulator.injectFault({ kind: 'status', status: 429, retryAfter: '3600' });
    assert.equal(await causeAfterRefresh(), 'rateLimited');
    simulator.injectFault({ kind: 'malformed-json' });
    assert.equal(await causeAfterRefresh(), 'badResponse');
    grant.value = { kind: 'missing' };
    assert.equal(await causeAfterRefresh(), 'no-token');
    const requests = simulator.requests.length;
    grant.value = { kind: 'refused', message: 'The API token of "Sim" was not sent to http://x.' };
    assert.equal(await causeAfterRefresh(), 'untrusted');
    assert.equal(simulator.requests.length, requests, 'nothing sent when the user declined');
    grant.value = { kind: 'token', token: TOKEN };
    await simulator.stop();
    assert.equal(await causeAfterRefresh(), 'unreachable');
    assert.match((stateOf(model) as { message: string }).message, new RegExp(`API at ${account.apiBaseUrl.replace(/[.]/g, '\\.')}`));
  });

  it('drops accounts removed from the settings; new ones start as loading', async () => {
    const accounts = [account, { name: 'Other', apiBaseUrl: account.apiBaseUrl }];
    const model = new WebhooksModel(testHost(accounts, () => ({ kind: 'token', token: TOKEN })));
    await model.refresh();
    accounts.pop();
    accounts.push({ name: 'Third', apiBaseUrl: account.apiBaseUrl });
    assert.deepEqual(
      model.stateList().map((s) => [s.account.name, s.state.kind]),
      [
        ['Sim', 'loaded'],
        ['Third', 'loading'],
      ],
    );
    await model.refresh();
    assert.deepEqual(
      model.stateList().map((s) => s.state.kind),
      ['loaded', 'loaded'],
    );
  });
});
