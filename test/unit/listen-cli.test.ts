import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, runCli } from '../../src/cli';
import { runListen } from '../../src/cli/listen';
import { sendWebhook } from '../../src/core/send';
import { PayloadValidator } from '../../src/core/validate';
import { buildWebhookRequest } from '../support/webhook-request';
import { REPO_ROOT, SCHEMAS_DIR } from '../support/paths';
import { startReceiver } from '../support/receiver';

const TOKEN = 'listen-cli-token-9f';
const INBOX = readFileSync(join(SCHEMAS_DIR, 'examples/chat2desk/inbox.json'), 'utf8');

/** Starts `listen` in-process; resolves once it prints its address. */
async function startListen(args: string[], env: NodeJS.ProcessEnv = { CHAT2DESK_API_TOKEN: TOKEN }) {
  const out = { stdout: '', stderr: '' };
  const stop = new AbortController();
  const done = runListen(
    args,
    { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env, readStdin: async () => '', schemasDir: SCHEMAS_DIR },
    [],
    stop.signal,
  );
  const deadline = Date.now() + 5000;
  while (!/Listening on (\S+?)[.,( ]/.test(out.stderr)) {
    if (Date.now() > deadline) throw new Error(`listen did not start: ${out.stderr}`);
    const early = await Promise.race([done, new Promise((r) => setTimeout(() => r(undefined), 20))]);
    if (early !== undefined) return { out, url: '', done, stop: () => done };
  }
  const url = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stderr)![1];
  return {
    out,
    url,
    done,
    stop: () => {
      stop.abort();
      return done;
    },
  };
}

describe('CLI: listen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-studio-listen-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object per capture with the documented fields; exit 1 when a signature failed', async () => {
    const saveDir = join(dir, 'fixtures');
    const listen = await startListen(['--port', '0', '--json', '--save-dir', saveDir]);
    await sendWebhook(buildWebhookRequest({ text: INBOX, url: `${listen.url}/c2d`, bodyFormat: 'compact', apiToken: TOKEN }));
    await sendWebhook(buildWebhookRequest({ text: INBOX, url: `${listen.url}/c2d`, bodyFormat: 'compact', apiToken: 'another-token' }));
    const code = await listen.stop();
    const lines = listen.out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    for (const field of ['method', 'path', 'hook_type', 'signature', 'schema', 'forward_status']) assert.ok(field in lines[0], `field ${field}`);
    assert.deepEqual(
      lines.map((l) => [l.method, l.path, l.hook_type, l.signature, l.schema, l.forward_status]),
      [
        ['POST', '/c2d', 'inbox', 'valid', 'valid', null],
        ['POST', '/c2d', 'inbox', 'mismatch', 'valid', null],
      ],
    );
    assert.equal(code, EXIT.failed);
    assert.match(listen.out.stderr, /Stopped\. 2 request\(s\) received, 1 not validly signed/);
    assert.deepEqual(readdirSync(saveDir).sort(), ['inbox-2.chat2desk.json', 'inbox.chat2desk.json']);
    const validator = new PayloadValidator();
    assert.deepEqual(validator.validateText(readFileSync(join(saveDir, 'inbox.chat2desk.json'), 'utf8')).issues, []);
    assert.ok(!listen.out.stdout.includes(TOKEN) && !listen.out.stderr.includes(TOKEN), 'the token is never printed');
  });

  it("--forward-to passes requests on; forward_status is the handler's; exit 0 when all was valid", async () => {
    const receiver = await startReceiver(TOKEN);
    try {
      const listen = await startListen(['--port', '0', '--json', '--forward-to', receiver.url]);
      const response = await sendWebhook(buildWebhookRequest({ text: INBOX, url: listen.url, bodyFormat: 'compact', apiToken: TOKEN }));
      assert.equal(response.status, 200);
      assert.equal(await listen.stop(), EXIT.ok);
      const line = JSON.parse(listen.out.stdout);
      assert.equal(line.forward_status, 200);
      assert.equal(receiver.received[0].signatureValid, true);
    } finally {
      await receiver.close();
    }
  });

  it('usage errors and a taken explicit port exit 2 with a clear message', async () => {
    const run = async (args: string[], env: NodeJS.ProcessEnv = { CHAT2DESK_API_TOKEN: TOKEN }) => {
      let stderr = '';
      const code = await runCli(['listen', ...args], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env,
        readStdin: async () => '',
        schemasDir: SCHEMAS_DIR,
      });
      return { code, stderr };
    };
    assert.equal((await run(['--port', 'abc'])).code, EXIT.usage);
    assert.equal((await run(['--status', '200', '--forward-to', 'http://127.0.0.1:1/'])).code, EXIT.usage);
    assert.match((await run(['--forward-to', 'localhost:3000'])).stderr, /not a usable endpoint URL/);
    assert.match((await run(['--port', '0'], {})).stderr, /CHAT2DESK_API_TOKEN/);
    assert.equal((await run(['--bogus'])).code, EXIT.usage);
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const taken = await run(['--port', String((busy.address() as AddressInfo).port)]);
      assert.equal(taken.code, EXIT.usage);
      assert.match(taken.stderr, /already in use/);
    } finally {
      busy.close();
    }
  });

  it('Ctrl-C (SIGINT) stops the process cleanly', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli.ts'), 'listen', '--port', '0'], {
      env: { ...process.env, CHAT2DESK_API_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const deadline = Date.now() + 20_000;
    while (!/Listening on/.test(stderr) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    assert.match(stderr, /Listening on http:\/\/127\.0\.0\.1:\d+/);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGINT');
    assert.equal(await exited, EXIT.ok);
    assert.match(stderr, /Stopped\. 0 request\(s\) received\./);
  });
});
