import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import type { PayloadDocument, ProblemFinder } from '../../../../src/core/payload';
import { signatureVerdict } from '../../../../src/core/listen/signature-verdict';
import { signPayload } from '../../../../src/core/signature';
import { PayloadValidator } from '../../../../src/core/validate';
import { postRaw, withListener as withListenerOf } from '../../../support/listener';
import { SCHEMAS_DIR } from '../../../support/paths';
import type { ListenerOptions } from '../../../../src/core/listen/listener';

const TOKEN = 'listen-bounds-token';
const validator = new PayloadValidator();
const INBOX = readFileSync(join(SCHEMAS_DIR, 'examples/chat2desk/inbox.json'), 'utf8');
const withListener = (options: Partial<ListenerOptions>, run: Parameters<typeof withListenerOf>[2]) =>
  withListenerOf({ apiToken: () => TOKEN, validator }, options, run);

/** A sender that announces a body and sends only its start: resolves with the status it is answered, if any. */
function stallingSender(url: string): { answer: Promise<number | undefined>; req: ClientRequest } {
  const req = request(url, { method: 'POST', headers: { 'Content-Length': '100000' } });
  const answer = new Promise<number | undefined>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
  });
  req.write('{"hook_type":"inbox","text":"');
  return { answer, req };
}

async function until(what: string, test: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('listen: bodies that never finish, large bodies, the payload pipeline', () => {
  it('bodies that never finish cannot take every slot: a new sender is served, the longest-stalled body is answered 408', async () => {
    await withListener({ maxConcurrent: 4, stalledAfterMs: 100, bodyTimeoutMs: 60_000, bodyIdleMs: 60_000 }, async (listener, url, history) => {
      const stalled = Array.from({ length: 4 }, () => stallingSender(url));
      try {
        await until('four stalled bodies to hold every slot', () => listener.inProgress === 4);
        await new Promise((r) => setTimeout(r, 150));
        const answer = await postRaw(url, INBOX);
        assert.equal(answer.status, 200, 'served, not 503');
        assert.equal(listener.rejected, 0);
        assert.equal(await stalled[0].answer, 408, 'the oldest stalled body made room');
        await until('the given-up body to be captured', () => history.list().some((c) => c.incomplete));
        const givenUp = history.list().find((c) => c.incomplete)!;
        assert.equal(givenUp.signature.status, 'unverified');
        assert.match(givenUp.signature.explanation, /still arriving after 0\.1 s while every slot was taken/);
        assert.equal(givenUp.reply.status, 408);
      } finally {
        for (const s of stalled) s.req.destroy();
      }
    });
  });

  it('a body must arrive whole in time and without long pauses: 408, captured with the reason', async () => {
    await withListener({ bodyTimeoutMs: 300, bodyIdleMs: 60_000 }, async (_l, url, history) => {
      const slow = stallingSender(url);
      const trickle = setInterval(() => slow.req.write(' '), 50);
      try {
        assert.equal(await slow.answer, 408);
      } finally {
        clearInterval(trickle);
        slow.req.destroy();
      }
      await until('the capture', () => history.list().length === 1);
      assert.match(history.list()[0].signature.explanation, /did not arrive whole within 0\.3 s: answered 408/);
    });
    await withListener({ bodyTimeoutMs: 60_000, bodyIdleMs: 200 }, async (_l, url, history) => {
      const paused = stallingSender(url);
      try {
        assert.equal(await paused.answer, 408);
      } finally {
        paused.req.destroy();
      }
      await until('the capture', () => history.list().length === 1);
      assert.match(history.list()[0].signature.explanation, /paused for more than 0\.2 s/);
      assert.equal(history.list()[0].incomplete, true);
    });
  });

  it('the re-serialised JSON diagnosis is bounded: over 2 MB it is not tried, and the verdict says so', () => {
    const payload = { hook_type: 'inbox', text: 'x'.repeat(3 * 1024 * 1024) };
    const check = (sent: string, signedOver: string) =>
      signatureVerdict({
        body: Buffer.from(sent),
        headers: signPayload(signedOver, { apiToken: TOKEN }) as unknown as Record<string, string>,
        apiToken: TOKEN,
        toleranceSeconds: 300,
      });
    const large = check(JSON.stringify(payload, null, 2), JSON.stringify(payload));
    assert.deepEqual([large.status, large.wouldMatch], ['mismatch', undefined]);
    assert.match(large.explanation, /Whether it was signed over re-serialised JSON was not tried: the body is over 2 MB\./);
    const small = { hook_type: 'inbox', text: 'x'.repeat(1024 * 1024) };
    assert.equal(check(JSON.stringify(small, null, 2), JSON.stringify(small)).wouldMatch, 'reserialised-json', 'below the cap it still explains');
  });

  it('a large body with a wrong signature is verified, forwarded or answered, and its verdict says what was not tried', async () => {
    await withListener({ maxStoredBodyBytes: 10 * 1024 * 1024 }, async (_l, url, history) => {
      const body = JSON.stringify({ hook_type: 'inbox', text: 'y'.repeat(5 * 1024 * 1024) });
      const answer = await postRaw(url, body, { 'X-Signature': 'a'.repeat(64), 'X-Timestamp': String(Math.floor(Date.now() / 1000)) });
      assert.equal(answer.status, 200);
      const [capture] = history.list();
      assert.equal(capture.signature.status, 'mismatch');
      assert.match(capture.signature.explanation, /not tried: the body is over 2 MB/);
      assert.match(capture.payload.explanation, /over 2 MB: not schema-checked/);
    });
  });

  it('received bodies go through the payload pipeline: strict UTF-8, one parse handed to the problem finder', async () => {
    const documents: PayloadDocument[] = [];
    const finder: ProblemFinder = {
      findProblems(document, provider) {
        documents.push(document);
        return validator.findProblems(document, provider);
      },
    };
    await withListener({ validator: finder }, async (_l, url, history) => {
      // "Привет" in Windows-1251: decoding it leniently would make a valid-looking payload of replacement characters.
      const cp1251 = Buffer.concat([Buffer.from('{"hook_type":"inbox","text":"'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('"}')]);
      await postRaw(url, cp1251);
      const legacy = history.list()[0].payload;
      assert.equal(legacy.schema, 'unknown');
      assert.match(legacy.explanation, /Not a UTF-8 payload: the byte at offset 29 does not start a UTF-8 character/);
      await postRaw(url, Buffer.from('{"hook_type":"inbox"}', 'utf16le'));
      assert.match(history.list()[1].payload.explanation, /encoded as UTF-16LE/);
      assert.equal(documents.length, 0, 'nothing that failed to decode reached the problem finder');

      const invalid = JSON.parse(INBOX) as { client: { id: unknown } };
      invalid.client.id = 'not-a-number';
      await postRaw(url, JSON.stringify(invalid));
      const checked = history.list()[2].payload;
      assert.deepEqual([checked.provider, checked.event, checked.schema], ['chat2desk', 'inbox', 'invalid']);
      assert.ok(checked.issues.some((i) => i.path.startsWith('$.client')));
      assert.equal(documents.length, 1, 'one parse, one call');
    });
  });
});
