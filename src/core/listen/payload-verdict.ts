// The payload verdict of a received body: which platform and event, and does it match the schema.
import { describeError, WebhookStudioError } from '../errors';
import { detectProvider, parsePayload, PROVIDER_NAMES } from '../json';
import { t } from '../l10n';
import type { PayloadValidator } from '../validate';
import type { PayloadVerdict } from './capture';

/** Bodies above this are not schema-checked (they are still captured, verified and forwarded). */
export const MAX_VALIDATED_BYTES = 2 * 1024 * 1024;

export function payloadVerdict(text: string, validator: PayloadValidator | undefined, options: { truncated?: boolean } = {}): PayloadVerdict {
  if (text.trim() === '') return { schema: 'unknown', issues: [], explanation: t('Empty body: nothing to check.') };
  if (options.truncated) return { schema: 'unknown', issues: [], explanation: t('The body was too large to keep whole, so it was not checked.') };
  if (Buffer.byteLength(text) > MAX_VALIDATED_BYTES)
    return { schema: 'unknown', issues: [], explanation: t('The body is over {0} MB: not schema-checked.', MAX_VALIDATED_BYTES / 1024 / 1024) };
  let payload: Record<string, unknown>;
  try {
    payload = parsePayload(text, 'The body');
  } catch (error) {
    if (!(error instanceof WebhookStudioError)) throw error;
    return { schema: 'unknown', issues: [], explanation: t('Not a JSON webhook payload: {0}', describeError(error)) };
  }
  const provider = detectProvider(payload);
  const event = provider === 'chat2desk' ? String(payload.hook_type) : provider === 'iqchannels' ? eventOfIqChannels(payload) : undefined;
  if (!provider)
    return { schema: 'unknown', issues: [], explanation: t('JSON, but neither a Chat2Desk payload (no "hook_type") nor an IQChannels one (no "ChatEvent").') };
  if (!validator)
    return { provider, event, schema: 'unknown', issues: [], explanation: t('{0} {1} payload (not schema-checked).', PROVIDER_NAMES[provider], event ?? '') };
  // The common case (a valid payload) needs no second parse; problems are located in the text only when there are some.
  const issues = validator.validatorFor(`${provider}.schema.json`)(payload) ? [] : validator.validateText(text, provider).issues;
  return {
    provider,
    event,
    schema: issues.length === 0 ? 'valid' : 'invalid',
    issues: issues.map((i) => ({ path: i.path, message: i.message })),
    explanation:
      issues.length === 0
        ? t('A {0} {1} payload that matches the documented schema.', PROVIDER_NAMES[provider], event ?? '')
        : issues.length > 1
          ? t(
              'A {0} {1} payload with {2} schema problems; first at {3}: {4}',
              PROVIDER_NAMES[provider],
              event ?? '',
              issues.length,
              issues[0].path,
              issues[0].message,
            )
          : t('A {0} {1} payload with 1 schema problem; first at {2}: {3}', PROVIDER_NAMES[provider], event ?? '', issues[0].path, issues[0].message),
  };
}

function eventOfIqChannels(payload: Record<string, unknown>): string | undefined {
  const type = (payload.ChatEvent as Record<string, unknown>).Type;
  return typeof type === 'string' ? type : undefined;
}
