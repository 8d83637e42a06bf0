// Deliver, hardening round 2 (issue 17): what real handlers showed, through the real CLI and real
// 127.0.0.1 servers.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EXIT } from '../../src/cli';
import { runCliCapturing, scratchFiles } from '../support/cli';

const TOKEN = 'deliver-hardening-token-93fa';
const { file, remove: removeFiles } = scratchFiles('webhook-studio-deliver-hardening-');
const cli = (args: string[]) => runCliCapturing(args, TOKEN, { env: { CHAT2DESK_API_TOKEN: TOKEN } });
const inbox = file('inbox.chat2desk.json', '{"hook_type":"inbox","message_id":1}');

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}
const close = (server: Server) =>
  new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });

describe('deliver: hardening round 2', () => {
  after(removeFiles);

  it('each attempt opens its own connection: a handler that closes its connection after a 500 gets the resend (uvicorn)', async () => {
    // Answers 500 to the first request, then closes that connection as uvicorn does. A request that
    // still arrives on it (a client reusing a kept-alive connection) meets a closed socket.
    const closing = new Set<Socket>();
    let answered = 0;
    const { url, server } = await serve((req, res) => {
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
});
