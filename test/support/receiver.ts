// A webhook receiver on 127.0.0.1 that verifies signatures exactly as the Chat2Desk doc's JavaScript
// example does (createHmac('sha256', md5(token)).update(data + timestamp) === X-Signature), over the
// raw bytes it received. Deliberately independent of src/core/signature.ts.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  signatureValid: boolean;
  /** The same check over the raw bytes (as a handler reading a raw body does): holds for a body that is not UTF-8 too. */
  rawSignatureValid: boolean;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

function docVerifySignature(data: string, timestamp: string, receivedSignature: string, apiToken: string): boolean {
  const secret = createHash('md5').update(apiToken).digest('hex');
  const jsonDataWithTimestamp = data + timestamp;
  const calculatedSignature = createHmac('sha256', secret).update(jsonDataWithTimestamp).digest('hex');
  return calculatedSignature === receivedSignature;
}

/** Answers 200 {"ok":true} to a valid signature, 401 otherwise (unless `requireSignature` is false). */
export async function startReceiver(
  apiToken: string,
  options: { requireSignature?: boolean; respond?: (w: ReceivedWebhook) => { status: number; body: string } } = {},
): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const signature = String(req.headers['x-signature'] ?? '');
      const timestamp = String(req.headers['x-timestamp'] ?? '');
      const webhook: ReceivedWebhook = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        signatureValid: docVerifySignature(rawBody.toString('utf8'), timestamp, signature, apiToken),
        rawSignatureValid: createHmac('sha256', createHash('md5').update(apiToken).digest('hex')).update(rawBody).update(timestamp).digest('hex') === signature,
      };
      received.push(webhook);
      const answer =
        options.respond?.(webhook) ??
        (webhook.signatureValid || options.requireSignature === false
          ? { status: 200, body: JSON.stringify({ ok: true, received: rawBody.length }) }
          : { status: 401, body: JSON.stringify({ error: 'invalid signature' }) });
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/chat2desk`,
    received,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
