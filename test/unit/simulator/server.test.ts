import * as assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Chat2DeskClient } from '../../../src/core/chat2desk/api';
import { Chat2DeskSimulator } from '../../../src/simulator/server';

const TOKEN = 'simulator-unit-token';

describe('Chat2Desk API simulator', () => {
  it('survives a request whose body is aborted half way (no unhandled rejection) and keeps answering', async () => {
    const simulator = new Chat2DeskSimulator({ token: TOKEN });
    const url = new URL(await simulator.start());
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    // Mocha has its own listener; ours records what would have killed a plain `npm run simulator`.
    process.prependListener('unhandledRejection', onUnhandled);
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => {
          socket.write(
            `POST /v1/webhooks HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"half`,
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        });
        socket.on('error', reject);
      });
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(unhandled, []);
      assert.equal((await new Chat2DeskClient({ baseUrl: simulator.url, token: TOKEN, timeoutMs: 2000 }).listWebhooks()).length, 3);
    } finally {
      process.removeListener('unhandledRejection', onUnhandled);
      await simulator.stop();
    }
  });
});
