// Secrets never reach what the user sees or logs: a handler that echoes the token, a URL with a password.
import { signingKeyFromToken } from './signature';

export const REDACTED = '[redacted]';

/** What must never be shown for an API token: the token and the HMAC key derived from it. */
export function secretsOfToken(token: string | undefined): string[] {
  return token ? [token, signingKeyFromToken(token)] : [];
}

/** Replaces every occurrence of each secret (at least 4 characters, so nothing random is hit). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A URL without its password (`http://user:****@host/`); works on text that does not parse as a URL too. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:****@');
}
