// Secrets never reach a capture: the API token and its signing key (a sender, or a handler echoing
// what it got, may carry them) and a forward URL's password (in the URL, and in the Basic credentials
// sent for it). They are replaced when the capture is made, so the history files, the panel, the tree,
// the CLI's lines and saved fixtures all hold `[redacted]` only.
import { redactSecrets } from '../redact';
import type { Capture, CapturedResponse } from './capture';

/** The forms a secret takes in what a capture holds: as is, percent-encoded (a URL), JSON-escaped. Longest first. */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    const json = JSON.stringify(secret).slice(1, -1);
    for (const form of [secret, encodeURIComponent(secret), json, json.replace(/\//g, '\\/')]) forms.add(form);
  }
  // A form that contains another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** What a URL's user info gives away: the password as written and decoded, and the Basic credentials Node sends for it. */
export function urlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const parsed = new URL(url);
    if (!parsed.password) return [];
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    return [parsed.password, password, Buffer.from(`${user}:${password}`).toString('base64')];
  } catch {
    return [];
  }
}

/** The longest form, so a body cut at the storage limit is redacted over what lies just past the cut. */
export const longestForm = (forms: readonly string[]): number => Math.max(0, ...forms.map((f) => Buffer.byteLength(f)));

/** Body bytes with every form replaced (on the bytes: binary bodies too), or undefined when none occurs. */
export function redactBytes(bytes: Buffer, forms: readonly string[]): Buffer | undefined {
  if (forms.length === 0) return undefined;
  const latin1 = bytes.toString('latin1');
  const redacted = redactSecrets(
    latin1,
    forms.map((f) => Buffer.from(f).toString('latin1')),
  );
  return redacted === latin1 ? undefined : Buffer.from(redacted, 'latin1');
}

/** The capture with every form of every secret replaced in what the sender and the handler wrote (the body is the caller's). */
export function redactCapture(capture: Capture, forms: readonly string[]): Capture {
  if (forms.length === 0) return capture;
  const r = (text: string) => redactSecrets(text, forms);
  const response = (answer: CapturedResponse): CapturedResponse => ({
    status: answer.status,
    headers: Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, r(v)])),
    body: r(answer.body),
  });
  const { signature, payload, forward } = capture;
  return {
    ...capture,
    path: r(capture.path),
    query: r(capture.query),
    headers: Object.fromEntries(Object.entries(capture.headers).map(([k, v]) => [k, r(v)])),
    signature: { ...signature, explanation: r(signature.explanation) },
    payload: {
      ...payload,
      ...(payload.event !== undefined ? { event: r(payload.event) } : {}),
      issues: payload.issues.map((i) => ({ path: r(i.path), message: r(i.message) })),
      explanation: r(payload.explanation),
    },
    reply: response(capture.reply),
    ...(forward
      ? {
          forward: {
            ...forward,
            url: r(forward.url),
            ...(forward.response ? { response: response(forward.response) } : {}),
            ...(forward.error !== undefined ? { error: r(forward.error) } : {}),
          },
        }
      : {}),
  };
}
