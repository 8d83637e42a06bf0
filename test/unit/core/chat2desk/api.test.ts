import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiAuthError,
  ApiNotFoundError,
  ApiRateLimitError,
  ApiRequestError,
  ApiResponseError,
  ApiServerError,
  ApiShapeError,
  ApiStatusError,
  ApiTooLargeError,
  ApiUnreachableError,
} from '../../../../src/core/chat2desk/api-errors';
import { Chat2DeskClient } from '../../../../src/core/chat2desk/api';
import { loadEventCatalogue } from '../../../../src/core/chat2desk/events';
import { CancelledError, ConnectionRefusedError, DnsError, TimeoutError, describeError } from '../../../../src/core/errors';
import { Chat2DeskSimulator } from '../../../../src/simulator/server';
import { SCHEMAS_DIR } from '../../../support/paths';

const TOKEN = 'api-test-token-c0ffee';

describe('Chat2Desk API client against the simulator', () => {
  let simulator: Chat2DeskSimulator;
  let client: Chat2DeskClient;

  beforeEach(async () => {
    simulator = new Chat2DeskSimulator({ token: TOKEN, knownEvents: loadEventCatalogue(SCHEMAS_DIR).events.map((e) => e.subscription) });
    client = new Chat2DeskClient({ baseUrl: await simulator.start(), token: TOKEN, timeoutMs: 1000 });
  });
  afterEach(() => simulator.stop());

  it('lists webhooks with the documented shape, sending the bare token as Authorization', async () => {
    const webhooks = await client.listWebhooks();
    assert.deepEqual(
      webhooks.map((w) => w.id),
      [537680, 537681, 537682],
    );
    assert.deepEqual(webhooks[0].channels, [1123, 5813]);
    assert.equal(webhooks[1].channels, undefined, 'channels may be absent');
    assert.equal(simulator.requests[0].authorization, TOKEN);
    assert.equal(simulator.requests[0].path, '/v1/webhooks');
  });

  it('gets one webhook (documented as an array of one)', async () => {
    assert.equal((await client.getWebhook(537681)).name, 'Tickets to CRM');
  });

  it('creates, updates and deletes with the documented bodies', async () => {
    const created = await client.createWebhook({ name: 'Mine', url: 'https://me.example/hook', events: ['inbox', 'new_ticket'], channels: [7] });
    assert.deepEqual(simulator.requests.at(-1), {
      method: 'POST',
      path: '/v1/webhooks',
      authorization: TOKEN,
      body: { name: 'Mine', url: 'https://me.example/hook', events: ['inbox', 'new_ticket'], channels: [7] },
    });
    assert.equal(created.errors, null);
    const updated = await client.updateWebhook(created.id, { name: 'Renamed', events: ['outbox'], status: 'disable' });
    assert.equal(simulator.requests.at(-1)?.path, `/v1/webhooks/${created.id}?status=disable`);
    assert.deepEqual([updated?.name, updated?.events, updated?.status], ['Renamed', ['outbox'], 'disable']);
    await client.deleteWebhook(created.id);
    assert.ok(!simulator.state.some((w) => w.id === created.id));
  });

  it('token rejected: 401', async () => {
    const bad = new Chat2DeskClient({ baseUrl: simulator.url, token: 'wrong' });
    await assert.rejects(
      bad.listWebhooks(),
      (e: unknown) => e instanceof ApiAuthError && /rejected the API token \(401\)/.test(describeError(e)) && /Settings > API/.test(describeError(e)),
    );
    simulator.injectFault({ kind: 'status', status: 403 });
    await assert.rejects(client.listWebhooks(), ApiAuthError);
  });

  it('not found: 404', async () => {
    await assert.rejects(client.getWebhook(1), (e: unknown) => e instanceof ApiNotFoundError && /Webhook 1 was not found/.test((e as Error).message));
  });

  it('rate limited: waits for a short Retry-After by itself, reports a long one', async () => {
    simulator.injectFault({ kind: 'status', status: 429, retryAfter: '1' });
    const started = Date.now();
    assert.equal((await client.listWebhooks()).length, 3);
    assert.ok(Date.now() - started >= 900, 'waited about a second');
    simulator.injectFault({ kind: 'status', status: 429, retryAfter: '120' });
    await assert.rejects(
      client.listWebhooks(),
      (e: unknown) => e instanceof ApiRateLimitError && e.retryAfterSeconds === 120 && /wait 120 s/.test((e as Error).message),
    );
  });

  it('server error: 500', async () => {
    simulator.injectFault({ kind: 'status', status: 500, body: '{"status":"error","message":"database unavailable"}' });
    await assert.rejects(
      client.listWebhooks(),
      (e: unknown) => e instanceof ApiServerError && /server error \(500\): database unavailable/.test((e as Error).message),
    );
  });

  it("request refused: 400 with the server's reasons", async () => {
    await assert.rejects(
      client.createWebhook({ name: 'x', url: 'https://x.example', events: ['no_such_event'] }),
      (e: unknown) => e instanceof ApiRequestError && /unknown events: no_such_event/.test((e as Error).message),
    );
  });

  it('non-JSON body', async () => {
    simulator.injectFault({ kind: 'malformed-json' });
    await assert.rejects(
      client.listWebhooks(),
      (e: unknown) => e instanceof ApiResponseError && /not JSON: "<html>/.test((e as Error).message) && /API base URL/.test(describeError(e)),
    );
  });

  it('shape mismatch names the field', async () => {
    simulator.injectFault({ kind: 'wrong-shape' });
    await assert.rejects(
      client.listWebhooks(),
      (e: unknown) =>
        e instanceof ApiShapeError && e.field === 'data.0.id' && /GET \/v1\/webhooks has an unexpected shape at "data\.0\.id"/.test((e as Error).message),
    );
  });

  it('timeout, cancel, refused connection, DNS: each names the API base URL, never "your webhook handler"', async () => {
    const unreachable = (cause: new (...args: never[]) => Error, base: string) => (e: unknown) =>
      e instanceof ApiUnreachableError &&
      e.cause instanceof cause &&
      describeError(e).includes(base) &&
      /API base URL/.test(describeError(e)) &&
      !/handler/i.test(describeError(e));
    simulator.injectFault({ kind: 'hang' });
    await assert.rejects(client.listWebhooks(), unreachable(TimeoutError, simulator.url));
    simulator.injectFault({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(client.listWebhooks(controller.signal), CancelledError);
    const url = simulator.url;
    await simulator.stop();
    await assert.rejects(new Chat2DeskClient({ baseUrl: url, token: TOKEN }).listWebhooks(), unreachable(ConnectionRefusedError, url));
    await assert.rejects(
      new Chat2DeskClient({ baseUrl: 'http://api.nowhere.invalid', token: TOKEN }).listWebhooks(),
      unreachable(DnsError, 'http://api.nowhere.invalid'),
    );
  });

  it('a 200 with "status": "error" is a failure that keeps the server\'s message', async () => {
    simulator.injectFault({ kind: 'status', status: 200, body: '{"status":"error","message":"Webhook limit reached"}' });
    await assert.rejects(
      client.createWebhook({ name: 'x', url: 'https://x.example', events: ['inbox'] }),
      (e: unknown) => e instanceof ApiStatusError && /Webhook limit reached/.test((e as Error).message),
    );
    simulator.injectFault({ kind: 'status', status: 200, body: '{"status":"error","data":[]}' });
    await assert.rejects(client.listWebhooks(), ApiStatusError, '"status": "error" with an empty list is not an empty account');
    simulator.injectFault({ kind: 'status', status: 200, body: '{"status":"failure","errors":{"url":"bad"}}' });
    await assert.rejects(client.deleteWebhook(537680), (e: unknown) => e instanceof ApiStatusError && /bad/.test((e as Error).message));
  });

  it('204 No Content on DELETE (and PUT) is success', async () => {
    simulator.injectFault({ kind: 'status', status: 204, body: '' });
    await client.deleteWebhook(537680);
    simulator.injectFault({ kind: 'status', status: 204, body: '' });
    assert.equal(await client.updateWebhook(537680, { name: 'n' }), undefined);
  });

  it('JSON with a byte order mark parses', async () => {
    simulator.injectFault({ kind: 'status', status: 200, body: '\uFEFF{"data":[],"status":"success"}' });
    assert.deepEqual(await client.listWebhooks(), []);
  });

  it('an answer over 5 MiB is reported as too large, not as "not JSON"', async () => {
    const big = JSON.stringify({
      data: Array.from({ length: 60_000 }, (_, i) => ({ id: i, name: 'x'.repeat(80), url: 'https://x.example/', events: ['inbox'], status: 'enable' })),
      status: 'success',
    });
    assert.ok(big.length > 5 * 1024 * 1024);
    simulator.injectFault({ kind: 'status', status: 200, body: big });
    await assert.rejects(
      client.listWebhooks(),
      (e: unknown) => e instanceof ApiTooLargeError && /larger than 5 MiB/.test((e as Error).message) && !/not JSON/.test(describeError(e)),
    );
  });

  it('stops reading an answer once it passes 5 MiB, even one that never ends', async () => {
    // Chunked (no declared length), and never finished: reading to the end would wait for the timeout.
    const endless = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`{"data":[${'{"id":1},'.repeat(700_000)}`);
    });
    await new Promise<void>((r) => endless.listen(0, '127.0.0.1', r));
    try {
      const patient = new Chat2DeskClient({ baseUrl: `http://127.0.0.1:${(endless.address() as AddressInfo).port}`, token: TOKEN, timeoutMs: 60_000 });
      const started = performance.now();
      await assert.rejects(
        patient.listWebhooks(),
        (e: unknown) => e instanceof ApiTooLargeError && /larger than 5 MiB; it was not read/.test((e as Error).message),
      );
      assert.ok(performance.now() - started < 10_000, 'did not wait for the end of the answer');
    } finally {
      endless.closeAllConnections();
      await new Promise<void>((r) => endless.close(() => r()));
    }
  });

  it('Retry-After -1 is not "retry at once"; 1.5 waits (rounded up) before the one retry', async () => {
    simulator.injectFault({ kind: 'status', status: 429, retryAfter: '-1' });
    await assert.rejects(client.listWebhooks(), (e: unknown) => e instanceof ApiRateLimitError && e.retryAfterSeconds === undefined);
    assert.equal(simulator.requests.length, 1, 'no immediate retry');
    simulator.injectFault({ kind: 'status', status: 429, retryAfter: '1.5' });
    const started = Date.now();
    assert.equal((await client.listWebhooks()).length, 3);
    assert.ok(Date.now() - started >= 1400, `waited ${Date.now() - started} ms`);
    assert.equal(simulator.requests.length, 3);
  });

  it('a server that echoes the token in an error body never gets it into a message', async () => {
    const echoes = [
      { kind: 'status', status: 500, body: `{"message":"token ${TOKEN} is broken"}` },
      { kind: 'status', status: 400, body: `bad token ${TOKEN}` },
      { kind: 'status', status: 200, body: `<html>${TOKEN}</html>` },
      { kind: 'status', status: 200, body: `{"status":"error","message":"unknown token ${encodeURIComponent(TOKEN)}"}` },
      { kind: 'status', status: 422, body: `{"errors":{"token":"${TOKEN}"}}` },
    ] as const;
    for (const fault of echoes) {
      simulator.injectFault(fault);
      const error = await client.listWebhooks().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error, `${fault.status} is a failure`);
      assert.ok(!describeError(error).includes(TOKEN), describeError(error));
      assert.match(describeError(error), /\[token hidden\]/);
    }
  });

  it('never puts the token in an error message', async () => {
    simulator.injectFault({ kind: 'status', status: 500, body: 'boom' }, { kind: 'wrong-shape' }, { kind: 'malformed-json' });
    for (let i = 0; i < 3; i++) await client.listWebhooks().catch((e: unknown) => assert.ok(!describeError(e).includes(TOKEN)));
  });
});
