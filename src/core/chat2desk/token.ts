// API tokens as text: what a token may look like (checked where the user types or pastes one), and
// hiding a token wherever a server echoes it back. The send path's header validator will take over
// the check once it exists in src/core; this one stays pure so both can share it.

/** Zero-width and other invisible characters that survive a copy from a web page or a chat. */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/u;

/** The token as typed or pasted, without surrounding ASCII whitespace (String.trim would also drop U+FEFF and U+00A0 silently). */
export const normalizeApiToken = (value: string) => value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

/** Why `value` cannot be a Chat2Desk API token, or undefined when it can. Names the first bad character. */
export function apiTokenProblem(value: string): string | undefined {
  const token = normalizeApiToken(value);
  if (token === '') return 'The token cannot be empty.';
  for (const [index, char] of [...token].entries()) {
    const code = char.codePointAt(0)!;
    const where = `at position ${index + 1}`;
    if (INVISIBLE.test(char)) return `The token contains an invisible character (U+${hex(code)}) ${where}; copy it again from Chat2Desk (Settings > API).`;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return `The token contains a control character (U+${hex(code)}) ${where}; copy it again from Chat2Desk (Settings > API).`;
    if (/\s/u.test(char)) return `The token contains a space ${where}; a token is one word.`;
    if (code > 0x7e) return `The token contains "${char}" (U+${hex(code)}) ${where}, which is not plain ASCII: it may be a look-alike of a Latin letter. Type or copy the token again.`;
  }
  return undefined;
}

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

export const HIDDEN_TOKEN = '[token hidden]';

/** `text` with every occurrence of the token (as is, and URL-encoded) replaced by a marker. */
export function hideToken(text: string, token: string | undefined): string {
  if (!token) return text;
  let result = text;
  for (const form of new Set([token, encodeURIComponent(token)])) result = result.split(form).join(HIDDEN_TOKEN);
  return result;
}
