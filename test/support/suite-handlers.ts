// Webhook handlers for the suite runner's tests, each a real HTTP server on 127.0.0.1 with a side effect
// a probe can read (GET /stats -> {"count": n}): the five ways a handler is commonly written.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HandlerKind = 'idempotent' | 'double-counter' | 'refuses-duplicates' | 'correct' | 'reserialising' | 'ignores-signatures';

export interface TestHandler {
  url: string;
  statsUrl: string;
  count(): number;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 300;

function validSignature(key: string, body: Buffer, timestamp: string | undefined, signature: string | undefined): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const want = createHmac('sha256', key)
    .update(Buffer.concat([body, Buffer.from(timestamp)]))
    .digest();
  const got = Buffer.from(signature, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

function verifies(kind: HandlerKind, key: string, req: IncomingMessage, body: Buffer): boolean {
  const timestamp = req.headers['x-timestamp'] as string | undefined;
  const signature = req.headers['x-signature'] as string | undefined;
  if (kind === 'ignores-signatures') return true;
  if (timestamp && Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  // The classic bug: verifying over the re-serialised value instead of the bytes received.
  const signed = kind === 'reserialising' ? Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')))) : body;
  return validSignature(key, signed, timestamp, signature);
}

export async function startTestHandler(kind: HandlerKind, token: string): Promise<TestHandler> {
  const key = createHash('md5').update(token).digest('hex');
  let count = 0;
  const seen = new Set<string>();
  const answer = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET') {
        answer(res, 200, { count });
        return;
      }
      const body = Buffer.concat(chunks);
      let payload: { message_id?: unknown };
      try {
        if (!verifies(kind, key, req, body)) {
          answer(res, 401, { ok: false, error: 'bad signature' });
          return;
        }
        payload = JSON.parse(body.toString('utf8')) as { message_id?: unknown };
      } catch {
        answer(res, 400, { ok: false });
        return;
      }
      const id = String(payload.message_id ?? '');
      if (kind !== 'double-counter' && id && seen.has(id)) {
        // Processed once, but a duplicate answered 409: Chat2Desk would resend it until it disables the webhook.
        answer(res, kind === 'refuses-duplicates' ? 409 : 200, { ok: true, duplicate: true });
        return;
      }
      seen.add(id);
      count++;
      answer(res, 200, { ok: true, id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/hook`,
    statsUrl: `${base}/stats`,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
