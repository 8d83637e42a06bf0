// What goes on the wire is checked before any connection is made: header names and values HTTP can
// carry, and API tokens without invisible or look-alike characters. Pure; messages never repeat a value.
import { InvalidHeaderError, InvalidTokenError } from './errors';
import { t } from './l10n';

const describeChar = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
/** Characters that render as nothing and slip in with copy and paste (from a web page or a chat). */
// eslint-disable-next-line no-misleading-character-class -- combining marks and variation selectors are listed on purpose
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/u;

/**
 * Why a token cannot be a Chat2Desk API token, or undefined when it can. Names the character and its
 * position, never the token. Pure: the Set Token box's validateInput, and the check before signing.
 * (Surrounding whitespace from a paste is the caller's to trim: see normalizeApiToken.)
 */
export function checkToken(token: string): string | undefined {
  if (token === '') return t('The token cannot be empty.');
  let position = 0;
  for (const ch of token) {
    position++;
    const code = ch.codePointAt(0)!;
    const where = t('at position {0}', position);
    if (INVISIBLE.test(ch))
      return t('The token contains an invisible character ({0}) {1}; copy it again from Chat2Desk (Settings > API).', describeChar(ch), where);
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0))
      return t('The token contains a control character ({0}) {1}; copy it again from Chat2Desk (Settings > API).', describeChar(ch), where);
    if (/\s/u.test(ch)) return t('The token contains a space {0}; a token is one word.', where);
    if (code > 0x7e)
      return t(
        'The token contains "{0}" ({1}) {2}, which is not plain ASCII: it may be a look-alike of a Latin letter. Type or copy the token again.',
        ch,
        describeChar(ch),
        where,
      );
  }
  return undefined;
}

export function assertToken(token: string): void {
  const problem = checkToken(token);
  if (problem) throw new InvalidTokenError(problem);
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Why a header cannot be sent (a name HTTP does not allow, a value with CR/LF or beyond Latin-1), or undefined. Never repeats the value. */
export function checkHeader(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name))
    return t(
      'The header name "{0}" is not a valid HTTP header name (letters, digits and !#$%&\'*+-.^_`|~ only; no spaces or colons).',
      name.replace(/[^\x20-\x7e]/g, '?'),
    );
  let position = 0;
  for (const ch of value) {
    position++;
    const code = ch.codePointAt(0)!;
    if (ch === '\r' || ch === '\n') return t('The header "{0}" has a line break in its value (position {1}): headers are one line.', name, position);
    if (INVISIBLE.test(ch) && code > 0xff)
      return t('The header "{0}" has an invisible character ({1}) in its value at position {2}.', name, describeChar(ch), position);
    if ((code < 0x20 && ch !== '\t') || code === 0x7f || code > 0xff)
      return t(
        'The header "{0}" has the character {1} in its value at position {2}, which HTTP headers cannot carry (ASCII only).',
        name,
        describeChar(ch),
        position,
      );
  }
  return undefined;
}

export function checkHeaders(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const problem = checkHeader(name, value);
    if (problem) return problem;
  }
  return undefined;
}

export function assertHeaders(headers: Record<string, string>): void {
  const problem = checkHeaders(headers);
  if (problem) throw new InvalidHeaderError(problem);
}
