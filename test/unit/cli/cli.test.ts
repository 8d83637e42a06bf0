import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli';
import { signPayload } from '../../../src/core/signature';
import { runCliCapturing, scratchFiles } from '../../support/cli';
import { startReceiver, type Receiver } from '../../support/receiver';

const TOKEN = 'cli-test-token-77aa';
const { dir, file, remove: removeFiles } = scratchFiles('webhook-studio-cli-');

const cli = (args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) => runCliCapturing(args, TOKEN, options);

describe('CLI', () => {
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver(TOKEN);
  });
  after(async () => {
    await receiver.close();
    removeFiles();
  });

  const inbox = file('inbox.chat2desk.json', '{\n  "hook_type": "inbox",\n  "text": "Hi",\n  "n": 1.0\n}\n');

  it('--help documents commands and exit codes; no command is a usage error', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, EXIT.ok);
    assert.match(help.stdout, /send <file\.\.\.> --url URL/);
    assert.match(help.stdout, /Exit codes: 0 ok; 1 .*; 2 usage or input error/);
    assert.equal((await cli([])).code, EXIT.usage);
    assert.equal((await cli(['frobnicate'])).code, EXIT.usage);
  });

  it('sign prints the headers Chat2Desk would send', async () => {
    const { code, stdout } = await cli(['sign', inbox, '--timestamp', '1743681006']);
    assert.equal(code, EXIT.ok);
    const expected = signPayload('{"hook_type":"inbox","text":"Hi","n":1.0}', { apiToken: TOKEN, timestamp: 1743681006 });
    assert.equal(stdout, `X-Signature: ${expected['X-Signature']}\nX-Timestamp: 1743681006\n`);
    const json = JSON.parse((await cli(['sign', inbox, '--timestamp', '1743681006', '--json'])).stdout);
    assert.equal(json['X-Signature'], expected['X-Signature']);
  });

  it('takes the token from --token-env or --token-stdin, never from an argument', async () => {
    assert.equal((await cli(['sign', inbox], { env: { MY_TOKEN: TOKEN } })).code, EXIT.usage);
    assert.equal((await cli(['sign', inbox, '--token-env', 'MY_TOKEN'], { env: { MY_TOKEN: TOKEN } })).code, EXIT.ok);
    assert.equal((await cli(['sign', inbox, '--token-stdin'], { env: {}, stdin: `${TOKEN}\n` })).code, EXIT.ok);
    const missing = await cli(['sign', inbox], { env: {} });
    assert.match(missing.stderr, /set the environment variable CHAT2DESK_API_TOKEN/);
    assert.equal((await cli(['sign', inbox, '--token', TOKEN])).code, EXIT.usage);
  });

  it('verify checks a body, timestamp and signature', async () => {
    const body = file('body.json', '{"hook_type":"inbox"}');
    const { 'X-Signature': signature } = signPayload('{"hook_type":"inbox"}', { apiToken: TOKEN, timestamp: 1743681006 });
    assert.equal((await cli(['verify', '--body-file', body, '--timestamp', '1743681006', '--signature', signature])).code, EXIT.ok);
    const bad = await cli(['verify', '--body-file', body, '--timestamp', '1743681007', '--signature', signature]);
    assert.equal(bad.code, EXIT.failed);
    assert.match(bad.stdout, /NOT valid: mismatch/);
    assert.equal((await cli(['verify', '--body-file', body, '--timestamp', '1743681006', '--signature', signature, '--tolerance', '60'])).code, EXIT.failed);
    assert.equal((await cli(['verify', '--body-file', body])).code, EXIT.usage);
  });

  it('validate reports file:line:column and JSON path; exit 1 on problems, 2 on unreadable input', async () => {
    assert.equal((await cli(['validate', inbox])).code, EXIT.ok);
    const wrong = file('wrong.chat2desk.json', '{\n  "hook_type": "inbox",\n  "message_id": "x"\n}\n');
    const result = await cli(['validate', wrong]);
    assert.equal(result.code, EXIT.failed);
    assert.match(result.stdout, /wrong\.chat2desk\.json:3:17: \$\.message_id: "message_id" must be integer\./);
    const broken = file('broken.json', '{ "hook_type": ');
    const invalid = await cli(['validate', broken]);
    assert.equal(invalid.code, EXIT.usage);
    assert.match(invalid.stdout, /Invalid JSON at line 1, column 16/);
    assert.equal((await cli(['validate', join(dir, 'missing.json')])).code, EXIT.usage);
  });

  it('send posts files in order; exit 1 when a handler refuses', async () => {
    receiver.received.splice(0);
    const second = file('2.chat2desk.json', '{ "hook_type": "new_tag", "id": 1 }');
    const ok = await cli(['send', inbox, second, '--url', receiver.url]);
    assert.equal(ok.code, EXIT.ok, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /inbox\.chat2desk\.json -> 200 OK in \d+ ms\n2\.chat2desk\.json -> 200 OK/);
    assert.deepEqual(
      receiver.received.map((r) => r.signatureValid),
      [true, true],
    );
    const refused = await cli(['send', inbox, '--url', receiver.url, '--wrong-signature', '--json']);
    assert.equal(refused.code, EXIT.failed);
    assert.equal(JSON.parse(refused.stdout)[0].status, 401);
  });

  it('send refuses bad input before sending anything', async () => {
    receiver.received.splice(0);
    assert.match((await cli(['send', inbox, '--url', 'localhost:3000'])).stderr, /not a usable endpoint URL/);
    const wrong = file('wrong2.chat2desk.json', '{ "hook_type": "inbox", "transport": "pigeon" }');
    const invalid = await cli(['send', wrong, '--url', receiver.url]);
    assert.equal(invalid.code, EXIT.failed, 'a schema mismatch is a failed check, as in validate');
    assert.match(invalid.stderr, /does not match its schema \(use --no-validate to send anyway\)/);
    assert.equal(receiver.received.length, 0);
    assert.equal((await cli(['send', wrong, '--url', receiver.url, '--no-validate'])).code, EXIT.ok);
  });
});
