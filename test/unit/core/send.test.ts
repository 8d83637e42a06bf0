import * as assert from 'node:assert/strict';
import {
  CancelledError,
  ConnectionRefusedError,
  DnsError,
  EmptyPayloadError,
  InvalidJsonError,
  InvalidUrlError,
  NotAnObjectError,
  RedirectError,
  TimeoutError,
  TlsError,
  describeError,
} from '../../../src/core/errors';
import { summarizeExchange, type Exchange } from '../../../src/core/exchange';
import { parseEndpointUrl, sendWebhook } from '../../../src/core/send';
import { toCurl } from '../../../src/core/curl';
import { buildWebhookRequest } from '../../support/webhook-request';
import { randomPayloadText, seededRandom } from '../../support/random-json';
import { startReceiver, type Receiver } from '../../support/receiver';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planPayload } from '../../../src/core/payload';
import { SCHEMAS_DIR } from '../../support/paths';
import { close, serve } from '../../support/serve';

const TOKEN = 'unit-test-token-8c1e';

describe('sending webhooks', () => {
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver(TOKEN);
  });
  after(() => receiver.close());
  beforeEach(() => receiver.received.splice(0));

  it('delivers random payloads that the doc-style receiver verifies over the bytes it got', async () => {
    const random = seededRandom(42);
    for (let i = 0; i < 40; i++) {
      const text = randomPayloadText(random);
      for (const bodyFormat of ['compact', 'asWritten'] as const) {
        const request = buildWebhookRequest({ text, url: receiver.url, bodyFormat, apiToken: TOKEN });
        const response = await sendWebhook(request);
        assert.equal(response.status, 200, text);
        const received = receiver.received.at(-1)!;
        assert.equal(received.signatureValid, true);
        assert.ok(received.rawBody.equals(request.body), 'the bytes signed are the bytes sent');
      }
    }
  });

  it('sends exactly the documented headers', async () => {
    const request = buildWebhookRequest({ text: '{ "hook_type": "inbox" }', url: receiver.url, bodyFormat: 'compact', apiToken: TOKEN, timestamp: 1743681006 });
    await sendWebhook(request);
    const { headers, rawBody } = receiver.received[0];
    assert.equal(headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(headers['x-timestamp'], '1743681006');
    assert.match(String(headers['x-signature']), /^[0-9a-f]{64}$/);
    assert.equal(headers['content-length'], String(rawBody.length));
  });

  it('a wrong signature or a shifted timestamp is what the handler sees', async () => {
    const text = '{ "hook_type": "inbox", "text": "é🎉" }';
    const wrong = await sendWebhook(buildWebhookRequest({ text, url: receiver.url, bodyFormat: 'compact', apiToken: TOKEN, wrongSignature: true }));
    assert.equal(wrong.status, 401);
    assert.equal(receiver.received[0].signatureValid, false);
    const now = () => 1_700_000_000_000;
    const shifted = buildWebhookRequest({ text, url: receiver.url, bodyFormat: 'compact', apiToken: TOKEN, timestampOffsetSeconds: -600, now });
    assert.equal(shifted.headers['X-Timestamp'], '1699999400');
    assert.equal((await sendWebhook(shifted)).status, 200, 'still a valid signature, just old');
  });

  it('refuses a tampered body or timestamp at the receiver', async () => {
    const request = buildWebhookRequest({ text: '{ "hook_type": "inbox", "n": 1 }', url: receiver.url, bodyFormat: 'compact', apiToken: TOKEN });
    assert.equal((await sendWebhook({ ...request, body: Buffer.from(request.body.toString().replace('1', '2')) })).status, 401);
    assert.equal(
      (await sendWebhook({ ...request, headers: { ...request.headers, 'X-Timestamp': String(Number(request.headers['X-Timestamp']) + 1) } })).status,
      401,
    );
  });

  it('returns a non-2xx answer as a response, not an error', async () => {
    const { url, server } = await serve((_req, res) => res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' }).end('down for maintenance'));
    try {
      const response = await sendWebhook({ url, headers: {}, body: Buffer.from('{}') });
      assert.deepEqual([response.ok, response.status, response.statusText, response.body], [false, 503, 'Service Unavailable', 'down for maintenance']);
      assert.ok(response.elapsedMs >= 0);
      assert.equal(response.requestBytes, 2);
    } finally {
      await close(server);
    }
  });

  it('refused connection', async () => {
    const { url, server } = await serve(() => undefined);
    await close(server);
    await assert.rejects(
      sendWebhook({ url, headers: {}, body: Buffer.from('{}') }),
      (e: unknown) =>
        e instanceof ConnectionRefusedError &&
        /Connection refused by 127\.0\.0\.1:\d+: nothing is listening there/.test(describeError(e)) &&
        /Start your webhook handler/.test(describeError(e)),
    );
  });

  it('DNS failure', async () => {
    await assert.rejects(
      sendWebhook({ url: 'http://nothing-here.invalid/hook', headers: {}, body: Buffer.from('{}') }),
      (e: unknown) => e instanceof DnsError && /"nothing-here\.invalid" could not be found/.test((e as Error).message),
    );
  });

  it('timeout', async () => {
    const { url, server } = await serve(() => undefined);
    try {
      await assert.rejects(
        sendWebhook({ url, headers: {}, body: Buffer.from('{}') }, { timeoutMs: 150 }),
        (e: unknown) => e instanceof TimeoutError && /did not answer within 0\.15 s/.test((e as Error).message),
      );
    } finally {
      await close(server);
    }
  });

  it('cancelled', async () => {
    const { url, server } = await serve(() => undefined);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(sendWebhook({ url, headers: {}, body: Buffer.from('{}') }, { signal: controller.signal }), CancelledError);
    } finally {
      await close(server);
    }
  });

  it('redirects are reported, not followed', async () => {
    const { url, server } = await serve((_req, res) => res.writeHead(302, { location: 'https://elsewhere.example/hook' }).end());
    try {
      await assert.rejects(
        sendWebhook({ url, headers: {}, body: Buffer.from('{}') }),
        (e: unknown) => e instanceof RedirectError && e.status === 302 && /redirecting to https:\/\/elsewhere\.example\/hook/.test(e.message),
      );
    } finally {
      await close(server);
    }
  });

  it('TLS error', async () => {
    const { url, server } = await serve((_req, res) => res.end('plain http'));
    try {
      await assert.rejects(
        sendWebhook({ url: url.replace('http:', 'https:'), headers: {}, body: Buffer.from('{}') }),
        (e: unknown) => e instanceof TlsError && /TLS error talking to 127\.0\.0\.1/.test((e as Error).message),
      );
    } finally {
      await close(server);
    }
  });

  it('invalid URLs say what is wrong', () => {
    assert.throws(
      () => parseEndpointUrl(''),
      (e: unknown) => e instanceof InvalidUrlError && /it is empty/.test((e as Error).message),
    );
    assert.throws(() => parseEndpointUrl('localhost:3000/hook'), /no scheme \(add http:\/\/ or https:\/\/\)|not a valid URL|scheme "localhost:"/);
    assert.throws(() => parseEndpointUrl('ftp://example.com/x'), /the scheme "ftp:" is not http: or https:/);
    assert.throws(() => parseEndpointUrl('http://exa mple.com'), /not a valid URL/);
    assert.equal(parseEndpointUrl(' http://127.0.0.1:3000/hook ').port, '3000');
  });

  it('bad payloads get their own errors before anything is sent', () => {
    const build = (text: string) => buildWebhookRequest({ text, url: receiver.url, bodyFormat: 'compact', apiToken: TOKEN, source: 'x.json' });
    assert.throws(() => build(''), EmptyPayloadError);
    assert.throws(() => build('[]'), NotAnObjectError);
    assert.throws(
      () => build('{ "a": }'),
      (e: unknown) => e instanceof InvalidJsonError && /x\.json: Invalid JSON at line 1, column 8/.test((e as Error).message),
    );
    assert.equal(receiver.received.length, 0);
  });

  it('never lets the token into requests, cURL, logs or error messages', async () => {
    const request = buildWebhookRequest({ text: '{ "hook_type": "inbox" }', url: receiver.url, bodyFormat: 'compact', apiToken: TOKEN });
    const response = await sendWebhook(request);
    const exchange: Exchange = { id: 1, source: 'x.json', provider: 'chat2desk', signed: true, request, response, startedAt: '' };
    const failed: Exchange = { ...exchange, response: undefined, error: { code: 'x', message: describeError(new ConnectionRefusedError('h:1')) } };
    for (const text of [
      JSON.stringify(request),
      toCurl(request),
      summarizeExchange(exchange),
      summarizeExchange(failed),
      JSON.stringify(receiver.received[0].headers),
    ]) {
      assert.ok(!text.includes(TOKEN), text);
    }
  });

  it('Copy as cURL reproduces the signed request byte for byte', () => {
    const request = buildWebhookRequest({
      text: `{ "hook_type": "inbox", "text": "it's \\"quoted\\"" }`,
      url: receiver.url,
      bodyFormat: 'compact',
      apiToken: TOKEN,
      timestamp: 1,
    });
    const curl = toCurl(request);
    assert.match(curl, /^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/webhooks\/chat2desk\/?'/);
    assert.ok(curl.includes(`-H 'X-Signature: ${request.headers['X-Signature']}'`));
    assert.ok(curl.includes(`--data-binary '{"hook_type":"inbox","text":"it'\\''s \\"quoted\\""}'`));
  });
});

describe('the escaped body format', () => {
  const examples = ['chat2desk', 'iqchannels'].flatMap((platform) =>
    readdirSync(join(SCHEMAS_DIR, 'examples', platform)).map((name) => join(SCHEMAS_DIR, 'examples', platform, name)),
  );

  it('documented examples: the same JSON value, bytes other than JSON.stringify writes, ASCII only, every / escaped', () => {
    let differing = 0;
    for (const path of examples) {
      const text = readFileSync(path, 'utf8');
      const body = planPayload({ source: path, text }, { bodyFormat: 'escaped' }).body;
      const value = JSON.parse(body.toString('utf8'));
      assert.deepEqual(value, JSON.parse(text), path);
      assert.ok(
        [...body].every((b) => b < 0x80),
        `${path}: ASCII only`,
      );
      assert.doesNotMatch(body.toString(), /[^\\]\//, `${path}: every / escaped`);
      // Wherever the example has text beyond ASCII or a slash, the bytes are not what re-serialising gives.
      if (/[^ -~\s]|\//.test(text)) {
        assert.notEqual(body.toString(), JSON.stringify(value), path);
        differing++;
      } else assert.equal(body.toString(), planPayload({ text }, { bodyFormat: 'compact' }).body.toString(), `${path}: otherwise compact`);
    }
    assert.ok(differing >= 15, `${differing} documented examples have text the escapes change`);
  });

  it('writes \\u escapes (surrogate pairs above U+FFFF) and \\/; literals and escapes already written are kept', () => {
    const text = '{ "url/key": "é 🎉 http://x/y", "kept": "\\u00e9 \\/ \\" \\n", "n": 1.0, "big": 12345678901234567890 }';
    assert.equal(
      planPayload({ text }, { bodyFormat: 'escaped' }).body.toString(),
      '{"url\\/key":"\\u00e9 \\ud83c\\udf89 http:\\/\\/x\\/y","kept":"\\u00e9 \\/ \\" \\n","n":1.0,"big":12345678901234567890}',
    );
  });
});
