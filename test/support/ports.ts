import { createServer } from 'node:net';

/** A port on 127.0.0.1 that nothing listens on (bound, then released): for a server to take, or a refused connection. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
