// HTTP with node:http(s) rather than fetch: fetch adds headers of its own
// (accept, sec-fetch-mode, accept-encoding) and we want on the wire exactly what we show the user.
import type * as Http from 'node:http';
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import type * as Https from 'node:https';
import {
  CancelledError,
  ConnectionRefusedError,
  DnsError,
  InvalidHeaderError,
  InvalidTimeoutError,
  InvalidUrlError,
  NetworkError,
  RedirectError,
  TimeoutError,
  TlsError,
} from './errors';
import { checkHeaders } from './wire-checks';
import { redactSecrets, redactUrl } from './redact';

export { redactUrl } from './redact';

/** The one home of the send timeout: the setting's default and bounds, the CLI's --timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const MAX_TIMEOUT_SECONDS = 300;

/**
 * A webhook request is its bytes: `body` is sent exactly as given, and a signed request's X-Signature is
 * over this same Buffer (core/signature.ts signRequest). Text is only for showing it (exchange.ts bodyText) and cURL.
 */
export interface WebhookRequest {
  readonly url: string;
  readonly method?: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Readonly<Record<string, string>>;
  /** Bytes are sent as given (webhooks, forwarding, replay); text as UTF-8. */
  body?: string | Uint8Array;
  /**
   * Its own connection, closed after the answer (no keep-alive pool): a webhook sender does not reuse a
   * handler's connection, so a handler that closes its connection after answering never breaks the next request.
   */
  newConnection?: boolean;
}

export interface WebhookResponse {
  status: number;
  statusText: string;
  ok: boolean;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the start of the request to the end of the response body. */
  elapsedMs: number;
  requestBytes: number;
  responseBytes: number;
  /** The body kept is the first `maxResponseBytes` of a longer one. */
  truncated?: boolean;
  /** How many headers the answer had, when more than `headers` keeps (MAX_RESPONSE_HEADERS). */
  headerCount?: number;
  /** The kept body as received, unredacted, for a caller that passes it on byte for byte (`keepBodyBytes`). */
  bodyBytes?: Buffer;
}

export interface SendOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Upper bound on the response body kept (the rest is counted, not stored). */
  maxResponseBytes?: number;
  /** Redacted from the response (body, status text, headers) if the server echoes them. */
  secrets?: readonly string[];
  /** Also return the body's bytes as received (`bodyBytes`): Listen passes a handler's answer on unchanged. */
  keepBodyBytes?: boolean;
  /**
   * Stop reading once the body passes `maxResponseBytes` (the answer is then `truncated`, and `responseBytes`
   * the declared length, or what arrived so far): for a caller that has no use for the rest, such as the API client.
   */
  stopOverLimit?: boolean;
  /** Told when the status line and headers are in (the body may still be coming, or never finish). */
  onHeaders?: (head: ResponseHead) => void;
}

export interface ResponseHead {
  status: number;
  statusText: string;
  /** Milliseconds from the start of the request. */
  elapsedMs: number;
  /** Body bytes received so far. */
  received: () => number;
}

/**
 * Headers kept per answer; the rest are counted (`headerCount`). Node's parser is told not to drop any
 * (its own default drops all past the 1000th silently, Content-Length included); the 16 KB header size
 * limit still bounds what an answer can make us hold.
 */
export const MAX_RESPONSE_HEADERS = 200;

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO)/;

/** Checks a user-entered endpoint URL; returns it parsed or throws InvalidUrlError. */
export function parseEndpointUrl(raw: string): URL {
  const text = raw.trim();
  const shown = redactUrl(raw);
  if (text === '') throw new InvalidUrlError(shown, 'it is empty');
  // "localhost:3000/hook" parses as the scheme "localhost:": it is a host and port without a scheme.
  const noScheme = /^[\w.-]+(:\d+)?(\/|\?|#|$)/.test(text) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidUrlError(shown, noScheme ? 'it has no scheme (add http:// or https://)' : 'it is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(shown, noScheme ? 'it has no scheme (add http:// or https://)' : `the scheme "${url.protocol}" is not http: or https:`);
  }
  if (!url.hostname) throw new InvalidUrlError(shown, 'it has no host');
  return url;
}

/**
 * POSTs the request's bytes as given, on a connection of its own, as Chat2Desk's deliveries (and resends
 * seconds or hours apart) arrive. Non-2xx answers are responses (ok: false), not errors; redirects are errors.
 */
export async function sendWebhook(request: WebhookRequest, options: SendOptions = {}): Promise<WebhookResponse> {
  const response = await httpRequest({ url: request.url, method: 'POST', headers: request.headers, body: request.body, newConnection: true }, options);
  if (response.status >= 300 && response.status < 400 && response.status !== 304) throw new RedirectError(response.status, response.headers.location);
  return response;
}

/** Node's setTimeout turns anything longer into 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One HTTP exchange with typed network errors, timeout and cancel. Any status is a response. */
export function httpRequest(request: HttpRequest, options: SendOptions = {}): Promise<WebhookResponse> {
  let url: URL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
  try {
    url = parseEndpointUrl(request.url);
    if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) throw new InvalidTimeoutError(timeoutMs, Math.floor(MAX_TIMER_MS / 1000));
    const problem = checkHeaders(request.headers);
    if (problem) throw new InvalidHeaderError(problem);
  } catch (error) {
    return Promise.reject(error);
  }
  const maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  const secrets = options.secrets ?? [];
  const target = url.host;
  const bodyBytes =
    typeof request.body === 'string' || request.body === undefined
      ? Buffer.from(request.body ?? '', 'utf8')
      : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const headers = request.body === undefined ? request.headers : { ...request.headers, 'Content-Length': String(bodyBytes.length) };
  if (options.signal?.aborted) return Promise.reject(new CancelledError());

  return new Promise<WebhookResponse>((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let req: ClientRequest | undefined;
    /** Set once the status line arrived: a timeout after it is a stalled body, not a silent handler. */
    let answered: { status: number; received: () => number } | undefined;
    const finish = (error: Error | undefined, response?: WebhookResponse) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req?.destroy();
        reject(error);
      } else resolve(response!);
    };
    const onAbort = () => finish(new CancelledError());

    // Required here: node:http and node:https cost every CLI start that never sends (validate, sign) several ms.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const send = url.protocol === 'https:' ? (require('node:https') as typeof Https).request : (require('node:http') as typeof Http).request;
    try {
      // agent: false is a connection of its own, closed after the answer (Node sends Connection: close).
      req = send(url, { method: request.method, headers, ...(request.newConnection ? { agent: false } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let total = 0;
        const status = res.statusCode ?? 0;
        answered = { status, received: () => total };
        options.onHeaders?.({ ...answered, statusText: redactSecrets(res.statusMessage ?? '', secrets), elapsedMs: performance.now() - started });
        const cutShort = () =>
          new NetworkError(
            target,
            `the connection closed in the middle of the response body (answered ${status}; got ${total}${res.headers['content-length'] ? ` of ${res.headers['content-length']}` : ''} bytes)`,
          );
        const respond = (responseBytes: number) => {
          const all = flattenHeaders(res.headers);
          const names = Object.keys(all);
          const flat: Record<string, string> = {};
          for (const name of names.slice(0, MAX_RESPONSE_HEADERS)) flat[name] = redactSecrets(all[name], secrets);
          const received = Buffer.concat(chunks);
          finish(undefined, {
            status,
            statusText: redactSecrets(res.statusMessage ?? '', secrets),
            ok: status >= 200 && status < 300,
            headers: flat,
            body: redactSecrets(received.toString('utf8'), secrets),
            ...(options.keepBodyBytes ? { bodyBytes: received } : {}),
            elapsedMs: performance.now() - started,
            requestBytes: bodyBytes.length,
            responseBytes,
            ...(responseBytes > kept ? { truncated: true } : {}),
            ...(names.length > MAX_RESPONSE_HEADERS ? { headerCount: names.length } : {}),
          });
        };
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (kept < maxResponseBytes) {
            chunks.push(chunk.subarray(0, maxResponseBytes - kept));
            kept += Math.min(chunk.length, maxResponseBytes - kept);
          }
          if (options.stopOverLimit && total > maxResponseBytes) {
            respond(Math.max(total, Number(res.headers['content-length']) || 0));
            res.destroy();
          }
        });
        res.on('error', () => finish(cutShort()));
        res.on('close', () => {
          if (!res.complete) finish(cutShort());
        });
        res.on('end', () => respond(total));
      });
    } catch (error) {
      // Node refused the request before it existed (a header slipped past the check): no timer was armed.
      finish(
        error instanceof Error && /header/i.test(error.message)
          ? new InvalidHeaderError(`A request header was refused: ${error.message}`)
          : classifyNetworkError(error, url),
      );
      return;
    }
    req.maxHeadersCount = 0; // no count limit: see MAX_RESPONSE_HEADERS
    req.on('error', (error) => finish(classifyNetworkError(error, url)));
    // Armed only now that the request exists, so a timeout always has a request to destroy.
    timer = setTimeout(() => finish(answered ? new TimeoutError(target, timeoutMs, answered) : new TimeoutError(target, timeoutMs)), timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.end(bodyBytes);
  });
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

export function classifyNetworkError(error: unknown, url: URL): Error {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return new DnsError(url.hostname);
  if (code === 'ECONNREFUSED') return new ConnectionRefusedError(url.host);
  if (TLS_CODES.test(code) || /SSL routines|certificate/i.test(message)) return new TlsError(url.host, code || 'TLS', message);
  if (code === 'ECONNRESET') return new NetworkError(url.host, 'the connection was closed before a response arrived');
  return new NetworkError(url.host, code ? `${message} (${code})` : message);
}
