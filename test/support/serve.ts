// A test HTTP server on 127.0.0.1 with a free port, and its closing (open connections included).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function serve(handler: Parameters<typeof createServer>[1], path = ''): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, server };
}

export const close = (server: Server): Promise<void> =>
  new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
