// Issue 17: `send --expect-status`, so a CI step can prove that a handler refuses a wrong signature (a
// handler that accepts everything passes a plain send; it must fail this one). One matcher with the suites.
import * as assert from 'node:assert/strict';
import { EXIT } from '../../../src/cli';
import { parseStatusSpec, statusMatches } from '../../../src/core/status';
import { runCliCapturing, scratchFiles } from '../../support/cli';
import { startReceiver, type Receiver } from '../../support/receiver';

const TOKEN = 'cli-expect-status-token-44b2a0';
const cli = (args: string[]) => runCliCapturing(args, TOKEN);

describe('CLI: send --expect-status', () => {
  const files = scratchFiles('webhook-studio-expect-status-');
  const inbox = files.file('inbox.chat2desk.json', '{"hook_type":"inbox","message_id":1}');
  let verifying: Receiver;
  let acceptsAll: Receiver;
  before(async () => {
    verifying = await startReceiver(TOKEN);
    acceptsAll = await startReceiver(TOKEN, { requireSignature: false });
  });
  after(async () => {
    await verifying.close();
    await acceptsAll.close();
    files.remove();
  });

  it('a wrong signature that the handler accepts fails (exit 1, saying what was expected)', async () => {
    const result = await cli(['send', inbox, '--url', acceptsAll.url, '--wrong-signature', '--expect-status', '4xx']);
    assert.equal(result.code, EXIT.failed);
    assert.match(result.stdout, /200 OK .*deliberately wrong signature.*expected 4xx/);
  });

  it('a wrong signature refused with 401 passes, in text and JSON', async () => {
    assert.equal((await cli(['send', inbox, '--url', verifying.url, '--wrong-signature', '--expect-status', '4xx'])).code, EXIT.ok);
    const json = await cli(['send', inbox, '--url', verifying.url, '--wrong-signature', '--expect-status', '401,403', '--json']);
    assert.equal(json.code, EXIT.ok);
    assert.deepEqual(
      (JSON.parse(json.stdout) as { ok: boolean; status: number; expectedStatus: string }[]).map((r) => [r.ok, r.status, r.expectedStatus]),
      [[true, 401, '401 or 403']],
    );
  });

  it('without it a send expects 2xx, as before', async () => {
    assert.equal((await cli(['send', inbox, '--url', verifying.url, '--wrong-signature'])).code, EXIT.failed);
    assert.equal((await cli(['send', inbox, '--url', verifying.url])).code, EXIT.ok);
  });

  it('a bad spec is a usage error naming it, before anything is sent', async () => {
    const before = verifying.received.length;
    const result = await cli(['send', inbox, '--url', verifying.url, '--expect-status', '2xx,409', '--json']);
    assert.equal(result.code, EXIT.usage);
    assert.equal(JSON.parse(result.stdout).error.code, 'invalid-expect-status');
    assert.match(JSON.parse(result.stdout).error.message, /"2xx,409" is not an expected status/);
    assert.equal(verifying.received.length, before);
  });

  it('the one matcher: codes, lists and classes, as suites write them', () => {
    assert.equal(parseStatusSpec(' 4XX '), '4xx');
    assert.deepEqual(parseStatusSpec('401, 403'), [401, 403]);
    assert.equal(parseStatusSpec('202'), 202);
    for (const bad of ['', '4x', '600', '2xx,409', '20']) assert.throws(() => parseStatusSpec(bad), /is not an expected status/, bad);
    assert.ok(statusMatches('4xx', 422) && !statusMatches('4xx', 500) && statusMatches([401, 403], 403) && !statusMatches(200, 201));
  });
});
