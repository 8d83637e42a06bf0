// From an account's token grant to an API client: the one way every feature (the webhooks view, Connect,
// the listener's cleanup) gets a Chat2DeskClient. The grant itself comes from the accounts service,
// after any consent the user had to give (token-binding.ts).
import { WebhookStudioError } from '../errors';
import { t } from '../l10n';
import type { Account } from '../settings';
import { Chat2DeskClient } from './api';

/** The token for an account's API, after any consent the user had to give; or why there is none. */
export type TokenGrant = { kind: 'token'; token: string } | { kind: 'missing' } | { kind: 'refused'; message: string };

/** The user declined to send the token to this account's API origin. */
export class TokenNotSentError extends WebhookStudioError {
  readonly code = 'token-not-sent';
  constructor(message: string) {
    super(message, t('Retry to be asked again, or set a token for this API base URL.'));
  }
}

/** A client for the account's API; undefined without a token; TokenNotSentError when the user declined. */
export function clientForGrant(account: Account, grant: TokenGrant, timeoutMs: number): Chat2DeskClient | undefined {
  if (grant.kind === 'missing') return undefined;
  if (grant.kind === 'refused') throw new TokenNotSentError(grant.message);
  return new Chat2DeskClient({ baseUrl: account.apiBaseUrl, token: grant.token, timeoutMs });
}
