import * as assert from 'node:assert/strict';
import { Chat2DeskClient } from '../../../../src/core/chat2desk/api';
import {
  createTemporaryWebhook,
  isTemporaryWebhook,
  planConnect,
  removeTemporaryWebhooks,
  temporaryWebhookName,
} from '../../../../src/core/listen/temporary-webhook';
import { Chat2DeskSimulator } from '../../../../src/simulator/server';

const TOKEN = 'connect-token';

describe('listen: Connect to my Chat2Desk account', () => {
  let simulator: Chat2DeskSimulator;
  let client: Chat2DeskClient;
  beforeEach(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN });
    client = new Chat2DeskClient({ baseUrl: await simulator.start(), token: TOKEN });
  });
  afterEach(() => simulator.stop());

  it('names temporary webhooks with a recognisable prefix', () => {
    const name = temporaryWebhookName(new Date('2026-11-22T19:00:00Z'));
    assert.equal(name, '[Webhook Studio listen] 2026-11-22 19:00 UTC');
    assert.equal(isTemporaryWebhook({ name }), true);
    assert.equal(isTemporaryWebhook({ name: 'Tickets to CRM' }), false);
  });

  it('creates one, finds it as a leftover, removes it, and refuses to remove any other webhook', async () => {
    const created = await createTemporaryWebhook(client, 'https://tunnel.example/', ['inbox']);
    assert.ok(simulator.state.some((w) => w.id === created.id && w.url === 'https://tunnel.example/'));
    const plan = await planConnect(client, 5);
    assert.deepEqual(
      plan.leftovers.map((w) => w.id),
      [created.id],
    );
    const crm = simulator.state.find((w) => w.name === 'Tickets to CRM')!;
    const result = await removeTemporaryWebhooks(client, [created, crm]);
    assert.deepEqual(result.removed, [created.id]);
    assert.deepEqual(
      result.failed.map((f) => f.id),
      [crm.id],
    );
    assert.ok(
      simulator.state.some((w) => w.id === crm.id),
      'a real integration is never deleted',
    );
    assert.ok(!simulator.state.some((w) => w.id === created.id));
  });

  it('says when one more would be the 6th webhook (over the free limit of 5)', async () => {
    assert.equal((await planConnect(client, 5)).overFreeLimit, false, '3 demo webhooks');
    await createTemporaryWebhook(client, 'https://t.example/', ['inbox']);
    assert.equal((await planConnect(client, 5)).overFreeLimit, false, '4: the next is the 5th');
    await createTemporaryWebhook(client, 'https://t.example/', ['inbox']);
    const plan = await planConnect(client, 5);
    assert.deepEqual([plan.existing, plan.overFreeLimit], [5, true]);
  });
});
