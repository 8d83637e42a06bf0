// Issue 17 item 7: payload files are read only if they are regular files of a webhook's size. Run as real
// processes: on the old code /dev/zero was read until the process was killed and a FIFO blocked forever,
// which would hang this test runner if it ran in-process.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli';
import { PAYLOAD_FILE_LIMIT_BYTES, readPayloadFile } from '../../../src/core/payload-file';
import { scratchFiles, startCliProcess } from '../../support/cli';
import { startReceiver, type Receiver } from '../../support/receiver';

const TOKEN = 'cli-file-limits-token-5a1c9e';

describe('CLI: payload files that are not files, or too large to be a webhook (issue 17.7)', function () {
  this.timeout(60_000);
  const files = scratchFiles('webhook-studio-file-limits-');
  const fifo = join(files.dir, 'pipe.chat2desk.json');
  const huge = join(files.dir, 'huge.chat2desk.json');
  let receiver: Receiver;
  before(async () => {
    execFileSync('mkfifo', [fifo]);
    writeFileSync(huge, '');
    truncateSync(huge, PAYLOAD_FILE_LIMIT_BYTES + 1);
    receiver = await startReceiver(TOKEN);
  });
  after(async () => {
    await receiver.close();
    files.remove();
  });

  const run = async (args: string[]) => {
    const started = Date.now();
    const result = await (await startCliProcess(args, TOKEN)).stop();
    return { ...result, ms: Date.now() - started };
  };

  for (const [label, args, message] of [
    ['validate /dev/zero', ['validate', '/dev/zero'], /\/dev\/zero is not a regular file \(a device\)/],
    ['send a FIFO with no writer', ['send', fifo, '--url', 'http://127.0.0.1:9/'], /pipe\.chat2desk\.json is not a regular file \(a named pipe\)/],
    ['deliver a file over the limit', ['deliver', huge, '--url', 'http://127.0.0.1:9/'], /huge\.chat2desk\.json is larger than 25\.00 MB/],
    ['validate a folder', ['validate', files.dir], /is not a regular file \(a folder\)/],
  ] as const) {
    it(`${label}: refused at once, naming the file and why, nothing sent`, async () => {
      const result = await run([...args]);
      assert.equal(result.code, EXIT.usage, result.stderr + result.stdout);
      assert.match(result.stderr + result.stdout, message);
      assert.ok(result.ms < 20_000, `answered in ${result.ms} ms`);
      assert.equal(receiver.received.length, 0);
    });
  }

  it('a regular file is read whole, up to the limit', () => {
    const path = files.file('ok.chat2desk.json', '{"hook_type":"inbox"}');
    assert.equal(readPayloadFile(path).toString(), '{"hook_type":"inbox"}');
    assert.throws(() => readPayloadFile(path, 5), /larger than 5 B/);
  });
});
