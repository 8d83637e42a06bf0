import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, runCli } from '../../../src/cli';
import { runListen } from '../../../src/cli/listen';
import { sendWebhook } from '../../../src/core/send';
import { PayloadValidator } from '../../../src/core/validate';
import { buildWebhookRequest } from '../../support/webhook-request';
import { REPO_ROOT, SCHEMAS_DIR } from '../../support/paths';
import { startReceiver } from '../../support/receiver';
import { runCliCapturing, startCliProcess } from '../../support/cli';
import { freePort } from '../../support/ports';

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
    const all = listen.out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const lines = all.slice(0, -1);
    assert.equal(lines.length, 2);
    assert.deepEqual(all.at(-1).summary, {
      received: 2,
      not_validly_signed: 1,
      forwarded: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, failed: 0 },
      not_saved: 0,
      turned_away: 0,
      ok: false,
    });
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
      const line = JSON.parse(listen.out.stdout.split('\n')[0]);
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

describe('CLI: listen hardening (the real CLI)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'webhook-studio-listen-hard-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const signed = (text: string, url: string) => sendWebhook(buildWebhookRequest({ text, url, bodyFormat: 'compact', apiToken: TOKEN }));
  const jsonLines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('--json: usage errors, a port in use, a bad --forward-to and a missing token are one JSON line on stdout', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const cases: [string[], string, RegExp][] = [
        [['--port', 'abc'], 'usage', /--port must be a whole number/],
        [['--bogus'], 'usage', /bogus/],
        [['--forward-to', 'localhost:3000'], 'invalid-url', /not a usable endpoint URL/],
        [['--port', String((busy.address() as AddressInfo).port)], 'port-in-use', /already in use/],
      ];
      for (const [args, code, message] of cases) {
        const run = await runCliCapturing(['listen', '--json', ...args], TOKEN);
        assert.equal(run.code, EXIT.usage, args.join(' '));
        const lines = run.stdout.trim().split('\n');
        assert.equal(lines.length, 1, `one line for ${args.join(' ')}: ${run.stdout}`);
        const { error } = JSON.parse(lines[0]) as { error: { code: string; message: string } };
        assert.equal(error.code, code);
        assert.match(error.message, message);
      }
      const noToken = await runCliCapturing(['listen', '--json', '--port', '0'], TOKEN, { env: {} });
      assert.match((JSON.parse(noToken.stdout) as { error: { message: string } }).error.message, /CHAT2DESK_API_TOKEN/);
    } finally {
      busy.close();
    }
  });

  it('--save-dir: a link where a fixture belongs is refused, a long event name is shortened, a failed save is reported as failed', async function () {
    this.timeout(60_000);
    const saveDir = join(dir, 'fixtures');
    const outside = join(dir, 'outside');
    mkdirSync(saveDir);
    mkdirSync(outside);
    symlinkSync(join(outside, 'created-from-the-network.json'), join(saveDir, 'inbox.chat2desk.json'));
    const listen = await startCliProcess(['listen', '--port', '0', '--json', '--save-dir', saveDir], TOKEN);
    const longEvent = 'e'.repeat(250);
    await signed(INBOX, listen.url);
    await signed(JSON.stringify({ ...JSON.parse(INBOX), hook_type: longEvent }), listen.url);
    // The sender is answered before the capture is saved and printed: wait for its line.
    const deadline = Date.now() + 10_000;
    while (listen.output().stdout.split('\n').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    rmSync(saveDir, { recursive: true });
    writeFileSync(saveDir, 'a file where the folder was');
    await signed(INBOX, listen.url);
    const run = await listen.stop();
    assert.deepEqual(readdirSync(outside), [], 'nothing written through the link');
    const [linked, long, failed, summary] = jsonLines(run.stdout);
    assert.equal(linked.saved, undefined);
    assert.match(String(linked.save_error), /inbox\.chat2desk\.json is a symbolic link: not written through it/);
    assert.match(String(long.saved), /e{100}\.chat2desk\.json$/);
    assert.ok(String(long.saved).length < String(long.saved).lastIndexOf('/') + 256);
    assert.equal(failed.saved, undefined, 'a failed save is never reported as saved');
    assert.match(String(failed.save_error), /ENOTDIR|not a directory/i);
    assert.equal((summary.summary as { not_saved: number }).not_saved, 2);
    assert.equal(run.code, EXIT.failed);
    assert.match(run.stderr, /2 not saved/);
  });

  it('Ctrl-C while a forward waits on a slow handler: stops promptly, counts it, prints it before the summary, exits 1', async function () {
    this.timeout(30_000);
    let arrived = 0;
    const slow = createServer((req) => {
      req.resume();
      arrived++; // and never answers
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const listen = await startCliProcess(
        ['listen', '--port', '0', '--json', '--forward-to', `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`],
        TOKEN,
      );
      const sent = signed(INBOX, listen.url).catch((error: Error) => error);
      const deadline = Date.now() + 10_000;
      while (arrived === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const asked = Date.now();
      const run = await listen.stop('SIGINT');
      assert.ok(Date.now() - asked < 5000, `stopped in ${Date.now() - asked} ms, not after the forward's 10 s timeout`);
      await sent;
      const [capture, summary] = jsonLines(run.stdout);
      assert.match(String(capture.forward_error), /listener stopped before the handler answered/);
      assert.deepEqual((summary.summary as { received: number; forwarded: Record<string, number> }).received, 1);
      assert.equal((summary.summary as { forwarded: Record<string, number> }).forwarded.failed, 1);
      assert.match(run.stderr, /Stopped\. 1 request\(s\) received; forwarded: 1 not answered/);
      assert.equal(run.code, EXIT.failed);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('a handler that rejects every signed request (401), or is down: the summary counts answers by class, exit 1', async function () {
    this.timeout(60_000);
    const rejecting = await startReceiver(TOKEN, { respond: () => ({ status: 401, body: '{"error":"nope"}' }) });
    try {
      const listen = await startCliProcess(['listen', '--port', '0', '--forward-to', rejecting.url], TOKEN);
      await signed(INBOX, listen.url);
      await signed(INBOX, listen.url);
      const run = await listen.stop();
      assert.match(run.stderr, /Stopped\. 2 request\(s\) received; forwarded: 2 answered 4xx\./);
      assert.equal(run.code, EXIT.failed, 'the handler accepted none of them');
    } finally {
      await rejecting.close();
    }
    const down = await startCliProcess(['listen', '--port', '0', '--forward-to', `http://127.0.0.1:${await freePort()}/`], TOKEN);
    await signed(INBOX, down.url);
    const run = await down.stop();
    assert.match(run.stderr, /forwarded: 1 not answered/);
    assert.equal(run.code, EXIT.failed);
    const accepting = await startReceiver(TOKEN);
    try {
      const listen = await startCliProcess(['listen', '--port', '0', '--forward-to', accepting.url], TOKEN);
      await signed(INBOX, listen.url);
      const ok = await listen.stop();
      assert.match(ok.stderr, /Stopped\. 1 request\(s\) received; forwarded: 1 answered 2xx\./);
      assert.equal(ok.code, EXIT.ok);
    } finally {
      await accepting.close();
    }
  });
});
