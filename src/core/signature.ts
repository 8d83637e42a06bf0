// Chat2Desk "Webhook Signature Verification": X-Signature = hex(HMAC-SHA256(key, raw_body + X-Timestamp))
// where key = hex(MD5(api_token)) and X-Timestamp is Unix time in seconds.
import type * as Crypto from 'node:crypto';
import { InvalidTimestampError } from './errors';

/** Required on first use: loading node:crypto costs a CLI that only validates about a tenth of its start. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = (): typeof Crypto => require('node:crypto') as typeof Crypto;

export type Body = string | Uint8Array;

/** The HMAC key Chat2Desk derives from an API token: its MD5 in lowercase hex. */
export function signingKeyFromToken(apiToken: string): string {
  return crypto().createHash('md5').update(apiToken, 'utf8').digest('hex');
}

/** HMAC-SHA256 over the body bytes followed by the timestamp, keyed with `key` as given. */
export function computeSignature(body: Body, timestamp: string, key: string): string {
  return crypto().createHmac('sha256', key).update(body).update(timestamp, 'utf8').digest('hex');
}

export interface SignOptions {
  apiToken: string;
  /** Unix seconds; default: now. */
  timestamp?: number;
  /** Seconds added to the timestamp (negative: in the past), to test stale-timestamp handling. */
  timestampOffsetSeconds?: number;
  now?: () => number;
}

export interface SignatureHeaders {
  'X-Signature': string;
  'X-Timestamp': string;
}

export function unixNow(now: () => number = Date.now): number {
  return Math.floor(now() / 1000);
}

/** Whole, non-negative and exact as a double: anything else would be signed as something else than written. */
export function checkTimestamp(seconds: number): void {
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new InvalidTimestampError(seconds);
}

export function signPayload(body: Body, options: SignOptions): SignatureHeaders {
  if (options.timestamp !== undefined) checkTimestamp(options.timestamp);
  if (options.timestampOffsetSeconds !== undefined && !Number.isSafeInteger(options.timestampOffsetSeconds))
    throw new InvalidTimestampError(options.timestampOffsetSeconds);
  const seconds = (options.timestamp ?? unixNow(options.now)) + (options.timestampOffsetSeconds ?? 0);
  checkTimestamp(seconds);
  const timestamp = String(seconds);
  return { 'X-Signature': computeSignature(body, timestamp, signingKeyFromToken(options.apiToken)), 'X-Timestamp': timestamp };
}

/** What signing needs of a request (send.ts's WebhookRequest has it): its headers and the bytes it sends. */
export interface SignableRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A request with X-Signature / X-Timestamp over its own `body`: what is signed is what is sent. */
export type SignedRequest<R extends SignableRequest> = R & { readonly headers: Readonly<Record<string, string>> & SignatureHeaders };

/**
 * The one place a request is signed (Send, each Deliver attempt, a re-signed replay): the signature is
 * computed over the request's own body Buffer, and the result carries that same Buffer, never a copy or
 * a re-encoding. `wrongSignature` sends a deliberately wrong one (same length, every digit different).
 */
export function signRequest<R extends SignableRequest>(request: R, options: SignOptions & { wrongSignature?: boolean }): SignedRequest<R> {
  const signature = signPayload(request.body, options);
  if (options.wrongSignature) signature['X-Signature'] = signature['X-Signature'].replace(/[0-9a-f]/g, (d) => (15 - parseInt(d, 16)).toString(16));
  const headers: Record<string, string> = {};
  // Any signature headers already there (a replay's, a previous attempt's) are replaced, whatever their case.
  for (const [name, value] of Object.entries(request.headers)) if (!/^x-(signature|timestamp)$/i.test(name)) headers[name] = value;
  return { ...request, headers: { ...headers, ...signature } };
}

export interface VerifyOptions {
  body: Body;
  timestamp: string;
  signature: string;
  /** Either the API token (the key is derived) or the key itself. */
  apiToken?: string;
  key?: string;
  /** Reject timestamps further than this from now, in seconds. */
  toleranceSeconds?: number;
  now?: () => number;
}

export type VerifyResult = { valid: true } | { valid: false; reason: 'malformed-signature' | 'malformed-timestamp' | 'stale-timestamp' | 'mismatch' };

export function verifySignature(options: VerifyOptions): VerifyResult {
  const key = options.key ?? (options.apiToken !== undefined ? signingKeyFromToken(options.apiToken) : undefined);
  if (key === undefined) throw new TypeError('verifySignature needs apiToken or key');
  if (!/^\d+$/.test(options.timestamp)) return { valid: false, reason: 'malformed-timestamp' };
  if (options.toleranceSeconds !== undefined && Math.abs(unixNow(options.now) - Number(options.timestamp)) > options.toleranceSeconds) {
    return { valid: false, reason: 'stale-timestamp' };
  }
  const expected = Buffer.from(computeSignature(options.body, options.timestamp, key), 'utf8');
  const received = Buffer.from(options.signature, 'utf8');
  // timingSafeEqual throws on unequal lengths: check the length first. Chat2Desk sends lowercase hex.
  if (received.length !== expected.length || !/^[0-9a-f]+$/.test(options.signature)) return { valid: false, reason: 'malformed-signature' };
  return crypto().timingSafeEqual(expected, received) ? { valid: true } : { valid: false, reason: 'mismatch' };
}
