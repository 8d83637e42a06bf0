// Listen figures: captures/s with verification, schema check and forwarding on, beside a bare Node
// HTTP server answering the same requests in the same run (also with the history on disk, as in the
// extension); memory held by 10,000 captures; a 23 MB body with a wrong signature (time and memory);
// how soon a new sender is served while every slot is held by a body that never finishes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CaptureHistory } from '../../src/core/listen/history';
import { Listener } from '../../src/core/listen/listener';
import { PayloadValidator } from '../../src/core/validate';
import { buildWebhookRequest } from '../support/webhook-request';

const TOKEN = 'bench-listen-token';

/** Posts `count` requests, `concurrency` at a time over keep-alive; bounded by count and by `maxMs`. */
async function load(
  url: string,
  body: string | Buffer,
  headers: Readonly<Record<string, string>>,
  count: number,
  concurrency: number,
  maxMs = 60_000,
): Promise<{ perSecond: number; done: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let sent = 0;
  let done = 0;
  const start = performance.now();
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
        res.resume();
        res.on('end', () => {
          done++;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < count && performance.now() - start < maxMs) {
        sent++;
        await one();
      }
    }),
  );
  agent.destroy();
  return { perSecond: (done / (performance.now() - start)) * 1000, done };
}

function bareServer(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

function heapUsed(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

type Row = (name: string, value: string) => void;

export async function benchListen(schemasDir: string, row: Row): Promise<void> {
  console.log('\nListen: captures/s (verify + schema + forward) vs a bare Node HTTP server, same client, 16 at a time');
  const text = readFileSync(join(schemasDir, 'examples/chat2desk/inbox.json'), 'utf8');
  const validator = new PayloadValidator();
  const bare = await bareServer();
  const handler = await bareServer();
  const forwarded = CaptureHistory.inMemory({ maxCaptures: 10_000 });
  const listener = new Listener({ port: 0, apiToken: () => TOKEN, validator, forwardTo: urlOf(handler), history: forwarded });
  const { url } = await listener.start();
  // Signed once: every request carries the same valid signature (the tolerance is 300 s).
  const built = buildWebhookRequest({ text, url, bodyFormat: 'compact', apiToken: TOKEN });
  const COUNT = 3000;
  await load(urlOf(bare), built.body, built.headers, 300, 16); // warm-up
  await load(url, built.body, built.headers, 300, 16);
  const baseline = await load(urlOf(bare), built.body, built.headers, COUNT, 16);
  const listening = await load(url, built.body, built.headers, COUNT, 16);
  await listener.stop();
  // The same without forwarding: what verification and the schema check cost on their own.
  const local = new Listener({ port: 0, apiToken: () => TOKEN, validator, history: CaptureHistory.inMemory({ maxCaptures: 10_000 }) });
  const localUrl = (await local.start()).url;
  await load(localUrl, built.body, built.headers, 300, 16);
  const answering = await load(localUrl, built.body, built.headers, COUNT, 16);
  await local.stop();
  row(`bare Node HTTP server (${baseline.done} requests)`, `${Math.round(baseline.perSecond).toLocaleString('en')} requests/s`);
  row(`listener, verify + schema + forward (${listening.done} requests)`, `${Math.round(listening.perSecond).toLocaleString('en')} captures/s`);
  const checked = forwarded.list().filter((c) => c.signature.status === 'valid' && c.payload.schema === 'valid' && c.forward?.response?.status === 200).length;
  row('captures verified valid, schema-valid and forwarded 200', `${checked} of ${forwarded.list().length}`);
  row('ratio (listener with forwarding / bare)', `${(listening.perSecond / baseline.perSecond).toFixed(2)}x`);
  row(
    `listener, verify + schema, answering itself (${answering.done} requests)`,
    `${Math.round(answering.perSecond).toLocaleString('en')} captures/s, ratio ${(answering.perSecond / baseline.perSecond).toFixed(2)}x`,
  );

  const history = CaptureHistory.inMemory({ maxCaptures: 10_000 });
  const quiet = new Listener({ port: 0, apiToken: () => TOKEN, validator, history });
  const quietUrl = (await quiet.start()).url;
  const before = heapUsed();
  await load(quietUrl, built.body, built.headers, 10_000, 16, 120_000);
  const after = heapUsed();
  row(
    `memory for ${history.list().length.toLocaleString('en')} captures (${Buffer.byteLength(built.body)}-byte inbox body)`,
    `${((after - before) / 1024 / 1024).toFixed(1)} MB heap (${((after - before) / history.list().length / 1024).toFixed(2)} KB each)`,
  );
  await quiet.stop();

  await benchOnDisk(validator, built, baseline.perSecond, row);
  await benchLargeWrongSignature(validator, row);
  await benchStalledSlots(validator, built, row);
  for (const s of [bare, handler]) {
    s.closeAllConnections();
    s.close();
  }
}

/** The extension's setup: every capture written to the history folder (one file each). */
async function benchOnDisk(
  validator: PayloadValidator,
  built: { body: Buffer; headers: Readonly<Record<string, string>> },
  bare: number,
  row: Row,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-studio-bench-history-'));
  try {
    const history = await CaptureHistory.open(dir, { maxCaptures: 200 });
    const listener = new Listener({ port: 0, apiToken: () => TOKEN, validator, history });
    const { url } = await listener.start();
    await load(url, built.body, built.headers, 300, 16);
    const onDisk = await load(url, built.body, built.headers, 3000, 16);
    await listener.stop();
    await history.flush();
    row(
      `listener, verify + schema, history on disk (${onDisk.done} requests)`,
      `${Math.round(onDisk.perSecond).toLocaleString('en')} captures/s, ratio ${(onDisk.perSecond / bare).toFixed(2)}x`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One 23 MB body with a wrong signature: until the sender has its answer, and the memory it took (issue 17.6). */
async function benchLargeWrongSignature(validator: PayloadValidator, row: Row): Promise<void> {
  const history = CaptureHistory.inMemory();
  const listener = new Listener({ port: 0, apiToken: () => TOKEN, validator, history });
  const { url } = await listener.start();
  const body = JSON.stringify({ hook_type: 'inbox', items: Array.from({ length: 23 * 1024 }, (_, i) => ({ i, text: 'x'.repeat(1000) })) });
  const headers = { 'Content-Type': 'application/json', 'X-Signature': 'a'.repeat(64), 'X-Timestamp': String(Math.floor(Date.now() / 1000)) };
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  await load(url, body, headers, 1, 1);
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  await listener.stop();
  const verdict = history.list()[0]?.signature;
  row(
    `${(Buffer.byteLength(body) / 1024 / 1024).toFixed(0)} MB body, wrong signature: answered after`,
    `${Math.round(elapsed)} ms, peak RSS +${((peak - before) / 1024 / 1024).toFixed(0)} MB (was 3.4 s and ~900 MB); ${verdict?.status}`,
  );
}

/** Every slot held by a body that never finishes: how long a new sender waits for its answer (issue 17.5). */
async function benchStalledSlots(validator: PayloadValidator, built: { body: Buffer; headers: Readonly<Record<string, string>> }, row: Row): Promise<void> {
  const listener = new Listener({ port: 0, apiToken: () => TOKEN, validator, history: CaptureHistory.inMemory() });
  const { url } = await listener.start();
  const stalled = Array.from({ length: 256 }, () => {
    const req = request(url, { method: 'POST', headers: { 'Content-Length': '100000' } });
    req.on('error', () => undefined);
    req.write('{"hook_type":');
    return req;
  });
  const deadline = Date.now() + 10_000;
  while (listener.inProgress < 256 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const held = listener.inProgress;
  // Stalled, not merely slow: a body is given up for a new sender once it has been arriving for over 1 s.
  await new Promise((r) => setTimeout(r, 1100));
  const started = performance.now();
  let status = 0;
  await new Promise<void>((resolve) => {
    const req = request(url, { method: 'POST', headers: { ...built.headers, 'Content-Length': String(Buffer.byteLength(built.body)) } }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', () => resolve());
    req.end(built.body);
  });
  row(
    `${held} bodies that never finish (for 1 s), then a new sender: answered`,
    `${status} after ${Math.round(performance.now() - started)} ms (was 503 for up to 300 s)`,
  );
  for (const req of stalled) req.destroy();
  await listener.stop(0);
}
