// The listen suites' helpers: a listener on a free port for the length of a test, and raw requests to it.
import { request } from 'node:http';
import { CaptureHistory } from '../../src/core/listen/history';
import { Listener, type ListenerOptions } from '../../src/core/listen/listener';

/** Sends a raw POST and resolves with the status and body text (and, on request, the body's bytes). */
export function postRaw(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
  answer?: { bytes?: Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (answer) answer.bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts a listener (port 0, the given token, an in-memory history unless one is given), runs `run`, stops it. */
export async function withListener(
  defaults: Partial<ListenerOptions>,
  options: Partial<ListenerOptions>,
  run: (listener: Listener, url: string, history: CaptureHistory) => Promise<void>,
): Promise<void> {
  const history = options.history ?? CaptureHistory.inMemory();
  const listener = new Listener({ port: 0, ...defaults, ...options, history });
  const { url } = await listener.start();
  try {
    await run(listener, url, history);
  } finally {
    await listener.stop();
  }
}
