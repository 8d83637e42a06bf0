// Issue 9 (send/core half): each class of defect found by the adversarial run has a test here.
import * as assert from 'node:assert/strict';
import { describeError, WebhookStudioError } from '../../../src/core/errors';
import { appendToHistory, summarizeExchange, type Exchange } from '../../../src/core/exchange';
import { prepareBody } from '../../../src/core/json';
import { checkHeaders, checkToken, decodePayloadBytes, planPayload } from '../../../src/core/payload';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, parseEndpointUrl, redactUrl, sendWebhook } from '../../../src/core/send';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/paths';
import { signPayload } from '../../../src/core/signature';
import { PayloadValidator } from '../../../src/core/validate';
import { toCurl } from '../../../src/core/curl';
import { buildWebhookRequest } from '../../support/webhook-request';
import { close, serve } from '../../support/serve';

const serveHook = (handler: Parameters<typeof serve>[0]) => serve(handler, '/hook');

const TOKEN = 'hardening-token-5d2e';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const codeOf = (e: unknown) => (e instanceof WebhookStudioError ? e.code : String(e));

describe('hardening: headers and tokens are checked before anything is sent (issue 9.1)', () => {
  it('a header Node would reject is a clear error, and no timer is left to crash the process', async () => {
    const { url, server } = await serveHook((_req, res) => res.end('{}'));
    try {
      for (const headers of <Record<string, string>[]>[{ 'X-Note': 'caf\u00e9 \u2019quoted\u2019' }, { 'X-Note': 'a\r\nInjected: 1' }, { 'Bad Name': 'x' }]) {
        await assert.rejects(
          sendWebhook({ url, headers, body: Buffer.from('{}') }, { timeoutMs: 40 }),
          (e: unknown) => codeOf(e) === 'invalid-header' && /header/i.test(describeError(e)),
        );
      }
      await sleep(120); // a timer armed before the request existed would fire here and kill the process
    } finally {
      await close(server);
    }
  });

  it('checkHeaders names the header and the character, never the value', () => {
    const problem = checkHeaders({ 'X-Tunnel-Key': 'secret\u200bvalue' });
    assert.match(problem ?? '', /"X-Tunnel-Key".*U\+200B/);
    assert.ok(!(problem ?? '').includes('secret'));
    assert.equal(checkHeaders({ 'X-Ok': 'plain value', Authorization: 'Bearer abc' }), undefined);
    assert.match(checkHeaders({ 'X:Y': '1' }) ?? '', /name/);
  });

  it('checkToken refuses invisible, look-alike and whitespace characters, naming the code point not the token', () => {
    assert.equal(checkToken('0123456789abcdef0123456789abcdef'), undefined);
    assert.match(checkToken('abc\u200bdef') ?? '', /invisible.*U\+200B/);
    assert.match(checkToken('\ufeffabcdef') ?? '', /invisible.*U\+FEFF/);
    assert.match(checkToken('аbcdef') ?? '', /U\+0430.*not plain ASCII/); // Cyrillic а
    assert.match(checkToken('abc def') ?? '', /space/);
    assert.match(checkToken('') ?? '', /empty/);
    assert.ok(!(checkToken('abc\u200bdef') ?? '').includes('abc'));
  });

  it('a token with an invisible character is refused before signing', () => {
    assert.throws(
      () => buildWebhookRequest({ text: '{"hook_type":"inbox"}', url: 'http://127.0.0.1:1/', bodyFormat: 'compact', apiToken: 'tok\u200ben' }),
      (e: unknown) => codeOf(e) === 'invalid-token' && /invisible/.test(describeError(e)),
    );
  });
});

describe('hardening: deep nesting is a clear error everywhere (issue 9.3)', () => {
  const deep = `{"hook_type":"inbox","a":${'['.repeat(6000)}${']'.repeat(6000)}}`;
  const validator = new PayloadValidator();
  const isTooDeep = (e: unknown) =>
    codeOf(e) === 'nested-too-deep' && /nested too deeply/.test(describeError(e)) && /line 1, column \d+/.test(describeError(e));

  it('sign, send and validate say "nested too deeply" with a position', () => {
    assert.throws(() => buildWebhookRequest({ text: deep, url: 'http://127.0.0.1:1/', bodyFormat: 'compact', apiToken: TOKEN }), isTooDeep);
    assert.throws(() => buildWebhookRequest({ text: deep, url: 'http://127.0.0.1:1/', bodyFormat: 'asWritten', apiToken: TOKEN }), isTooDeep);
    assert.throws(() => validator.validateText(deep, undefined, 'deep.json'), isTooDeep);
  });

  it('nesting up to the limit still works', () => {
    const ok = `{"hook_type":"inbox","a":${'['.repeat(200)}${']'.repeat(200)}}`;
    assert.equal(buildWebhookRequest({ text: ok, url: 'http://127.0.0.1:1/', bodyFormat: 'compact', apiToken: TOKEN }).body.toString(), ok);
  });
});

describe('hardening: strict UTF-8 decoding (issue 9.6)', () => {
  it('names invalid bytes with their byte offset, and the likely encoding', () => {
    const cp1251 = Buffer.concat([Buffer.from('{"hook_type":"inbox","text":"'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('"}')]);
    assert.throws(
      () => decodePayloadBytes(cp1251, 'win.json'),
      (e: unknown) => codeOf(e) === 'encoding' && /win\.json.*not valid UTF-8.*byte offset 29/.test(describeError(e)),
    );
  });

  it('says UTF-16 for UTF-16 files, with or without a byte order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"hook_type":"inbox"}', 'utf16le')]);
    assert.throws(
      () => decodePayloadBytes(le, 'le.json'),
      (e: unknown) => codeOf(e) === 'encoding' && /UTF-16/.test(describeError(e)),
    );
    assert.throws(
      () => decodePayloadBytes(Buffer.from('{"hook_type":"inbox"}', 'utf16le'), 'nobom.json'),
      (e: unknown) => /UTF-16/.test(describeError(e)),
    );
  });

  it('decodes valid UTF-8 (and drops a UTF-8 BOM)', () => {
    assert.equal(decodePayloadBytes(Buffer.from('\ufeff{"a":"é🎉"}')), '{"a":"é🎉"}');
  });
});

describe('hardening: a duplicate "$schema" is never sent (issue 9.7)', () => {
  for (const format of ['compact', 'asWritten'] as const) {
    it(`removes every top-level "$schema" member (${format})`, () => {
      const text =
        '{\n  "$schema": "webhook-studio:/chat2desk.schema.json",\n  "hook_type": "inbox",\n  "$schema": "second",\n  "\\u0024schema": "escaped",\n  "n": 1.0\n}\n';
      const body = prepareBody(text, format).body;
      assert.ok(!/schema/.test(body), body);
      assert.deepEqual(JSON.parse(body), { hook_type: 'inbox', n: 1 });
    });
  }

  it('keeps a payload whose last member is "$schema" valid JSON', () => {
    for (const format of ['compact', 'asWritten'] as const) {
      assert.deepEqual(JSON.parse(prepareBody('{ "hook_type": "inbox", "$schema": "x" }', format).body), { hook_type: 'inbox' });
    }
  });
});

describe('hardening: secrets are redacted (issue 9.11)', () => {
  it('user:pass@ URLs lose the password in log lines and Copy as cURL', () => {
    const request = buildWebhookRequest({
      text: '{"hook_type":"inbox"}',
      url: 'http://user:s3cr3tpass@127.0.0.1:9/hook',
      bodyFormat: 'compact',
      apiToken: TOKEN,
    });
    const exchange: Exchange = {
      id: 1,
      source: 'x.json',
      provider: 'chat2desk',
      signed: true,
      request,
      startedAt: '',
      error: { code: 'x', message: 'failed' },
    };
    for (const text of [summarizeExchange(exchange), toCurl(request), redactUrl(request.url)]) assert.ok(!text.includes('s3cr3tpass'), text);
    assert.match(redactUrl('http://user:s3cr3tpass@127.0.0.1:9/hook'), /^http:\/\/user:\*+@127\.0\.0\.1:9\/hook$/);
  });

  it('a server echoing the token gets it redacted in the response', async () => {
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      res.writeHead(403, { 'X-Echo': TOKEN }).end(`bad token ${TOKEN}`);
    });
    try {
      const response = await sendWebhook({ url, headers: {}, body: Buffer.from('{}') }, { secrets: [TOKEN] });
      assert.ok(!JSON.stringify(response).includes(TOKEN), JSON.stringify(response));
      assert.match(response.body, /bad token \[redacted\]/);
    } finally {
      await close(server);
    }
  });
});

describe('hardening: sending messages say what happened (issue 9.14)', () => {
  it('a socket closed mid-body is not "reset before a response arrived"', async () => {
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    try {
      await assert.rejects(
        sendWebhook({ url, headers: {}, body: Buffer.from('{}') }),
        (e: unknown) => /closed .*response body/.test(describeError(e)) && !/before a response arrived/.test(describeError(e)),
      );
    } finally {
      await close(server);
    }
  });

  it('a stalled body is not "did not answer"', async () => {
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('partial');
    });
    try {
      await assert.rejects(
        sendWebhook({ url, headers: {}, body: Buffer.from('{}') }, { timeoutMs: 150 }),
        (e: unknown) => codeOf(e) === 'timeout' && /answered 200 but its body stalled/.test(describeError(e)),
      );
    } finally {
      await close(server);
    }
  });

  it('"localhost:3000/hook" says to add http://', () => {
    assert.throws(() => parseEndpointUrl('localhost:3000/hook'), /no scheme \(add http:\/\/ or https:\/\/\)/);
    assert.throws(() => parseEndpointUrl('127.0.0.1:3000'), /no scheme/);
  });

  it('a timeout beyond what a timer can hold is refused, not turned into 1 ms', async () => {
    await assert.rejects(
      sendWebhook({ url: 'http://127.0.0.1:9/', headers: {}, body: Buffer.from('{}') }, { timeoutMs: 99_999_999_000 }),
      (e: unknown) => codeOf(e) === 'invalid-timeout',
    );
  });

  it('timestamps must be whole, non-negative, safe Unix seconds', () => {
    // eslint-disable-next-line no-loss-of-precision -- an integer beyond 2^53 is the point of the case
    for (const timestamp of [1e23, 9007199254740993, -5, 1.5]) {
      assert.throws(
        () => signPayload('{}', { apiToken: TOKEN, timestamp }),
        (e: unknown) => codeOf(e) === 'invalid-timestamp',
        String(timestamp),
      );
    }
    assert.throws(
      () => signPayload('{}', { apiToken: TOKEN, timestamp: 100, timestampOffsetSeconds: -600 }),
      (e: unknown) => codeOf(e) === 'invalid-timestamp',
    );
    assert.equal(signPayload('{}', { apiToken: TOKEN, timestamp: 1743681006, timestampOffsetSeconds: -600 })['X-Timestamp'], '1743680406');
  });
});

describe('hardening: a wrong signature is marked everywhere (issue 9.15)', () => {
  it('in the log line and Copy as cURL', () => {
    const request = buildWebhookRequest({
      text: '{"hook_type":"inbox"}',
      url: 'http://127.0.0.1:9/hook',
      bodyFormat: 'compact',
      apiToken: TOKEN,
      wrongSignature: true,
    });
    assert.equal(request.wrongSignature, true);
    const exchange: Exchange = {
      id: 1,
      source: 'x.json',
      provider: 'chat2desk',
      signed: true,
      wrongSignature: true,
      request,
      startedAt: '',
      error: { code: 'x', message: 'failed' },
    };
    assert.match(summarizeExchange(exchange), /deliberately WRONG signature/);
    assert.match(toCurl(request, { wrongSignature: true }), /^# X-Signature is deliberately wrong/);
  });
});

describe('one pipeline: parse once, plan, sign, send (issue 12)', () => {
  const validator = new PayloadValidator();

  it('plans provider, event, body and problems from one parse', () => {
    const plan = planPayload(
      { source: 'a.json', text: '{\n  "$schema": "x",\n  "hook_type": "inbox",\n  "transport": "pigeon"\n}' },
      { bodyFormat: 'compact', validator },
    );
    assert.equal(plan.provider, 'chat2desk');
    assert.equal(plan.event, 'inbox');
    assert.equal(plan.body.toString(), '{"hook_type":"inbox","transport":"pigeon"}');
    assert.equal(plan.signs, true);
    assert.equal(plan.problems.length, 1);
    assert.deepEqual([plan.problems[0].line, plan.problems[0].path], [4, '$.transport']);
  });

  it('IQChannels payloads are planned unsigned unless asked', () => {
    const text = '{ "ChatEvent": { "Type": "typing" }, "Rels": {} }';
    assert.deepEqual(
      [
        planPayload({ source: 'i.json', text }, { bodyFormat: 'compact' }).signs,
        planPayload({ source: 'i.json', text }, { bodyFormat: 'compact', signIqChannels: true }).signs,
      ],
      [false, true],
    );
    assert.equal(planPayload({ source: 'i.json', text }, { bodyFormat: 'compact' }).event, 'typing');
  });

  it('validate caps problems with a count of the rest, positions from one line index', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `    "x${i}"`);
    const text = `{\n  "hook_type": "add_tag_to_client",\n  "client_id": "wrong",\n  "all_client_channels": [\n${items.join(',\n')}\n  ]\n}`;
    const result = validator.validateText(text);
    assert.equal(result.issues.length, 1000);
    assert.equal(result.total, 3001);
    const client = result.issues.find((i) => i.path === '$.client_id');
    assert.deepEqual(client && [client.line, client.column], [3, 16]);
    const item = result.issues.find((i) => i.path === '$.all_client_channels[500]');
    assert.deepEqual(item && [item.line, item.column, text.slice(item.offset, item.offset + item.length)], [505, 5, '"x500"']);
  });

  it('sends the body bytes the request holds: a copy keeps them, a copy with another body sends that one', async () => {
    const got: string[] = [];
    const { url, server } = await serveHook((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push(Buffer.concat(chunks).toString());
        res.end('{}');
      });
    });
    try {
      const request = buildWebhookRequest({ text: '{ "hook_type": "inbox", "t": "é" }', url, bodyFormat: 'compact', apiToken: TOKEN });
      await sendWebhook(request);
      await sendWebhook({ ...request });
      await sendWebhook({ ...request, body: Buffer.from('{"spread":true}') });
      assert.deepEqual(got, ['{"hook_type":"inbox","t":"é"}', '{"hook_type":"inbox","t":"é"}', '{"spread":true}']);
    } finally {
      await close(server);
    }
  });

  it('one home for the timeout: the manifest setting says what the core uses', () => {
    const setting = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).contributes.configuration.properties['webhookStudio.timeoutSeconds'];
    assert.deepEqual([setting.default, setting.maximum], [DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS]);
  });

  it('keeps response bodies and the history bounded, and says when a body was cut', async () => {
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      res.end('x'.repeat(3000));
    });
    try {
      const response = await sendWebhook({ url, headers: {}, body: Buffer.from('{}') }, { maxResponseBytes: 1000 });
      assert.deepEqual([response.body.length, response.responseBytes, response.truncated], [1000, 3000, true]);
    } finally {
      await close(server);
    }
    const history: Exchange[] = [];
    for (let id = 1; id <= 60; id++) appendToHistory(history, { id } as Exchange, 50);
    assert.deepEqual([history.length, history[0].id, history.at(-1)!.id], [50, 11, 60]);
  });
});
