// One received request and what we made of it. Captures are plain JSON (they go to disk as they are).
import { t } from '../l10n';
import type { PayloadVerdict } from './payload-verdict';
import type { SignatureVerdict } from './signature-verdict';

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ForwardResult {
  url: string;
  /** The handler's answer, passed back to the sender. */
  response?: CapturedResponse;
  /** Why the handler could not be reached (the sender then got 502). */
  error?: string;
  latencyMs: number;
}

export interface Capture {
  id: string;
  /** Each start of the listener is a session; the view groups by it. */
  sessionId: string;
  receivedAt: string;
  method: string;
  path: string;
  query: string;
  /** Names as the sender wrote them. */
  headers: Record<string, string>;
  /** The raw body: UTF-8 text when it decodes losslessly, base64 otherwise. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  /** Size on the wire; `body` holds fewer bytes when truncated. */
  bodyBytes: number;
  truncated: boolean;
  /** The body did not arrive whole (the sender went away, or took too long: the signature verdict says which). */
  incomplete?: boolean;
  /** A secret (the API token, its signing key, the forward URL's password) was replaced with [redacted] in the body. */
  redacted?: boolean;
  signature: SignatureVerdict;
  payload: PayloadVerdict;
  /** What the sender was answered. */
  reply: CapturedResponse;
  forward?: ForwardResult;
}

/** The stored body bytes (possibly truncated). */
export function captureBody(capture: Capture): Buffer {
  return Buffer.from(capture.body, capture.bodyEncoding === 'base64' ? 'base64' : 'utf8');
}

/** Encodes body bytes for storage: text when it round-trips exactly, base64 otherwise. */
export function encodeBody(bytes: Buffer): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  const text = bytes.toString('utf8');
  return Buffer.byteLength(text) === bytes.length && Buffer.from(text, 'utf8').equals(bytes)
    ? { body: text, bodyEncoding: 'utf8' }
    : { body: bytes.toString('base64'), bodyEncoding: 'base64' };
}

/** "inbox", "typing", or the path when the payload names no event. */
export function captureTitle(capture: Capture): string {
  return capture.payload.event ?? `${capture.method} ${capture.path}`;
}

/** Signed as its platform documents: Chat2Desk validly, IQChannels not at all (it documents no signature). */
export function signedAsDocumented(capture: Capture): boolean {
  return capture.signature.status === 'valid' || (capture.signature.status === 'missing' && capture.payload.provider === 'iqchannels');
}

/** Said wherever a capture whose body held a secret is shown. */
export function redactionNote(): string {
  return t(
    'The request held a secret (the API token, its signing key or a URL password): it is stored as [redacted], so the body is not byte for byte as received.',
  );
}
