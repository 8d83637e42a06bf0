// The receiving end: an HTTP server on 127.0.0.1 that captures every request (raw bytes), gives it a
// signature and a payload verdict, answers as configured or forwards it byte for byte to the user's
// handler, and records it in the history. Used by the extension, the CLI and the benchmarks.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, WebhookStudioError } from '../errors';
import { t } from '../l10n';
import type { ProblemFinder } from '../payload';
import { redactUrl, secretsOfToken } from '../redact';
import { httpRequest, type HttpRequest } from '../send';
import { encodeBody, type Capture, type CapturedResponse, type ForwardResult } from './capture';
import { DEFAULT_LISTEN_PORT, DEFAULT_REPLY, DEFAULT_TOLERANCE_SECONDS } from './defaults';
import type { CaptureHistory } from './history';
import { payloadVerdict, readBody, type ReadBody } from './payload-verdict';
import { longestForm, redactBytes, redactCapture, secretForms, urlSecrets } from './redact-capture';
import { readRequestBody, type CutOff, type RequestBody } from './request-body';
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
  /** Other secrets kept out of captures (the token is one already, and the forward URL's password). */
  secrets?: () => readonly string[];
  toleranceSeconds?: number;
  reply?: CapturedResponse;
  /** The user's handler: requests are passed on and its answer returned. */
  forwardTo?: string;
  forwardTimeoutMs?: number;
  validator?: ProblemFinder;
  history: CaptureHistory;
  /** Requests larger than this are answered 413 (and captured, truncated). */
  maxRequestBytes?: number;
  /** Bodies are stored up to this size; the rest is dropped and the capture marked truncated. */
  maxStoredBodyBytes?: number;
  /** Requests handled at once; beyond that the sender is asked to retry (503). */
  maxConcurrent?: number;
  /** A body must arrive whole within this of its request (default 30 s), else 408. */
  bodyTimeoutMs?: number;
  /** ... with no pause between its parts longer than this (default 10 s). */
  bodyIdleMs?: number;
  /** When every slot is taken, a body still arriving after this long (default 1 s) is given up for the new sender. */
  stalledAfterMs?: number;
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
const DEFAULT_MAX_REQUEST_BYTES = 25 * 1024 * 1024;

/** Hop-by-hop headers belong to one connection, never forwarded (RFC 9110 7.6.1); Host and the length are set anew. */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);
const FORWARD_METHODS = new Set<HttpRequest['method']>(['GET', 'POST', 'PUT', 'DELETE']);

/** A request being handled: while its body arrives it may be given up (for a new sender, or at stop). */
interface Slot {
  startedAt: number;
  receiving: boolean;
  giveUp: (why: CutOff) => void;
}

export class Listener {
  readonly sessionId: string;
  private server: Server | undefined;
  /** Every request's work, until its capture is recorded (stop waits for these). */
  private readonly inFlight = new Set<Promise<void>>();
  /** Requests holding one of the `maxConcurrent` slots. */
  private readonly slots = new Set<Slot>();
  /** Aborted when stopping: forwards still waiting for the handler are cancelled. */
  private stopping = new AbortController();
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

  /** Requests holding a slot now (at most `maxConcurrent`). */
  get inProgress(): number {
    return this.slots.size;
  }

  onCapture(listener: (capture: Capture) => void): { dispose(): void } {
    this.captureListeners.add(listener);
    return { dispose: () => this.captureListeners.delete(listener) };
  }

  async start(): Promise<ListenAddress> {
    const requestedPort = this.options.port ?? DEFAULT_LISTEN_PORT;
    this.stopping = new AbortController();
    // Every forward in flight listens on it (up to maxConcurrent at once): not a leak.
    setMaxListeners(0, this.stopping.signal);
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
      // Node's own bounds, behind ours: headers within 10 s, the whole request a little after our body deadline.
      server.headersTimeout = 10_000;
      server.requestTimeout = this.bodyTimeoutMs + 5_000;
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

  private get bodyTimeoutMs(): number {
    return this.options.bodyTimeoutMs ?? 30_000;
  }

  /**
   * Stops accepting and lets requests in progress finish for up to `graceMs`; then cancels forwards still
   * waiting for the handler and gives up bodies still arriving, so every request is captured (saying so)
   * before this resolves, and nothing outlives it.
   */
  async stop(graceMs = 2000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const settled = () => Promise.allSettled([...this.inFlight]);
    await Promise.race([settled(), delay(graceMs)]);
    this.stopping.abort();
    for (const slot of this.slots) slot.giveUp('stopped');
    await Promise.race([settled(), delay(1000)]);
    server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.slots.size >= (this.options.maxConcurrent ?? 256) && !this.freeStalledSlot()) {
      this.rejected++;
      req.resume();
      res
        .writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' })
        .end('{"error":"Webhook Studio listener is busy: too many requests at once"}');
      return;
    }
    const { body, giveUp } = readRequestBody(req, {
      maxBytes: this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
      timeoutMs: this.bodyTimeoutMs,
      idleMs: this.options.bodyIdleMs ?? 10_000,
    });
    const slot: Slot = { startedAt: performance.now(), receiving: true, giveUp };
    this.slots.add(slot);
    const work = this.receive(req, res, body, slot)
      .catch((error: unknown) => {
        // A bug of ours must not leave the sender hanging, nor stop the listener.
        if (!res.headersSent && !res.destroyed)
          res
            .writeHead(500, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ error: `Webhook Studio could not process this request: ${describeError(error)}` }));
      })
      .finally(() => this.slots.delete(slot));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Gives up the body that has been arriving longest, if for more than `stalledAfterMs`: its slot is the new sender's. */
  private freeStalledSlot(): boolean {
    const before = performance.now() - (this.options.stalledAfterMs ?? 1000);
    let oldest: Slot | undefined;
    for (const slot of this.slots) if (slot.receiving && slot.startedAt <= before && (!oldest || slot.startedAt < oldest.startedAt)) oldest = slot;
    if (!oldest) return false;
    this.slots.delete(oldest);
    oldest.giveUp('evicted');
    return true;
  }

  private async receive(req: IncomingMessage, res: ServerResponse, bodyRead: Promise<RequestBody>, slot: Slot): Promise<void> {
    const receivedAt = new Date((this.options.now ?? Date.now)()).toISOString();
    const body = await bodyRead;
    slot.receiving = false;
    const headers = rawHeaderRecord(req.rawHeaders);
    const url = new URL(req.url ?? '/', 'http://listener');
    const method = req.method ?? 'GET';
    const maxStored = this.options.maxStoredBodyBytes ?? 1024 * 1024;
    const truncated = body.tooLarge || body.raw.length > maxStored;
    // Parsed once, for both verdicts (the signature's diagnosis re-serialises the payload).
    const read: ReadBody = body.cutOff
      ? { explanation: t('The body did not arrive whole: nothing to check.') }
      : body.tooLarge
        ? { explanation: t('The body was too large to keep whole, so it was not checked.') }
        : readBody(body.raw, { truncated });
    const signature = this.signatureOf(body, headers, read);
    const payload = payloadVerdict(read, this.options.validator);
    const { reply, forward, replyBytes } = await this.answer(body, method, url, headers);

    if (body.cutOff !== 'closed' && !res.destroyed) {
      const out = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !NOT_FORWARDED.has(name.toLowerCase())));
      if (body.cutOff) res.writeHead(reply.status, { ...out, Connection: 'close' }).end(reply.body, () => req.destroy());
      else res.writeHead(reply.status, out).end(replyBytes ?? reply.body);
    }
    const forms = secretForms([...secretsOfToken(this.options.apiToken?.()), ...urlSecrets(this.options.forwardTo), ...(this.options.secrets?.() ?? [])]);
    const kept = body.raw.subarray(0, Math.min(body.raw.length, maxStored + longestForm(forms)));
    const redactedBody = redactBytes(kept, forms);
    const capture: Capture = redactCapture(
      {
        id: this.options.history.newId(),
        sessionId: this.sessionId,
        receivedAt,
        method,
        path: url.pathname,
        query: url.search,
        headers,
        ...encodeBody((redactedBody ?? kept).subarray(0, maxStored)),
        bodyBytes: body.size,
        truncated,
        ...(body.cutOff ? { incomplete: true } : {}),
        ...(redactedBody ? { redacted: true } : {}),
        signature,
        payload,
        reply,
        ...(forward ? { forward } : {}),
      },
      forms,
    );
    this.options.history.add(capture);
    for (const listener of this.captureListeners) listener(capture);
  }

  private signatureOf(body: RequestBody, headers: Record<string, string>, read: ReadBody): SignatureVerdict {
    if (body.cutOff) return { status: 'unverified', explanation: cutOffExplanation(body.cutOff, this.options) };
    if (body.tooLarge) {
      const limit = this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
      return { status: 'unverified', explanation: `The body (${body.size} bytes) is over the ${limit}-byte limit: answered 413, not verified.` };
    }
    return signatureVerdict({
      body: body.raw,
      headers,
      apiToken: this.options.apiToken?.(),
      toleranceSeconds: this.options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
      now: this.options.now,
      document: read.document,
    });
  }

  /** What the sender is answered: nothing (it hung up), 408, 413, the handler's answer, or the configured reply. */
  private async answer(
    body: RequestBody,
    method: string,
    url: URL,
    headers: Record<string, string>,
  ): Promise<{ reply: CapturedResponse; forward?: ForwardResult; replyBytes?: Buffer }> {
    const json = (status: number, error: string): CapturedResponse => ({
      status,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error }),
    });
    if (body.cutOff === 'closed') return { reply: { status: 0, headers: {}, body: '' } };
    if (body.cutOff) return { reply: json(408, 'The body did not arrive in time') };
    if (body.tooLarge) return { reply: json(413, `Body over ${this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES} bytes`) };
    if (!this.options.forwardTo) return { reply: this.options.reply ?? DEFAULT_REPLY };
    const { bodyBytes, ...forward } = await this.forward(method, url, headers, body.raw);
    /** The handler's answer as it sent it: passed back unchanged (the capture keeps it as text). */
    const reply = forward.response ?? json(502, `Webhook Studio has no answer of your handler to pass on: ${forward.error}`);
    return { reply, forward, replyBytes: bodyBytes };
  }

  private async forward(method: string, url: URL, headers: Record<string, string>, body: Buffer): Promise<ForwardResult & { bodyBytes?: Buffer }> {
    const target = new URL(this.options.forwardTo!);
    // The handler URL's path, plus the query the sender used (Chat2Desk adds none, tunnels may).
    if (url.search && !target.search) target.search = url.search;
    const shown = redactUrl(target.toString());
    const started = performance.now();
    if (!FORWARD_METHODS.has(method as HttpRequest['method'])) return { url: shown, error: `${method} requests are not forwarded`, latencyMs: 0 };
    const passed = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_FORWARDED.has(name.toLowerCase())));
    try {
      const response = await httpRequest(
        { url: target.toString(), method: method as HttpRequest['method'], headers: passed, body: method === 'GET' ? undefined : body },
        {
          timeoutMs: this.options.forwardTimeoutMs ?? 10_000,
          keepBodyBytes: true,
          maxResponseBytes: FORWARD_RESPONSE_LIMIT_BYTES,
          signal: this.stopping.signal,
        },
      );
      // Passing on part of an answer as if it were all of it would mislead the sender: say so instead.
      if (response.truncated) {
        return {
          url: shown,
          error: `the handler's answer is over ${FORWARD_RESPONSE_LIMIT_BYTES} bytes, more than Listen passes back`,
          latencyMs: response.elapsedMs,
        };
      }
      return {
        url: shown,
        response: { status: response.status, headers: response.headers, body: response.body },
        bodyBytes: response.bodyBytes,
        latencyMs: response.elapsedMs,
      };
    } catch (error) {
      const error_ = this.stopping.signal.aborted ? t('the listener stopped before the handler answered (cancelled)') : describeError(error);
      return { url: shown, error: error_, latencyMs: performance.now() - started };
    }
  }
}

function cutOffExplanation(cutOff: CutOff, options: ListenerOptions): string {
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  switch (cutOff) {
    case 'closed':
      return 'The sender closed the connection before the body was complete: nothing to verify.';
    case 'timeout':
      return t('The body did not arrive whole within {0} s: answered 408, nothing to verify.', seconds(options.bodyTimeoutMs ?? 30_000));
    case 'idle':
      return t('The sender paused for more than {0} s in the middle of the body: answered 408, nothing to verify.', seconds(options.bodyIdleMs ?? 10_000));
    case 'evicted':
      return t(
        'The body was still arriving after {0} s while every slot was taken: given up for a new sender (answered 408), nothing to verify.',
        seconds(options.stalledAfterMs ?? 1000),
      );
    case 'stopped':
      return t('The listener stopped before the body was complete: nothing to verify.');
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

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
