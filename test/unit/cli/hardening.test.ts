// Issue 9 for the CLI: the real CLI code against real 127.0.0.1 servers and real files.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli';
import { runCliCapturing, scratchFiles } from '../../support/cli';
import { REPO_ROOT } from '../../support/paths';
import { startReceiver, type Receiver } from '../../support/receiver';

const TOKEN = 'cli-hardening-token-31ce0f';
const { dir, file, remove: removeFiles } = scratchFiles('webhook-studio-cli-hard-');

const cli = (args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) => runCliCapturing(args, TOKEN, options);

describe('CLI hardening (issue 9)', () => {
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver(TOKEN);
  });
  after(async () => {
    await receiver.close();
    removeFiles();
  });
  beforeEach(() => receiver.received.splice(0));

  const inbox = file('inbox.chat2desk.json', '{\n  "hook_type": "inbox",\n  "text": "Hi"\n}\n');

  it('9.1: a bad --header is a usage error naming the header, before anything is sent', async () => {
    const result = await cli(['send', inbox, '--url', receiver.url, '--header', 'X-Note: caf\u00e9 \u2019q\u2019']);
    assert.equal(result.code, EXIT.usage);
    assert.match(result.stderr, /"X-Note".*U\+2019/);
    assert.equal(receiver.received.length, 0);
  });

  it('9.1: a token with an invisible character is refused with a message', async () => {
    const result = await cli(['sign', inbox], { env: { CHAT2DESK_API_TOKEN: 'abc\u200bdef' } });
    assert.equal(result.code, EXIT.usage);
    assert.match(result.stderr, /invisible.*U\+200B/);
  });

  it('9.2: EPIPE on stdout never aborts a batch (webhook-studio send ... | head -1)', async function () {
    this.timeout(60_000);
    const files = Array.from({ length: 30 }, (_, i) => file(`batch-${String(i).padStart(2, '0')}.chat2desk.json`, `{ "hook_type": "new_tag", "id": ${i} }`));
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(REPO_ROOT, 'src', 'cli.ts'), 'send', ...files, '--url', receiver.url], {
      cwd: REPO_ROOT,
      env: { ...process.env, CHAT2DESK_API_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.once('data', () => child.stdout.destroy()); // what `head -1` does after the first line
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(receiver.received.length, 30, stderr);
    assert.ok(!/EPIPE|Error:/.test(stderr), stderr);
    assert.equal(code, EXIT.ok);
  });

  it('9.3: a 6,000-deep file gets "nested too deeply"; the other files are still reported', async () => {
    const deep = file('deep.chat2desk.json', `{"hook_type":"inbox","a":${'['.repeat(6000)}${']'.repeat(6000)}}`);
    const result = await cli(['validate', inbox, deep, inbox]);
    assert.equal(result.code, EXIT.usage);
    assert.match(result.stdout, /deep\.chat2desk\.json: .*nested too deeply/);
    assert.equal(result.stdout.match(/inbox\.chat2desk\.json: valid/g)?.length, 2);
    const sign = await cli(['sign', deep]);
    assert.equal(sign.code, EXIT.usage);
    assert.match(sign.stderr, /nested too deeply/);
  });

  it('9.5: validate reports every file, readable or not', async () => {
    const result = await cli(['validate', inbox, join(dir, 'missing.json'), inbox]);
    assert.equal(result.code, EXIT.usage);
    assert.equal(result.stdout.match(/inbox\.chat2desk\.json: valid/g)?.length, 2, result.stdout);
    assert.match(result.stdout + result.stderr, /missing\.json: .*no such file/);
  });

  it('9.6: non-UTF-8 files are refused with the byte offset; UTF-16 is called UTF-16; nothing is sent', async () => {
    const cp1251 = file(
      'win1251.chat2desk.json',
      Buffer.concat([Buffer.from('{"hook_type":"inbox","text":"'), Buffer.from([0xcf, 0xf0, 0xe8]), Buffer.from('"}')]),
    );
    const utf16 = file('utf16.chat2desk.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"hook_type":"inbox"}', 'utf16le')]));
    const validate = await cli(['validate', cp1251, utf16]);
    assert.equal(validate.code, EXIT.usage);
    assert.match(validate.stdout, /win1251\.chat2desk\.json: .*not valid UTF-8.*byte offset 29/);
    assert.match(validate.stdout, /utf16\.chat2desk\.json: .*UTF-16/);
    const send = await cli(['send', cp1251, '--url', receiver.url]);
    assert.equal(send.code, EXIT.usage);
    assert.match(send.stderr, /byte offset 29/);
    assert.equal(receiver.received.length, 0);
  });

  it('9.11: the token given as --token-env or as a file name is never printed', async () => {
    const asEnvName = await cli(['sign', inbox, '--token-env', TOKEN], { env: {} });
    assert.equal(asEnvName.code, EXIT.usage);
    assert.match(asEnvName.stderr, /--token-env/);
    const asFile = await cli(['sign', TOKEN]);
    assert.equal(asFile.code, EXIT.usage);
    const asFileNoEnv = await cli(['validate', TOKEN], { env: {} });
    assert.equal(asFileNoEnv.code, EXIT.usage);
  });

  it('9.11: a handler echoing the token gets it redacted in text and --json output', async () => {
    const echo = await startReceiver(TOKEN, { respond: () => ({ status: 401, body: `{"error":"bad token ${TOKEN}"}` }) });
    try {
      for (const json of [false, true]) {
        const result = await cli(['send', inbox, '--url', echo.url, ...(json ? ['--json'] : [])]);
        assert.equal(result.code, EXIT.failed);
        if (json) assert.match(JSON.parse(result.stdout)[0].body, /bad token \[redacted\]/);
      }
    } finally {
      await echo.close();
    }
  });

  it('9.11: a user:pass@ URL is printed without the password', async () => {
    const url = receiver.url.replace('http://', 'http://me:pa55word@');
    const result = await cli(['send', inbox, '--url', url, '--json']);
    assert.ok(!(result.stdout + result.stderr).includes('pa55word'));
    const bad = await cli(['send', inbox, '--url', 'ftp://me:pa55word@127.0.0.1/']);
    assert.equal(bad.code, EXIT.usage);
    assert.ok(!bad.stderr.includes('pa55word'), bad.stderr);
  });

  describe('9.14: messages and exit codes', () => {
    it('--timeout must fit in a timer', async () => {
      const result = await cli(['send', inbox, '--url', receiver.url, '--timeout', '99999999']);
      assert.equal(result.code, EXIT.usage);
      assert.match(result.stderr, /--timeout must be/);
      assert.equal(receiver.received.length, 0);
    });

    it('--timestamp must be whole non-negative Unix seconds', async () => {
      for (const value of ['1e23', '9007199254740993', '-5']) {
        const result = await cli(['sign', inbox, `--timestamp=${value}`]);
        assert.equal(result.code, EXIT.usage, value);
        assert.match(result.stderr, /timestamp/i);
      }
    });

    it('--timestamp-offset -600 is a number, not an ambiguous option', async () => {
      const result = await cli(['sign', inbox, '--timestamp', '1743681006', '--timestamp-offset', '-600']);
      assert.equal(result.code, EXIT.ok, result.stderr);
      assert.match(result.stdout, /X-Timestamp: 1743680406/);
    });

    it('sign refuses send-only options instead of ignoring them', async () => {
      for (const extra of [['--url', receiver.url], ['--wrong-signature'], ['--header', 'X-A: 1'], ['--timeout', '5'], ['--no-validate']]) {
        const result = await cli(['sign', inbox, ...extra]);
        assert.equal(result.code, EXIT.usage, extra.join(' '));
        assert.match(result.stderr, /sign does not take --/);
      }
    });

    it('--json prints errors as JSON too', async () => {
      const result = await cli(['send', join(dir, 'missing.json'), '--url', receiver.url, '--json']);
      assert.equal(result.code, EXIT.usage);
      const parsed = JSON.parse(result.stdout);
      assert.match(parsed.error.message, /missing\.json/);
      const badOption = await cli(['send', inbox, '--bogus', '--json']);
      assert.equal(badOption.code, EXIT.usage);
      assert.match(JSON.parse(badOption.stdout).error.message, /--bogus/);
    });

    it('a schema mismatch exits 1 in send as in validate', async () => {
      const wrong = file('wrong.chat2desk.json', '{ "hook_type": "inbox", "transport": "pigeon" }');
      assert.equal((await cli(['validate', wrong])).code, EXIT.failed);
      const send = await cli(['send', wrong, '--url', receiver.url]);
      assert.equal(send.code, EXIT.failed);
      assert.match(send.stderr, /does not match its schema/);
      assert.equal(receiver.received.length, 0);
    });

    it('an unknown command is a usage error, even with --help', async () => {
      const result = await cli(['bogus', '--help']);
      assert.equal(result.code, EXIT.usage);
      assert.match(result.stderr, /Unknown command "bogus"/);
    });

    it('a wrong signature is said so in the output', async () => {
      const result = await cli(['send', inbox, '--url', receiver.url, '--wrong-signature']);
      assert.match(result.stdout, /deliberately wrong signature/);
    });
  });

  it('9.14: a folder named x.json does not offer "Send as Signed Webhook"', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const explorer = manifest.contributes.menus['explorer/context'] as { command: string; when: string }[];
    for (const entry of explorer.filter((e) => e.command.startsWith('webhookStudio.send'))) assert.match(entry.when, /!explorerResourceIsFolder/);
    mkdirSync(join(dir, 'folder.json'));
  });
});
