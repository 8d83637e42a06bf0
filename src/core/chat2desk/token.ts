// API tokens as text: trimming a pasted token, and hiding a token wherever a server echoes it back.
// What a token may contain is checked by checkToken (core/wire-checks.ts).

/** The token as typed or pasted, without surrounding ASCII whitespace (String.trim would also drop U+FEFF and U+00A0 silently). */
export const normalizeApiToken = (value: string) => value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

export const HIDDEN_TOKEN = '[token hidden]';

/** `text` with every occurrence of the token (as is, and URL-encoded) replaced by a marker. */
export function hideToken(text: string, token: string | undefined): string {
  if (!token) return text;
  let result = text;
  for (const form of new Set([token, encodeURIComponent(token)])) result = result.split(form).join(HIDDEN_TOKEN);
  return result;
}
