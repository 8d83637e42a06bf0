// Requests carry bytes (issue 18): a body that is NOT valid UTF-8 goes through Deliver (the engine) and
// Replay (what the response view's Replay button sends, and the listener's replay) with the bytes on the
// wire equal to the bytes signed, checked by a real receiver that verifies over the raw bytes.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { request } from 'node:http';
import { runDelivery } from '../../../src/core/delivery/engine';
import { parsePolicy } from '../../../src/core/delivery/policy';
import { toCurl } from '../../../src/core/curl';
import { bodyText, type Exchange } from '../../../src/core/exchange';
import { CaptureHistory } from '../../../src/core/listen/history';
import { Listener } from '../../../src/core/listen/listener';
import { replayRequest, sendReplay } from '../../../src/core/listen/reuse';
import { sendWebhook } from '../../../src/core/send';
import { signPayload } from '../../../src/core/signature';
import { startReceiver, type Receiver } from '../../support/receiver';

const TOKEN = 'request-bytes-token-0b7d';
/** {"hook_type":"inbox","text":"Привет"} with the text in Windows-1251: not UTF-8. */
const CP1251 = Buffer.concat([Buffer.from('{"hook_type":"inbox","text":"'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('"}')]);

/** POSTs raw bytes as a (misconfigured) Chat2Desk would: signed over those bytes. */
function postRaw(url: string, body: Buffer): Promise<number> {
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(body.length), ...signPayload(body, { apiToken: TOKEN }) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('requests carry bytes: a body that is not UTF-8', () => {
  let receiver: Receiver;
  let captured: ReturnType<CaptureHistory['list']>[number];
  before(async () => {
    assert.equal(Buffer.from(CP1251.toString('utf8'), 'utf8').equals(CP1251), false, 'the body does not survive a trip through text');
    receiver = await startReceiver(TOKEN, { respond: (w) => (w.rawSignatureValid ? { status: 200, body: '{}' } : { status: 401, body: '{}' }) });
    const history = CaptureHistory.inMemory();
    const listener = new Listener({ port: 0, apiToken: () => TOKEN, history });
    const { url } = await listener.start();
    try {
      assert.equal(await postRaw(`${url}/c2d`, CP1251), 200);
    } finally {
      await listener.stop();
    }
    [captured] = history.list();
    assert.equal(captured.bodyEncoding, 'base64');
  });
  after(() => receiver.close());
  beforeEach(() => receiver.received.splice(0));

  const assertWire = (count: number) => {
    assert.equal(receiver.received.length, count);
    for (const got of receiver.received) {
      assert.ok(got.rawBody.equals(CP1251), `the bytes on the wire are the bytes signed: ${got.rawBody.toString('hex')}`);
      assert.equal(got.rawSignatureValid, true, 'the signature verifies over the raw bytes');
    }
  };

  it('Replay from the response view sends the exchange request as it is: the same bytes, the signature still valid', async () => {
    // A capture replayed (re-signed) becomes an exchange in the response view; its Replay button sends
    // exchange.request again through the sender (sendWebhook), the listener's replay through sendReplay.
    const exchange: Exchange = {
      id: 1,
      source: 'replay of inbox (re-signed)',
      provider: 'chat2desk',
      signed: true,
      request: replayRequest(captured, receiver.url, { kind: 'resigned', apiToken: TOKEN }),
      startedAt: new Date().toISOString(),
    };
    assert.equal((await sendReplay(exchange.request)).status, 200);
    assert.equal((await sendWebhook(exchange.request)).status, 200, 'the Replay button');
    assert.equal((await sendWebhook({ ...exchange.request })).status, 200, 'a copy of the request keeps its bytes');
    assertWire(3);
    // Shown as text with the bytes that are not UTF-8 spelled out, never as U+FFFD.
    assert.equal(bodyText(exchange.request.body), '{"hook_type":"inbox","text":"\\xCF\\xF0\\xE8\\xE2\\xE5\\xF2"}');
  });

  it('Deliver signs every attempt over the same bytes it sends', async () => {
    let calls = 0;
    const failOnce = await startReceiver(TOKEN, {
      respond: (w) => (calls++ === 0 ? { status: 500, body: '{}' } : { status: w.rawSignatureValid ? 200 : 401, body: '{}' }),
    });
    try {
      const { headers: _signed, ...unsigned } = replayRequest(captured, failOnce.url, { kind: 'original' });
      const timeline = await runDelivery({
        events: [{ source: 'captured inbox', signed: true, request: { ...unsigned, headers: { 'Content-Type': 'application/json' } } }],
        apiToken: TOKEN,
        policy: parsePolicy('immediate', 2000),
        timeScale: Infinity,
      });
      assert.deepEqual(
        timeline.deliveries[0].attempts.map((a) => a.status),
        [500, 200],
      );
      assert.equal(failOnce.received.length, 2);
      for (const got of failOnce.received) {
        assert.ok(got.rawBody.equals(CP1251));
        assert.equal(got.rawSignatureValid, true);
      }
    } finally {
      await failOnce.close();
    }
  });

  it('Copy as cURL sends the same bytes (printf with octal escapes), and they verify', async () => {
    const replay = replayRequest(captured, receiver.url, { kind: 'resigned', apiToken: TOKEN });
    const curl = toCurl(replay);
    assert.match(curl, /^printf '.*\\317\\360\\350\\342\\345\\362.*' \| curl -sS -X POST /);
    await promisify(execFile)('sh', ['-c', curl], { timeout: 10_000 });
    assertWire(1);
  });
});
