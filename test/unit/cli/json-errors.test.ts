// Issue 17 item 11 and issue 18 item 6: with --json every subcommand gives one valid JSON document for its
// errors too (stdout, nothing on stderr), and the same situation exits with the same code everywhere.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli';
import { runCliCapturing, scratchFiles } from '../../support/cli';

const TOKEN = 'cli-json-errors-token-9d0e11';
const cli = (args: string[]) => runCliCapturing(args, TOKEN);

describe('CLI: --json errors in every subcommand, one exit code per situation', () => {
  const files = scratchFiles('webhook-studio-json-errors-');
  after(() => files.remove());
  const missing = join(files.dir, 'missing.chat2desk.json');
  const wrong = files.file('wrong.chat2desk.json', '{ "hook_type": "inbox", "message_id": "not a number" }');
  const url = ['--url', 'http://127.0.0.1:9/'];

  const usage: [string, string[]][] = [
    ['send: a bad option', ['send', wrong, ...url, '--bogus']],
    ['send: a missing file', ['send', missing, ...url]],
    ['sign: a missing file', ['sign', missing]],
    ['verify: missing options', ['verify']],
    ['deliver: a bad option', ['deliver', wrong, ...url, '--bogus']],
    ['deliver: a missing file', ['deliver', missing, ...url]],
    ['deliver: a bad policy', ['deliver', wrong, ...url, '--policy', 'sometimes']],
    ['listen: a bad port', ['listen', '--port', 'abc']],
    ['test: a missing suite', ['test', join(files.dir, 'missing.webhooks.json')]],
    ['types: a bad language', ['types', '--lang', 'cobol', '--out', join(files.dir, 'x')]],
    ['types: a bad option', ['types', '--bogus']],
    ['scaffold: a bad framework', ['scaffold', '--framework', 'cobol', '--out', join(files.dir, 'y')]],
    ['an unknown command', ['bogus']],
  ];
  for (const [label, args] of usage) {
    it(`${label}: exit 2, one JSON document with the error on stdout, nothing on stderr`, async () => {
      const result = await cli([...args, '--json']);
      assert.equal(result.code, EXIT.usage, result.stdout + result.stderr);
      assert.equal(result.stderr, '');
      const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
      assert.equal(typeof error.code, 'string');
      assert.ok(error.message.length > 0);
      const plain = await cli(args);
      assert.equal(plain.code, EXIT.usage, 'the same code without --json');
      assert.ok(plain.stderr.length > 0 && plain.stdout === '', plain.stdout);
    });
  }

  it('validate: a missing file is reported in its entry of the per-file JSON report, exit 2', async () => {
    const result = await cli(['validate', wrong, missing, '--json']);
    assert.equal(result.code, EXIT.usage);
    const report = JSON.parse(result.stdout) as { file: string; error?: string }[];
    assert.deepEqual(
      report.map((r) => Boolean(r.error)),
      [false, true],
    );
    assert.match(report[1].error!, /no such file/);
  });

  it('a schema mismatch exits 1 in send, deliver and validate, and is said in JSON as schema-mismatch', async () => {
    for (const args of [
      ['send', wrong, ...url],
      ['deliver', wrong, ...url],
      ['validate', wrong],
    ]) {
      const result = await cli(args);
      assert.equal(result.code, EXIT.failed, args[0]);
      assert.match(result.stdout + result.stderr, /message_id/);
    }
    for (const args of [
      ['send', wrong, ...url],
      ['deliver', wrong, ...url],
    ]) {
      const result = await cli([...args, '--json']);
      assert.equal(result.code, EXIT.failed);
      assert.equal(JSON.parse(result.stdout).error.code, 'schema-mismatch', args[0]);
    }
  });
});
