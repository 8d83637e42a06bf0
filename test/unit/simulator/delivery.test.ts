import * as assert from 'node:assert/strict';
import { parsePolicy } from '../../../src/core/delivery/policy';
import { httpRequest } from '../../../src/core/send';
import { isLoopbackUrl } from '../../../src/simulator/delivery';
import { Chat2DeskSimulator, listenerWebhook } from '../../../src/simulator/server';
import { SCHEMAS_DIR } from '../../support/paths';
import { startReceiver, type Receiver } from '../../support/receiver';

const TOKEN = 'sim-delivery-token';

describe('simulator: delivers like Chat2Desk', () => {
  let simulator: Chat2DeskSimulator;
  let receiver: Receiver;
  let url: string;
  before(async () => {
    receiver = await startReceiver(TOKEN);
    simulator = new Chat2DeskSimulator({ token: TOKEN, schemasDir: SCHEMAS_DIR, extraWebhooks: [listenerWebhook(receiver.url, ['new_ticket', 'inbox'])] });
    url = await simulator.start();
  });
  after(async () => {
    await simulator.stop();
    await receiver.close();
  });

  const control = (body: unknown) =>
    httpRequest({ url: `${url}/_simulator/deliver`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('the control endpoint delivers the documented example, signed with the simulator token, to subscribed webhooks', async () => {
    const response = await control({ event: 'new_ticket' });
    assert.equal(response.status, 200);
    const { delivered } = JSON.parse(response.body);
    // The demo's "Tickets to CRM" also subscribes, but points off this machine: never contacted.
    assert.deepEqual(
      delivered.map((d: { webhookId: number; status?: number; skipped?: string }) => [d.webhookId, d.status ?? d.skipped]),
      [
        [537681, 'the simulator only delivers to 127.0.0.1 / localhost'],
        [537690, 200],
      ],
    );
    const got = receiver.received.at(-1)!;
    assert.equal(got.signatureValid, true);
    assert.equal(JSON.parse(got.rawBody.toString()).hook_type, 'ticket_created', 'subscription new_ticket carries hook_type ticket_created');
    assert.ok(!simulator.requests.some((r) => r.path.startsWith('/_simulator')), 'control calls are not API calls');
  });

  it('only to webhooks subscribed to the event, enabled, and the one asked for', async () => {
    const before = receiver.received.length;
    assert.deepEqual(JSON.parse((await control({ event: 'outbox', webhookId: 537690 })).body).delivered, []);
    assert.equal(receiver.received.length, before);
    const disabled = await simulator.deliver('operator_status_changed');
    assert.deepEqual(
      disabled.map((d) => d.skipped),
      ['the webhook is disabled'],
    );
  });

  it("never shows a webhook URL's password: not in the results, the control answer or the errors", async () => {
    const password = 's3cret-pass-7781';
    const sim = new Chat2DeskSimulator({
      token: TOKEN,
      schemasDir: SCHEMAS_DIR,
      delivery: { policy: parsePolicy('once'), timeScale: Infinity },
      extraWebhooks: [
        listenerWebhook(receiver.url.replace('://', `://hook:${password}@`), ['inbox']),
        listenerWebhook(`http://hook:${password}@127.0.0.1:9/x`, ['inbox']),
      ],
    });
    const simUrl = await sim.start();
    try {
      const results = await sim.deliver('inbox');
      assert.equal(results.filter((r) => r.url.includes('hook:****@')).length, 2, JSON.stringify(results));
      const answer = await httpRequest({
        url: `${simUrl}/_simulator/deliver`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"event":"inbox"}',
      });
      assert.equal(answer.status, 200);
      assert.ok(!JSON.stringify(results).includes(password) && !answer.body.includes(password), answer.body);
      assert.ok(
        results.some((r) => r.error),
        'the refused one is reported as an error',
      );
    } finally {
      await sim.stop();
    }
  });

  it('explains bad control requests', async () => {
    assert.equal((await control({})).status, 400);
    const unknown = await control({ event: 'no_such_event' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body, /not a documented Chat2Desk event/);
    assert.equal((await httpRequest({ url: `${url}/_simulator/other`, method: 'GET', headers: {} })).status, 404);
  });

  it('never leaves the machine', () => {
    assert.equal(isLoopbackUrl('http://127.0.0.1:4848/'), true);
    assert.equal(isLoopbackUrl('http://localhost/x'), true);
    assert.equal(isLoopbackUrl('https://yoursite.com/'), false);
    assert.equal(isLoopbackUrl('http://127.0.0.1.nip.io/'), false);
  });

  it('resends as Chat2Desk does, with the Deliver engine: a handler failing twice is accepted at the third attempt, each signed', async () => {
    let calls = 0;
    const flaky = await startReceiver(TOKEN, {
      respond: () => (++calls <= 2 ? { status: 500, body: '{"error":"not yet"}' } : { status: 200, body: '{"ok":true}' }),
    });
    const sim = new Chat2DeskSimulator({
      token: TOKEN,
      schemasDir: SCHEMAS_DIR,
      webhooks: [listenerWebhook(flaky.url, ['inbox'])],
      delivery: { timeScale: Infinity },
    });
    await sim.start();
    try {
      const [result] = await sim.deliver('inbox');
      assert.deepEqual([result.status, result.attempts, result.outcome, result.disabled], [200, 3, 'delivered', false]);
      assert.equal(flaky.received.length, 3);
      assert.ok(
        flaky.received.every((r) => r.signatureValid),
        'every resend is signed',
      );
    } finally {
      await sim.stop();
      await flaky.close();
    }
  });

  it('switches off a webhook with no successful answer for 5 hours, as the doc says, and says why', async () => {
    const failing = await startReceiver(TOKEN, { respond: () => ({ status: 503, body: '' }) });
    const sim = new Chat2DeskSimulator({
      token: TOKEN,
      schemasDir: SCHEMAS_DIR,
      webhooks: [listenerWebhook(failing.url, ['inbox'])],
      delivery: { policy: parsePolicy('custom:10,300,7200,18000'), timeScale: Infinity },
    });
    await sim.start();
    try {
      const [result] = await sim.deliver('inbox');
      assert.equal(result.disabled, true);
      assert.equal(sim.state[0].status, 'disable');
      assert.match(sim.state[0].errors?.join(' ') ?? '', /5 hours/);
      assert.deepEqual((await sim.deliver('inbox'))[0].skipped, 'the webhook is disabled');
    } finally {
      await sim.stop();
      await failing.close();
    }
  });
});
