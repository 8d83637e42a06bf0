// The vocabulary every layer shares about a payload: which platform it belongs to and how its body is
// written on the wire. A leaf: it imports nothing, so anything may import it.

export type Provider = 'chat2desk' | 'iqchannels';

/** How the platforms are named to people. */
export const PROVIDER_NAMES: Record<Provider, string> = { chat2desk: 'Chat2Desk', iqchannels: 'IQChannels' };
/**
 * compact: whitespace removed (what Chat2Desk sends); asWritten: the text as written; escaped: compact,
 * with non-ASCII as \u00e9 and / as \/ (what PHP's json_encode writes), to catch a handler that verifies
 * over re-serialised JSON. Every literal is kept in all three.
 */
export const BODY_FORMATS = ['compact', 'asWritten', 'escaped'] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

export function isBodyFormat(value: unknown): value is BodyFormat {
  return (BODY_FORMATS as readonly unknown[]).includes(value);
}
