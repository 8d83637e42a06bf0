// Turns payload text into the exact request Chat2Desk would send (or IQChannels, unsigned).
import { detectProvider, prepareBody, type BodyFormat, type Provider } from './json';
import { parseEndpointUrl, type WebhookRequest } from './send';
import { signPayload } from './signature';

export const USER_AGENT = 'WebhookStudio';

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

export interface BuiltRequest extends WebhookRequest {
  provider: Provider | undefined;
  signed: boolean;
  payload: Record<string, unknown>;
}

export function buildWebhookRequest(options: BuildRequestOptions): BuiltRequest {
  const url = parseEndpointUrl(options.url).toString();
  const { body, payload } = prepareBody(options.text, options.bodyFormat, options.source);
  const provider = options.provider ?? detectProvider(payload);
  const headers: Record<string, string> = {
    ...options.extraHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': USER_AGENT,
  };
  const sign = options.sign ?? provider !== 'iqchannels';
  if (sign) {
    if (options.apiToken === undefined) throw new TypeError('buildWebhookRequest: signing needs apiToken');
    const signature = signPayload(body, {
      apiToken: options.apiToken, timestamp: options.timestamp, timestampOffsetSeconds: options.timestampOffsetSeconds, now: options.now,
    });
    headers['X-Signature'] = options.wrongSignature ? invertHex(signature['X-Signature']) : signature['X-Signature'];
    headers['X-Timestamp'] = signature['X-Timestamp'];
  }
  return { url, method: 'POST', headers, body, provider, signed: sign, payload };
}

/** Same length, every digit different: looks real, never verifies. */
function invertHex(hex: string): string {
  return hex.replace(/[0-9a-f]/g, (d) => (15 - parseInt(d, 16)).toString(16));
}

/** A cURL command line that reproduces the request byte for byte (POSIX shell quoting). */
export function toCurl(request: WebhookRequest): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const lines = [`curl -sS -X ${request.method ?? 'POST'} ${quote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(`  --data-binary ${quote(request.body)}`);
  return lines.join(' \\\n');
}
