// Turns payload text into the exact request Chat2Desk would send (or IQChannels, unsigned): a one-call
// wrapper over the pipeline in payload.ts (plan, then request), plus Copy as cURL.
import type { BodyFormat, Provider } from './json';
import { createRequest, planPayload, type BuiltRequest } from './payload';
import { redactUrl, type WebhookRequest } from './send';

export { USER_AGENT, type BuiltRequest } from './payload';

export interface BuildRequestOptions {
  text: string;
  url: string;
  bodyFormat: BodyFormat;
  /** Falls back to detection from the payload. */
  provider?: Provider;
  /** Needed to sign; without it a Chat2Desk payload cannot be sent. */
  apiToken?: string;
  timestamp?: number;
  timestampOffsetSeconds?: number;
  /** Default: sign unless the payload is IQChannels (which documents no signature). */
  sign?: boolean;
  /** Sends a deliberately wrong signature, to exercise the handler's rejection path. */
  wrongSignature?: boolean;
  extraHeaders?: Record<string, string>;
  /** Names the payload in messages (a file name). */
  source?: string;
  now?: () => number;
}

export function buildWebhookRequest(options: BuildRequestOptions): BuiltRequest {
  const plan = planPayload({ source: options.source, text: options.text, provider: options.provider }, { bodyFormat: options.bodyFormat, sign: options.sign });
  return createRequest(plan, {
    url: options.url,
    apiToken: options.apiToken,
    timestamp: options.timestamp,
    timestampOffsetSeconds: options.timestampOffsetSeconds,
    wrongSignature: options.wrongSignature,
    headers: options.extraHeaders,
    now: options.now,
  });
}

/**
 * A cURL command line that reproduces the request byte for byte (POSIX shell quoting). A password in
 * the URL is not copied; a deliberately wrong signature is said so in a comment line.
 */
export function toCurl(request: WebhookRequest, options: { wrongSignature?: boolean } = {}): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const wrong = options.wrongSignature ?? (request as Partial<BuiltRequest>).wrongSignature;
  const lines = [`curl -sS -X ${request.method ?? 'POST'} ${quote(redactUrl(request.url))}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(`  --data-binary ${quote(request.body)}`);
  return `${wrong ? '# X-Signature is deliberately wrong (sent with "Wrong signature"): the handler should reject this request.\n' : ''}${lines.join(' \\\n')}`;
}
