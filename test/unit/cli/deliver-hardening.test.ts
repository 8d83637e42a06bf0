// Deliver, hardening round 2 (issue 17): what real handlers showed, through the real CLI and real
// 127.0.0.1 servers.
import * as assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { EXIT } from '../../../src/cli';
import { computeSignature, signingKeyFromToken } from '../../../src/core/signature';
import { runCliCapturing, scratchFiles } from '../../support/cli';
import { close, serve } from '../../support/serve';

const serveHook = (handler: Parameters<typeof serve>[0]) => serve(handler, '/hook');

const TOKEN = 'deliver-hardening-token-93fa';
const { file, remove: removeFiles } = scratchFiles('webhook-studio-deliver-hardening-');
const cli = (args: string[]) => runCliCapturing(args, TOKEN, { env: { CHAT2DESK_API_TOKEN: TOKEN } });
const inbox = file('inbox.chat2desk.json', '{"hook_type":"inbox","message_id":1}');

describe('deliver: hardening round 2', () => {
  after(removeFiles);

  it('120 fixtures in one deliver print no MaxListenersExceededWarning (one abort listener per run, not per attempt)', async () => {
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(500).end('{"error":"down"}'));
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const files = Array.from({ length: 120 }, (_, i) => file(`many-${String(i).padStart(3, '0')}.chat2desk.json`, JSON.stringify({ hook_type: 'inbox', i })));
      const { code, stdout } = await cli(['deliver', ...files, '--url', url, '--policy', 'custom:1,2', '--time-scale', 'inf']);
      assert.equal(code, EXIT.failed);
      assert.match(stdout, /0 of 120 deliveries accepted; 360 attempts/);
      await new Promise((r) => setImmediate(r)); // warnings are emitted on a later tick
      assert.deepEqual(
        warnings.map((w) => `${w.name}: ${w.message}`),
        [],
      );
    } finally {
      process.off('warning', onWarning);
      await close(server);
    }
  });

  it('each attempt opens its own connection: a handler that closes its connection after a 500 gets the resend (uvicorn)', async () => {
    // Answers 500 to the first request, then closes that connection as uvicorn does. A request that
    // still arrives on it (a client reusing a kept-alive connection) meets a closed socket.
    const closing = new Set<Socket>();
    let answered = 0;
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      req.on('end', () => {
        if (closing.has(req.socket)) return void req.socket.destroy();
        if (answered++ > 0) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
        closing.add(req.socket);
        res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"boom"}');
        setTimeout(() => req.socket.destroy(), 200);
      });
    });
    try {
      const { code, stdout } = await cli(['deliver', inbox, '--url', url, '--policy', 'immediate', '--time-scale', 'inf']);
      assert.match(stdout, /delivered at attempt 2 of 4 \[500, 200\]/);
      assert.doesNotMatch(stdout, /network/i);
      assert.equal(code, EXIT.ok, stdout);
    } finally {
      await close(server);
    }
  });

  it('an endless answer body is cut at the read limit and said so, not reported as "no answer"', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      req.on('end', pump);
    });
    try {
      const { code, stdout } = await cli(['deliver', inbox, '--url', url, '--policy', 'once', '--timeout', '5']);
      assert.match(stdout, /attempt 1: 200 OK in .*; body cut at 1\.00 MB: the handler sent more, which was not read/);
      assert.doesNotMatch(stdout, /no answer/);
      assert.equal(code, EXIT.ok, stdout);
    } finally {
      await close(server);
    }
  });

  it('a body that stops after the headers is a timeout that says the handler answered, and how much came', async () => {
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).write('{"ok":'));
    });
    try {
      const { code, stdout } = await cli(['deliver', inbox, '--url', url, '--policy', 'once', '--timeout', '0.3']);
      assert.match(stdout, /attempt 1: answered 200 OK after \d+ ms, but the body did not finish within 300 ms \(6 bytes read\)/);
      assert.doesNotMatch(stdout, /no answer/);
      assert.equal(code, EXIT.failed);
    } finally {
      await close(server);
    }
  });

  it('headers past the 200th are counted and said so; none is dropped silently (Content-Length after 1200 headers still frames the body)', async () => {
    let count = 300;
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      const headers: [string, string][] = [];
      for (let i = 0; i < count; i++) headers.push([`x-h${i}`, '1']);
      headers.push(['content-length', '11']);
      req.on('end', () => res.writeHead(200, headers.flat()).end('{"ok":true}'));
    });
    try {
      const many = await cli(['deliver', inbox, '--url', url, '--policy', 'once', '--timeout', '2']);
      assert.match(many.stdout, /attempt 1: 200 OK in \d+ ms; 30\d response headers, the first 200 kept, X-Timestamp \d+; answer: \{"ok":true\}/);
      count = 1200;
      const more = await cli(['deliver', inbox, '--url', url, '--policy', 'once', '--timeout', '2']);
      assert.match(more.stdout, /attempt 1: 200 OK in \d+ ms; 120\d response headers, the first 200 kept, X-Timestamp \d+; answer: \{"ok":true\}/);
      assert.equal(more.code, EXIT.ok, more.stdout);
    } finally {
      await close(server);
    }
  });

  it('the text timeline shows what the handler answered (a "skipped" was only in --json)', async () => {
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{\n  "status": "skipped",\n  "reason": "duplicate \u001b[31mred"\n}'),
      );
    });
    try {
      const { stdout } = await cli(['deliver', inbox, '--url', url, '--policy', 'once']);
      assert.match(stdout, /attempt 1: 200 OK in .*; answer: \{ "status": "skipped", "reason": "duplicate \\u001b\[31mred" \}\n/);
    } finally {
      await close(server);
    }
  });

  it('the token, its MD5 key and the URL password never reach the timeline, text or --json, even when the handler echoes them', async () => {
    const key = signingKeyFromToken(TOKEN);
    const password = 'pa55-w0rd-7q';
    const { url, server } = await serveHook((req, res) => {
      req.resume();
      req.on('end', () =>
        res
          .writeHead(req.headers['x-attempt'] ? 200 : 302, `echo ${TOKEN}`, { Location: `http://elsewhere/?t=${TOKEN}&k=${key}&p=${password}` })
          .end(JSON.stringify({ token: TOKEN, key, password })),
      );
    });
    const withPassword = url.replace('http://', `http://user:${password}@`);
    try {
      for (const args of [[], ['--json'], ['--header', 'X-Attempt: 1'], ['--header', 'X-Attempt: 1', '--json']]) {
        const { stdout, stderr } = await cli(['deliver', inbox, '--url', withPassword, '--policy', 'once', ...args]);
        for (const secret of [TOKEN, key, password]) assert.ok(!`${stdout}${stderr}`.includes(secret), `${secret} in ${args.join(' ')}:\n${stdout}`);
        assert.match(stdout, /\[redacted\]/, 'what was echoed is shown redacted');
      }
    } finally {
      await close(server);
    }
  });

  it('--interval SECONDS waits between the events of a sequence, at real speed whatever the time scale', async () => {
    const arrivals: number[] = [];
    const { url, server } = await serveHook((req, res) => {
      arrivals.push(performance.now());
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    try {
      const files = ['new_request', 'inbox', 'close_dialog'].map((hook) => file(`interval-${hook}.chat2desk.json`, JSON.stringify({ hook_type: hook })));
      const { code, stdout, stderr } = await cli(['deliver', ...files, '--url', url, '--interval', '0.25', '--time-scale', 'inf']);
      assert.equal(code, EXIT.ok, `${stdout}${stderr}`);
      assert.match(stdout, /250 ms between events \(real time\)/);
      assert.equal(arrivals.length, 3);
      for (let i = 1; i < 3; i++)
        assert.ok(arrivals[i] - arrivals[i - 1] >= 240, `event ${i + 1} came ${arrivals[i] - arrivals[i - 1]} ms after the previous one`);
      const bad = await cli(['deliver', ...files, '--url', url, '--interval', 'soon']);
      assert.equal(bad.code, EXIT.usage);
      assert.match(bad.stderr, /The interval must be a number of seconds from 0 to 3600, e\.g\. 2 or 0\.5; got "soon"/);
    } finally {
      await close(server);
    }
  });

  it('--format escaped catches a handler that verifies over re-serialised JSON (send and deliver)', async () => {
    // The mistake: JSON.stringify(JSON.parse(body)) instead of the raw body. It passes with compact bodies.
    const { url, server } = await serveHook((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reserialised = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        const ok = computeSignature(reserialised, String(req.headers['x-timestamp']), signingKeyFromToken(TOKEN)) === req.headers['x-signature'];
        res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' }).end(ok ? '{"ok":true}' : '{"error":"bad signature"}');
      });
    });
    try {
      const cyrillic = file('escaped-inbox.chat2desk.json', '{\n  "hook_type": "inbox",\n  "text": "Привет, https://example.com/a"\n}\n');
      const compact = await cli(['send', cyrillic, '--url', url]);
      assert.equal(compact.code, EXIT.ok, `compact passes the mistaken check: ${compact.stdout}`);
      const escaped = await cli(['send', cyrillic, '--url', url, '--format', 'escaped']);
      assert.equal(escaped.code, EXIT.failed);
      assert.match(escaped.stdout, /-> 401 Unauthorized/);
      const delivered = await cli(['deliver', cyrillic, '--url', url, '--format', 'escaped', '--policy', 'once']);
      assert.match(delivered.stdout, /attempt 1: 401 Unauthorized .*; answer: \{"error":"bad signature"\}/);
      const bad = await cli(['deliver', cyrillic, '--url', url, '--format', 'php']);
      assert.match(bad.stderr, /--format must be one of compact, asWritten, escaped; got "php"/);
    } finally {
      await close(server);
    }
  });
});
