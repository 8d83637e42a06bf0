// Listen figures: captures/s with verification, schema check and forwarding on, beside a bare Node
// HTTP server answering the same requests in the same run; and memory held by 10,000 captures.
import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function benchListen(schemasDir: string, row: (name: string, value: string) => void): Promise<void> {
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
  for (const s of [bare, handler]) {
    s.closeAllConnections();
    s.close();
  }
}
