// The payload verdict of a received body: which platform and event, and does it match the schema.
import { describeError, WebhookStudioError } from '../errors';
import { detectProvider, parsePayload, PROVIDER_NAMES } from '../json';
import type { PayloadValidator } from '../validate';
import type { PayloadVerdict } from './capture';

/** Bodies above this are not schema-checked (they are still captured, verified and forwarded). */
export const MAX_VALIDATED_BYTES = 2 * 1024 * 1024;

export function payloadVerdict(text: string, validator: PayloadValidator | undefined, options: { truncated?: boolean } = {}): PayloadVerdict {
  if (text.trim() === '') return { schema: 'unknown', issues: [], explanation: 'Empty body: nothing to check.' };
  if (options.truncated) return { schema: 'unknown', issues: [], explanation: 'The body was too large to keep whole, so it was not checked.' };
  if (Buffer.byteLength(text) > MAX_VALIDATED_BYTES) return { schema: 'unknown', issues: [], explanation: `The body is over ${MAX_VALIDATED_BYTES / 1024 / 1024} MB: not schema-checked.` };
  let payload: Record<string, unknown>;
  try {
    payload = parsePayload(text, 'The body');
  } catch (error) {
    if (!(error instanceof WebhookStudioError)) throw error;
    return { schema: 'unknown', issues: [], explanation: `Not a JSON webhook payload: ${describeError(error)}` };
  }
  const provider = detectProvider(payload);
  const event = provider === 'chat2desk' ? String(payload.hook_type) : provider === 'iqchannels' ? eventOfIqChannels(payload) : undefined;
  if (!provider) return { schema: 'unknown', issues: [], explanation: 'JSON, but neither a Chat2Desk payload (no "hook_type") nor an IQChannels one (no "ChatEvent").' };
  if (!validator) return { provider, event, schema: 'unknown', issues: [], explanation: `${PROVIDER_NAMES[provider]} ${event ?? ''} payload (not schema-checked).` };
  // The common case (a valid payload) needs no second parse; problems are located in the text only when there are some.
  const issues = validator.validatorFor(`${provider}.schema.json`)(payload) ? [] : validator.validateText(text, provider).issues;
  return {
    provider, event, schema: issues.length === 0 ? 'valid' : 'invalid',
    issues: issues.map((i) => ({ path: i.path, message: i.message })),
    explanation: issues.length === 0 ? `A ${PROVIDER_NAMES[provider]} ${event} payload that matches the documented schema.`
      : `A ${PROVIDER_NAMES[provider]} ${event} payload with ${issues.length} schema problem${issues.length > 1 ? 's' : ''}; first at ${issues[0].path}: ${issues[0].message}`,
  };
}

function eventOfIqChannels(payload: Record<string, unknown>): string | undefined {
  const type = (payload.ChatEvent as Record<string, unknown>).Type;
  return typeof type === 'string' ? type : undefined;
}
