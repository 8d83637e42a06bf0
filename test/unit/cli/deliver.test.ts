import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli';
import { verifySignature } from '../../../src/core/signature';
import { runCliCapturing, scratchFiles } from '../../support/cli';
import { startReceiver, type Receiver } from '../../support/receiver';

const TOKEN = 'cli-deliver-token-41c2';
const { dir, file, remove: removeFiles } = scratchFiles('webhook-studio-deliver-');

const cli = (args: string[], env: NodeJS.ProcessEnv = { CHAT2DESK_API_TOKEN: TOKEN }) => runCliCapturing(args, TOKEN, { env });

describe('CLI deliver', () => {
  let receiver: Receiver;
  let failFirst = 0;
  let toleranceSeconds: number | undefined;
  before(async () => {
    receiver = await startReceiver(TOKEN, {
      respond: (w) => {
        if (receiver.received.length <= failFirst) return { status: 500, body: '{"error":"try later"}' };
        const timestamp = String(w.headers['x-timestamp']);
        const fresh = toleranceSeconds === undefined || Math.abs(Date.now() / 1000 - Number(timestamp)) <= toleranceSeconds;
        return w.signatureValid && fresh ? { status: 200, body: '{"ok":true}' } : { status: 401, body: '{"error":"bad or stale signature"}' };
      },
    });
  });
  beforeEach(() => {
    receiver.received.splice(0);
    failFirst = 0;
    toleranceSeconds = undefined;
  });
  after(async () => {
    await receiver.close();
    removeFiles();
  });

  const inbox = file('inbox.chat2desk.json', '{\n  "hook_type": "inbox",\n  "message_id": 1,\n  "text": "Hi"\n}\n');
  const sequence = ['new_request', 'inbox', 'close_dialog'].map((hook, i) => file(`0${i + 1}-${hook}.chat2desk.json`, JSON.stringify({ hook_type: hook })));

  it('exit 0 when the handler accepts a resend; one line per attempt, then the summary', async () => {
    failFirst = 2;
    const { code, stdout } = await cli(['deliver', inbox, '--url', receiver.url, '--time-scale', 'inf']);
    assert.equal(code, EXIT.ok, stdout);
    assert.match(
      stdout,
      /^Delivering 1 event to http:\/\/127\.0\.0\.1:\d+\/webhooks\/chat2desk: policy chat2desk \(resend after 10 s, 5 min, 2 h; disabled after 5 h without success; success = 2xx within 10 s\); ×∞ \(back to back\); retry timestamp fresh/,
    );
    assert.match(stdout, /\[0:00:00\.\d{3}\] .*inbox\.chat2desk\.json attempt 1: 500 Internal Server Error in .*X-Timestamp \d{10}/);
    assert.match(stdout, /\[0:00:10\.\d{3}\] .*inbox\.chat2desk\.json attempt 2: 500/);
    assert.match(stdout, /\[0:05:10\.\d{3}\] .*inbox\.chat2desk\.json attempt 3: 200 OK/);
    assert.match(stdout, /inbox\.chat2desk\.json: delivered at attempt 3 of 4 \[500, 500, 200\]/);
    assert.equal(receiver.received.length, 3);
    assert.ok(receiver.received.every((r) => r.signatureValid));
  });

  it('exit 1 when an event is not accepted within the policy; --json prints the timeline', async () => {
    failFirst = 99;
    const { code, stdout } = await cli(['deliver', inbox, '--url', receiver.url, '--policy', 'custom:1,2', '--time-scale', 'inf', '--json']);
    assert.equal(code, EXIT.failed);
    const timeline = JSON.parse(stdout);
    assert.equal(timeline.timeScale, 'inf');
    assert.equal(timeline.policy.name, 'custom:1,2');
    assert.deepEqual(
      timeline.deliveries[0].attempts.map((a: { waitedMs: number; status: number }) => [a.waitedMs, a.status]),
      [
        [0, 500],
        [1000, 500],
        [2000, 500],
      ],
    );
    assert.deepEqual(timeline.deliveries[0].outcome, { kind: 'gave-up', attempts: 3 });
    // Each timestamp in the timeline is the one the receiver got, and it verifies.
    for (const [i, attempt] of timeline.deliveries[0].attempts.entries()) {
      const received = receiver.received[i];
      assert.equal(received.headers['x-timestamp'], attempt.timestamp);
      assert.deepEqual(
        verifySignature({ body: received.rawBody, timestamp: attempt.timestamp, signature: String(received.headers['x-signature']), apiToken: TOKEN }),
        { valid: true },
      );
    }
  });

  it('--retry-timestamp original ages the first X-Timestamp: a handler with a 300 s tolerance rejects the 5-minute resend', async () => {
    failFirst = 2;
    toleranceSeconds = 300;
    const fresh = await cli(['deliver', inbox, '--url', receiver.url, '--time-scale', 'inf']);
    assert.equal(fresh.code, EXIT.ok);
    receiver.received.splice(0);
    const original = await cli(['deliver', inbox, '--url', receiver.url, '--time-scale', 'inf', '--retry-timestamp', 'original']);
    assert.equal(original.code, EXIT.failed);
    assert.match(original.stdout, /attempt 3: 401 Unauthorized .*\(5 min 10 s old\)/);
    assert.equal(new Set(receiver.received.map((r) => r.headers['x-timestamp'])).size > 1, true, 'aged, so not literally the same header as sent at once');
  });

  it('--duplicate and --order reverse', async () => {
    const { code } = await cli(['deliver', ...sequence, '--url', receiver.url, '--duplicate', '--order', 'reverse', '--time-scale', 'inf']);
    assert.equal(code, EXIT.ok);
    assert.deepEqual(
      receiver.received.map((r) => JSON.parse(r.rawBody.toString()).hook_type),
      ['close_dialog', 'close_dialog', 'inbox', 'inbox', 'new_request', 'new_request'],
    );
  });

  it('--slow-first resends every event once, and says the first answers were 2xx', async () => {
    const { code, stdout } = await cli(['deliver', inbox, '--url', receiver.url, '--slow-first', '--time-scale', 'inf']);
    assert.equal(code, EXIT.ok);
    // The answer came in time and is counted as slow on purpose: never "a 9 ms answer … too late to count".
    assert.match(
      stdout,
      /attempt 1: counted as too slow on purpose \(slow first answer\): the handler answered 200 OK in \d+ ms, X-Timestamp \d{10}; answer: \{"ok":true\}/,
    );
    assert.doesNotMatch(stdout, /too late/);
    assert.match(stdout, /delivered at attempt 2 of 4 \[timeout, 200\]/);
    assert.equal(receiver.received.length, 2);
  });

  it('usage errors exit 2 with a message saying what to change', async () => {
    const cases: [string[], RegExp][] = [
      [['deliver', inbox], /deliver needs --url/],
      [['deliver', '--url', receiver.url], /deliver takes one or more files/],
      [['deliver', inbox, '--url', receiver.url, '--policy', 'fast'], /Unknown policy "fast"/],
      [['deliver', inbox, '--url', receiver.url, '--time-scale', '0'], /time scale must be a number >= 1/],
      [['deliver', inbox, '--url', receiver.url, '--order', 'random'], /--order must be as-given, reverse, shuffle/],
      [['deliver', inbox, '--url', receiver.url, '--retry-timestamp', 'old'], /--retry-timestamp must be fresh or original/],
      [['deliver', inbox, '--url', receiver.url, '--concurrent'], /--concurrent goes with --duplicate/],
      [['deliver', inbox, '--url', receiver.url, '--seed', '7'], /--seed goes with --order shuffle/],
      [['deliver', inbox, '--url', receiver.url, '--order', 'shuffle', '--seed', 'x'], /--seed must be a whole number/],
      [['deliver', inbox, '--url', 'localhost:3000'], /"localhost:3000" is not a usable endpoint URL: it has no scheme \(add http:\/\/ or https:\/\/\)/],
      [['deliver', inbox, '--url', receiver.url, '--frobnicate'], /Unknown option '--frobnicate'/],
      [['deliver', join(dir, 'missing.json'), '--url', receiver.url], /Cannot read .*missing\.json: no such file/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cli(args);
      assert.equal(code, EXIT.usage, args.join(' '));
      assert.match(stderr, message);
    }
    const noToken = await cli(['deliver', inbox, '--url', receiver.url], {});
    assert.equal(noToken.code, EXIT.usage);
    assert.match(noToken.stderr, /No API token: set the environment variable CHAT2DESK_API_TOKEN/);
    assert.equal(receiver.received.length, 0, 'nothing was sent');
  });
});
