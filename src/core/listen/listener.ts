// The receiving end: an HTTP server on 127.0.0.1 that captures every request (raw bytes), gives it a
// signature and a payload verdict, answers as configured or forwards it byte for byte to the user's
// handler, and records it in the history. Used by the extension, the CLI and the benchmarks.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, WebhookStudioError } from '../errors';
import { httpRequest, type HttpRequest } from '../send';
import type { PayloadValidator } from '../validate';
import { encodeBody, type Capture, type CapturedResponse, type ForwardResult } from './capture';
import { DEFAULT_LISTEN_PORT, DEFAULT_REPLY, DEFAULT_TOLERANCE_SECONDS } from './defaults';
import type { CaptureHistory } from './history';
import { payloadVerdict } from './payload-verdict';
import { signatureVerdict, type SignatureVerdict } from './signature-verdict';

export class PortInUseError extends WebhookStudioError {
  readonly code = 'port-in-use';
  constructor(readonly port: number) {
    super(
      `Port ${port} on 127.0.0.1 is already in use (another listener, or another program).`,
      'Stop the other program, or choose another port (the "webhookStudio.listen.port" setting, or --port).',
    );
  }
}

export class BindError extends WebhookStudioError {
  readonly code = 'bind';
  constructor(
    readonly port: number,
    detail: string,
  ) {
    super(
      `Cannot listen on 127.0.0.1:${port}: ${detail}.`,
      port < 1024 ? 'Ports below 1024 need administrator rights: use a port from 1024 to 65535.' : 'Choose another port.',
    );
  }
}

export interface ListenerOptions {
  port?: number;
  /** When the port is taken, listen on a free one instead (and say so) rather than fail. */
  fallbackToFreePort?: boolean;
  /** Read per request, so a token set while listening is used at once. */
  apiToken?: () => string | undefined;
  toleranceSeconds?: number;
  reply?: CapturedResponse;
  /** The user's handler: requests are passed on and its answer returned. */
  forwardTo?: string;
  forwardTimeoutMs?: number;
  validator?: PayloadValidator;
  history: CaptureHistory;
  /** Requests larger than this are answered 413 (and captured, truncated). */
  maxRequestBytes?: number;
  /** Bodies are stored up to this size; the rest is dropped and the capture marked truncated. */
  maxStoredBodyBytes?: number;
  /** Requests handled at once; beyond that the sender is asked to retry (503). */
  maxConcurrent?: number;
  now?: () => number;
}

export interface ListenAddress {
  url: string;
  port: number;
  requestedPort: number;
  /** The requested port was taken and a free one was used. */
  fellBack: boolean;
}

/** The largest handler answer Listen passes back (a webhook's answer is a status and a few bytes). */
const FORWARD_RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;

/** Hop-by-hop headers belong to one connection, never forwarded (RFC 9110 7.6.1); Host and the length are set anew. */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);
const FORWARD_METHODS = new Set<HttpRequest['method']>(['GET', 'POST', 'PUT', 'DELETE']);

export class Listener {
  readonly sessionId: string;
  private server: Server | undefined;
  private inFlight = new Set<Promise<void>>();
  private readonly captureListeners = new Set<(capture: Capture) => void>();
  address: ListenAddress | undefined;
  /** Requests turned away because too many were in flight. */
  rejected = 0;

  constructor(private readonly options: ListenerOptions) {
    this.sessionId = `${new Date((options.now ?? Date.now)()).toISOString()}#${randomBytes(3).toString('hex')}`;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  onCapture(listener: (capture: Capture) => void): { dispose(): void } {
    this.captureListeners.add(listener);
    return { dispose: () => this.captureListeners.delete(listener) };
  }

  async start(): Promise<ListenAddress> {
    const requestedPort = this.options.port ?? DEFAULT_LISTEN_PORT;
    let port: number;
    try {
      port = await this.bind(requestedPort);
    } catch (error) {
      if (!(error instanceof PortInUseError) || !this.options.fallbackToFreePort) throw error;
      port = await this.bind(0);
    }
    this.address = { url: `http://127.0.0.1:${port}`, port, requestedPort, fellBack: port !== requestedPort && requestedPort !== 0 };
    return this.address;
  }

  private bind(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => this.handle(req, res));
      server.maxHeadersCount = 200;
      server.once('error', (error: NodeJS.ErrnoException) => {
        server.close();
        if (error.code === 'EADDRINUSE') reject(new PortInUseError(port));
        else reject(new BindError(port, error.code === 'EACCES' ? 'permission denied' : describeError(error)));
      });
      server.listen(port, '127.0.0.1', () => {
        this.server = server;
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting, lets requests in progress finish (up to `graceMs`), then closes every connection. */
  async stop(graceMs = 2000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, graceMs).unref())]);
    server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.inFlight.size >= (this.options.maxConcurrent ?? 256)) {
      this.rejected++;
      req.resume();
      res
        .writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' })
        .end('{"error":"Webhook Studio listener is busy: too many requests at once"}');
      return;
    }
    const work = this.receive(req, res).catch((error: unknown) => {
      // A bug of ours must not leave the sender hanging, nor stop the listener.
      if (!res.headersSent && !res.destroyed)
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: `Webhook Studio could not process this request: ${describeError(error)}` }));
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = new Date((this.options.now ?? Date.now)()).toISOString();
    const maxRequest = this.options.maxRequestBytes ?? 25 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    const complete = await new Promise<boolean>((resolve) => {
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxRequest) chunks.push(chunk);
      });
      req.on('end', () => resolve(true));
      req.on('error', () => resolve(false));
      req.on('close', () => resolve(req.complete));
    });
    const raw = Buffer.concat(chunks);
    const tooLarge = size > maxRequest;
    const headers = rawHeaderRecord(req.rawHeaders);
    const url = new URL(req.url ?? '/', 'http://listener');
    const method = req.method ?? 'GET';

    let signature: SignatureVerdict;
    if (!complete) signature = { status: 'unverified', explanation: 'The sender closed the connection before the body was complete: nothing to verify.' };
    else if (tooLarge)
      signature = { status: 'unverified', explanation: `The body (${size} bytes) is over the ${maxRequest}-byte limit: answered 413, not verified.` };
    else
      signature = signatureVerdict({
        body: raw,
        headers,
        apiToken: this.options.apiToken?.(),
        toleranceSeconds: this.options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
        now: this.options.now,
      });

    const maxStored = this.options.maxStoredBodyBytes ?? 1024 * 1024;
    const truncated = tooLarge || raw.length > maxStored;
    const stored = raw.subarray(0, Math.min(raw.length, maxStored));
    const payload = payloadVerdict(complete ? raw.toString('utf8') : '', this.options.validator, { truncated });

    let reply: CapturedResponse;
    let forward: ForwardResult | undefined;
    /** The handler's answer as it sent it: passed back unchanged (the capture keeps it as text). */
    let replyBytes: Buffer | undefined;
    if (!complete) reply = { status: 0, headers: {}, body: '' };
    else if (tooLarge)
      reply = { status: 413, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: `Body over ${maxRequest} bytes` }) };
    else if (this.options.forwardTo) {
      const { bodyBytes, ...result } = await this.forward(method, url, headers, raw);
      forward = result;
      replyBytes = bodyBytes;
      reply = result.response ?? {
        status: 502,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: `Webhook Studio has no answer of your handler to pass on: ${result.error}` }),
      };
    } else reply = this.options.reply ?? DEFAULT_REPLY;

    if (complete && !res.destroyed) {
      const out = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !NOT_FORWARDED.has(name.toLowerCase())));
      res.writeHead(reply.status, out).end(replyBytes ?? reply.body);
    }
    const capture: Capture = {
      id: this.options.history.newId(),
      sessionId: this.sessionId,
      receivedAt,
      method,
      path: url.pathname,
      query: url.search,
      headers,
      ...encodeBody(stored),
      bodyBytes: size,
      truncated,
      ...(complete ? {} : { incomplete: true }),
      signature,
      payload,
      reply,
      ...(forward ? { forward } : {}),
    };
    this.options.history.add(capture);
    for (const listener of this.captureListeners) listener(capture);
  }

  private async forward(method: string, url: URL, headers: Record<string, string>, body: Buffer): Promise<ForwardResult & { bodyBytes?: Buffer }> {
    const target = new URL(this.options.forwardTo!);
    // The handler URL's path, plus the query the sender used (Chat2Desk adds none, tunnels may).
    if (url.search && !target.search) target.search = url.search;
    const started = performance.now();
    if (!FORWARD_METHODS.has(method as HttpRequest['method'])) return { url: target.toString(), error: `${method} requests are not forwarded`, latencyMs: 0 };
    const passed = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_FORWARDED.has(name.toLowerCase())));
    try {
      const response = await httpRequest(
        { url: target.toString(), method: method as HttpRequest['method'], headers: passed, body: method === 'GET' ? undefined : body },
        { timeoutMs: this.options.forwardTimeoutMs ?? 10_000, keepBodyBytes: true, maxResponseBytes: FORWARD_RESPONSE_LIMIT_BYTES },
      );
      // Passing on part of an answer as if it were all of it would mislead the sender: say so instead.
      if (response.truncated) {
        return {
          url: target.toString(),
          error: `the handler's answer is over ${FORWARD_RESPONSE_LIMIT_BYTES} bytes, more than Listen passes back`,
          latencyMs: response.elapsedMs,
        };
      }
      return {
        url: target.toString(),
        response: { status: response.status, headers: response.headers, body: response.body },
        bodyBytes: response.bodyBytes,
        latencyMs: response.elapsedMs,
      };
    } catch (error) {
      return { url: target.toString(), error: describeError(error), latencyMs: performance.now() - started };
    }
  }
}

/** Headers with the sender's own spelling; repeated ones joined as HTTP allows. */
function rawHeaderRecord(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const existing = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing) headers[existing] = `${headers[existing]}, ${raw[i + 1]}`;
    else headers[name] = raw[i + 1];
  }
  return headers;
}
