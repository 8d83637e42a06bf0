import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureBody, type Capture } from '../../../../src/core/listen/capture';
import { CaptureHistory } from '../../../../src/core/listen/history';
import { Listener } from '../../../../src/core/listen/listener';
import { signingKeyFromToken, signPayload } from '../../../../src/core/signature';
import { PayloadValidator } from '../../../../src/core/validate';
import { capturePage } from '../../../../src/features/listen/capture-html';
import { webviewPage } from '../../../../src/features/webview-page';
import { present, sessionNodes } from '../../../../src/features/listen/received-model';
import { startCliProcess } from '../../../support/cli';
import { postRaw } from '../../../support/listener';
import { startReceiver, type Receiver } from '../../../support/receiver';

/** The capture panel's whole page, as the panel shows it. */
const renderCaptureHtml = (capture: Capture, nonce: string, cspSource: string) => webviewPage(capturePage(capture), nonce, cspSource);

// Recognisable, so that any form of them in any output is found.
const TOKEN = 'RecognisableListenToken7Q';
const KEY = signingKeyFromToken(TOKEN);
const PASSWORD = 'hunter2/Sec!ret';
const BASIC = Buffer.from(`hooks:${PASSWORD}`).toString('base64');
const SECRETS = [TOKEN, KEY, PASSWORD, encodeURIComponent(PASSWORD), BASIC];

function assertNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} holds a secret (${secret.slice(0, 6)}…):\n${text.slice(0, 2000)}`);
}

/** A request carrying the token and its key everywhere a sender can put them; signed validly. */
function leakyRequest(url: string): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ hook_type: 'inbox', message_id: 1, token: TOKEN, key: KEY, note: `a "${TOKEN}" in JSON`, pw: PASSWORD });
  return postRaw(`${url}/c2d?token=${TOKEN}&key=${KEY}&pw=${encodeURIComponent(PASSWORD)}`, body, {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${TOKEN}`,
    'X-Key': KEY,
    ...signPayload(body, { apiToken: TOKEN }),
  });
}

describe('listen: the token, its key and a forward URL password never reach a stored or shown form', () => {
  let echo: Receiver;
  let dir: string;
  // A handler that answers with everything it was sent, as debugging handlers do: the forward's own
  // headers (with the Basic credentials of the URL's password) come back in its answer.
  before(async () => {
    echo = await startReceiver(TOKEN, {
      respond: (w) => ({ status: 200, body: JSON.stringify({ got: { path: w.path, headers: w.headers, body: w.rawBody.toString() } }) }),
    });
  });
  after(() => echo.close());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'webhook-studio-secrets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const forwardUrl = () => echo.url.replace('http://', `http://hooks:${encodeURIComponent(PASSWORD)}@`);

  it('history files on disk, the capture panel and the tree hold [redacted]; verification and forwarding used the real bytes', async () => {
    const history = await CaptureHistory.open(join(dir, 'history'));
    const listener = new Listener({
      port: 0,
      apiToken: () => TOKEN,
      validator: new PayloadValidator(),
      forwardTo: forwardUrl(),
      history,
    });
    const { url } = await listener.start();
    try {
      assert.equal((await leakyRequest(url)).status, 200);
      // A binary body is stored as base64: redacted on its bytes.
      await postRaw(url, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(` ${TOKEN} `), Buffer.from([0x80])]));
    } finally {
      await listener.stop();
    }
    await history.flush();
    assert.ok(echo.received.at(-2)!.rawBody.includes(TOKEN), 'the handler got the bytes as sent');
    assert.equal(echo.received.at(-2)!.signatureValid, true);
    const files = readdirSync(join(dir, 'history'));
    assert.equal(files.length, 2);
    for (const file of files) assertNoSecret(readFileSync(join(dir, 'history', file), 'utf8'), `history file ${file}`);
    const [json, binary] = history.list();
    assert.equal(json.signature.status, 'valid', 'verified before redaction');
    assert.equal(json.redacted, true);
    assert.equal(binary.bodyEncoding, 'base64');
    assert.ok(captureBody(binary).includes('[redacted]'));
    assertNoSecret(captureBody(binary).toString('latin1'), 'the binary body');
    assert.match(json.forward?.response?.body ?? '', /\[redacted\]/, 'the echoed Basic credentials are redacted');
    assert.match(json.forward?.url ?? '', /hooks:\*\*\*\*@/);

    for (const capture of history.list()) {
      const html = renderCaptureHtml(capture, 'nonce', 'csp');
      assertNoSecret(html, 'the capture panel');
      assert.match(html, /stored as \[redacted\]/);
    }
    for (const node of sessionNodes(history.list(), listener.sessionId)) {
      const shown = [present(node)];
      if (node.type === 'session') for (const capture of node.captures) shown.push(present({ type: 'capture', capture }));
      for (const p of shown) assertNoSecret(`${p.label} ${p.description} ${p.tooltip}`, 'the tree');
    }
  });

  it('CLI listen: lines, --json lines, the "forwarding to" line and saved fixtures hold no secret', async function () {
    this.timeout(60_000);
    for (const json of [false, true]) {
      const saveDir = join(dir, `saved-${json}`);
      const listen = await startCliProcess(['listen', '--port', '0', '--forward-to', forwardUrl(), '--save-dir', saveDir, ...(json ? ['--json'] : [])], TOKEN, {
        secrets: SECRETS,
      });
      assert.ok(listen.url, listen.output().stderr);
      assert.equal((await leakyRequest(listen.url)).status, 200);
      const run = await listen.stop();
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /forwarding to http:\/\/hooks:\*\*\*\*@127\.0\.0\.1/);
      const saved = readdirSync(saveDir);
      assert.deepEqual(saved, ['inbox.chat2desk.json']);
      const fixture = readFileSync(join(saveDir, saved[0]), 'utf8');
      assertNoSecret(fixture, 'the saved fixture');
      assert.match(fixture, /"token": "\[redacted\]"/);
      if (json) assert.equal(JSON.parse(run.stdout.trim().split('\n')[0]).signature, 'valid');
    }
  });
});
