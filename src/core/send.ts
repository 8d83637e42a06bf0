// HTTP with node:http(s) rather than fetch: fetch adds headers of its own
// (accept, sec-fetch-mode, accept-encoding) and we want on the wire exactly what we show the user.
import { request as plainRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  CancelledError, ConnectionRefusedError, DnsError, InvalidUrlError, NetworkError, RedirectError, TimeoutError, TlsError,
} from './errors';

export interface WebhookRequest {
  url: string;
  method?: 'POST';
  headers: Record<string, string>;
  body: string;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  /** Bytes are sent as given (forwarding, replay); text as UTF-8. */
  body?: string | Uint8Array;
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
}

export interface SendOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Upper bound on the response body kept (the rest is counted, not stored). */
  maxResponseBytes?: number;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO)/;

/** Checks a user-entered endpoint URL; returns it parsed or throws InvalidUrlError. */
export function parseEndpointUrl(raw: string): URL {
  const text = raw.trim();
  if (text === '') throw new InvalidUrlError(raw, 'it is empty');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidUrlError(raw, /^[\w.-]+(:\d+)?(\/|$)/.test(text) ? 'it has no scheme (add http:// or https://)' : 'it is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidUrlError(raw, `the scheme "${url.protocol}" is not http: or https:`);
  if (!url.hostname) throw new InvalidUrlError(raw, 'it has no host');
  return url;
}

/** POSTs the request as given. Non-2xx answers are responses (ok: false), not errors; redirects are errors. */
export async function sendWebhook(request: WebhookRequest, options: SendOptions = {}): Promise<WebhookResponse> {
  const response = await httpRequest({ ...request, method: 'POST' }, options);
  if (response.status >= 300 && response.status < 400 && response.status !== 304) throw new RedirectError(response.status, response.headers.location);
  return response;
}

/** One HTTP exchange with typed network errors, timeout and cancel. Any status is a response. */
export function httpRequest(request: HttpRequest, options: SendOptions = {}): Promise<WebhookResponse> {
  const url = parseEndpointUrl(request.url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  const target = url.host;
  const bodyBytes = typeof request.body === 'string' || request.body === undefined ? Buffer.from(request.body ?? '', 'utf8') : Buffer.from(request.body);
  const headers = request.body === undefined ? request.headers : { ...request.headers, 'Content-Length': String(bodyBytes.length) };
  if (options.signal?.aborted) return Promise.reject(new CancelledError());

  return new Promise<WebhookResponse>((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    const finish = (error: Error | undefined, response?: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response!);
    };
    const onAbort = () => finish(new CancelledError());
    const timer = setTimeout(() => finish(new TimeoutError(target, timeoutMs)), timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const send = url.protocol === 'https:' ? httpsRequest : plainRequest;
    const req = send(url, { method: request.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (kept < maxResponseBytes) {
          chunks.push(chunk.subarray(0, maxResponseBytes - kept));
          kept += Math.min(chunk.length, maxResponseBytes - kept);
        }
      });
      res.on('error', (error) => finish(classifyNetworkError(error, url)));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        finish(undefined, {
          status, statusText: res.statusMessage ?? '', ok: status >= 200 && status < 300,
          headers: flattenHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8'),
          elapsedMs: performance.now() - started, requestBytes: bodyBytes.length, responseBytes: total,
        });
      });
    });
    req.on('error', (error) => finish(classifyNetworkError(error, url)));
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
  if (code === 'ECONNRESET') return new NetworkError(url.host, 'the connection was reset before a response arrived');
  return new NetworkError(url.host, code ? `${message} (${code})` : message);
}
