// Chat2Desk webhook handler on plain node:http: POST /webhooks/chat2desk, GET /stats (for the contract suite).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { acceptEvent, checkChat2DeskSignature, requireApiToken, stats, toleranceSeconds } from './chat2desk-webhook.js';

requireApiToken();

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function receiveEvent(res: ServerResponse, rawBody: Buffer): void {
  const answer = acceptEvent(rawBody);
  reply(res, answer.status, answer.body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // #region signature-guard
  if (req.method === 'POST' && path === '/webhooks/chat2desk') {
    // The signature covers the bytes as sent: collect them before anything parses them (at most 1 MiB).
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      if ((size += chunk.length) > 1024 * 1024) return void res.writeHead(413).end();
      chunks.push(chunk);
    }
    const rawBody = Buffer.concat(chunks);
    const header = (name = '') => [req.headers[name]].flat()[0];
    const refused = checkChat2DeskSignature(rawBody, header('x-signature'), header('x-timestamp'), process.env.CHAT2DESK_API_TOKEN, toleranceSeconds());
    if (refused) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: refused }));
    return receiveEvent(res, rawBody);
  }
  // #endregion
  if (req.method === 'GET' && path === '/stats') return reply(res, 200, stats);
  reply(res, 404, { ok: false, error: 'not found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) reply(res, 500, { ok: false });
  });
});

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1'; // HOST=0.0.0.0 in a container
server.listen(port, host, () => console.log(`Chat2Desk webhooks on http://${host}:${port}/webhooks/chat2desk`));
