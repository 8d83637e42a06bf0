import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../../support/ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureBody, type Capture } from '../../../../src/core/listen/capture';
import { CaptureHistory } from '../../../../src/core/listen/history';
import { Listener, PortInUseError, type ListenerOptions } from '../../../../src/core/listen/listener';
import { captureAsCurl, fixtureFromCapture, replayRequest, sendReplay, uniqueFileName } from '../../../../src/core/listen/reuse';
import { sendWebhook } from '../../../../src/core/send';
import { PayloadValidator } from '../../../../src/core/validate';
import { buildWebhookRequest } from '../../../support/webhook-request';
import { aCapture } from '../../../support/captures';
import { postRaw, withListener as withListenerOf } from '../../../support/listener';
import { startReceiver } from '../../../support/receiver';

const TOKEN = 'listen-unit-token';
const validator = new PayloadValidator();
const INBOX = '{"hook_type":"inbox","message_id":1,"type":"from_client","text":"Привет 🎉","n":1.0,"big":12345678901234567890}';

const withListener = (options: Partial<ListenerOptions>, run: Parameters<typeof withListenerOf>[2]) =>
  withListenerOf({ apiToken: () => TOKEN, validator }, options, run);

describe('listen: the listener', () => {
  it('captures a signed delivery: raw bytes, headers as sent, verdicts, default reply', async () => {
    await withListener({}, async (_listener, url, history) => {
      const built = buildWebhookRequest({ text: INBOX, url: `${url}/hooks/c2d?x=1`, bodyFormat: 'compact', apiToken: TOKEN });
      const response = await sendWebhook(built);
      assert.equal(response.status, 200);
      assert.equal(response.body, '{"ok":true}');
      const [capture] = history.list();
      assert.equal(capture.path, '/hooks/c2d');
      assert.equal(capture.query, '?x=1');
      assert.equal(capture.body, INBOX, 'the bytes as sent: literals, non-ASCII and big integers untouched');
      assert.equal(capture.headers['X-Signature'], built.headers['X-Signature'], "header names keep the sender's case");
      assert.equal(capture.signature.status, 'valid');
      assert.deepEqual([capture.payload.provider, capture.payload.event], ['chat2desk', 'inbox']);
    });
  });

  it('answers with the configured status and body', async () => {
    await withListener({ reply: { status: 418, headers: { 'Content-Type': 'text/plain' }, body: 'teapot' } }, async (_l, url, history) => {
      assert.deepEqual(await postRaw(url, '{}'), { status: 418, body: 'teapot' });
      assert.equal(history.list()[0].reply.status, 418);
    });
  });

  it('forwards the exact bytes and headers to the handler and answers with its response', async () => {
    const receiver = await startReceiver(TOKEN, { respond: () => ({ status: 202, body: '{"handled":true}' }) });
    try {
      await withListener({ forwardTo: receiver.url }, async (_l, url, history) => {
        // Not UTF-8, irregular whitespace: a re-encoding or re-serialising forwarder would change it.
        const body = Buffer.concat([Buffer.from('{ "hook_type" : "inbox",\n "blob": "'), Buffer.from([0xff, 0xfe, 0x00, 0x80]), Buffer.from('" }')]);
        const built = buildWebhookRequest({ text: INBOX, url, bodyFormat: 'asWritten', apiToken: TOKEN });
        const answer = await postRaw(url, body, { ...built.headers, 'X-Custom': 'Kept' });
        assert.deepEqual(answer, { status: 202, body: '{"handled":true}' });
        const got = receiver.received[0];
        assert.ok(got.rawBody.equals(body), 'byte-exact body');
        assert.equal(got.headers['x-signature'], built.headers['X-Signature']);
        assert.equal(got.headers['x-custom'], 'Kept');
        const capture = history.list()[0];
        assert.equal(capture.bodyEncoding, 'base64');
        assert.ok(captureBody(capture).equals(body));
        assert.equal(capture.forward?.response?.status, 202);
        assert.ok((capture.forward?.latencyMs ?? -1) >= 0);
      });
      // A signed JSON body forwarded arrives verifiable (the receiver checks as the doc does).
      await withListener({ forwardTo: receiver.url }, async (_l, url) => {
        const response = await sendWebhook(buildWebhookRequest({ text: INBOX, url, bodyFormat: 'compact', apiToken: TOKEN }));
        assert.equal(response.status, 202);
        assert.equal(receiver.received.at(-1)!.signatureValid, true);
      });
    } finally {
      await receiver.close();
    }
  });

  it("passes the handler's answer back byte for byte, binary included; an answer too large to pass on is a 502", async () => {
    const answerBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe, 0x80]);
    let reply = answerBytes;
    const handler = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(reply));
    });
    await new Promise<void>((r) => handler.listen(0, '127.0.0.1', r));
    try {
      await withListener({ forwardTo: `http://127.0.0.1:${(handler.address() as AddressInfo).port}/h` }, async (_l, url, history) => {
        const got: { bytes?: Buffer } = {};
        assert.equal((await postRaw(url, INBOX, {}, got)).status, 200);
        assert.ok(got.bytes?.equals(answerBytes), `the bytes the handler sent, not a UTF-8 round trip: ${got.bytes?.toString('hex')}`);
        assert.equal(history.list()[0].forward?.response?.status, 200);

        reply = Buffer.alloc(5 * 1024 * 1024 + 1, 0x61);
        const tooLarge = await postRaw(url, INBOX);
        assert.equal(tooLarge.status, 502);
        assert.match(tooLarge.body, /answer is over 5242880 bytes/);
        assert.match(history.list().find((c) => c.reply.status === 502)?.forward?.error ?? '', /answer is over 5242880 bytes/);
      });
    } finally {
      await new Promise<void>((r) => handler.close(() => r()));
    }
  });

  it('an unreachable handler: the sender gets 502 with the reason; the capture keeps it', async () => {
    const port = await freePort();
    await withListener({ forwardTo: `http://127.0.0.1:${port}/h` }, async (_l, url, history) => {
      const answer = await postRaw(url, INBOX);
      assert.equal(answer.status, 502);
      assert.match(answer.body, /Connection refused/);
      assert.match(history.list()[0].forward?.error ?? '', /Connection refused/);
    });
  });

  it('stores big bodies truncated and marked; refuses bodies over the request limit with 413', async () => {
    await withListener({ maxStoredBodyBytes: 100, maxRequestBytes: 10_000 }, async (_l, url, history) => {
      const big = JSON.stringify({ hook_type: 'inbox', text: 'x'.repeat(1000) });
      assert.equal((await postRaw(url, big)).status, 200);
      const [kept] = history.list();
      assert.equal(kept.truncated, true);
      assert.equal(kept.body.length, 100);
      assert.equal(kept.bodyBytes, big.length);
      assert.throws(() => fixtureFromCapture(kept), /truncated/);
      assert.equal((await postRaw(url, 'y'.repeat(20_000))).status, 413);
      assert.equal(history.list()[1].signature.status, 'unverified');
    });
  });

  it('non-JSON bodies are captured with a clear payload verdict', async () => {
    await withListener({}, async (_l, url, history) => {
      await postRaw(url, 'hello=world', { 'Content-Type': 'application/x-www-form-urlencoded' });
      const [capture] = history.list();
      assert.equal(capture.payload.schema, 'unknown');
      assert.match(capture.payload.explanation, /Not a JSON webhook payload/);
      assert.equal(capture.signature.status, 'missing');
    });
  });

  it('a sender that disconnects mid-body is captured as incomplete; nothing crashes', async () => {
    await withListener({}, async (_l, url, history) => {
      await new Promise<void>((resolve) => {
        const req = request(url, { method: 'POST', headers: { 'Content-Length': '1000' } });
        req.on('error', () => undefined);
        req.write('{"hook_type":');
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
      const deadline = Date.now() + 2000;
      while (history.list().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(history.list()[0].incomplete, true);
      assert.equal((await postRaw(url, '{}')).status, 200, 'still serving');
    });
  });

  it('stopping mid-request lets the request finish (within the grace period) and records it', async () => {
    const slow = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.end('late but fine'), 300);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const history = CaptureHistory.inMemory();
      const listener = new Listener({ port: 0, history, forwardTo: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/` });
      const { url } = await listener.start();
      const answer = postRaw(url, INBOX);
      await new Promise((r) => setTimeout(r, 50));
      await listener.stop();
      assert.deepEqual(await answer, { status: 200, body: 'late but fine' });
      assert.equal(history.list().length, 1);
      assert.equal(listener.listening, false);
      await assert.rejects(
        postRaw(url, '{}'),
        (error: NodeJS.ErrnoException) => ['ECONNREFUSED', 'ECONNRESET'].includes(error.code ?? ''),
        'no longer accepting',
      );
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('port in use: an error that says so, or a free port when falling back', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as AddressInfo).port;
    try {
      const strict = new Listener({ port, history: CaptureHistory.inMemory() });
      await assert.rejects(
        strict.start(),
        (error: unknown) => error instanceof PortInUseError && /Port \d+ on 127.0.0.1 is already in use/.test(error.message),
      );
      const lenient = new Listener({ port, fallbackToFreePort: true, history: CaptureHistory.inMemory() });
      const address = await lenient.start();
      assert.equal(address.fellBack, true);
      assert.notEqual(address.port, port);
      await lenient.stop();
    } finally {
      busy.close();
    }
  });

  it('a flood beyond the concurrency limit is turned away with 503, and counted', async () => {
    const slow = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.end('ok'), 200);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      await withListener({ forwardTo: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, maxConcurrent: 3 }, async (listener, url, history) => {
        const answers = await Promise.all(Array.from({ length: 10 }, () => postRaw(url, '{}')));
        assert.equal(answers.filter((a) => a.status === 503).length, listener.rejected);
        assert.ok(listener.rejected > 0);
        assert.equal(history.list().length, 10 - listener.rejected);
      });
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});

describe('listen: history', () => {
  const capture = (history: CaptureHistory, n: number): Capture =>
    aCapture({ id: history.newId(), sessionId: 's', receivedAt: new Date(n * 1000).toISOString(), body: `{"n":${n}}`, bodyBytes: 7 });

  it('a flood is coalesced on disk: exactly the last N files remain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-studio-history-'));
    try {
      writeFileSync(join(dir, '0000000001.json.tmp'), '{ interrupted');
      const longAgo = new Date(Date.now() - 2 * 3600 * 1000);
      utimesSync(join(dir, '0000000001.json.tmp'), longAgo, longAgo);
      const history = await CaptureHistory.open(dir, { maxCaptures: 10 });
      for (let n = 1; n <= 2000; n++) history.add(capture(history, n));
      await history.flush();
      const files = readdirSync(dir).sort();
      assert.deepEqual(
        files,
        history.list().map((c) => `${c.id}.json`),
      );
      assert.equal(files.length, 10);
      assert.deepEqual(
        (await CaptureHistory.open(dir, { maxCaptures: 10 })).list().map((c) => c.body),
        history.list().map((c) => c.body),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the last N in memory and on disk, oldest dropped first; survives a reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-studio-history-'));
    try {
      const history = await CaptureHistory.open(dir, { maxCaptures: 3 });
      for (let n = 1; n <= 5; n++) history.add(capture(history, n));
      assert.deepEqual(
        history.list().map((c) => c.body),
        ['{"n":3}', '{"n":4}', '{"n":5}'],
      );
      await history.flush();
      assert.equal(readdirSync(dir).length, 3);
      writeFileSync(join(dir, '0000000099.json'), '{ torn write');
      const reloaded = await CaptureHistory.open(dir, { maxCaptures: 3 });
      assert.deepEqual(
        reloaded.list().map((c) => c.body),
        ['{"n":3}', '{"n":4}', '{"n":5}'],
      );
      assert.deepEqual(reloaded.unreadable, ['0000000099.json']);
      const next = capture(reloaded, 6);
      assert.ok(next.id > '0000000099', 'ids keep increasing across sessions');
      reloaded.add(next);
      reloaded.remove(reloaded.list()[0].id);
      reloaded.setMaxCaptures(1);
      await reloaded.flush();
      assert.deepEqual(readdirSync(dir).sort(), ['0000000099.json.corrupt', `${next.id}.json`]);
      reloaded.clear();
      await reloaded.flush();
      assert.deepEqual(readdirSync(dir), ['0000000099.json.corrupt'], 'a file that did not read is kept aside, never deleted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('listen: fixtures, replay and cURL', () => {
  const base = (): Capture =>
    aCapture({
      sessionId: 's',
      receivedAt: '2025-04-03T11:50:06Z',
      headers: {
        Host: '127.0.0.1:4848',
        'Content-Type': 'application/json',
        'X-Signature': 'a'.repeat(64),
        'X-Timestamp': '1743681006',
        'Content-Length': '60',
      },
      body: '{"hook_type":"new_ticket","n":1.0,"big":12345678901234567890,"e":"\\u00e9"}',
      bodyBytes: 60,
      payload: { provider: 'chat2desk', event: 'new_ticket', schema: 'valid', issues: [], explanation: '' },
    });

  it('a fixture is <hook_type>.chat2desk.json, pretty-printed with every literal kept', () => {
    const fixture = fixtureFromCapture(base());
    assert.equal(fixture.fileName, 'new_ticket.chat2desk.json');
    assert.equal(fixture.text, '{\n  "hook_type": "new_ticket",\n  "n": 1.0,\n  "big": 12345678901234567890,\n  "e": "\\u00e9"\n}\n');
    assert.equal(
      uniqueFileName('inbox.chat2desk.json', (n) => ['inbox.chat2desk.json', 'inbox-2.chat2desk.json'].includes(n)),
      'inbox-3.chat2desk.json',
    );
  });

  it('replays the original bytes and signature, or re-signs them with a fresh timestamp', async () => {
    const receiver = await startReceiver(TOKEN);
    try {
      const signedAt = buildWebhookRequest({ text: base().body, url: 'http://x/', bodyFormat: 'asWritten', apiToken: TOKEN, timestamp: 1743681006 });
      const capture = { ...base(), headers: { ...base().headers, 'X-Signature': signedAt.headers['X-Signature'] } };
      const original = replayRequest(capture, receiver.url, { kind: 'original' });
      assert.equal(original.headers['X-Timestamp'], '1743681006');
      assert.ok(!('Host' in original.headers) && !('Content-Length' in original.headers));
      await sendReplay(original);
      assert.equal(receiver.received[0].rawBody.toString(), capture.body);
      assert.equal(receiver.received[0].signatureValid, true, 'the original signature still verifies (no tolerance at the receiver)');
      const fresh = replayRequest(capture, receiver.url, { kind: 'resigned', apiToken: TOKEN, now: () => 1_800_000_000_000 });
      assert.equal(fresh.headers['X-Timestamp'], '1800000000');
      await sendReplay(fresh);
      assert.equal(receiver.received[1].signatureValid, true);
    } finally {
      await receiver.close();
    }
  });

  it('Copy as cURL reproduces the capture', () => {
    const curl = captureAsCurl(base(), 'http://127.0.0.1:3000/hook');
    assert.match(curl, /^curl -sS -X POST 'http:\/\/127.0.0.1:3000\/hook'/);
    assert.match(curl, /-H 'X-Timestamp: 1743681006'/);
    assert.ok(!/Host:|Content-Length:/.test(curl));
    assert.ok(curl.includes(`--data-binary '${base().body}'`));
  });
});
