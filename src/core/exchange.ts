// One request/response pair as the user sees it: in the response view, the log and "Copy as cURL".
import { isUtf8 } from 'node:buffer';
import type { Provider } from './provider';
import { utf8SequenceLength } from './payload';
import { redactUrl } from './redact';
import type { WebhookRequest, WebhookResponse } from './send';
import { t } from './l10n';
import { describeStatusSpec, statusMatches, type StatusSpec } from './status';

export interface Exchange {
  id: number;
  /** The fixture file name, or "selection in <file>". */
  source: string;
  provider: Provider | undefined;
  signed: boolean;
  /** Sent with a deliberately wrong X-Signature ("Wrong signature"): marked wherever it is shown. */
  wrongSignature?: boolean;
  request: WebhookRequest;
  /** The answer the user expects ("Send with Options…": a wrong signature should get 4xx); checked when it comes. */
  expectedStatus?: StatusSpec;
  response?: WebhookResponse;
  error?: { code: string; message: string };
  startedAt: string;
}

/** Whether the answer met the expected status; undefined when nothing was expected or nothing answered. */
export function expectationMet(exchange: Pick<Exchange, 'expectedStatus' | 'response'>): boolean | undefined {
  if (exchange.expectedStatus === undefined || !exchange.response) return undefined;
  return statusMatches(exchange.expectedStatus, exchange.response.status);
}

const specText = (spec: StatusSpec) => (Array.isArray(spec) ? spec.join(', ') : String(spec));

/** Whether the answer was the one expected, in a sentence (the response view and the notification say the same). */
export function expectationText(exchange: Exchange): string {
  const { response, expectedStatus } = exchange;
  if (!response || expectedStatus === undefined) return '';
  return expectationMet(exchange)
    ? t('Expected {0}: the handler answered {1} {2}, as expected.', specText(expectedStatus), response.status, response.statusText)
    : t('Expected {0}, but the handler answered {1} {2}.', specText(expectedStatus), response.status, response.statusText);
}

/** "expected 4xx: met" / "expected 4xx: NOT met" for the log line (English, as the rest of it); empty without an expectation. */
export function describeExpectation(exchange: Pick<Exchange, 'expectedStatus' | 'response'>): string {
  const met = expectationMet(exchange);
  if (met === undefined) return '';
  return `expected ${describeStatusSpec(exchange.expectedStatus!)}: ${met ? 'met' : 'NOT met'}`;
}

/** The extension keeps this many exchanges (for the view, Replay and cURL); older ones are dropped. */
export const HISTORY_LIMIT = 50;
/** Response bodies are kept up to this size in the extension's history and the CLI's batch results. */
export const RESPONSE_BODY_LIMIT_BYTES = 1024 * 1024;

/** Appends to a bounded history, dropping the oldest: a long session never grows without end. */
export function appendToHistory(history: Exchange[], exchange: Exchange, limit = HISTORY_LIMIT): void {
  history.push(exchange);
  if (history.length > limit) history.splice(0, history.length - limit);
}

/** A request body as text to show: UTF-8 as it is; a byte that is not UTF-8 as `\xNN`, never a silent U+FFFD. */
export function bodyText(body: Buffer): string {
  if (isUtf8(body)) return body.toString('utf8');
  let out = '';
  let start = 0;
  for (let i = 0; i < body.length;) {
    const length = utf8SequenceLength(body, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += `${body.toString('utf8', start, i)}\\x${body[i].toString(16).toUpperCase().padStart(2, '0')}`;
    start = ++i;
  }
  return out + body.toString('utf8', start);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** How the request was signed, in words: the log, the CLI and the response view say the same. */
export function describeSigning(exchange: Pick<Exchange, 'signed' | 'wrongSignature' | 'request'>): string {
  if (!exchange.signed) return 'unsigned (IQChannels documents no signature)';
  const timestamp = `X-Timestamp ${exchange.request.headers['X-Timestamp']}`;
  return exchange.wrongSignature ? `deliberately WRONG signature, ${timestamp}` : `signed, ${timestamp}`;
}

/** One line for the log: never the token (the request holds only its signature), never a URL's password. */
export function summarizeExchange(exchange: Exchange): string {
  const { request, response, error } = exchange;
  const signing = describeSigning(exchange);
  const url = redactUrl(request.url);
  const expectation = describeExpectation(exchange);
  if (response)
    return `POST ${url} <- ${exchange.source}: ${response.status} ${response.statusText} in ${Math.round(response.elapsedMs)} ms (sent ${formatBytes(response.requestBytes)}, received ${formatBytes(response.responseBytes)}; ${signing}${expectation ? `; ${expectation}` : ''})`;
  return `POST ${url} <- ${exchange.source}: failed: ${error?.message ?? 'unknown error'} (${signing})`;
}

/** Counts by outcome for a batch: "2 × 200 OK, 1 × connection-refused". */
export function summarizeBatch(exchanges: Exchange[]): string {
  const counts = new Map<string, number>();
  for (const e of exchanges) {
    const key = e.response ? `${e.response.status} ${e.response.statusText}`.trim() : (e.error?.code ?? 'error');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(', ');
}
