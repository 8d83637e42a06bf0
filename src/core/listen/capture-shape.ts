// What a capture file must hold to be shown: files on disk are read back by later sessions (and by other
// windows sharing the folder), so a file torn, hand-edited or written by another version is checked
// before the tree or the panel touches it. Extra members are allowed (a newer version may add some).
import { shape } from '../shapes';

const STATUSES = ['valid', 'mismatch', 'missing', 'malformed', 'stale', 'unverified'] as const;
const DIAGNOSES = ['raw-token-key', 'reserialised-json', 'millisecond-timestamp'] as const;

export const captureShape = shape((z) => {
  const response = z.looseObject({ status: z.number(), headers: z.record(z.string(), z.string()), body: z.string() });
  return z.looseObject({
    id: z.string().check(z.minLength(1)),
    sessionId: z.string(),
    receivedAt: z.string(),
    method: z.string(),
    path: z.string(),
    query: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    bodyEncoding: z.enum(['utf8', 'base64']),
    bodyBytes: z.number(),
    truncated: z.boolean(),
    incomplete: z.optional(z.boolean()),
    redacted: z.optional(z.boolean()),
    signature: z.looseObject({ status: z.enum(STATUSES), explanation: z.string(), wouldMatch: z.optional(z.enum(DIAGNOSES)) }),
    payload: z.looseObject({
      provider: z.optional(z.enum(['chat2desk', 'iqchannels'])),
      event: z.optional(z.string()),
      schema: z.enum(['valid', 'invalid', 'unknown']),
      issues: z.array(z.looseObject({ path: z.string(), message: z.string() })),
      explanation: z.string(),
    }),
    reply: response,
    forward: z.optional(z.looseObject({ url: z.string(), response: z.optional(response), error: z.optional(z.string()), latencyMs: z.number() })),
  });
});
