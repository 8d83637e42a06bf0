// Test-data builder: payload text to the exact request Chat2Desk would send (IQChannels: unsigned), in
// one call over the product's pipeline (core/payload.ts: plan, then request). The product plans and
// builds in two steps because it asks the user in between; tests and benches need neither.
import type { BodyFormat, Provider } from '../../src/core/provider';
import { createRequest, planPayload, type BuiltRequest } from '../../src/core/payload';

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
