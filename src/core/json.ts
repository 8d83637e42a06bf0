// Payload text handling that never rewrites a literal: the bytes signed are the bytes sent.
import type { TextPosition } from './errors';
import { compactJsonBytes } from './json-scan';
import { parsePayloadDocument, payloadBody } from './payload';
import type { BodyFormat, Provider } from './provider';

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

/**
 * Parses a payload strictly (no comments, no trailing commas, a nesting limit) and requires a top-level
 * object. `source` names the file in messages. Prefer `parsePayloadDocument` (payload.ts), which keeps positions.
 */
export function parsePayload(text: string, source?: string): Record<string, unknown> {
  return parsePayloadDocument(text, source).value();
}

/**
 * Removes insignificant whitespace and nothing else: every token is copied exactly as written, so
 * big integers, `1.0`, `1e3` and `\u00e9` escapes survive. The input must be valid JSON (callers parse
 * it first). A byte order mark is dropped. One pass over the UTF-8 bytes.
 */
export function compactJson(text: string): string {
  return compactJsonBytes(Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8')).toString('utf8');
}

/**
 * The exact body text to send for a payload, checked first (errors point into the text as written).
 * Every top-level "$schema" member is the editor opt-in, which Chat2Desk never sends: those members are
 * cut out, so every other literal stays as written.
 */
export function prepareBody(text: string, format: BodyFormat, source?: string): { body: string; payload: Record<string, unknown> } {
  const document = parsePayloadDocument(text, source);
  const { $schema: _optIn, ...payload } = document.value();
  return { body: payloadBody(document, format).toString('utf8'), payload };
}

/** Which platform a payload belongs to, from its content alone. */
export function detectProvider(payload: unknown): Provider | undefined {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const record = payload as Record<string, unknown>;
  if (typeof record.hook_type === 'string') return 'chat2desk';
  if (record.ChatEvent !== null && typeof record.ChatEvent === 'object') return 'iqchannels';
  return undefined;
}
