// Which API origin a token may be sent to. A stored token is bound to the origin it was saved for;
// the CHAT2DESK_API_TOKEN fallback to the Chat2Desk API and local simulators. Anything else (a workspace
// settings.json pointing an account elsewhere, plain http:// beyond this machine) needs the user's consent.
import { t } from '../l10n';
import { DEFAULT_API_BASE_URL } from '../settings';

export interface TokenBinding {
  /** `https://api.chat2desk.com`: scheme, host and port, as URL.origin gives them. */
  origin: string;
  /** The user agreed to send the token to this origin over plain http. */
  plainHttpAllowed?: boolean;
}

export type TokenSource = 'stored' | 'environment';

export type ConsentReason = { kind: 'other-origin'; boundTo: string } | { kind: 'plain-http' };

export const DEFAULT_API_ORIGIN = new URL(DEFAULT_API_BASE_URL).origin;

/** The origin of an API base URL; undefined when it is not an absolute http(s) URL. */
export function apiOrigin(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export function isLoopbackOrigin(origin: string): boolean {
  const host = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

const plainHttpBeyondThisMachine = (origin: string) => origin.startsWith('http:') && !isLoopbackOrigin(origin);

/** Environment tokens carry no record of where they belong: the Chat2Desk API and loopback simulators. */
function environmentAllows(origin: string): boolean {
  return origin === DEFAULT_API_ORIGIN || isLoopbackOrigin(origin);
}

/**
 * Why the token must not go to `origin` without asking; undefined when it may. `binding`: what the user
 * agreed to so far (for a stored token, the origin it was saved for).
 */
export function consentNeeded(origin: string, source: TokenSource, binding: TokenBinding | undefined): ConsentReason | undefined {
  const agreed = binding?.origin === origin;
  if (!agreed && !(source === 'environment' && environmentAllows(origin)))
    return { kind: 'other-origin', boundTo: binding?.origin ?? (source === 'environment' ? DEFAULT_API_ORIGIN : 'no origin') };
  if (plainHttpBeyondThisMachine(origin) && !(agreed && binding?.plainHttpAllowed)) return { kind: 'plain-http' };
  return undefined;
}

/** What the user agrees to by sending the token to `origin`. */
export const bindingFor = (origin: string): TokenBinding => ({ origin, ...(plainHttpBeyondThisMachine(origin) ? { plainHttpAllowed: true } : {}) });

/** The question to ask, in words: title and detail of a modal dialog. Whole sentences, so each translates. */
export function consentQuestion(
  account: string,
  baseUrl: string,
  origin: string,
  source: TokenSource,
  reason: ConsentReason,
): { title: string; detail: string } {
  const detail =
    reason.kind === 'other-origin'
      ? source === 'environment'
        ? t(
            "The CHAT2DESK_API_TOKEN environment variable goes without asking only to {0} and to this machine, but the account's API base URL is now {1} (webhookStudio.accounts; a workspace's .vscode/settings.json can set it). A server there would receive your token. Send it only if you trust {2}.",
            DEFAULT_API_ORIGIN,
            baseUrl,
            origin,
          )
        : t(
            'The API token of "{0}" was saved for {1}, but the account\'s API base URL is now {2} (webhookStudio.accounts; a workspace\'s .vscode/settings.json can set it). A server there would receive your token. Send it only if you trust {3}.',
            account,
            reason.boundTo,
            baseUrl,
            origin,
          )
      : t(
          '{0} uses plain http://: your token would cross the network unencrypted, readable by anyone on the way. Use https:// unless this is a network you trust.',
          baseUrl,
        );
  return { title: t('Send your Chat2Desk API token to {0}?', origin), detail };
}

/** What the sidebar says when the user did not agree. */
export function notSentMessage(account: string, origin: string, source: TokenSource, reason: ConsentReason): string {
  if (reason.kind === 'plain-http') {
    return source === 'environment'
      ? t('The CHAT2DESK_API_TOKEN environment variable was not sent to {0}: it uses plain http:// beyond this machine.', origin)
      : t('The API token of "{0}" was not sent to {1}: it uses plain http:// beyond this machine.', account, origin);
  }
  return source === 'environment'
    ? t('The CHAT2DESK_API_TOKEN environment variable was not sent to {0}: it goes without asking only to {1} and to this machine.', origin, DEFAULT_API_ORIGIN)
    : t('The API token of "{0}" was not sent to {1}: it was saved for {2}.', account, origin, reason.boundTo);
}

/** A stored secret: the token and the origin it is bound to. Older versions stored the bare token. */
export interface StoredToken {
  token: string;
  binding: TokenBinding;
}

export function encodeStoredToken(stored: StoredToken): string {
  return JSON.stringify({ token: stored.token, ...stored.binding });
}

/** Bare tokens from before the binding are taken as saved for the Chat2Desk API itself. */
export function decodeStoredToken(secret: string): StoredToken {
  if (secret.startsWith('{')) {
    try {
      const { token, origin, plainHttpAllowed } = JSON.parse(secret) as { token?: unknown; origin?: unknown; plainHttpAllowed?: unknown };
      if (typeof token === 'string' && typeof origin === 'string')
        return { token, binding: { origin, ...(plainHttpAllowed === true ? { plainHttpAllowed: true } : {}) } };
    } catch {
      /* not ours: a bare token that starts with "{" */
    }
  }
  return { token: secret, binding: { origin: DEFAULT_API_ORIGIN } };
}
